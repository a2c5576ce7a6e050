import { Inject, Injectable } from '@nestjs/common';
import { WorkerPool } from '../../../common/workers/worker-pool';
import { APP_CONFIG } from '../../../config/config.module';
import { type AppConfig } from '../../../config/env';
import { AnalysisProviderKind } from '../analysis-run.entity';
import { type AnalysisProvider } from './analysis-provider';
import { OfflineProvider } from './offline.provider';
import { OpenAiProvider } from './openai.provider';

/** The providers this server has: the offline tagger always, OpenAI-compatible when a key is set. */
@Injectable()
export class AnalysisProviders {
  readonly offline: OfflineProvider;
  readonly openAi: OpenAiProvider | null;

  constructor(@Inject(APP_CONFIG) config: AppConfig, workers: WorkerPool) {
    this.offline = new OfflineProvider(workers);
    const { apiKey } = config.llm;
    this.openAi = apiKey ? new OpenAiProvider({ ...config.llm, apiKey }) : null;
  }

  get(kind: AnalysisProviderKind): AnalysisProvider | null {
    return kind === AnalysisProviderKind.OFFLINE ? this.offline : this.openAi;
  }

  /** OpenAI where the server has it and the project allows AI; the offline tagger otherwise. */
  defaultFor(project: { aiAllowed: boolean }): AnalysisProvider {
    return this.openAi && project.aiAllowed ? this.openAi : this.offline;
  }
}
