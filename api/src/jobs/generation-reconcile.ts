import { type DataSource } from 'typeorm';
import { queryRows } from '../database/sql';
import { type JobDefinition, type JobQueue } from './job-queue';
import { NOTHING_DONE, type ReconcileOutcome } from './reconciler';

/**
 * A table of queued work whose truth is in PostgreSQL, in the shape the reconciler expects:
 * `id`, `status`, `progress`, `job_generation` (the job id is derived from it: work queued again
 * gets a new id), `requeues` (how often it was queued again) and `updated_at`.
 */
export interface GenerationTable {
  /** The table's name (a constant of the module that owns it, never user input). */
  table: string;
  /** Statuses of work that waits for or has a job, e.g. `['QUEUED', 'RUNNING']`. */
  unfinished: readonly string[];
  /** The status work queued again is set to. */
  queued: string;
  /** More assignments when work is FAILED, e.g. `finished_at = now(), retryable = true`. */
  alsoOnFailure?: string;
  /** Most rows looked at per pass; the next pass takes the rest. */
  batch: number;
}

/** One kind of work the reconciler compares with the queue, and what to do about lost jobs. */
export interface LostJobs {
  table: GenerationTable;
  definition: JobDefinition<unknown>;
  jobId(id: string, generation: number): string;
  /** Queues the work again under its new generation (the row already says so). */
  requeue(id: string, generation: number): Promise<void>;
  /** The sentence a user reads once the work was queued again too often. */
  failure(requeues: number): string;
  /** Tells whoever watches the work that its row changed (a live update); optional. */
  changed?(id: string): Promise<void>;
  /** Tells whoever is owed the work that it failed for good, with the reason; optional. */
  failed?(id: string, reason: string): Promise<void>;
}

/**
 * The pass every kind of generation-tracked work shares: rows untouched for `graceMs` that say
 * they wait for or run a job, but whose job the queue does not have, are queued again under a
 * new generation, or FAILED with the reason once queued again `maxRequeues` times. Each change
 * is a compare-and-set on the generation, so overlapping passes of several workers act once.
 */
export async function reconcileLostJobs(
  db: DataSource,
  jobs: JobQueue,
  lost: LostJobs,
  graceMs: number,
  maxRequeues: number,
): Promise<ReconcileOutcome> {
  const { table, unfinished, queued, alsoOnFailure, batch } = lost.table;
  const isUnfinished = `status IN (${unfinished.map((status) => `'${status}'`).join(', ')})`;
  const rows = await queryRows<{ id: string; generation: number; requeues: number }>(
    db,
    `SELECT id, job_generation AS generation, requeues FROM ${table}
      WHERE ${isUnfinished} AND updated_at < now() - make_interval(secs => $1)
      ORDER BY updated_at LIMIT ${batch}`,
    [graceMs / 1000],
  );
  if (!rows.length) return NOTHING_DONE;
  const live = await jobs.liveJobIds(lost.definition);
  const outcome = { ...NOTHING_DONE };
  for (const row of rows) {
    if (live.has(lost.jobId(row.id, row.generation))) continue;
    if (row.requeues >= maxRequeues) {
      const reason = lost.failure(row.requeues + 1);
      const [failed] = await queryRows<{ id: string }>(
        db,
        `UPDATE ${table} SET status = 'FAILED', progress = 0, updated_at = now(), error = $3
                ${alsoOnFailure ? `, ${alsoOnFailure}` : ''}
          WHERE id = $1 AND job_generation = $2 AND ${isUnfinished}
          RETURNING id`,
        [row.id, row.generation, reason],
      );
      if (!failed) continue; // another worker got there first, or the job finished
      outcome.failed++;
      await lost.changed?.(row.id);
      await lost.failed?.(row.id, reason);
    } else {
      const [requeued] = await queryRows<{ generation: number }>(
        db,
        `UPDATE ${table} SET job_generation = job_generation + 1, requeues = requeues + 1,
                status = '${queued}', progress = 0, updated_at = now()
          WHERE id = $1 AND job_generation = $2 AND ${isUnfinished}
          RETURNING job_generation AS generation`,
        [row.id, row.generation],
      );
      if (!requeued) continue;
      outcome.requeued++;
      await lost.requeue(row.id, requeued.generation);
      await lost.changed?.(row.id);
    }
  }
  return outcome;
}
