import { type JobDefinition } from '../../../jobs/job-queue';

/** Removes the files of exports older than EXPORT_RETENTION (a scheduled job, hourly). */
export type ExportRetentionJob = Record<string, never>;

export const EXPORT_RETENTION: JobDefinition<ExportRetentionJob> = {
  queue: 'export-retention',
  attempts: 3,
  backoffMs: 60_000,
};

export const RETENTION_EVERY_MS = 60 * 60 * 1000;
