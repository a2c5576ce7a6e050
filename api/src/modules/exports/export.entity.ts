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
import { UserEntity } from '../auth/user.entity';
import { ProjectEntity } from '../projects/project.entity';
import { ExportFormat, ExportKind } from './export-renderer';

export enum ExportStatus {
  QUEUED = 'QUEUED',
  RUNNING = 'RUNNING',
  READY = 'READY',
  FAILED = 'FAILED',
}

/**
 * One file someone asked for (a report, the highlights, the codebook, the whole project). Rendered
 * by a job; the file is kept in the FileStore under `fileKey` until EXPORT_RETENTION, then removed
 * (the row stays a while longer, marked expired, so its link answers 410 Gone).
 */
@Entity('export')
/** A user's exports in a project, newest first (`exports(projectId)`). */
@Index(['requestedById', 'projectId', 'createdAt'])
/** Unfinished work, for the reconciler (partial index, in the Exports migration). */
@Index('IDX_export_unfinished', { synchronize: false })
/** Old exports, for retention. */
@Index(['createdAt'])
export class ExportEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @ManyToOne(() => ProjectEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'project_id' })
  project?: ProjectEntity;

  @Column({ type: 'uuid' })
  projectId!: string;

  /** The project's workspace, kept here so access checks need no join. */
  @Column({ type: 'uuid' })
  workspaceId!: string;

  @Column({ type: 'enum', enum: ExportKind, enumName: 'export_kind' })
  kind!: ExportKind;

  @Column({ type: 'enum', enum: ExportFormat, enumName: 'export_format' })
  format!: ExportFormat;

  /** What is exported when it is not the whole project (a report's id); no foreign key. */
  @Column({ type: 'uuid', nullable: true })
  subjectId!: string | null;

  /** Kind-specific options (e.g. the highlight filter), as the renderer reads them. */
  @Column({ type: 'jsonb', default: {} })
  params!: Record<string, unknown>;

  @Column({
    type: 'enum',
    enum: ExportStatus,
    enumName: 'export_status',
    default: ExportStatus.QUEUED,
  })
  status!: ExportStatus;

  /** 0..100. */
  @Column({ type: 'smallint', default: 0 })
  progress!: number;

  /** The download's name, decided when the export is asked for. */
  @Column({ type: 'varchar', length: 255 })
  filename!: string;

  /** Where the file is in the FileStore once READY; null before, and after retention. */
  @Column({ type: 'varchar', length: 200, nullable: true })
  fileKey!: string | null;

  @Column({ type: 'integer', nullable: true })
  byteSize!: number | null;

  /** A sentence for the user when FAILED. */
  @Column({ type: 'text', nullable: true })
  error!: string | null;

  /** Whether retryExport may queue a FAILED export again. */
  @Column({ type: 'boolean', default: true })
  retryable!: boolean;

  @ManyToOne(() => UserEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'requested_by_id' })
  requestedBy?: UserEntity;

  /** Who asked; the only user who sees the export. */
  @Column({ type: 'uuid' })
  requestedById!: string;

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

  @Column({ type: 'timestamptz', precision: 3, nullable: true })
  finishedAt!: Date | null;

  /** When retention removed the file; its download answers 410 Gone from then on. */
  @Column({ type: 'timestamptz', precision: 3, nullable: true })
  expiredAt!: Date | null;
}
