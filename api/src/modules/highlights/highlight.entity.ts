import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryColumn,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
} from 'typeorm';
import { UserEntity } from '../auth/user.entity';
import { ParticipantEntity } from '../participants/participant.entity';
import { TagEntity } from '../tags/tag.entity';
import { SegmentEntity } from '../transcripts/segment.entity';
import { TranscriptEntity } from '../transcripts/transcript.entity';

/**
 * A highlight, anchored like a W3C Web Annotation: a text position (segment + UTF-16 offset at
 * each end) and a text-quote selector (the exact quote with a little prefix and suffix).
 */
@Entity('highlight')
@Index(['projectId', 'createdAt'])
@Index(['transcriptId'])
@Index(['startSegmentId'])
@Index(['endSegmentId'])
@Index(['participantId'])
export class HighlightEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @ManyToOne(() => TranscriptEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'transcript_id' })
  transcript?: TranscriptEntity;

  @Column({ type: 'uuid' })
  transcriptId!: string;

  /** Denormalised from the transcript for project-wide filters. */
  @Column({ type: 'uuid' })
  projectId!: string;

  @ManyToOne(() => SegmentEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'start_segment_id' })
  startSegment?: SegmentEntity;

  @Column({ type: 'uuid' })
  startSegmentId!: string;

  @Column({ type: 'integer' })
  startOffset!: number;

  /**
   * Denormalised index of the start turn, so that tag views sort thousands of highlights by
   * position without reading their turns; kept by splits and merges of turns, the only changes
   * of turn indexes (turn-references.ts).
   */
  @Column({ type: 'integer' })
  startIndex!: number;

  @ManyToOne(() => SegmentEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'end_segment_id' })
  endSegment?: SegmentEntity;

  @Column({ type: 'uuid' })
  endSegmentId!: string;

  @Column({ type: 'integer' })
  endOffset!: number;

  @Column({ type: 'text' })
  quote!: string;

  @Column({ type: 'varchar', length: 64 })
  prefix!: string;

  @Column({ type: 'varchar', length: 64 })
  suffix!: string;

  @Column({ type: 'text', nullable: true })
  note!: string | null;

  /**
   * Denormalised attribution: the first covered turn whose participant is not an interviewer,
   * else the start turn's. Set on create, recomputed when a turn's speaker changes.
   */
  @ManyToOne(() => ParticipantEntity, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'participant_id' })
  participant?: ParticipantEntity;

  @Column({ type: 'uuid', nullable: true })
  participantId!: string | null;

  /** Set when a correction of its text could not re-anchor it; the quote is then the old text. */
  @Column({ type: 'boolean', default: false })
  needsAttention!: boolean;

  @ManyToOne(() => UserEntity, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'author_id' })
  author?: UserEntity;

  @Column({ type: 'uuid', nullable: true })
  authorId!: string | null;

  @CreateDateColumn({ type: 'timestamptz', precision: 3 })
  createdAt!: Date;

  @UpdateDateColumn({ type: 'timestamptz', precision: 3 })
  updatedAt!: Date;
}

export enum TagSource {
  HUMAN = 'HUMAN',
  SUGGESTION = 'SUGGESTION',
}

@Entity('highlight_tag')
@Index(['tagId', 'highlightId'])
export class HighlightTagEntity {
  @PrimaryColumn({ type: 'uuid' })
  highlightId!: string;

  @PrimaryColumn({ type: 'uuid' })
  tagId!: string;

  @ManyToOne(() => HighlightEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'highlight_id' })
  highlight?: HighlightEntity;

  @ManyToOne(() => TagEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'tag_id' })
  tag?: TagEntity;

  @Column({ type: 'enum', enum: TagSource, enumName: 'tag_source', default: TagSource.HUMAN })
  source!: TagSource;

  @CreateDateColumn({ type: 'timestamptz', precision: 3 })
  createdAt!: Date;
}
