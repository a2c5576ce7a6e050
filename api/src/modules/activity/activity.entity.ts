import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
} from 'typeorm';
import { UserEntity } from '../auth/user.entity';
import { WorkspaceEntity } from '../workspaces/workspace.entity';

/** Append-only log of who did what, when: the source for "what changed since I last looked". */
@Entity('activity')
@Index(['workspaceId', 'createdAt'])
/** A project's events newest first, in the list's keyset order (ActivityProjectIndex migration). */
@Index('IDX_activity_project_created', { synchronize: false })
export class ActivityEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @ManyToOne(() => WorkspaceEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'workspace_id' })
  workspace?: WorkspaceEntity;

  @Column({ type: 'uuid' })
  workspaceId!: string;

  /** Set when the event belongs to one project. */
  @Column({ type: 'uuid', nullable: true })
  projectId!: string | null;

  @ManyToOne(() => UserEntity, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'actor_id' })
  actor?: UserEntity;

  @Column({ type: 'uuid', nullable: true })
  actorId!: string | null;

  /** e.g. member.invited, member.joined, member.role_changed, project.created, transcript.uploaded */
  @Column({ type: 'varchar', length: 64 })
  verb!: string;

  /** A sentence for people, written when the event happened. */
  @Column({ type: 'varchar', length: 500 })
  summary!: string;

  @Column({ type: 'jsonb', default: {} })
  data!: Record<string, unknown>;

  @CreateDateColumn({ type: 'timestamptz', precision: 3 })
  createdAt!: Date;
}
