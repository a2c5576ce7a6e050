import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { type Connection, pageSize } from '../../common/pagination/connection';
import { cursorFor, readCursor } from '../../common/pagination/cursor';
import { queryOneRow, queryRows, SqlParams } from '../../database/sql';
import {
  type NotificationKind,
  type NotificationTargetType,
  type NotificationType,
} from './notifications.types';

interface NotificationRow {
  id: string;
  kind: NotificationKind;
  read_at: Date | null;
  created_at: Date;
  project_id: string;
  target_type: NotificationTargetType;
  target_id: string;
  transcript_id: string | null;
  board_id: string | null;
  summary: string;
  actor_id: string | null;
  actor_email: string | null;
  actor_name: string | null;
}

const COLUMNS = `n.id, n.kind, n.read_at, n.created_at, n.project_id, n.target_type, n.target_id,
  n.transcript_id, n.board_id, n.summary, a.id AS actor_id, a.email AS actor_email, a.name AS actor_name`;

/**
 * The notifications of user `$1` that are still theirs to see: of a project of a workspace they
 * belong to, and of a restricted project only while they own the workspace or are listed on it.
 * One removed from a workspace no longer sees, counts or receives what was written there.
 */
const VISIBLE = `notification n
  JOIN project p ON p.id = n.project_id
  JOIN membership m ON m.workspace_id = p.workspace_id AND m.user_id = n.user_id`;
const VISIBLE_WHERE = `n.user_id = $1 AND (m.role = 'OWNER' OR NOT p.restricted
  OR EXISTS (SELECT 1 FROM project_member pm WHERE pm.project_id = p.id AND pm.user_id = n.user_id))`;

const ORDER = [{ equals: 'NOTIFICATION' }, 'timestamptz', 'uuid'] as const;

/** The SQL of a user's notifications: the list, the unread count, marking read. */
@Injectable()
export class NotificationsRepository {
  constructor(private readonly db: DataSource) {}

  /** Newest first (keyset on created_at, id), with how many there are in all. */
  async list(
    userId: string,
    first: number | null | undefined,
    after: string | null | undefined,
    unreadOnly: boolean,
  ): Promise<Connection<NotificationType>> {
    const limit = pageSize(first);
    const cursor = after ? readCursor(after, ORDER) : null;
    const params = new SqlParams([userId]);
    const where = [VISIBLE_WHERE];
    if (unreadOnly) where.push(`n.read_at IS NULL`);
    const total = await queryOneRow<{ n: number }>(
      this.db,
      `SELECT count(*)::int AS n FROM ${VISIBLE} WHERE ${where.join(' AND ')}`,
      params.values,
    );
    if (cursor)
      where.push(
        `(n.created_at, n.id) < (${params.add(cursor[1])}::timestamptz, ${params.add(cursor[2])}::uuid)`,
      );
    const rows = await queryRows<NotificationRow>(
      this.db,
      `SELECT ${COLUMNS} FROM ${VISIBLE} LEFT JOIN user_account a ON a.id = n.actor_id
        WHERE ${where.join(' AND ')}
        ORDER BY n.created_at DESC, n.id DESC LIMIT ${limit + 1}`,
      params.values,
    );
    const edges = rows.slice(0, limit).map((row) => ({
      cursor: cursorFor(['NOTIFICATION', row.created_at, row.id]),
      node: toNotification(row),
    }));
    return {
      totalCount: total.n,
      edges,
      pageInfo: { hasNextPage: rows.length > limit, endCursor: edges.at(-1)?.cursor ?? null },
    };
  }

  /** These notifications of the user, those they can still see, newest first. */
  async getMany(userId: string, ids: string[]): Promise<NotificationType[]> {
    if (!ids.length) return [];
    const rows = await queryRows<NotificationRow>(
      this.db,
      `SELECT ${COLUMNS} FROM ${VISIBLE} LEFT JOIN user_account a ON a.id = n.actor_id
        WHERE ${VISIBLE_WHERE} AND n.id = ANY($2::uuid[])
        ORDER BY n.created_at DESC, n.id DESC`,
      [userId, ids],
    );
    return rows.map(toNotification);
  }

  async unreadCount(userId: string): Promise<number> {
    const row = await queryOneRow<{ n: number }>(
      this.db,
      `SELECT count(*)::int AS n FROM ${VISIBLE} WHERE ${VISIBLE_WHERE} AND n.read_at IS NULL`,
      [userId],
    );
    return row.n;
  }

  /** Marks the user's unread notifications read, these (`ids`) or all; how many it marked. */
  async markRead(userId: string, ids: string[] | null): Promise<number> {
    const params = new SqlParams([userId]);
    const only = ids ? `AND n.id = ANY(${params.add(ids)}::uuid[])` : '';
    const rows = await queryRows<{ id: string }>(
      this.db,
      `UPDATE notification SET read_at = now()
        WHERE id IN (SELECT n.id FROM ${VISIBLE} WHERE ${VISIBLE_WHERE} AND n.read_at IS NULL ${only})
          AND read_at IS NULL
        RETURNING id`,
      params.values,
    );
    return rows.length;
  }
}

function toNotification(row: NotificationRow): NotificationType {
  return {
    id: row.id,
    kind: row.kind,
    readAt: row.read_at,
    createdAt: row.created_at,
    actor: row.actor_id
      ? { id: row.actor_id, email: row.actor_email!, name: row.actor_name! }
      : null,
    projectId: row.project_id,
    targetType: row.target_type,
    targetId: row.target_id,
    transcriptId: row.transcript_id,
    boardId: row.board_id,
    summary: row.summary,
  };
}
