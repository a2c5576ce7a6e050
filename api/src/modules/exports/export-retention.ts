import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnModuleInit,
} from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Clock } from '../../common/clock';
import { FileStore } from '../../common/files/file-store';
import { APP_CONFIG } from '../../config/config.module';
import { type AppConfig } from '../../config/env';
import { executeSql, queryRows } from '../../database/sql';
import { JobQueue } from '../../jobs/job-queue';
import { EXPORT_RETENTION, RETENTION_EVERY_MS } from './jobs/export-retention.job';

/** Exports handled per statement; a sweep goes on until none is left. */
const BATCH = 500;

/**
 * Retention, a scheduled job (hourly): exports older than EXPORT_RETENTION lose their file and
 * are marked expired (their download answers 410 Gone, and the list says why); their rows are
 * deleted once twice as old. Idempotent: a sweep run twice finds nothing left to do.
 */
@Injectable()
export class ExportRetention implements OnModuleInit, OnApplicationBootstrap {
  private readonly logger = new Logger(ExportRetention.name);

  constructor(
    private readonly db: DataSource,
    private readonly files: FileStore,
    private readonly jobs: JobQueue,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onModuleInit(): void {
    this.jobs.process(EXPORT_RETENTION, async () => {
      await this.sweep();
    });
  }

  async onApplicationBootstrap(): Promise<void> {
    if (!this.config.role.worker) return;
    await this.jobs
      .schedule(EXPORT_RETENTION, RETENTION_EVERY_MS, {})
      .catch((error: Error) =>
        this.logger.warn(`export retention is not scheduled: ${error.message}`),
      );
  }

  /** Expires what is older than the retention period and deletes what is twice as old. */
  async sweep(): Promise<{ expired: number; deleted: number }> {
    const retention = this.config.exports.retentionSeconds;
    const now = this.clock.now();
    let expired = 0;
    for (;;) {
      const rows = await queryRows<{ id: string; file_key: string | null }>(
        this.db,
        `SELECT id, file_key FROM export
          WHERE expired_at IS NULL AND status IN ('READY', 'FAILED')
            AND created_at < $1::timestamptz - make_interval(secs => $2)
          ORDER BY created_at LIMIT ${BATCH}`,
        [now, retention],
      );
      if (!rows.length) break;
      for (const row of rows) if (row.file_key) await this.files.remove(row.file_key);
      await executeSql(
        this.db,
        `UPDATE export SET expired_at = $2, file_key = NULL, updated_at = now() WHERE id = ANY($1::uuid[])`,
        [rows.map((r) => r.id), now],
      );
      expired += rows.length;
    }
    const deleted = await queryRows<{ id: string }>(
      this.db,
      `DELETE FROM export WHERE expired_at IS NOT NULL
          AND created_at < $1::timestamptz - make_interval(secs => $2) RETURNING id`,
      [now, retention * 2],
    );
    if (expired || deleted.length)
      this.logger.log(`export retention: ${expired} files removed, ${deleted.length} rows deleted`);
    return { expired, deleted: deleted.length };
  }
}
