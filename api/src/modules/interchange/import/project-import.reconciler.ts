import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { APP_CONFIG } from '../../../config/config.module';
import { type AppConfig } from '../../../config/env';
import { queryRows } from '../../../database/sql';
import { JobQueue } from '../../../jobs/job-queue';
import {
  JobReconciler,
  NOTHING_DONE,
  type Reconcilable,
  type ReconcileOutcome,
} from '../../../jobs/reconciler';
import { IMPORT_PROJECT, importJobId, queueImport } from './import.job';

interface Unfinished {
  id: string;
  generation: number;
  requeues: number;
}

const BATCH = 500;

/**
 * Imports that say QUEUED or RUNNING but have no live job: queued again under a new generation
 * (the writing transaction of an interrupted attempt never committed, so nothing is doubled), or
 * FAILED with the reason once they have been queued again JOB_MAX_REQUEUES times.
 */
@Injectable()
export class ProjectImportReconciler implements Reconcilable, OnModuleInit {
  readonly name = 'project-imports';

  constructor(
    private readonly db: DataSource,
    private readonly jobs: JobQueue,
    private readonly reconciler: JobReconciler,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onModuleInit(): void {
    this.reconciler.register(this);
  }

  async reconcile(graceMs: number): Promise<ReconcileOutcome> {
    const rows = await queryRows<Unfinished>(
      this.db,
      `SELECT id, job_generation AS generation, requeues FROM project_import
        WHERE status IN ('QUEUED', 'RUNNING') AND updated_at < now() - make_interval(secs => $1)
        ORDER BY updated_at LIMIT ${BATCH}`,
      [graceMs / 1000],
    );
    if (!rows.length) return NOTHING_DONE;
    const live = await this.jobs.liveJobIds(IMPORT_PROJECT);
    const outcome = { ...NOTHING_DONE };
    for (const row of rows) {
      if (live.has(importJobId(row.id, row.generation))) continue;
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
      `UPDATE project_import SET job_generation = job_generation + 1, requeues = requeues + 1,
              status = 'QUEUED', progress = 0, updated_at = now()
        WHERE id = $1 AND job_generation = $2 AND status IN ('QUEUED', 'RUNNING')
        RETURNING job_generation AS generation`,
      [row.id, row.generation],
    );
    if (!changed) return false;
    await queueImport(this.jobs, row.id, changed.generation);
    return true;
  }

  private async fail(row: Unfinished): Promise<boolean> {
    const changed = await queryRows<object>(
      this.db,
      `UPDATE project_import SET status = 'FAILED', progress = 0, updated_at = now(), error = $3
        WHERE id = $1 AND job_generation = $2 AND status IN ('QUEUED', 'RUNNING') RETURNING id`,
      [
        row.id,
        row.generation,
        `The import was interrupted ${row.requeues + 1} times (the server restarted or lost its job queue) and was stopped. Nothing was created; upload the file again to retry.`,
      ],
    );
    return changed.length > 0;
  }
}
