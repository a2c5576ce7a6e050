import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
} from 'typeorm';
import { AnalysisRunEntity } from './analysis-run.entity';

/**
 * The audit of a run: exactly what was sent to a provider (after redaction), where, and what
 * came back, as text (cleaned for PostgreSQL; an answer past LLM_MAX_RESPONSE_BYTES is kept up
 * to there). Kept for AI_AUDIT_RETENTION, then deleted.
 */
@Entity('analysis_exchange')
@Index(['runId', 'createdAt'])
@Index(['createdAt'])
export class AnalysisExchangeEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @ManyToOne(() => AnalysisRunEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'run_id' })
  run?: AnalysisRunEntity;

  @Column({ type: 'uuid' })
  runId!: string;

  @Column({ type: 'integer' })
  chunkIndex!: number;

  @Column({ type: 'varchar', length: 500 })
  endpoint!: string;

  @Column({ type: 'varchar', length: 200 })
  model!: string;

  /** The request body as sent (JSON text). */
  @Column({ type: 'text' })
  request!: string;

  /** The response body as received (JSON text; the beginning of it when not complete). */
  @Column({ type: 'text', nullable: true })
  response!: string | null;

  @Column({ type: 'integer', default: 0 })
  requestBytes!: number;

  @Column({ type: 'integer', default: 0 })
  responseBytes!: number;

  /** False when the answer passed LLM_MAX_RESPONSE_BYTES and reading stopped. */
  @Column({ type: 'boolean', default: true })
  responseComplete!: boolean;

  /** HTTP status, when there was one. */
  @Column({ type: 'integer', nullable: true })
  status!: number | null;

  @Column({ type: 'text', nullable: true })
  error!: string | null;

  @Column({ type: 'integer', default: 0 })
  promptTokens!: number;

  @Column({ type: 'integer', default: 0 })
  completionTokens!: number;

  @Column({ type: 'integer', default: 0 })
  durationMs!: number;

  @CreateDateColumn({ type: 'timestamptz', precision: 3 })
  createdAt!: Date;
}
