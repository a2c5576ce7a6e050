import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { AccessService, type TargetKind } from '../../common/access/access.service';
import { Role } from '../../common/access/roles';
import { type AuthUser } from '../../common/auth/auth-user';
import { badInput, forbidden, notFound } from '../../common/errors/domain-error';
import { executeSql, queryFirstRow, queryOneRow, queryRows } from '../../database/sql';
import { inTransaction } from '../../database/transaction';
import { ActivityService } from '../activity/activity.service';
import { CommentEventKind, CommentEvents } from './comment-events';
import { CommentNotices } from './comment-notices';
import { commentBody, reactionEmoji } from './comment-text';
import { CommentsRepository } from './comments.repository';
import {
  type AddCommentInput,
  CommentTargetType,
  type CommentType,
  type EditCommentInput,
  MAX_REPLIES,
} from './comments.types';

/** The kind of id each target type names: how access to a target is decided. */
export const TARGET_KINDS: Readonly<Record<CommentTargetType, TargetKind>> = {
  [CommentTargetType.HIGHLIGHT]: 'highlightId',
  [CommentTargetType.SEGMENT]: 'segmentId',
  [CommentTargetType.TRANSCRIPT]: 'transcriptId',
  [CommentTargetType.THEME]: 'themeId',
  [CommentTargetType.INSIGHT]: 'insightId',
};

const TARGET_NAMES: Readonly<Record<CommentTargetType, string>> = {
  [CommentTargetType.HIGHLIGHT]: 'a highlight',
  [CommentTargetType.SEGMENT]: 'a turn',
  [CommentTargetType.TRANSCRIPT]: 'a transcript',
  [CommentTargetType.THEME]: 'a theme',
  [CommentTargetType.INSIGHT]: 'an insight',
};

/** A comment has at most this many different emoji reacted to it. */
export const MAX_REACTION_EMOJI = 20;

/** A comment as a change reads it, locked for the rest of the transaction. */
interface LockedComment {
  id: string;
  project_id: string;
  target_type: CommentTargetType;
  target_id: string;
  parent_id: string | null;
  author_id: string | null;
  deleted_at: Date | null;
}

/**
 * Comments: threads on highlights, turns, transcripts, themes and insights, one level deep.
 *
 * Who may do what: the policy table's `comment:write` (COMMENTER and above) adds, replies,
 * reacts, resolves and reopens; only its author edits a comment; its author or an OWNER deletes
 * it. A change of a thread locks its root first (then the comment itself), so a reply and the
 * deletion of its root, or two deletions in one thread, end in one order.
 */
@Injectable()
export class CommentsService {
  constructor(
    private readonly db: DataSource,
    private readonly access: AccessService,
    private readonly activity: ActivityService,
    private readonly repo: CommentsRepository,
    private readonly notices: CommentNotices,
    private readonly events: CommentEvents,
  ) {}

  async add(user: AuthUser, input: AddCommentInput): Promise<CommentType> {
    const grant = await this.access.require(user, 'comment:write', {
      [TARGET_KINDS[input.targetType]]: input.targetId,
    });
    const body = commentBody(input.body);
    const projectId = grant.projectId!;
    const id = await inTransaction(this.db, async (tx) => {
      if (input.parentId) await this.checkParent(tx, input);
      const mentioned = await this.visibleMentions(tx, projectId, input.mentionIds ?? []);
      const { id } = await queryOneRow<{ id: string }>(
        tx,
        `INSERT INTO comment (project_id, target_type, target_id, parent_id, author_id, body)
         VALUES ($1, $2::comment_target_type, $3, $4, $5, $6) RETURNING id`,
        [projectId, input.targetType, input.targetId, input.parentId ?? null, user.id, body],
      );
      if (mentioned.length)
        await executeSql(
          tx,
          `INSERT INTO comment_mention (comment_id, user_id) SELECT $1, unnest($2::uuid[])`,
          [id, mentioned],
        );
      const on = TARGET_NAMES[input.targetType];
      await this.notices.afterAdd(tx, user, {
        id,
        projectId,
        targetType: input.targetType,
        targetId: input.targetId,
        parentId: input.parentId ?? null,
        mentioned,
        targetName: on,
      });
      await this.activity.record(tx, {
        workspaceId: grant.workspaceId,
        projectId,
        actorId: user.id,
        verb: 'comment.added',
        summary: input.parentId
          ? `${user.name} replied to a comment on ${on}`
          : `${user.name} commented on ${on}`,
        data: {
          commentId: id,
          targetType: input.targetType,
          targetId: input.targetId,
          ...(input.parentId ? { parentId: input.parentId } : {}),
        },
      });
      return id;
    });
    await this.events.publish({
      kind: CommentEventKind.ADDED,
      targetType: input.targetType,
      targetId: input.targetId,
      commentId: id,
      threadId: input.parentId ?? id,
    });
    return this.repo.get(id);
  }

  /** A new body for the caller's own comment; marks it edited. Mentions stay as they were. */
  async edit(user: AuthUser, input: EditCommentInput): Promise<CommentType> {
    const body = commentBody(input.body);
    const comment = await inTransaction(this.db, async (tx) => {
      const comment = await this.lockWithRoot(tx, input.id);
      if (comment.author_id !== user.id) throw forbidden('Only its author can edit a comment.');
      if (comment.deleted_at) throw badInput('This comment was deleted.');
      await executeSql(tx, `UPDATE comment SET body = $2, edited_at = now() WHERE id = $1`, [
        comment.id,
        body,
      ]);
      return comment;
    });
    await this.publish(CommentEventKind.EDITED, comment);
    return this.repo.get(input.id);
  }

  /**
   * Deletes a comment (its author or an OWNER). A root with replies stays in its place as
   * deleted: body emptied, its mentions and reactions removed. Otherwise it goes; a deleted root
   * whose last reply goes goes with it.
   */
  async delete(user: AuthUser, id: string): Promise<string> {
    const grant = await this.access.require(user, 'comment:write', { commentId: id });
    const deleted = await inTransaction(this.db, async (tx) => {
      const comment = await this.lockWithRoot(tx, id);
      if (comment.author_id !== user.id && grant.role !== Role.OWNER)
        throw forbidden('Only its author or an owner can delete a comment.');
      const replies = comment.parent_id
        ? 0
        : (
            await queryOneRow<{ n: number }>(
              tx,
              `SELECT count(*)::int AS n FROM comment WHERE parent_id = $1`,
              [id],
            )
          ).n;
      if (replies) {
        await executeSql(
          tx,
          `UPDATE comment SET body = '', deleted_at = coalesce(deleted_at, now()) WHERE id = $1`,
          [id],
        );
        await executeSql(tx, `DELETE FROM comment_mention WHERE comment_id = $1`, [id]);
        await executeSql(tx, `DELETE FROM comment_reaction WHERE comment_id = $1`, [id]);
        return comment;
      }
      await executeSql(tx, `DELETE FROM comment WHERE id = $1`, [id]);
      if (comment.parent_id)
        await executeSql(
          tx,
          `DELETE FROM comment r WHERE r.id = $1 AND r.deleted_at IS NOT NULL
              AND NOT EXISTS (SELECT 1 FROM comment x WHERE x.parent_id = r.id)`,
          [comment.parent_id],
        );
      return comment;
    });
    await this.publish(CommentEventKind.DELETED, deleted);
    return id;
  }

  /** Resolves (or reopens) the thread of a comment: the state is its root's. */
  async setResolved(user: AuthUser, id: string, resolved: boolean): Promise<CommentType> {
    const { comment, rootId } = await inTransaction(this.db, async (tx) => {
      const comment = await this.lockWithRoot(tx, id);
      const root = comment.parent_id ?? comment.id;
      await executeSql(
        tx,
        resolved
          ? `UPDATE comment SET resolved_at = now(), resolved_by_id = $2
              WHERE id = $1 AND resolved_at IS NULL`
          : `UPDATE comment SET resolved_at = NULL, resolved_by_id = NULL WHERE id = $1`,
        resolved ? [root, user.id] : [root],
      );
      return { comment, rootId: root };
    });
    await this.events.publish({
      kind: resolved ? CommentEventKind.RESOLVED : CommentEventKind.REOPENED,
      targetType: comment.target_type,
      targetId: comment.target_id,
      commentId: rootId,
      threadId: rootId,
    });
    return this.repo.get(rootId);
  }

  /** Adds the caller's reaction with this emoji, or takes it back when they had it. */
  async react(user: AuthUser, id: string, rawEmoji: string): Promise<CommentType> {
    const emoji = reactionEmoji(rawEmoji);
    const comment = await inTransaction(this.db, async (tx) => {
      const comment = await this.lockWithRoot(tx, id);
      if (comment.deleted_at) throw badInput('This comment was deleted.');
      const removed = await queryRows<{ emoji: string }>(
        tx,
        `DELETE FROM comment_reaction WHERE comment_id = $1 AND user_id = $2 AND emoji = $3
         RETURNING emoji`,
        [id, user.id, emoji],
      );
      if (removed.length) return comment;
      const { n, has } = await queryOneRow<{ n: number; has: boolean }>(
        tx,
        `SELECT count(DISTINCT emoji)::int AS n, bool_or(emoji = $2) IS TRUE AS has
           FROM comment_reaction WHERE comment_id = $1`,
        [id, emoji],
      );
      if (!has && n >= MAX_REACTION_EMOJI)
        throw badInput(
          `A comment can have at most ${MAX_REACTION_EMOJI} different reactions; add one of those it has.`,
        );
      await executeSql(
        tx,
        `INSERT INTO comment_reaction (comment_id, user_id, emoji) VALUES ($1, $2, $3)
         ON CONFLICT DO NOTHING`,
        [id, user.id, emoji],
      );
      return comment;
    });
    await this.publish(CommentEventKind.REACTED, comment);
    return this.repo.get(id);
  }

  /** Tells the target's open threads, once the change is committed. */
  private publish(kind: CommentEventKind, comment: LockedComment): Promise<void> {
    return this.events.publish({
      kind,
      targetType: comment.target_type,
      targetId: comment.target_id,
      commentId: comment.id,
      threadId: comment.parent_id ?? comment.id,
    });
  }

  /**
   * A reply's parent must be a root comment of the same target, not deleted, with room for
   * another reply; it is locked so that it cannot be deleted under the reply.
   */
  private async checkParent(tx: EntityManager, input: AddCommentInput): Promise<void> {
    const parent = await queryFirstRow<LockedComment>(
      tx,
      `SELECT id, project_id, target_type, target_id, parent_id, author_id, deleted_at
         FROM comment WHERE id = $1 FOR UPDATE`,
      [input.parentId],
    );
    if (!parent || parent.target_type !== input.targetType || parent.target_id !== input.targetId)
      throw badInput('parentId must be a comment on the same target.');
    if (parent.parent_id)
      throw badInput(
        'Threads are one level deep: reply to the first comment of the thread (this comment’s parentId).',
      );
    if (parent.deleted_at) throw badInput('This comment was deleted; it takes no new replies.');
    const { n } = await queryOneRow<{ n: number }>(
      tx,
      `SELECT count(*)::int AS n FROM comment WHERE parent_id = $1`,
      [parent.id],
    );
    if (n >= MAX_REPLIES)
      throw badInput(`A thread has at most ${MAX_REPLIES} replies; start a new thread.`);
  }

  /**
   * The mentioned people who can see the project: members of its workspace who are OWNERs, or
   * the project is not restricted, or they are on its list. Anyone else in the workspace is left
   * out without a word (the author learns nothing about who can see it); an id that is no member
   * of the workspace is refused.
   */
  private async visibleMentions(
    tx: EntityManager,
    projectId: string,
    mentionIds: string[],
  ): Promise<string[]> {
    const wanted = [...new Set(mentionIds)];
    if (!wanted.length) return [];
    const rows = await queryRows<{ user_id: string; visible: boolean }>(
      tx,
      `SELECT m.user_id,
              (m.role = 'OWNER' OR NOT p.restricted
               OR EXISTS (SELECT 1 FROM project_member pm WHERE pm.project_id = p.id AND pm.user_id = m.user_id)) AS visible
         FROM project p JOIN membership m ON m.workspace_id = p.workspace_id
        WHERE p.id = $1 AND m.user_id = ANY($2::uuid[])`,
      [projectId, wanted],
    );
    if (rows.length !== wanted.length)
      throw badInput('mentionIds must be members of this workspace.');
    return rows.filter((r) => r.visible).map((r) => r.user_id);
  }

  /** Locks a comment's thread root, then the comment (NOT_FOUND when it does not exist). */
  private async lockWithRoot(tx: EntityManager, id: string): Promise<LockedComment> {
    await executeSql(
      tx,
      `SELECT id FROM comment
        WHERE id = (SELECT coalesce(parent_id, id) FROM comment WHERE id = $1) FOR UPDATE`,
      [id],
    );
    const comment = await queryFirstRow<LockedComment>(
      tx,
      `SELECT id, project_id, target_type, target_id, parent_id, author_id, deleted_at
         FROM comment WHERE id = $1 FOR UPDATE`,
      [id],
    );
    if (!comment) throw notFound('Comment');
    return comment;
  }
}
