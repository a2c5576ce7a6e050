import { Injectable, type OnModuleInit } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { queryRows } from '../../../database/sql';
import { JobQueue } from '../../../jobs/job-queue';
import {
  JobReconciler,
  NOTHING_DONE,
  type Reconcilable,
  type ReconcileOutcome,
} from '../../../jobs/reconciler';
import { SUGGEST_THEMES, suggestThemesJobId } from './theme-suggestions.job';
import { ThemeSuggestionsService } from './theme-suggestions.service';

const BATCH = 500;

/**
 * Theme-suggestion runs that say QUEUED or RUNNING but have no live job: queued again under a
 * new generation, or FAILED with the reason once queued again JOB_MAX_REQUEUES times.
 */
@Injectable()
export class ThemeSuggestionsReconciler implements Reconcilable, OnModuleInit {
  readonly name = 'theme suggestions';

  constructor(
    private readonly db: DataSource,
    private readonly jobs: JobQueue,
    private readonly reconciler: JobReconciler,
    private readonly suggestions: ThemeSuggestionsService,
  ) {}

  onModuleInit(): void {
    this.reconciler.register(this);
  }

  async reconcile(graceMs: number): Promise<ReconcileOutcome> {
    const rows = await queryRows<{ id: string; generation: number; requeues: number }>(
      this.db,
      `SELECT id, job_generation AS generation, requeues FROM theme_suggestion_run
        WHERE status IN ('QUEUED', 'RUNNING') AND updated_at < now() - make_interval(secs => $1)
        ORDER BY updated_at LIMIT ${BATCH}`,
      [graceMs / 1000],
    );
    if (!rows.length) return NOTHING_DONE;
    const live = await this.jobs.liveJobIds(SUGGEST_THEMES);
    const outcome = { ...NOTHING_DONE };
    for (const row of rows) {
      if (live.has(suggestThemesJobId(row.id, row.generation))) continue;
      if (row.requeues >= this.suggestions.maxRequeues) {
        if (await this.suggestions.failLost(row.id, row.generation, row.requeues)) outcome.failed++;
      } else if (await this.suggestions.requeue(row.id, row.generation)) {
        outcome.requeued++;
      }
    }
    return outcome;
  }
}
