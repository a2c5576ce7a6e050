import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnModuleDestroy,
} from '@nestjs/common';
import { DataSource } from 'typeorm';
import { APP_CONFIG } from '../../config/config.module';
import { type AppConfig } from '../../config/env';
import { queryRows } from '../../database/sql';
import { inTransaction } from '../../database/transaction';
import { AssignmentNotices } from './assignment-notices';
import { type AssignmentTargetType, DUE_SOON_WITHIN_MS } from './assignments.types';

/** How often each process that runs jobs looks for assignments coming due. */
export const DUE_SOON_SWEEP_MS = 60_000;
/** Reminders claimed per transaction; a sweep goes on until none are left. */
const BATCH = 200;

interface DueRow {
  id: string;
  project_id: string;
  target_type: AssignmentTargetType;
  target_id: string;
  title: string;
  board_id: string | null;
  assignee_id: string;
  due_at: Date;
}

/**
 * The due-soon reminder: about a day before an open assignment is due, its assignee is told
 * (DUE_SOON), once. Every process that runs jobs (the worker, or the one process of the
 * embedded default) sweeps every minute; PostgreSQL decides who sends each reminder: one
 * UPDATE claims it by setting `due_notified_at` (rows another sweep holds are skipped, rows it
 * claimed no longer match), and the notification is written in the same transaction, so a
 * sweep that dies before committing leaves the reminder to the next one.
 */
@Injectable()
export class DueSoonReminders implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(DueSoonReminders.name);
  private timer: NodeJS.Timeout | null = null;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly db: DataSource,
    private readonly notices: AssignmentNotices,
  ) {}

  onApplicationBootstrap(): void {
    if (!this.config.role.worker) return;
    this.timer = setInterval(() => void this.sweep(), DUE_SOON_SWEEP_MS);
    this.timer.unref();
  }

  onModuleDestroy(): void {
    if (this.timer) clearInterval(this.timer);
  }

  /** Sends every reminder due at `now`; how many this process sent. */
  async runOnce(now: Date = new Date()): Promise<number> {
    let sent = 0;
    for (;;) {
      const claimed = await inTransaction(this.db, async (tx) => {
        const rows = await queryRows<DueRow>(
          tx,
          `UPDATE assignment a SET due_notified_at = $1
            WHERE a.id IN (SELECT id FROM assignment
                            WHERE done_at IS NULL AND due_notified_at IS NULL
                              AND due_at > $1::timestamptz
                              AND due_at <= $1::timestamptz + $2 * interval '1 millisecond'
                            ORDER BY due_at LIMIT ${BATCH}
                              FOR UPDATE SKIP LOCKED)
              AND a.due_notified_at IS NULL
           RETURNING a.id, a.project_id, a.target_type, coalesce(a.transcript_id, a.theme_id) AS target_id,
                     coalesce((SELECT title FROM transcript WHERE id = a.transcript_id),
                              (SELECT title FROM board_theme WHERE id = a.theme_id)) AS title,
                     (SELECT board_id FROM board_theme WHERE id = a.theme_id) AS board_id,
                     a.assignee_id, a.due_at`,
          [now, DUE_SOON_WITHIN_MS],
        );
        for (const row of rows)
          await this.notices.dueSoon(tx, {
            id: row.id,
            projectId: row.project_id,
            targetType: row.target_type,
            targetId: row.target_id,
            title: row.title,
            boardId: row.board_id,
            assigneeId: row.assignee_id,
            dueAt: row.due_at,
          });
        return rows.length;
      });
      sent += claimed;
      if (claimed < BATCH) return sent;
    }
  }

  private async sweep(): Promise<void> {
    try {
      const sent = await this.runOnce();
      if (sent) this.logger.log(`sent ${sent} due-soon reminder(s)`);
    } catch (error) {
      // The database is away: the next sweep tries again.
      this.logger.warn(`due-soon sweep failed: ${(error as Error).message}`);
    }
  }
}
