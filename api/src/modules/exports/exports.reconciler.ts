import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { APP_CONFIG } from '../../config/config.module';
import { type AppConfig } from '../../config/env';
import { type LostJobs, reconcileLostJobs } from '../../jobs/generation-reconcile';
import { JobQueue } from '../../jobs/job-queue';
import { JobReconciler, type Reconcilable, type ReconcileOutcome } from '../../jobs/reconciler';
import { ExportNotices } from './export-notices';
import { ExportsService } from './exports.service';
import { queueRender, RENDER_EXPORT, renderJobId } from './jobs/render-export.job';

/**
 * Exports that say QUEUED or RUNNING but have no live render job (Redis lost it, the in-process
 * runner restarted, the retries were spent while the database was away): queued again under a
 * new generation, or FAILED with the reason once queued again JOB_MAX_REQUEUES times (and the
 * requester told, EXPORT_FAILED).
 */
@Injectable()
export class ExportsReconciler implements Reconcilable, OnModuleInit {
  readonly name = 'exports';
  private readonly lost: LostJobs;

  constructor(
    private readonly db: DataSource,
    private readonly jobs: JobQueue,
    private readonly reconciler: JobReconciler,
    exports: ExportsService,
    notices: ExportNotices,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    this.lost = {
      table: {
        table: 'export',
        unfinished: ['QUEUED', 'RUNNING'],
        queued: 'QUEUED',
        alsoOnFailure: 'finished_at = now(), retryable = true',
        batch: 2_000,
      },
      definition: RENDER_EXPORT,
      jobId: renderJobId,
      requeue: (id, generation) => queueRender(this.jobs, id, generation),
      changed: (id) => exports.publishById(id),
      failed: async (id, reason) => {
        const row = await exports.find(id);
        if (row) await notices.failed(row, reason);
      },
      failure: (times) =>
        `The export was interrupted ${times} times (the server restarted or lost its job queue) and was stopped. Choose Retry to try again.`,
    };
  }

  onModuleInit(): void {
    this.reconciler.register(this);
  }

  reconcile(graceMs: number): Promise<ReconcileOutcome> {
    return reconcileLostJobs(this.db, this.jobs, this.lost, graceMs, this.config.jobs.maxRequeues);
  }
}
