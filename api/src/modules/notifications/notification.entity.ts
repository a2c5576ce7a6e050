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
import { ProjectEntity } from '../projects/project.entity';

/** Why someone is told about something. */
export enum NotificationKind {
  MENTION = 'MENTION',
  REPLY = 'REPLY',
  ASSIGNMENT = 'ASSIGNMENT',
  RUN_FINISHED = 'RUN_FINISHED',
  EXPORT_READY = 'EXPORT_READY',
  /** Something assigned to you is due within a day (sent once per assignment and due date). */
  DUE_SOON = 'DUE_SOON',
  /** An export the user asked for failed for good (its reason, and Retry where it is listed). */
  EXPORT_FAILED = 'EXPORT_FAILED',
}

/** What a notification is about: the place the client opens. */
export enum NotificationTargetType {
  HIGHLIGHT = 'HIGHLIGHT',
  SEGMENT = 'SEGMENT',
  TRANSCRIPT = 'TRANSCRIPT',
  THEME = 'THEME',
  INSIGHT = 'INSIGHT',
  ANALYSIS_RUN = 'ANALYSIS_RUN',
  BOARD = 'BOARD',
  /** An export the user asked for (EXPORT_READY, EXPORT_FAILED); the client opens the project's exports. */
  EXPORT = 'EXPORT',
}

/**
 * Something one user is told about: written by the feature where it happened (a mention, a
 * finished analysis run), read and marked read by that user only. The target is kept as ids
 * without foreign keys (it may be deleted later; the notification stays, and opening it says
 * the thing is gone); the project is a foreign key, so a deleted project takes its
 * notifications with it.
 */
@Entity('notification')
/** A user's notifications, newest first (created in the Notifications migration). */
@Index('IDX_notification_user_created', { synchronize: false })
/** A user's unread notifications: the count and the unread-only list (partial index). */
@Index('IDX_notification_user_unread', { synchronize: false })
/** A producer's key: a job retried after a crash notifies once (partial unique index). */
@Index('UQ_notification_user_dedupe', { synchronize: false })
/** Deleting a project deletes its notifications. */
@Index('IDX_notification_project', ['projectId'])
export class NotificationEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @ManyToOne(() => UserEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id' })
  user?: UserEntity;

  @Column({ type: 'uuid' })
  userId!: string;

  @Column({ type: 'enum', enum: NotificationKind, enumName: 'notification_kind' })
  kind!: NotificationKind;

  /** Who did it; null for the system (a run finishing) or once that user is deleted. */
  @ManyToOne(() => UserEntity, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'actor_id' })
  actor?: UserEntity;

  @Column({ type: 'uuid', nullable: true })
  actorId!: string | null;

  @ManyToOne(() => ProjectEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'project_id' })
  project?: ProjectEntity;

  @Column({ type: 'uuid' })
  projectId!: string;

  @Column({ type: 'enum', enum: NotificationTargetType, enumName: 'notification_target_type' })
  targetType!: NotificationTargetType;

  @Column({ type: 'uuid' })
  targetId!: string;

  /** The transcript the target lies in (a highlight, a turn, a transcript), for opening it. */
  @Column({ type: 'uuid', nullable: true })
  transcriptId!: string | null;

  /** The board the target lies on (a theme, a board). */
  @Column({ type: 'uuid', nullable: true })
  boardId!: string | null;

  @Column({ type: 'varchar', length: 500 })
  summary!: string;

  /** The comment it is about (a mention, a reply), so an e-mail can quote it. */
  @Column({ type: 'uuid', nullable: true })
  commentId!: string | null;

  /** Set by producers that may run twice for one event; unique per user. */
  @Column({ type: 'varchar', length: 200, nullable: true })
  dedupeKey!: string | null;

  @Column({ type: 'timestamptz', precision: 3, nullable: true })
  readAt!: Date | null;

  @CreateDateColumn({ type: 'timestamptz', precision: 3 })
  createdAt!: Date;
}
