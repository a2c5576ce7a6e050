import { type AppConfig } from '../../config/env';
import { type JobDefinition, type JobQueue } from '../../jobs/job-queue';

/** Cuts a run into chunks (and lets the provider prepare, e.g. the offline tagger's themes). */
export interface PlanAnalysisJob {
  runId: string;
  /** The run's job generation when queued; a job of an older generation is stale. */
  generation?: number;
}

/** One chunk of a run: a range of one transcript's turns. */
export interface AnalyseChunkJob {
  runId: string;
  chunkIndex: number;
  /** The chunk's job generation when queued; a job of an older generation is stale. */
  generation?: number;
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

export const planJobId = (runId: string, generation: number) =>
  `analysis-plan-${runId}-${generation}`;
export const chunkJobId = (runId: string, index: number, generation: number) =>
  `analysis-${runId}-${index}-${generation}`;

export function queuePlanJob(
  jobs: JobQueue,
  retry: AppConfig['analysisJobs'],
  runId: string,
  generation: number,
): Promise<void> {
  return jobs.enqueue(
    planJob(retry),
    { runId, generation },
    { jobId: planJobId(runId, generation) },
  );
}

export function queueChunkJob(
  jobs: JobQueue,
  retry: AppConfig['analysisJobs'],
  runId: string,
  chunkIndex: number,
  generation: number,
): Promise<void> {
  return jobs.enqueue(
    chunkJob(retry),
    { runId, chunkIndex, generation },
    { jobId: chunkJobId(runId, chunkIndex, generation) },
  );
}

/** Live updates of a project's runs. */
export const analysisTopic = (projectId: string) => `analysis:${projectId}`;
/** Cancellations, so that every process aborts the run's requests in flight. */
export const CANCEL_TOPIC = 'analysis:cancel';
