import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { notFound } from '../../common/errors/domain-error';
import { type Connection, pageSize } from '../../common/pagination/connection';
import { cursorFor, readCursor } from '../../common/pagination/cursor';
import { queryOneRow, queryRows, type Db, SqlParams } from '../../database/sql';
import { type UserType } from '../auth/auth.types';
import {
  type CommentReactionType,
  type CommentTargetType,
  type CommentType,
} from './comments.types';

interface CommentRow {
  id: string;
  target_type: CommentTargetType;
  target_id: string;
  parent_id: string | null;
  body: string;
  created_at: Date;
  edited_at: Date | null;
  deleted_at: Date | null;
  resolved_at: Date | null;
  author_id: string | null;
  author_email: string | null;
  author_name: string | null;
}

/** A reply tells its thread's state: the root's resolved_at. */
const COLUMNS = `c.id, c.target_type, c.target_id, c.parent_id, c.body, c.created_at, c.edited_at,
  c.deleted_at, coalesce(root.resolved_at, c.resolved_at) AS resolved_at,
  u.id AS author_id, u.email AS author_email, u.name AS author_name`;
const JOINS = `LEFT JOIN comment root ON root.id = c.parent_id
  LEFT JOIN user_account u ON u.id = c.author_id`;

/** Thread cursors name their order, so a cursor of a newest-first list is refused here. */
const OLDEST = [{ equals: 'OLDEST' }, 'timestamptz', 'uuid'] as const;

/** A comment's reactions as the caller sees them: the key of the reactions batch. */
export interface ReactionKey {
  commentId: string;
  userId: string;
}

/**
 * The SQL of comments: a target's threads page by page, and the replies, mentions, reactions
 * and counts of many comments or targets at once (for the request loaders).
 */
@Injectable()
export class CommentsRepository {
  constructor(private readonly db: DataSource) {}

  async get(id: string, db: Db = this.db): Promise<CommentType> {
    const comment = await this.find(id, db);
    if (!comment) throw notFound('Comment');
    return comment;
  }

  /** The comment, or null when there is none with this id (any more). */
  async find(id: string, db: Db = this.db): Promise<CommentType | null> {
    const row = (
      await queryRows<CommentRow>(db, `SELECT ${COLUMNS} FROM comment c ${JOINS} WHERE c.id = $1`, [
        id,
      ])
    )[0];
    return row ? toComment(row) : null;
  }

  /** A target's threads (their roots), oldest first, keyset-paged on (created_at, id). */
  async threads(
    targetType: CommentTargetType,
    targetId: string,
    first: number | null | undefined,
    after: string | null | undefined,
  ): Promise<Connection<CommentType>> {
    const limit = pageSize(first);
    const cursor = after ? readCursor(after, OLDEST) : null;
    const params = new SqlParams();
    const roots = `comment c WHERE c.target_type = ${params.add(targetType)}::comment_target_type
      AND c.target_id = ${params.add(targetId)}::uuid AND c.parent_id IS NULL`;
    const page = params.clone();
    const afterSql = cursor
      ? `AND (c.created_at, c.id) > (${page.add(cursor[1])}::timestamptz, ${page.add(cursor[2])}::uuid)`
      : '';
    const [rows, total] = await Promise.all([
      queryRows<CommentRow>(
        this.db,
        `WITH page AS (SELECT c.id FROM ${roots} ${afterSql} ORDER BY c.created_at, c.id LIMIT ${limit + 1})
         SELECT ${COLUMNS} FROM page JOIN comment c ON c.id = page.id ${JOINS}
          ORDER BY c.created_at, c.id`,
        page.values,
      ),
      queryOneRow<{ n: number }>(this.db, `SELECT count(*)::int AS n FROM ${roots}`, params.values),
    ]);
    const edges = rows.slice(0, limit).map((row) => ({
      cursor: cursorFor(['OLDEST', row.created_at, row.id]),
      node: toComment(row),
    }));
    return {
      totalCount: total.n,
      edges,
      pageInfo: { hasNextPage: rows.length > limit, endCursor: edges.at(-1)?.cursor ?? null },
    };
  }

  /** The replies of these roots, each thread's in order. */
  async replies(rootIds: string[]): Promise<Map<string, CommentType[]>> {
    const rows = await queryRows<CommentRow>(
      this.db,
      `SELECT ${COLUMNS} FROM comment c ${JOINS}
        WHERE c.parent_id = ANY($1::uuid[]) ORDER BY c.parent_id, c.created_at, c.id`,
      [rootIds],
    );
    return group(rows, (row) => row.parent_id!, toComment);
  }

  /** How many replies each of these roots has. */
  async replyCounts(rootIds: string[]): Promise<Map<string, number>> {
    const rows = await queryRows<{ parent_id: string; n: number }>(
      this.db,
      `SELECT parent_id, count(*)::int AS n FROM comment
        WHERE parent_id = ANY($1::uuid[]) GROUP BY parent_id`,
      [rootIds],
    );
    return new Map(rows.map((r) => [r.parent_id, r.n]));
  }

  /** The people mentioned in these comments, by name. */
  async mentions(commentIds: string[]): Promise<Map<string, UserType[]>> {
    const rows = await queryRows<{ comment_id: string; id: string; email: string; name: string }>(
      this.db,
      `SELECT m.comment_id, u.id, u.email, u.name FROM comment_mention m
         JOIN user_account u ON u.id = m.user_id
        WHERE m.comment_id = ANY($1::uuid[]) ORDER BY m.comment_id, lower(u.name), u.id`,
      [commentIds],
    );
    return group(
      rows,
      (row) => row.comment_id,
      ({ id, email, name }) => ({ id, email, name }),
    );
  }

  /**
   * The reactions of these comments, each emoji once with its count, in the order they were
   * first used; `reactedByMe` for the one user all the keys share.
   */
  async reactions(keys: ReactionKey[]): Promise<Map<string, CommentReactionType[]>> {
    const userId = keys[0]?.userId;
    const rows = await queryRows<{
      comment_id: string;
      emoji: string;
      count: number;
      reacted_by_me: boolean;
    }>(
      this.db,
      `SELECT comment_id, emoji, count(*)::int AS count, bool_or(user_id = $2::uuid) AS reacted_by_me
         FROM comment_reaction WHERE comment_id = ANY($1::uuid[])
        GROUP BY comment_id, emoji ORDER BY comment_id, min(created_at), emoji`,
      [keys.map((k) => k.commentId), userId],
    );
    const byComment = group(
      rows,
      (row) => row.comment_id,
      (row) => ({ emoji: row.emoji, count: row.count, reactedByMe: row.reacted_by_me }),
    );
    return new Map(keys.map((k) => [reactionKey(k), byComment.get(k.commentId) ?? []]));
  }

  /** The comments (not deleted) of all threads on each of these targets of one kind. */
  async counts(targetType: CommentTargetType, targetIds: string[]): Promise<Map<string, number>> {
    const rows = await queryRows<{ target_id: string; n: number }>(
      this.db,
      `SELECT target_id, count(*)::int AS n FROM comment
        WHERE target_type = $1::comment_target_type AND target_id = ANY($2::uuid[])
          AND deleted_at IS NULL
        GROUP BY target_id`,
      [targetType, targetIds],
    );
    return new Map(rows.map((r) => [r.target_id, r.n]));
  }
}

export const reactionKey = (key: ReactionKey) => `${key.userId}:${key.commentId}`;

function group<R, V>(rows: R[], keyOf: (row: R) => string, map: (row: R) => V): Map<string, V[]> {
  const result = new Map<string, V[]>();
  for (const row of rows) {
    const list = result.get(keyOf(row)) ?? [];
    list.push(map(row));
    result.set(keyOf(row), list);
  }
  return result;
}

function toComment(row: CommentRow): CommentType {
  return {
    id: row.id,
    targetType: row.target_type,
    targetId: row.target_id,
    parentId: row.parent_id,
    body: row.body,
    author: row.author_id
      ? { id: row.author_id, email: row.author_email!, name: row.author_name! }
      : null,
    createdAt: row.created_at,
    editedAt: row.edited_at,
    deleted: row.deleted_at !== null,
    resolved: row.resolved_at !== null,
    resolvedAt: row.resolved_at,
  };
}
