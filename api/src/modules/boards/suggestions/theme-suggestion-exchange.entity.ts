import { Column, Entity, Index, JoinColumn, ManyToOne } from 'typeorm';
import { ProviderExchangeColumns } from '../../../common/ai-audit/provider-exchange.columns';
import { ThemeSuggestionRunEntity } from './theme-suggestion-run.entity';

/**
 * The audit of a theme-suggestion run, as analysis_exchange is of an analysis run (see
 * ProviderExchangeColumns): the embeddings requests (answers kept without their vectors) and
 * the titles request.
 */
@Entity('theme_suggestion_exchange')
@Index(['runId', 'createdAt'])
@Index(['createdAt'])
export class ThemeSuggestionExchangeEntity extends ProviderExchangeColumns {
  @ManyToOne(() => ThemeSuggestionRunEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'run_id' })
  run?: ThemeSuggestionRunEntity;

  @Column({ type: 'uuid' })
  runId!: string;

  /** EMBEDDINGS or TITLES. */
  @Column({ type: 'varchar', length: 16 })
  purpose!: string;
}
