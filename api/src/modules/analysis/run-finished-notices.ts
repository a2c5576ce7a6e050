import { Injectable } from '@nestjs/common';
import { type AuthUser } from '../../common/auth/auth-user';
import { type Db, queryFirstRow } from '../../database/sql';
import { NotificationsService } from '../notifications/notifications.service';
import { NotificationKind, NotificationTargetType } from '../notifications/notifications.types';

interface FinishedRun {
  id: string;
  project_id: string;
  status: 'COMPLETED' | 'FAILED' | 'CANCELLED';
  error: string | null;
  created_by_id: string;
  finished_at: Date;
  transcript_ids: string[];
  title: string | null;
  pending: number;
}

/**
 * Tells whoever started an analysis run that it completed or failed, or that someone else
 * cancelled it (RUN_FINISHED; cancelling one's own run tells nobody: the actor is never told).
 * Called in the transaction that finished the run. Once per finish: a job that finishes the run
 * again after a crash is told apart by the run's finished_at (a run retried and finished again
 * is news again).
 */
@Injectable()
export class RunFinishedNotices {
  constructor(private readonly notifications: NotificationsService) {}

  /** `cancelledBy`: who cancelled it, when it was cancelled. */
  async notify(db: Db, runId: string, cancelledBy?: AuthUser): Promise<void> {
    const run = await queryFirstRow<FinishedRun>(
      db,
      `SELECT r.id, r.project_id, r.status, r.error, r.created_by_id, r.finished_at, r.transcript_ids,
              (SELECT t.title FROM transcript t WHERE t.id = r.transcript_ids[1]) AS title,
              (SELECT count(*)::int FROM suggestion s WHERE s.run_id = r.id AND s.status = 'PENDING') AS pending
         FROM analysis_run r
        WHERE r.id = $1 AND r.status = ANY($2::analysis_run_status[]) AND r.created_by_id IS NOT NULL`,
      [runId, cancelledBy ? ['CANCELLED'] : ['COMPLETED', 'FAILED']],
    );
    if (!run) return;
    const single = run.transcript_ids.length === 1;
    await this.notifications.notify(db, {
      userIds: [run.created_by_id],
      kind: NotificationKind.RUN_FINISHED,
      actorId: cancelledBy?.id ?? null,
      projectId: run.project_id,
      targetType: NotificationTargetType.ANALYSIS_RUN,
      targetId: run.id,
      transcriptId: single ? (run.transcript_ids[0] ?? null) : null,
      summary: summaryOf(run, cancelledBy),
      dedupeKey: `run-finished:${run.id}:${run.finished_at.toISOString()}`,
    });
  }
}

function summaryOf(run: FinishedRun, cancelledBy: AuthUser | undefined): string {
  const what =
    run.transcript_ids.length === 1 && run.title
      ? `analysis of “${run.title}”`
      : `analysis of ${run.transcript_ids.length} interviews`;
  if (cancelledBy) return `${cancelledBy.name} cancelled your ${what}`;
  if (run.status === 'FAILED') return `Your ${what} failed${run.error ? `: ${run.error}` : ''}`;
  const review =
    run.pending === 1 ? '1 suggestion to review' : `${run.pending} suggestions to review`;
  return `Your ${what} finished: ${review}${run.error ? ` (${run.error})` : ''}`;
}
