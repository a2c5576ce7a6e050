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
import { HighlightEntity } from '../highlights/highlight.entity';
import { SegmentEntity } from '../transcripts/segment.entity';
import { TranscriptEntity } from '../transcripts/transcript.entity';
import { AnalysisRunEntity } from './analysis-run.entity';

export enum SuggestionStatus {
  PENDING = 'PENDING',
  ACCEPTED = 'ACCEPTED',
  REJECTED = 'REJECTED',
}

/** How a suggestion's quote was found in the transcript (see groundQuote in @verbatim/analysis). */
export enum MatchKind {
  /** The same characters. */
  EXACT = 'EXACT',
  /** The same words once case, punctuation, quotes, dashes, whitespace and accents are set aside. */
  NORMALISED = 'NORMALISED',
  /** Close (similarity ≥ 0.85) with the same negations and numbers; never accepted in bulk. */
  FUZZY = 'FUZZY',
}

/**
 * A proposed highlight, grounded: its positions were resolved in the transcript and `quote` is
 * the transcript's own text between them. DEDUCTIVE suggestions carry codebook tags; INDUCTIVE
 * ones a proposed theme. Rejected suggestions are kept so that they are not proposed again.
 */
@Entity('suggestion')
@Index(['runId', 'transcriptId', 'startIndex'])
@Index(['transcriptId', 'status'])
@Index(['runId', 'fingerprint'], { unique: true })
@Index('IDX_suggestion_project_status', ['projectId', 'status'])
@Index('IDX_suggestion_run_status', ['runId', 'status'])
export class SuggestionEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @ManyToOne(() => AnalysisRunEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'run_id' })
  run?: AnalysisRunEntity;

  @Column({ type: 'uuid' })
  runId!: string;

  @Column({ type: 'uuid' })
  projectId!: string;

  @ManyToOne(() => TranscriptEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'transcript_id' })
  transcript?: TranscriptEntity;

  @Column({ type: 'uuid' })
  transcriptId!: string;

  @Column({ type: 'integer' })
  chunkIndex!: number;

  @ManyToOne(() => SegmentEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'start_segment_id' })
  startSegment?: SegmentEntity;

  @Column({ type: 'uuid' })
  startSegmentId!: string;

  @Column({ type: 'integer' })
  startIndex!: number;

  @Column({ type: 'integer' })
  startOffset!: number;

  @ManyToOne(() => SegmentEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'end_segment_id' })
  endSegment?: SegmentEntity;

  @Column({ type: 'uuid' })
  endSegmentId!: string;

  @Column({ type: 'integer' })
  endIndex!: number;

  @Column({ type: 'integer' })
  endOffset!: number;

  @Column({ type: 'text' })
  quote!: string;

  /** Codebook tags proposed (DEDUCTIVE), most confident first. */
  @Column({ type: 'uuid', array: true, default: () => "'{}'" })
  tagIds!: string[];

  /** Each proposed tag's own confidence (0..1), in the order of `tagIds`. */
  @Column({ type: 'real', array: true, default: () => "'{}'" })
  tagConfidences!: number[];

  /** A proposed new theme (INDUCTIVE). */
  @Column({ type: 'varchar', length: 100, nullable: true })
  themeName!: string | null;

  @Column({ type: 'text', nullable: true })
  themeDefinition!: string | null;

  @Column({ type: 'text' })
  rationale!: string;

  /** The first tag's confidence (DEDUCTIVE: the highest of `tagConfidences`), or the theme quote's. */
  @Column({ type: 'real' })
  confidence!: number;

  /** How the quote was found; null for suggestions made before this was recorded. */
  @Column({
    type: 'enum',
    enum: MatchKind,
    enumName: 'suggestion_match_kind',
    nullable: true,
  })
  matchKind!: MatchKind | null;

  /** 1 for EXACT and NORMALISED matches, the similarity (0.85..1) of a FUZZY one. */
  @Column({ type: 'real', nullable: true })
  matchSimilarity!: number | null;

  /** Text instructing a model was in the quote or the chunk the model read; see flagReason. */
  @Column({ type: 'boolean', default: false })
  flagged!: boolean;

  @Column({ type: 'text', nullable: true })
  flagReason!: string | null;

  /** Span and proposal in one key: the same suggestion is stored once per run, however often a chunk is retried. */
  @Column({ type: 'varchar', length: 64 })
  fingerprint!: string;

  @Column({
    type: 'enum',
    enum: SuggestionStatus,
    enumName: 'suggestion_status',
    default: SuggestionStatus.PENDING,
  })
  status!: SuggestionStatus;

  @Column({ type: 'text', nullable: true })
  rejectReason!: string | null;

  @ManyToOne(() => UserEntity, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'reviewed_by_id' })
  reviewedBy?: UserEntity;

  @Column({ type: 'uuid', nullable: true })
  reviewedById!: string | null;

  @Column({ type: 'timestamptz', precision: 3, nullable: true })
  reviewedAt!: Date | null;

  @ManyToOne(() => HighlightEntity, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'highlight_id' })
  highlight?: HighlightEntity;

  @Column({ type: 'uuid', nullable: true })
  highlightId!: string | null;

  @CreateDateColumn({ type: 'timestamptz', precision: 3 })
  createdAt!: Date;
}
