import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { APP_CONFIG } from '../../config/config.module';
import { type AppConfig } from '../../config/env';
import { type LostJobs, reconcileLostJobs } from '../../jobs/generation-reconcile';
import { JobQueue } from '../../jobs/job-queue';
import { JobReconciler, type Reconcilable, type ReconcileOutcome } from '../../jobs/reconciler';
import { INGEST_TRANSCRIPT, ingestJobId, queueIngest } from './jobs/ingest.job';
import { TranscriptsService } from './transcripts.service';

/**
 * Transcripts that say UPLOADED or PROCESSING but have no live ingest job (Redis lost it, the
 * in-process runner restarted, the retries were spent while the database was away and the
 * failure could not be written): queued again under a new generation, or FAILED with the
 * reason once they have been queued again JOB_MAX_REQUEUES times.
 */
@Injectable()
export class IngestReconciler implements Reconcilable, OnModuleInit {
  readonly name = 'transcripts';
  private readonly lost: LostJobs;

  constructor(
    private readonly db: DataSource,
    private readonly jobs: JobQueue,
    private readonly reconciler: JobReconciler,
    transcripts: TranscriptsService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    this.lost = {
      table: {
        table: 'transcript',
        unfinished: ['UPLOADED', 'PROCESSING'],
        queued: 'UPLOADED',
        batch: 2_000,
      },
      definition: INGEST_TRANSCRIPT,
      jobId: ingestJobId,
      requeue: (id, generation) => queueIngest(this.jobs, id, generation),
      changed: async (id) => transcripts.publish(await transcripts.get(id)),
      failure: (times) =>
        `Processing was interrupted ${times} times (the server restarted or lost its job queue) and was stopped. The original file is kept: choose Retry to process it again.`,
    };
  }

  onModuleInit(): void {
    this.reconciler.register(this);
  }

  reconcile(graceMs: number): Promise<ReconcileOutcome> {
    return reconcileLostJobs(this.db, this.jobs, this.lost, graceMs, this.config.jobs.maxRequeues);
  }
}
