import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryColumn,
  PrimaryGeneratedColumn,
} from 'typeorm';
import { UserEntity } from '../auth/user.entity';
import { ProjectEntity } from '../projects/project.entity';

/** What a comment is about; `target_id` is an id of that kind. */
export enum CommentTargetType {
  HIGHLIGHT = 'HIGHLIGHT',
  SEGMENT = 'SEGMENT',
  TRANSCRIPT = 'TRANSCRIPT',
  THEME = 'THEME',
  INSIGHT = 'INSIGHT',
}

/**
 * A comment on a highlight, turn, transcript, theme or insight. A thread is a root comment
 * (`parent_id` null) and its replies, one level deep. `project_id` is the target's project,
 * written when the comment is added, so access to a comment is decided like access to its target.
 * A deleted root that has replies keeps its place: its body is emptied and `deleted_at` set.
 */
@Entity('comment')
// A target's threads (and their counts), oldest first.
@Index('IDX_comment_target', ['targetType', 'targetId', 'createdAt', 'id'])
// A thread's replies, in order.
@Index('IDX_comment_parent', ['parentId', 'createdAt', 'id'])
export class CommentEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @ManyToOne(() => ProjectEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'project_id' })
  project?: ProjectEntity;

  @Index('IDX_comment_project')
  @Column({ type: 'uuid' })
  projectId!: string;

  @Column({ type: 'enum', enum: CommentTargetType, enumName: 'comment_target_type' })
  targetType!: CommentTargetType;

  @Column({ type: 'uuid' })
  targetId!: string;

  /** The thread's root; null for a root. */
  @ManyToOne(() => CommentEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'parent_id' })
  parent?: CommentEntity;

  @Column({ type: 'uuid', nullable: true })
  parentId!: string | null;

  @ManyToOne(() => UserEntity, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'author_id' })
  author?: UserEntity;

  @Column({ type: 'uuid', nullable: true })
  authorId!: string | null;

  /** Markdown, stored as written (trimmed); empty once deleted. */
  @Column({ type: 'text' })
  body!: string;

  @Column({ type: 'timestamptz', precision: 3, nullable: true })
  editedAt!: Date | null;

  @Column({ type: 'timestamptz', precision: 3, nullable: true })
  deletedAt!: Date | null;

  /** Set on a thread's root when the thread is resolved. */
  @Column({ type: 'timestamptz', precision: 3, nullable: true })
  resolvedAt!: Date | null;

  @ManyToOne(() => UserEntity, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'resolved_by_id' })
  resolvedBy?: UserEntity;

  @Column({ type: 'uuid', nullable: true })
  resolvedById!: string | null;

  @CreateDateColumn({ type: 'timestamptz', precision: 3 })
  createdAt!: Date;
}

/**
 * A person mentioned in a comment who can see its target (mentions of anyone else are dropped
 * when the comment is added): what mention notifications are made from.
 */
@Entity('comment_mention')
@Index('IDX_comment_mention_user', ['userId'])
export class CommentMentionEntity {
  @PrimaryColumn({ type: 'uuid' })
  commentId!: string;

  @PrimaryColumn({ type: 'uuid' })
  userId!: string;

  @ManyToOne(() => CommentEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'comment_id' })
  comment?: CommentEntity;

  @ManyToOne(() => UserEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id' })
  user?: UserEntity;

  @CreateDateColumn({ type: 'timestamptz', precision: 3 })
  createdAt!: Date;
}

/** One person's reaction with one emoji to a comment (at most once: the primary key). */
@Entity('comment_reaction')
@Index('IDX_comment_reaction_user', ['userId'])
export class CommentReactionEntity {
  @PrimaryColumn({ type: 'uuid' })
  commentId!: string;

  @PrimaryColumn({ type: 'uuid' })
  userId!: string;

  @PrimaryColumn({ type: 'varchar', length: 32 })
  emoji!: string;

  @ManyToOne(() => CommentEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'comment_id' })
  comment?: CommentEntity;

  @ManyToOne(() => UserEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id' })
  user?: UserEntity;

  @CreateDateColumn({ type: 'timestamptz', precision: 3 })
  createdAt!: Date;
}
