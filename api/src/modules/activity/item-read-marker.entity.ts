import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { UserEntity } from '../auth/user.entity';
import { BoardEntity } from '../boards/board.entity';
import { TranscriptEntity } from '../transcripts/transcript.entity';

/**
 * When a user last opened a transcript: highlights others made after it are "new" to them,
 * and a transcript they never opened is "new" in the project's list.
 */
@Entity('transcript_read_marker')
/** Deleting a transcript deletes its markers. */
@Index('IDX_transcript_read_marker_transcript', ['transcriptId'])
export class TranscriptReadMarkerEntity {
  @PrimaryColumn({ type: 'uuid' })
  userId!: string;

  @PrimaryColumn({ type: 'uuid' })
  transcriptId!: string;

  @ManyToOne(() => UserEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id' })
  user?: UserEntity;

  @ManyToOne(() => TranscriptEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'transcript_id' })
  transcript?: TranscriptEntity;

  @Column({ type: 'timestamptz', precision: 3 })
  seenAt!: Date;
}

/**
 * The board version a user last had in front of them: a board whose version has grown since
 * was changed while they were away.
 */
@Entity('board_read_marker')
/** Deleting a board deletes its markers. */
@Index('IDX_board_read_marker_board', ['boardId'])
export class BoardReadMarkerEntity {
  @PrimaryColumn({ type: 'uuid' })
  userId!: string;

  @PrimaryColumn({ type: 'uuid' })
  boardId!: string;

  @ManyToOne(() => UserEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id' })
  user?: UserEntity;

  @ManyToOne(() => BoardEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'board_id' })
  board?: BoardEntity;

  @Column({ type: 'int' })
  seenVersion!: number;

  @Column({ type: 'timestamptz', precision: 3 })
  seenAt!: Date;
}
