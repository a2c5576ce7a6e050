import { Column, Entity, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { TranscriptEntity } from '../transcripts/transcript.entity';
import { AnalysisRunEntity } from './analysis-run.entity';

export enum ChunkStatus {
  PENDING = 'PENDING',
  DONE = 'DONE',
  FAILED = 'FAILED',
}

/**
 * A piece of a run's work: a range of one transcript's turns. Its suggestions and its counters
 * are written in the same transaction that marks it DONE; a retry of a DONE chunk does nothing.
 */
@Entity('analysis_chunk')
export class AnalysisChunkEntity {
  @ManyToOne(() => AnalysisRunEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'run_id' })
  run?: AnalysisRunEntity;

  @PrimaryColumn({ type: 'uuid' })
  runId!: string;

  @PrimaryColumn({ type: 'integer' })
  index!: number;

  @ManyToOne(() => TranscriptEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'transcript_id' })
  transcript?: TranscriptEntity;

  @Column({ type: 'uuid' })
  transcriptId!: string;

  /** Turn indexes, inclusive; neighbouring chunks overlap by a few turns. */
  @Column({ type: 'integer' })
  firstTurn!: number;

  @Column({ type: 'integer' })
  lastTurn!: number;

  @Column({
    type: 'enum',
    enum: ChunkStatus,
    enumName: 'analysis_chunk_status',
    default: ChunkStatus.PENDING,
  })
  status!: ChunkStatus;

  @Column({ type: 'integer', default: 0 })
  attempts!: number;

  /** Part of the job id of this work; raised each time the work is queued again. */
  @Column({ type: 'integer', default: 0 })
  jobGeneration!: number;

  /** How often the reconciler queued this work again because its job was lost. */
  @Column({ type: 'integer', default: 0 })
  requeues!: number;

  /** Times a provider's Retry-After postponed this chunk (bounded by LLM_MAX_POSTPONEMENTS). */
  @Column({ type: 'integer', default: 0 })
  postponements!: number;

  @Column({ type: 'text', nullable: true })
  error!: string | null;
}
