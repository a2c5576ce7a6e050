import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
} from 'typeorm';
import { ThemeSuggestionRunEntity } from './theme-suggestion-run.entity';

/**
 * The audit of a theme-suggestion run, as analysis_exchange is of an analysis run: exactly what
 * was sent to the provider (after redaction: embeddings and the titles request), where, and what
 * came back (an embeddings answer without its vectors). Kept for AI_AUDIT_RETENTION.
 */
@Entity('theme_suggestion_exchange')
@Index(['runId', 'createdAt'])
@Index(['createdAt'])
export class ThemeSuggestionExchangeEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @ManyToOne(() => ThemeSuggestionRunEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'run_id' })
  run?: ThemeSuggestionRunEntity;

  @Column({ type: 'uuid' })
  runId!: string;

  /** EMBEDDINGS or TITLES. */
  @Column({ type: 'varchar', length: 16 })
  purpose!: string;

  @Column({ type: 'varchar', length: 500 })
  endpoint!: string;

  @Column({ type: 'varchar', length: 200 })
  model!: string;

  /** The request body as sent (JSON text). */
  @Column({ type: 'text' })
  request!: string;

  @Column({ type: 'text', nullable: true })
  response!: string | null;

  @Column({ type: 'integer', default: 0 })
  requestBytes!: number;

  @Column({ type: 'integer', default: 0 })
  responseBytes!: number;

  @Column({ type: 'boolean', default: true })
  responseComplete!: boolean;

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
