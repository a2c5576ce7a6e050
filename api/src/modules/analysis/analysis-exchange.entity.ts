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
 * came back. Kept for AI_AUDIT_RETENTION, then deleted.
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

  @Column({ type: 'jsonb' })
  request!: unknown;

  @Column({ type: 'jsonb', nullable: true })
  response!: unknown;

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
