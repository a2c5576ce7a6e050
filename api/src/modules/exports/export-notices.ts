import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { queryFirstRow } from '../../database/sql';
import { NotificationsService } from '../notifications/notifications.service';
import { NotificationKind, NotificationTargetType } from '../notifications/notifications.types';
import { type ExportEntity } from './export.entity';

/**
 * Tells the person who asked for an export how it ended: ready to download (EXPORT_READY), or
 * failed for good with the reason (EXPORT_FAILED), so a long export need not be watched. Once per
 * generation: a retried job, or two workers ending the same one, notify once.
 */
@Injectable()
export class ExportNotices {
  constructor(
    private readonly db: DataSource,
    private readonly notifications: NotificationsService,
  ) {}

  async ready(row: ExportEntity): Promise<void> {
    await this.notify(
      row,
      NotificationKind.EXPORT_READY,
      (of) => `Your export “${row.filename}”${of} is ready to download`,
    );
  }

  /** `reason` is the sentence the export shows (it says whether Retry may help). */
  async failed(row: ExportEntity, reason: string): Promise<void> {
    await this.notify(
      row,
      NotificationKind.EXPORT_FAILED,
      (of) => `Your export “${row.filename}”${of} failed: ${reason}`,
    );
  }

  private async notify(
    row: ExportEntity,
    kind: NotificationKind.EXPORT_READY | NotificationKind.EXPORT_FAILED,
    summary: (of: string) => string,
  ): Promise<void> {
    const project = await queryFirstRow<{ name: string }>(
      this.db,
      `SELECT name FROM project WHERE id = $1`,
      [row.projectId],
    );
    await this.notifications.notify(this.db, {
      userIds: [row.requestedById],
      kind,
      actorId: null,
      projectId: row.projectId,
      targetType: NotificationTargetType.EXPORT,
      targetId: row.id,
      summary: summary(project ? ` of ${project.name}` : ''),
      dedupeKey: `${kind === NotificationKind.EXPORT_READY ? 'export-ready' : 'export-failed'}:${row.id}:${row.jobGeneration}`,
    });
  }
}
