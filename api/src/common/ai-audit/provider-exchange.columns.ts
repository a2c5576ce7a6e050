import { Column, CreateDateColumn, PrimaryGeneratedColumn } from 'typeorm';

/**
 * The columns every audit of what was sent to an AI provider has (analysis_exchange for analysis
 * runs, theme_suggestion_exchange for theme suggestions): exactly what was sent (after
 * redaction), where, and what came back, as text (cleaned for PostgreSQL; an answer past
 * LLM_MAX_RESPONSE_BYTES is kept up to there). Each table adds its run and what the request was
 * for; the rows are kept for AI_AUDIT_RETENTION (see AiAuditRetention).
 */
export abstract class ProviderExchangeColumns {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

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
