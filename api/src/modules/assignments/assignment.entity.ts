import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
} from 'typeorm';
import { UserEntity } from '../auth/user.entity';
import { BoardThemeEntity } from '../boards/board.entity';
import { ProjectEntity } from '../projects/project.entity';
import { TranscriptEntity } from '../transcripts/transcript.entity';

/** What is given to someone: a transcript to code, or a board's theme to review. */
export enum AssignmentTargetType {
  TRANSCRIPT = 'TRANSCRIPT',
  THEME = 'THEME',
}

/**
 * A transcript or theme given to one member, with an optional due date and note, open until
 * it is marked done. The target is a real foreign key (exactly one of `transcript_id` and
 * `theme_id`, as `target_type` says), so deleting it deletes its assignments; a target is given
 * to a person at most once (the two partial unique indexes), and giving it again updates that row.
 */
@Entity('assignment')
@Check(
  'CHK_assignment_target',
  `("target_type" = 'TRANSCRIPT' AND "transcript_id" IS NOT NULL AND "theme_id" IS NULL) OR ("target_type" = 'THEME' AND "theme_id" IS NOT NULL AND "transcript_id" IS NULL)`,
)
/** One row per transcript and person, per theme and person (partial, in the migration). */
@Index('UQ_assignment_transcript_assignee', { synchronize: false })
@Index('UQ_assignment_theme_assignee', { synchronize: false })
/** Open assignments whose due-soon reminder is still to send (partial, in the migration). */
@Index('IDX_assignment_due_soon', { synchronize: false })
/** A person's work by due date. */
@Index('IDX_assignment_assignee_due', ['assigneeId', 'dueAt'])
@Index('IDX_assignment_project', ['projectId'])
export class AssignmentEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @ManyToOne(() => ProjectEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'project_id' })
  project?: ProjectEntity;

  @Column({ type: 'uuid' })
  projectId!: string;

  @Column({ type: 'enum', enum: AssignmentTargetType, enumName: 'assignment_target_type' })
  targetType!: AssignmentTargetType;

  @ManyToOne(() => TranscriptEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'transcript_id' })
  transcript?: TranscriptEntity;

  @Column({ type: 'uuid', nullable: true })
  transcriptId!: string | null;

  @ManyToOne(() => BoardThemeEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'theme_id' })
  theme?: BoardThemeEntity;

  @Column({ type: 'uuid', nullable: true })
  themeId!: string | null;

  @ManyToOne(() => UserEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'assignee_id' })
  assignee?: UserEntity;

  @Column({ type: 'uuid' })
  assigneeId!: string;

  /** Who assigned it last; null once that account is gone. */
  @ManyToOne(() => UserEntity, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'assigned_by_id' })
  assignedBy?: UserEntity;

  @Column({ type: 'uuid', nullable: true })
  assignedById!: string | null;

  @Column({ type: 'timestamptz', precision: 3, nullable: true })
  dueAt!: Date | null;

  @Column({ type: 'varchar', length: 500, default: '' })
  note!: string;

  /** Set when it was marked done; null while open. */
  @Column({ type: 'timestamptz', precision: 3, nullable: true })
  doneAt!: Date | null;

  /**
   * When the due-soon reminder went out (or was not needed: assigned less than a day before its
   * due date). Set by the same UPDATE that claims the reminder, so two workers send it once.
   */
  @Column({ type: 'timestamptz', precision: 3, nullable: true })
  dueNotifiedAt!: Date | null;

  @CreateDateColumn({ type: 'timestamptz', precision: 3 })
  createdAt!: Date;

  @Column({ type: 'timestamptz', precision: 3, default: () => 'now()' })
  updatedAt!: Date;
}
