import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
} from 'typeorm';
import { UserEntity } from '../../auth/user.entity';
import { ProjectEntity } from '../../projects/project.entity';
import { WorkspaceEntity } from '../../workspaces/workspace.entity';

export enum ProjectImportStatus {
  QUEUED = 'QUEUED',
  RUNNING = 'RUNNING',
  READY = 'READY',
  FAILED = 'FAILED',
}

export type ProjectImportKind = 'QDPX' | 'QDC';

export interface ProjectImportCounts {
  transcripts: number;
  codes: number;
  codings: number;
}

/** A REFI-QDA file (.qdpx or .qdc) being made into a new project of a workspace. */
@Entity('project_import')
@Index(['workspaceId', 'createdAt'])
@Index('IDX_project_import_unfinished', ['status', 'updatedAt'])
export class ProjectImportEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @ManyToOne(() => WorkspaceEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'workspace_id' })
  workspace?: WorkspaceEntity;

  @Column({ type: 'uuid' })
  workspaceId!: string;

  /** The project made, once READY. */
  @ManyToOne(() => ProjectEntity, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'project_id' })
  project?: ProjectEntity;

  @Column({ type: 'uuid', nullable: true })
  projectId!: string | null;

  @Column({ type: 'varchar', length: 8 })
  kind!: ProjectImportKind;

  @Column({ type: 'varchar', length: 300 })
  filename!: string;

  @Column({ type: 'bigint', transformer: { to: (v: number) => v, from: (v: string) => Number(v) } })
  byteSize!: number;

  /** Key of the uploaded file in the file store, removed when the import ends. */
  @Column({ type: 'varchar', length: 200 })
  storageKey!: string;

  @Column({
    type: 'enum',
    enum: ProjectImportStatus,
    enumName: 'project_import_status',
    default: ProjectImportStatus.QUEUED,
  })
  status!: ProjectImportStatus;

  @Column({ type: 'real', default: 0 })
  progress!: number;

  /** Why it FAILED, a sentence for the person importing. */
  @Column({ type: 'text', nullable: true })
  error!: string | null;

  /** What was left out or changed: `{ code, message }[]`. */
  @Column({ type: 'jsonb', default: () => "'[]'" })
  warnings!: { code: string; message: string }[];

  @Column({ type: 'jsonb', nullable: true })
  counts!: ProjectImportCounts | null;

  @ManyToOne(() => UserEntity, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'requested_by_id' })
  requestedBy?: UserEntity;

  @Column({ type: 'uuid', nullable: true })
  requestedById!: string | null;

  /** Part of the job id of this work; raised each time the work is queued again. */
  @Column({ type: 'integer', default: 0 })
  jobGeneration!: number;

  /** How often the reconciler queued this work again because its job was lost. */
  @Column({ type: 'integer', default: 0 })
  requeues!: number;

  @CreateDateColumn({ type: 'timestamptz', precision: 3 })
  createdAt!: Date;

  @UpdateDateColumn({ type: 'timestamptz', precision: 3 })
  updatedAt!: Date;
}
