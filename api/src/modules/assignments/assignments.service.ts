import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { AccessService, type TargetKind } from '../../common/access/access.service';
import { roleAllows } from '../../common/access/policy';
import { type AuthUser } from '../../common/auth/auth-user';
import { concurrentChange } from '../../common/errors/database-errors';
import { badInput, forbidden, notFound } from '../../common/errors/domain-error';
import { executeSql, queryFirstRow } from '../../database/sql';
import { inTransaction } from '../../database/transaction';
import {
  type AssignmentEvent,
  type AssignmentFacts,
  AssignmentNotices,
} from './assignment-notices';
import { AssignmentsRepository } from './assignments.repository';
import {
  type AssignInput,
  AssignmentTargetType,
  type AssignmentType,
  DUE_SOON_WITHIN_MS,
  MAX_DUE_AHEAD_MS,
} from './assignments.types';

/** The kind of id each target type names: how access to a target is decided. */
export const TARGET_KINDS: Readonly<Record<AssignmentTargetType, TargetKind>> = {
  [AssignmentTargetType.TRANSCRIPT]: 'transcriptId',
  [AssignmentTargetType.THEME]: 'themeId',
};

/** The column of `assignment` that holds each kind of target. */
const TARGET_COLUMNS: Readonly<Record<AssignmentTargetType, 'transcript_id' | 'theme_id'>> = {
  [AssignmentTargetType.TRANSCRIPT]: 'transcript_id',
  [AssignmentTargetType.THEME]: 'theme_id',
};

/** What an assign call asks for, checked. */
type Wanted = Omit<AssignInput, 'dueAt' | 'note'> & { dueAt: Date | null; note: string };

/** An assignment as a change reads it: locked, with what its notices say. */
interface LockedRow {
  id: string;
  project_id: string;
  target_type: AssignmentTargetType;
  target_id: string;
  title: string;
  board_id: string | null;
  assignee_id: string;
  assignee_name: string;
  due_at: Date | null;
  note: string;
  done_at: Date | null;
}

const LOCKED_COLUMNS = `a.id, a.project_id, a.target_type, coalesce(a.transcript_id, a.theme_id) AS target_id,
  coalesce(t.title, th.title) AS title, th.board_id, a.assignee_id, u.name AS assignee_name,
  a.due_at, a.note, a.done_at`;
const LOCKED_FROM = `assignment a JOIN user_account u ON u.id = a.assignee_id
  LEFT JOIN transcript t ON t.id = a.transcript_id LEFT JOIN board_theme th ON th.id = a.theme_id`;

/**
 * A due date a day away or less needs no reminder of its own: the assignee was just told. As
 * SQL, for the column `due_notified_at`, given the due date as `$due`.
 */
const NOTIFIED_IF_DUE_SOON = (due: string) =>
  `CASE WHEN ${due}::timestamptz <= now() + interval '${DUE_SOON_WITHIN_MS / 1000} seconds' THEN now() END`;

/**
 * Assignments: a transcript to code or a theme to review, given to a member with an optional
 * due date and note (EDITOR and OWNER, `assignment:write`), marked done or reopened by the
 * assignee or an editor. A target is given to one person once: assigning it to them again
 * changes that assignment (and reopens it when it was done), whoever assigns at the same moment.
 */
@Injectable()
export class AssignmentsService {
  constructor(
    private readonly db: DataSource,
    private readonly access: AccessService,
    private readonly repo: AssignmentsRepository,
    private readonly notices: AssignmentNotices,
  ) {}

  async assign(user: AuthUser, input: AssignInput): Promise<AssignmentType> {
    const grant = await this.access.require(user, 'assignment:write', {
      [TARGET_KINDS[input.targetType]]: input.targetId,
    });
    const wanted = {
      ...input,
      dueAt: checkDue(input.dueAt ?? null),
      note: (input.note ?? '').trim(),
    };
    const id = await inTransaction(this.db, async (tx) => {
      const assigneeName = await this.assignable(tx, grant.projectId!, input.assigneeId);
      // The unique index decides between two people assigning at once: one inserts, the other
      // waits for it and then changes that row.
      return (
        (await this.insert(tx, user, grant.projectId!, wanted)) ??
        (await this.change(tx, user, wanted, assigneeName))
      );
    });
    return this.repo.get(id);
  }

  /** A new assignment, and its notices; undefined when the person already has the target. */
  private async insert(
    tx: EntityManager,
    user: AuthUser,
    projectId: string,
    wanted: Wanted,
  ): Promise<string | undefined> {
    const column = TARGET_COLUMNS[wanted.targetType];
    const inserted = await queryFirstRow<{ id: string }>(
      tx,
      `INSERT INTO assignment (project_id, target_type, ${column}, assignee_id, assigned_by_id,
                               due_at, note, due_notified_at)
       VALUES ($1, $2::assignment_target_type, $3, $4, $5, $6, $7, ${NOTIFIED_IF_DUE_SOON('$6')})
       ON CONFLICT (${column}, assignee_id) WHERE ${column} IS NOT NULL DO NOTHING
       RETURNING id`,
      [
        projectId,
        wanted.targetType,
        wanted.targetId,
        wanted.assigneeId,
        user.id,
        wanted.dueAt,
        wanted.note,
      ],
    );
    if (!inserted) return undefined;
    const facts = await this.facts(tx, inserted.id);
    await this.notices.assigned(tx, user, facts);
    await this.notices.record(tx, user, 'assigned', facts);
    return inserted.id;
  }

  /**
   * The person's existing assignment of the target, with the new due date and note; reopened
   * (and the assignee told again) when it was done. Nothing changes when nothing would.
   */
  private async change(
    tx: EntityManager,
    user: AuthUser,
    wanted: Wanted,
    assigneeName: string,
  ): Promise<string> {
    const column = TARGET_COLUMNS[wanted.targetType];
    const existing = await this.lock(tx, `a.${column} = $1 AND a.assignee_id = $2`, [
      wanted.targetId,
      wanted.assigneeId,
    ]);
    if (!existing) throw concurrentChange(); // taken back in the same moment
    const reopened = existing.done_at !== null;
    const dueChanged = existing.due_at?.getTime() !== wanted.dueAt?.getTime();
    if (!reopened && !dueChanged && existing.note === wanted.note) return existing.id;
    await executeSql(
      tx,
      `UPDATE assignment SET due_at = $2, note = $3, assigned_by_id = $4, done_at = NULL,
              updated_at = now(),
              due_notified_at = CASE WHEN $5 THEN ${NOTIFIED_IF_DUE_SOON('$2')} ELSE due_notified_at END
        WHERE id = $1`,
      [existing.id, wanted.dueAt, wanted.note, user.id, dueChanged || reopened],
    );
    const facts = { ...toFacts(existing), assigneeName, dueAt: wanted.dueAt };
    if (reopened) await this.notices.assigned(tx, user, facts);
    await this.notices.record(tx, user, reopened ? 'assigned' : 'changed', facts);
    return existing.id;
  }

  /** Takes an assignment back (EDITOR and OWNER); answers its id. */
  async unassign(user: AuthUser, id: string): Promise<string> {
    await inTransaction(this.db, async (tx) => {
      const row = await this.lock(tx, `a.id = $1`, [id]);
      if (!row) throw notFound('Assignment');
      await executeSql(tx, `DELETE FROM assignment WHERE id = $1`, [id]);
      await this.notices.record(tx, user, 'unassigned', toFacts(row));
    });
    return id;
  }

  /**
   * Marks an assignment done (or open again): its assignee may, and anyone who may assign. Doing
   * what is already so changes nothing.
   */
  async setDone(user: AuthUser, id: string, done: boolean): Promise<AssignmentType> {
    const grant = await this.access.require(user, 'project:read', { assignmentId: id });
    await inTransaction(this.db, async (tx) => {
      const row = await this.lock(tx, `a.id = $1`, [id]);
      if (!row) throw notFound('Assignment');
      if (row.assignee_id !== user.id && !roleAllows(grant.role, 'assignment:write'))
        throw forbidden(
          'Only the person it is assigned to, or an editor, can mark it done or reopen it.',
        );
      if (done === (row.done_at !== null)) return;
      await executeSql(
        tx,
        `UPDATE assignment SET done_at = CASE WHEN $2 THEN now() END, updated_at = now()
          WHERE id = $1`,
        [id, done],
      );
      const event: AssignmentEvent = done ? 'done' : 'reopened';
      await this.notices.record(tx, user, event, toFacts(row));
    });
    return this.repo.get(id);
  }

  /**
   * The assignee's name, when they can open the project: a member of its workspace, and of a
   * restricted project an OWNER or listed on it. Anyone else gets one answer that says nothing
   * about the target or the project's access list.
   */
  private async assignable(tx: EntityManager, projectId: string, userId: string): Promise<string> {
    const row = await queryFirstRow<{ name: string }>(
      tx,
      `SELECT u.name FROM project p
         JOIN membership m ON m.workspace_id = p.workspace_id AND m.user_id = $2
         JOIN user_account u ON u.id = m.user_id
        WHERE p.id = $1
          AND (m.role = 'OWNER' OR NOT p.restricted
               OR EXISTS (SELECT 1 FROM project_member pm WHERE pm.project_id = p.id AND pm.user_id = m.user_id))`,
      [projectId, userId],
    );
    if (!row) throw badInput('Only a member who can open this project can be assigned to it.');
    return row.name;
  }

  private async facts(tx: EntityManager, id: string): Promise<AssignmentFacts> {
    const row = await this.lock(tx, `a.id = $1`, [id]);
    if (!row) throw notFound('Assignment');
    return toFacts(row);
  }

  /** The assignment matching `where`, locked until the end of the transaction. */
  private lock(
    tx: EntityManager,
    where: string,
    params: unknown[],
  ): Promise<LockedRow | undefined> {
    return queryFirstRow<LockedRow>(
      tx,
      `SELECT ${LOCKED_COLUMNS} FROM ${LOCKED_FROM} WHERE ${where} FOR UPDATE OF a`,
      params,
    );
  }
}

/** A due date must lie ahead (at most five years); null is none. */
function checkDue(dueAt: Date | null): Date | null {
  if (!dueAt) return null;
  const at = dueAt.getTime();
  if (!Number.isFinite(at)) throw badInput('dueAt must be a date and time.');
  if (at <= Date.now()) throw badInput('dueAt must be in the future.');
  if (at > Date.now() + MAX_DUE_AHEAD_MS)
    throw badInput('dueAt must be within five years from now.');
  return dueAt;
}

function toFacts(row: LockedRow): AssignmentFacts {
  return {
    id: row.id,
    projectId: row.project_id,
    targetType: row.target_type,
    targetId: row.target_id,
    title: row.title,
    boardId: row.board_id,
    assigneeId: row.assignee_id,
    assigneeName: row.assignee_name,
    dueAt: row.due_at,
  };
}
