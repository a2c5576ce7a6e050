import { type AppConfig } from '../../config/env';
import { type JobDefinition } from '../../jobs/job-queue';

/** Cuts a run into chunks (and lets the provider prepare, e.g. the offline tagger's themes). */
export interface PlanAnalysisJob {
  runId: string;
}

/** One chunk of a run: a range of one transcript's turns. */
export interface AnalyseChunkJob {
  runId: string;
  chunkIndex: number;
}

/** Attempts and backoff come from ANALYSIS_JOB_ATTEMPTS and ANALYSIS_JOB_BACKOFF_MS. */
export const planJob = (retry: AppConfig['analysisJobs']): JobDefinition<PlanAnalysisJob> => ({
  queue: 'analysis-plan',
  ...retry,
});

export const chunkJob = (retry: AppConfig['analysisJobs']): JobDefinition<AnalyseChunkJob> => ({
  queue: 'analysis-chunk',
  ...retry,
});

export const planJobId = (runId: string) => `analysis-plan-${runId}`;
export const chunkJobId = (runId: string, index: number) => `analysis-${runId}-${index}`;

/** Live updates of a project's runs. */
export const analysisTopic = (projectId: string) => `analysis:${projectId}`;
/** Cancellations, so that every process aborts the run's requests in flight. */
export const CANCEL_TOPIC = 'analysis:cancel';
