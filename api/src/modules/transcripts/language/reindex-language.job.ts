import { type JobDefinition } from '../../../jobs/job-queue';

/** Re-stems the transcripts of a project that follow its default language (after it changed). */
export interface ReindexLanguageJob {
  projectId: string;
}

export const REINDEX_LANGUAGE: JobDefinition<ReindexLanguageJob> = {
  queue: 'transcript-language',
  attempts: 3,
  backoffMs: 2_000,
};

/** Ids start with the project, so the reconciler can tell whether a project's re-index is queued. */
export const reindexJobId = (projectId: string) => `language-${projectId}-${Date.now()}`;
export const reindexJobPrefix = (projectId: string) => `language-${projectId}-`;
