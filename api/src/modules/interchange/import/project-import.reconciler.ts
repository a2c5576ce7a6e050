import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { APP_CONFIG } from '../../../config/config.module';
import { type AppConfig } from '../../../config/env';
import { type LostJobs, reconcileLostJobs } from '../../../jobs/generation-reconcile';
import { JobQueue } from '../../../jobs/job-queue';
import { JobReconciler, type Reconcilable, type ReconcileOutcome } from '../../../jobs/reconciler';
import { IMPORT_PROJECT, importJobId, queueImport } from './import.job';

/**
 * Imports that say QUEUED or RUNNING but have no live job: queued again under a new generation
 * (the writing transaction of an interrupted attempt never committed, so nothing is doubled), or
 * FAILED with the reason once they have been queued again JOB_MAX_REQUEUES times.
 */
@Injectable()
export class ProjectImportReconciler implements Reconcilable, OnModuleInit {
  readonly name = 'project-imports';
  private readonly lost: LostJobs = {
    table: {
      table: 'project_import',
      unfinished: ['QUEUED', 'RUNNING'],
      queued: 'QUEUED',
      batch: 500,
    },
    definition: IMPORT_PROJECT,
    jobId: importJobId,
    requeue: (id, generation) => queueImport(this.jobs, id, generation),
    failure: (times) =>
      `The import was interrupted ${times} times (the server restarted or lost its job queue) and was stopped. Nothing was created; upload the file again to retry.`,
  };

  constructor(
    private readonly db: DataSource,
    private readonly jobs: JobQueue,
    private readonly reconciler: JobReconciler,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onModuleInit(): void {
    this.reconciler.register(this);
  }

  reconcile(graceMs: number): Promise<ReconcileOutcome> {
    return reconcileLostJobs(this.db, this.jobs, this.lost, graceMs, this.config.jobs.maxRequeues);
  }
}
