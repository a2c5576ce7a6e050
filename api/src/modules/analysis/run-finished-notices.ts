import { Injectable } from '@nestjs/common';
import { type Db, queryFirstRow } from '../../database/sql';
import { NotificationsService } from '../notifications/notifications.service';
import { NotificationKind, NotificationTargetType } from '../notifications/notifications.types';

interface FinishedRun {
  id: string;
  project_id: string;
  status: 'COMPLETED' | 'FAILED';
  error: string | null;
  created_by_id: string;
  finished_at: Date;
  transcript_ids: string[];
  title: string | null;
  pending: number;
}

/**
 * Tells whoever started an analysis run that it completed or failed (RUN_FINISHED). Called in
 * the transaction that finished the run; a cancelled run tells nobody. Once per finish: a job
 * that finishes the run again after a crash is told apart by the run's finished_at (a run
 * retried and finished again is news again).
 */
@Injectable()
export class RunFinishedNotices {
  constructor(private readonly notifications: NotificationsService) {}

  async notify(db: Db, runId: string): Promise<void> {
    const run = await queryFirstRow<FinishedRun>(
      db,
      `SELECT r.id, r.project_id, r.status, r.error, r.created_by_id, r.finished_at, r.transcript_ids,
              (SELECT t.title FROM transcript t WHERE t.id = r.transcript_ids[1]) AS title,
              (SELECT count(*)::int FROM suggestion s WHERE s.run_id = r.id AND s.status = 'PENDING') AS pending
         FROM analysis_run r
        WHERE r.id = $1 AND r.status IN ('COMPLETED', 'FAILED') AND r.created_by_id IS NOT NULL`,
      [runId],
    );
    if (!run) return;
    const single = run.transcript_ids.length === 1;
    await this.notifications.notify(db, {
      userIds: [run.created_by_id],
      kind: NotificationKind.RUN_FINISHED,
      actorId: null,
      projectId: run.project_id,
      targetType: NotificationTargetType.ANALYSIS_RUN,
      targetId: run.id,
      transcriptId: single ? (run.transcript_ids[0] ?? null) : null,
      summary: summaryOf(run),
      dedupeKey: `run-finished:${run.id}:${run.finished_at.toISOString()}`,
    });
  }
}

function summaryOf(run: FinishedRun): string {
  const what =
    run.transcript_ids.length === 1 && run.title
      ? `Your analysis of “${run.title}”`
      : `Your analysis of ${run.transcript_ids.length} interviews`;
  if (run.status === 'FAILED') return `${what} failed${run.error ? `: ${run.error}` : ''}`;
  const review =
    run.pending === 1 ? '1 suggestion to review' : `${run.pending} suggestions to review`;
  return `${what} finished: ${review}${run.error ? ` (${run.error})` : ''}`;
}
