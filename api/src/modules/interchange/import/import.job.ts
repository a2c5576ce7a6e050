import { type JobDefinition, type JobQueue } from '../../../jobs/job-queue';

/** Makes an uploaded REFI-QDA file into a new project. */
export interface ImportProjectJob {
  importId: string;
  /** The import's job generation when this job was queued; an older one is stale. */
  generation: number;
}

/** Five attempts, 2 s doubling: long enough to ride out a database or Redis restart. */
export const IMPORT_PROJECT: JobDefinition<ImportProjectJob> = {
  queue: 'project-import',
  attempts: 5,
  backoffMs: 2_000,
};

/** One job per import and generation: queueing the same work twice is a no-op. */
export const importJobId = (importId: string, generation: number) =>
  `import-${importId}-${generation}`;

export function queueImport(jobs: JobQueue, importId: string, generation: number): Promise<void> {
  return jobs.enqueue(
    IMPORT_PROJECT,
    { importId, generation },
    { jobId: importJobId(importId, generation) },
  );
}
