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
import { INGEST_TRANSCRIPT, ingestJobId, queueIngest } from './jobs/ingest.job';
import { TranscriptsService } from './transcripts.service';

interface Unfinished {
  id: string;
  generation: number;
  requeues: number;
}

/** Most rows looked at per pass; the next pass takes the rest. */
const BATCH = 2_000;

/**
 * Transcripts that say UPLOADED or PROCESSING but have no live ingest job (Redis lost it, the
 * in-process runner restarted, the retries were spent while the database was away and the
 * failure could not be written): queued again under a new generation, or FAILED with the
 * reason once they have been queued again JOB_MAX_REQUEUES times.
 */
@Injectable()
export class IngestReconciler implements Reconcilable, OnModuleInit {
  readonly name = 'transcripts';

  constructor(
    private readonly db: DataSource,
    private readonly jobs: JobQueue,
    private readonly reconciler: JobReconciler,
    private readonly transcripts: TranscriptsService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onModuleInit(): void {
    this.reconciler.register(this);
  }

  async reconcile(graceMs: number): Promise<ReconcileOutcome> {
    const rows = await queryRows<Unfinished>(
      this.db,
      `SELECT id, job_generation AS generation, requeues FROM transcript
        WHERE status IN ('UPLOADED', 'PROCESSING') AND updated_at < now() - make_interval(secs => $1)
        ORDER BY updated_at LIMIT ${BATCH}`,
      [graceMs / 1000],
    );
    if (!rows.length) return NOTHING_DONE;
    const live = await this.jobs.liveJobIds(INGEST_TRANSCRIPT);
    const outcome = { ...NOTHING_DONE };
    for (const row of rows) {
      if (live.has(ingestJobId(row.id, row.generation))) continue;
      if (row.requeues >= this.config.jobs.maxRequeues) {
        if (await this.fail(row)) outcome.failed++;
      } else if (await this.requeue(row)) {
        outcome.requeued++;
      }
    }
    return outcome;
  }

  private async requeue(row: Unfinished): Promise<boolean> {
    const changed = await queryRows<{ generation: number }>(
      this.db,
      `WITH r AS (
         UPDATE transcript SET job_generation = job_generation + 1, requeues = requeues + 1,
                status = 'UPLOADED', progress = 0, updated_at = now()
          WHERE id = $1 AND job_generation = $2 AND status IN ('UPLOADED', 'PROCESSING')
          RETURNING job_generation)
       SELECT job_generation AS generation FROM r`,
      [row.id, row.generation],
    );
    if (!changed[0]) return false; // another worker got there first, or the job finished
    await this.transcripts.publish(await this.transcripts.get(row.id));
    await queueIngest(this.jobs, row.id, changed[0].generation);
    return true;
  }

  private async fail(row: Unfinished): Promise<boolean> {
    const changed = await queryRows<object>(
      this.db,
      `WITH f AS (
         UPDATE transcript SET status = 'FAILED', progress = 0, updated_at = now(), error = $3
          WHERE id = $1 AND job_generation = $2 AND status IN ('UPLOADED', 'PROCESSING')
          RETURNING 1)
       SELECT 1 FROM f`,
      [
        row.id,
        row.generation,
        `Processing was interrupted ${row.requeues + 1} times (the server restarted or lost its job queue) and was stopped. The original file is kept: choose Retry to process it again.`,
      ],
    );
    if (!changed.length) return false;
    await this.transcripts.publish(await this.transcripts.get(row.id));
    return true;
  }
}
