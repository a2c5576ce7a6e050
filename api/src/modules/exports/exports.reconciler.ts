import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { APP_CONFIG } from '../../config/config.module';
import { type AppConfig } from '../../config/env';
import { queryRows } from '../../database/sql';
import { JobQueue } from '../../jobs/job-queue';
import {
  JobReconciler,
  NOTHING_DONE,
  type Reconcilable,
  type ReconcileOutcome,
} from '../../jobs/reconciler';
import { ExportsService } from './exports.service';
import { queueRender, RENDER_EXPORT, renderJobId } from './jobs/render-export.job';

interface Unfinished {
  id: string;
  generation: number;
  requeues: number;
}

/** Most rows looked at per pass; the next pass takes the rest. */
const BATCH = 2_000;

/**
 * Exports that say QUEUED or RUNNING but have no live render job (Redis lost it, the in-process
 * runner restarted, the retries were spent while the database was away): queued again under a
 * new generation, or FAILED with the reason once queued again JOB_MAX_REQUEUES times.
 */
@Injectable()
export class ExportsReconciler implements Reconcilable, OnModuleInit {
  readonly name = 'exports';

  constructor(
    private readonly db: DataSource,
    private readonly jobs: JobQueue,
    private readonly reconciler: JobReconciler,
    private readonly exports: ExportsService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onModuleInit(): void {
    this.reconciler.register(this);
  }

  async reconcile(graceMs: number): Promise<ReconcileOutcome> {
    const rows = await queryRows<Unfinished>(
      this.db,
      `SELECT id, job_generation AS generation, requeues FROM export
        WHERE status IN ('QUEUED', 'RUNNING') AND updated_at < now() - make_interval(secs => $1)
        ORDER BY updated_at LIMIT ${BATCH}`,
      [graceMs / 1000],
    );
    if (!rows.length) return NOTHING_DONE;
    const live = await this.jobs.liveJobIds(RENDER_EXPORT);
    const outcome = { ...NOTHING_DONE };
    for (const row of rows) {
      if (live.has(renderJobId(row.id, row.generation))) continue;
      if (row.requeues >= this.config.jobs.maxRequeues) {
        if (await this.fail(row)) outcome.failed++;
      } else if (await this.requeue(row)) {
        outcome.requeued++;
      }
    }
    return outcome;
  }

  private async requeue(row: Unfinished): Promise<boolean> {
    const [changed] = await queryRows<{ generation: number }>(
      this.db,
      `UPDATE export SET job_generation = job_generation + 1, requeues = requeues + 1,
              status = 'QUEUED', progress = 0, updated_at = now()
        WHERE id = $1 AND job_generation = $2 AND status IN ('QUEUED', 'RUNNING')
        RETURNING job_generation AS generation`,
      [row.id, row.generation],
    );
    if (!changed) return false; // another worker got there first, or the job finished
    await queueRender(this.jobs, row.id, changed.generation);
    await this.exports.publishById(row.id);
    return true;
  }

  private async fail(row: Unfinished): Promise<boolean> {
    const changed = await queryRows<{ id: string }>(
      this.db,
      `UPDATE export SET status = 'FAILED', progress = 0, updated_at = now(), finished_at = now(),
              retryable = true, error = $3
        WHERE id = $1 AND job_generation = $2 AND status IN ('QUEUED', 'RUNNING')
        RETURNING id`,
      [
        row.id,
        row.generation,
        `The export was interrupted ${row.requeues + 1} times (the server restarted or lost its job queue) and was stopped. Choose Retry to try again.`,
      ],
    );
    if (!changed.length) return false;
    await this.exports.publishById(row.id);
    return true;
  }
}
