import { type JobDefinition, type JobQueue } from '../../../jobs/job-queue';

/** Clusters the highlights of one theme-suggestion run. */
export interface ThemeSuggestionJob {
  runId: string;
  /** The run's job generation when this job was queued; an older one is stale. */
  generation: number;
}

export const SUGGEST_THEMES: JobDefinition<ThemeSuggestionJob> = {
  queue: 'theme-suggestions',
  attempts: 3,
  backoffMs: 2_000,
};

/** One job per run and generation: queueing the same work twice is a no-op. */
export const suggestThemesJobId = (runId: string, generation: number) =>
  `themes-${runId}-${generation}`;

export function queueThemeSuggestions(
  jobs: JobQueue,
  runId: string,
  generation: number,
): Promise<void> {
  return jobs.enqueue(
    SUGGEST_THEMES,
    { runId, generation },
    { jobId: suggestThemesJobId(runId, generation) },
  );
}
