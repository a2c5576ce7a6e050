import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { APP_CONFIG } from '../../config/config.module';
import { type AppConfig } from '../../config/env';
import { JobQueue } from '../../jobs/job-queue';
import {
  JobReconciler,
  NOTHING_DONE,
  type Reconcilable,
  type ReconcileOutcome,
} from '../../jobs/reconciler';
import { executeSql, queryRows } from '../../database/sql';
import { chunkJob, chunkJobId, planJob, planJobId } from './analysis.jobs';
import { AnalysisRunsService } from './analysis-runs.service';
import { AnalysisWorker } from './analysis.worker';
import { RunFinishedNotices } from './run-finished-notices';

interface UnfinishedRun {
  id: string;
  status: 'QUEUED' | 'RUNNING';
  generation: number;
  requeues: number;
  finished: boolean;
}

interface PendingChunk {
  index: number;
  generation: number;
  requeues: number;
}

const BATCH = 500;

/**
 * Analysis runs that say QUEUED or RUNNING but whose work has no live job. A run not planned
 * yet is planned again; a pending chunk without its job is queued again under a new
 * generation, or FAILED with the reason once it has been queued again JOB_MAX_REQUEUES times
 * (the run then completes with that part failed, and can be retried); a run whose chunks have
 * all finished is completed. So a run never stays RUNNING, and never blocks the project's
 * limit of active runs, because its jobs were lost.
 */
@Injectable()
export class AnalysisReconciler implements Reconcilable, OnModuleInit {
  readonly name = 'analysis runs';

  constructor(
    private readonly db: DataSource,
    private readonly jobs: JobQueue,
    private readonly reconciler: JobReconciler,
    private readonly runs: AnalysisRunsService,
    private readonly worker: AnalysisWorker,
    private readonly finished: RunFinishedNotices,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onModuleInit(): void {
    this.reconciler.register(this);
  }

  async reconcile(graceMs: number): Promise<ReconcileOutcome> {
    const runs = await queryRows<UnfinishedRun>(
      this.db,
      `SELECT id, status, job_generation AS generation, requeues,
              chunks_total > 0 AND chunks_done + chunks_failed >= chunks_total AS finished
         FROM analysis_run
        WHERE status IN ('QUEUED', 'RUNNING')
          AND coalesce(started_at, created_at) < now() - make_interval(secs => $1)
        ORDER BY created_at LIMIT ${BATCH}`,
      [graceMs / 1000],
    );
    if (!runs.length) return NOTHING_DONE;
    const livePlans = await this.jobs.liveJobIds(planJob(this.config.analysisJobs));
    const liveChunks = await this.jobs.liveJobIds(chunkJob(this.config.analysisJobs));
    const outcome = { ...NOTHING_DONE };
    for (const run of runs) {
      if (livePlans.has(planJobId(run.id, run.generation))) continue; // being planned
      if (run.finished) {
        if (await this.worker.completeRun(run.id)) outcome.completed++;
      } else if (run.status === 'QUEUED') {
        await this.replan(run, outcome);
      } else {
        await this.reconcileChunks(run.id, liveChunks, outcome);
      }
    }
    return outcome;
  }

  /** A run whose planning job was lost: planned again (planning is idempotent), or failed. */
  private async replan(run: UnfinishedRun, outcome: ReconcileOutcome): Promise<void> {
    if (run.requeues >= this.config.jobs.maxRequeues) {
      const failed = await this.db.transaction(async (tx) => {
        const rows = await queryRows<object>(
          tx,
          `WITH f AS (
             UPDATE analysis_run SET status = 'FAILED', finished_at = now(), error = $3
              WHERE id = $1 AND job_generation = $2 AND status = 'QUEUED' RETURNING 1)
           SELECT 1 FROM f`,
          [
            run.id,
            run.generation,
            `Planning was interrupted ${run.requeues + 1} times (the server restarted or lost its job queue); retry the analysis.`,
          ],
        );
        if (rows.length) await this.finished.notify(tx, run.id);
        return rows;
      });
      if (failed.length) {
        outcome.failed++;
        await this.runs.publish(run.id);
      }
      return;
    }
    const bumped = await queryRows<{ generation: number }>(
      this.db,
      `WITH r AS (
         UPDATE analysis_run SET job_generation = job_generation + 1, requeues = requeues + 1
          WHERE id = $1 AND job_generation = $2 AND status = 'QUEUED' RETURNING job_generation)
       SELECT job_generation AS generation FROM r`,
      [run.id, run.generation],
    );
    if (!bumped[0]) return;
    await this.runs.queuePlan(run.id, bumped[0].generation);
    outcome.requeued++;
  }

  private async reconcileChunks(
    runId: string,
    live: Set<string>,
    outcome: ReconcileOutcome,
  ): Promise<void> {
    const chunks = await queryRows<PendingChunk>(
      this.db,
      `SELECT index, job_generation AS generation, requeues FROM analysis_chunk
        WHERE run_id = $1 AND status = 'PENDING' ORDER BY index`,
      [runId],
    );
    if (!chunks.length) {
      // Parts that will never finish because they are gone (their transcript was deleted
      // during the run) stop counting, so the run completes with what it did.
      await executeSql(
        this.db,
        `UPDATE analysis_run SET chunks_total = chunks_done + chunks_failed
          WHERE id = $1 AND status = 'RUNNING' AND chunks_done + chunks_failed < chunks_total
            AND NOT EXISTS (SELECT 1 FROM analysis_chunk WHERE run_id = $1 AND status = 'PENDING')`,
        [runId],
      );
      if (await this.worker.completeRun(runId)) outcome.completed++;
      return;
    }
    for (const chunk of chunks) {
      if (live.has(chunkJobId(runId, chunk.index, chunk.generation))) continue;
      if (chunk.requeues >= this.config.jobs.maxRequeues) {
        const reason = `This part was interrupted ${chunk.requeues + 1} times (the server restarted or lost its job queue).`;
        if (await this.worker.failChunk(runId, chunk.index, reason)) outcome.failed++;
        continue;
      }
      const bumped = await queryRows<{ generation: number }>(
        this.db,
        `WITH c AS (
           UPDATE analysis_chunk SET job_generation = job_generation + 1, requeues = requeues + 1
            WHERE run_id = $1 AND index = $2 AND job_generation = $3 AND status = 'PENDING'
            RETURNING job_generation)
         SELECT job_generation AS generation FROM c`,
        [runId, chunk.index, chunk.generation],
      );
      if (!bumped[0]) continue;
      await this.worker.queueChunk(runId, chunk.index, bumped[0].generation);
      outcome.requeued++;
    }
  }
}
