import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { notFound } from '../../common/errors/domain-error';
import { type Connection, pageSize } from '../../common/pagination/connection';
import { cursorFor, readCursor } from '../../common/pagination/cursor';
import { type Db, queryOneRow, queryRows, SqlParams } from '../../database/sql';
import { AssignmentTargetType, type AssignmentType } from './assignments.types';

interface AssignmentRow {
  id: string;
  target_type: AssignmentTargetType;
  transcript_id: string | null;
  theme_id: string | null;
  project_id: string;
  project_name: string;
  target_title: string;
  board_id: string | null;
  board_name: string | null;
  due_at: Date | null;
  note: string;
  done_at: Date | null;
  created_at: Date;
  assignee_id: string;
  assignee_email: string;
  assignee_name: string;
  by_id: string | null;
  by_email: string | null;
  by_name: string | null;
}

const COLUMNS = `a.id, a.target_type, a.transcript_id, a.theme_id, a.project_id, p.name AS project_name,
  coalesce(t.title, th.title) AS target_title, th.board_id, b.name AS board_name,
  a.due_at, a.note, a.done_at, a.created_at,
  u.id AS assignee_id, u.email AS assignee_email, u.name AS assignee_name,
  ab.id AS by_id, ab.email AS by_email, ab.name AS by_name`;

const FROM = `assignment a
  JOIN project p ON p.id = a.project_id
  JOIN user_account u ON u.id = a.assignee_id
  LEFT JOIN user_account ab ON ab.id = a.assigned_by_id
  LEFT JOIN transcript t ON t.id = a.transcript_id
  LEFT JOIN board_theme th ON th.id = a.theme_id
  LEFT JOIN board b ON b.id = th.board_id`;

/**
 * The assignee can still open the assignment's project: a member of its workspace, and of a
 * restricted project an OWNER or listed on it. An assignment whose assignee lost that is not
 * shown anywhere (it comes back if they regain access).
 */
const ASSIGNEE_SEES = `EXISTS (SELECT 1 FROM membership m
   WHERE m.workspace_id = p.workspace_id AND m.user_id = a.assignee_id
     AND (m.role = 'OWNER' OR NOT p.restricted
          OR EXISTS (SELECT 1 FROM project_member pm WHERE pm.project_id = p.id AND pm.user_id = a.assignee_id)))`;

/** Open first, then by due date (none last), then by id: the order of "My work". */
const ORDER_KEY = `(a.done_at IS NOT NULL), (a.due_at IS NULL), coalesce(a.due_at, 'epoch'::timestamptz), a.id`;
const MY_WORK = [{ equals: 'MY_WORK' }, 'boolean', 'boolean', 'timestamptz', 'uuid'] as const;
const EPOCH = new Date(0);

/** The SQL of assignments: one, a person's work page by page, and the open ones of targets. */
@Injectable()
export class AssignmentsRepository {
  constructor(private readonly db: DataSource) {}

  async get(id: string, db: Db = this.db): Promise<AssignmentType> {
    const [row] = await queryRows<AssignmentRow>(
      db,
      `SELECT ${COLUMNS} FROM ${FROM} WHERE a.id = $1`,
      [id],
    );
    if (!row) throw notFound('Assignment');
    return toAssignment(row);
  }

  /** What is assigned to the user, open first and soonest due first, keyset-paged. */
  async myWork(
    userId: string,
    first: number | null | undefined,
    after: string | null | undefined,
    includeDone: boolean,
  ): Promise<Connection<AssignmentType>> {
    const limit = pageSize(first);
    const cursor = after ? readCursor(after, MY_WORK) : null;
    const params = new SqlParams([userId]);
    const where = [`a.assignee_id = $1`, ASSIGNEE_SEES];
    if (!includeDone) where.push(`a.done_at IS NULL`);
    const total = await queryOneRow<{ n: number }>(
      this.db,
      `SELECT count(*)::int AS n FROM assignment a JOIN project p ON p.id = a.project_id
        WHERE ${where.join(' AND ')}`,
      params.values,
    );
    if (cursor) {
      const [, done, undated, due, id] = cursor;
      where.push(
        `(${ORDER_KEY}) > (${params.add(done)}::boolean, ${params.add(undated)}::boolean, ${params.add(due)}::timestamptz, ${params.add(id)}::uuid)`,
      );
    }
    const rows = await queryRows<AssignmentRow>(
      this.db,
      `SELECT ${COLUMNS} FROM ${FROM} WHERE ${where.join(' AND ')}
        ORDER BY ${ORDER_KEY} LIMIT ${limit + 1}`,
      params.values,
    );
    const edges = rows.slice(0, limit).map((row) => ({
      cursor: cursorFor([
        'MY_WORK',
        row.done_at !== null,
        row.due_at === null,
        row.due_at ?? EPOCH,
        row.id,
      ]),
      node: toAssignment(row),
    }));
    return {
      totalCount: total.n,
      edges,
      pageInfo: { hasNextPage: rows.length > limit, endCursor: edges.at(-1)?.cursor ?? null },
    };
  }

  /**
   * The open assignments of these transcripts or themes whose assignees can open them, each
   * target's soonest due first (none last), then by name.
   */
  async openOf(
    targetType: AssignmentTargetType,
    targetIds: string[],
  ): Promise<Map<string, AssignmentType[]>> {
    const column = targetType === AssignmentTargetType.TRANSCRIPT ? 'transcript_id' : 'theme_id';
    const rows = await queryRows<AssignmentRow>(
      this.db,
      `SELECT ${COLUMNS} FROM ${FROM}
        WHERE a.${column} = ANY($1::uuid[]) AND a.done_at IS NULL AND ${ASSIGNEE_SEES}
        ORDER BY a.${column}, a.due_at NULLS LAST, lower(u.name), a.id`,
      [targetIds],
    );
    const byTarget = new Map<string, AssignmentType[]>();
    for (const row of rows) {
      const assignment = toAssignment(row);
      byTarget.set(assignment.targetId, [...(byTarget.get(assignment.targetId) ?? []), assignment]);
    }
    return byTarget;
  }
}

function toAssignment(row: AssignmentRow): AssignmentType {
  return {
    id: row.id,
    targetType: row.target_type,
    targetId: (row.transcript_id ?? row.theme_id)!,
    targetTitle: row.target_title,
    projectId: row.project_id,
    projectName: row.project_name,
    transcriptId: row.transcript_id,
    boardId: row.board_id,
    boardName: row.board_name,
    assignee: { id: row.assignee_id, email: row.assignee_email, name: row.assignee_name },
    assignedBy: row.by_id ? { id: row.by_id, email: row.by_email!, name: row.by_name! } : null,
    dueAt: row.due_at,
    note: row.note,
    doneAt: row.done_at,
    createdAt: row.created_at,
  };
}
