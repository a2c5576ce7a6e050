import { type JobDefinition, type JobQueue } from '../../../jobs/job-queue';

/** Writes one export's file. */
export interface RenderExportJob {
  exportId: string;
  /** The export's job generation when this job was queued; an older one is stale. */
  generation: number;
}

/**
 * Three attempts, 5 s doubling, for server errors (a renderer's own refusal fails at once).
 * Work whose job was lost beyond that is queued again by the reconciler.
 */
export const RENDER_EXPORT: JobDefinition<RenderExportJob> = {
  queue: 'export-render',
  attempts: 3,
  backoffMs: 5_000,
};

/** One job per export and generation: queueing the same work twice is a no-op. */
export const renderJobId = (exportId: string, generation: number) =>
  `export-${exportId}-${generation}`;

export function queueRender(jobs: JobQueue, exportId: string, generation: number): Promise<void> {
  return jobs.enqueue(
    RENDER_EXPORT,
    { exportId, generation },
    { jobId: renderJobId(exportId, generation) },
  );
}
