import { Column, Entity, Index, JoinColumn, ManyToOne } from 'typeorm';
import { ProviderExchangeColumns } from '../../common/ai-audit/provider-exchange.columns';
import { AnalysisRunEntity } from './analysis-run.entity';

/** The audit of an analysis run: one row per request to the provider (see ProviderExchangeColumns). */
@Entity('analysis_exchange')
@Index(['runId', 'createdAt'])
@Index(['createdAt'])
export class AnalysisExchangeEntity extends ProviderExchangeColumns {
  @ManyToOne(() => AnalysisRunEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'run_id' })
  run?: AnalysisRunEntity;

  @Column({ type: 'uuid' })
  runId!: string;

  @Column({ type: 'integer' })
  chunkIndex!: number;
}
