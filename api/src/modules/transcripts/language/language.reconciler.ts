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
import { LanguageReindexer } from './language-reindexer';
import { REINDEX_LANGUAGE, reindexJobPrefix } from './reindex-language.job';

/**
 * Projects whose transcripts that follow the project's default language are not on it (the
 * re-index job after a change of default was lost): their re-index is queued again.
 */
@Injectable()
export class LanguageReconciler implements Reconcilable, OnModuleInit {
  readonly name = 'language defaults';

  constructor(
    private readonly db: DataSource,
    private readonly jobs: JobQueue,
    private readonly reconciler: JobReconciler,
    private readonly reindexer: LanguageReindexer,
  ) {}

  onModuleInit(): void {
    this.reconciler.register(this);
  }

  async reconcile(graceMs: number): Promise<ReconcileOutcome> {
    const projects = await queryRows<{ id: string }>(
      this.db,
      `SELECT DISTINCT p.id FROM project p JOIN transcript t ON t.project_id = p.id
        WHERE t.status = 'READY' AND (t.language_source = 'PROJECT' OR t.language_source IS NULL)
          AND t.language IS DISTINCT FROM p.default_language
          AND t.updated_at < now() - make_interval(secs => $1)
        LIMIT 500`,
      [graceMs / 1000],
    );
    if (!projects.length) return NOTHING_DONE;
    const live = [...(await this.jobs.liveJobIds(REINDEX_LANGUAGE))];
    const outcome = { ...NOTHING_DONE };
    for (const { id } of projects) {
      if (live.some((jobId) => jobId.startsWith(reindexJobPrefix(id)))) continue;
      await this.reindexer.projectDefaultChanged(id);
      outcome.requeued++;
    }
    return outcome;
  }
}
