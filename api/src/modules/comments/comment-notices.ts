import { Injectable } from '@nestjs/common';
import { type EntityManager } from 'typeorm';
import { type AuthUser } from '../../common/auth/auth-user';
import { queryOneRow, queryRows } from '../../database/sql';
import { NotificationKind, NotificationTargetType } from '../notifications/notification.entity';
import { NotificationsService } from '../notifications/notifications.service';
import { CommentTargetType } from './comments.types';

/** A comment just written, as its notices need it. */
export interface NewComment {
  id: string;
  projectId: string;
  targetType: CommentTargetType;
  targetId: string;
  parentId: string | null;
  /** The mentioned users who can see the target (the others were dropped before). */
  mentioned: string[];
  /** "a highlight", "a theme"…: how the summary names the target. */
  targetName: string;
}

const NOTIFICATION_TARGETS: Readonly<Record<CommentTargetType, NotificationTargetType>> = {
  [CommentTargetType.HIGHLIGHT]: NotificationTargetType.HIGHLIGHT,
  [CommentTargetType.SEGMENT]: NotificationTargetType.SEGMENT,
  [CommentTargetType.TRANSCRIPT]: NotificationTargetType.TRANSCRIPT,
  [CommentTargetType.THEME]: NotificationTargetType.THEME,
  [CommentTargetType.INSIGHT]: NotificationTargetType.INSIGHT,
};

/**
 * Who a new comment tells: each mentioned colleague (MENTION), and on a reply everyone else who
 * wrote in the thread (REPLY; a mention already told them). Written in the comment's transaction,
 * so a comment that is not stored tells nobody; the author is never told, nor anyone who cannot
 * see the project.
 */
@Injectable()
export class CommentNotices {
  constructor(private readonly notifications: NotificationsService) {}

  async afterAdd(tx: EntityManager, author: AuthUser, comment: NewComment): Promise<void> {
    const { transcriptTitle, transcriptId, boardId } = await this.place(tx, comment);
    const common = {
      actorId: author.id,
      projectId: comment.projectId,
      targetType: NOTIFICATION_TARGETS[comment.targetType],
      targetId: comment.targetId,
      transcriptId,
      boardId,
      commentId: comment.id,
    };
    const where = transcriptTitle ? ` in “${transcriptTitle}”` : '';
    if (comment.mentioned.length)
      await this.notifications.notify(tx, {
        ...common,
        userIds: comment.mentioned,
        kind: NotificationKind.MENTION,
        summary: `${author.name} mentioned you in a comment on ${comment.targetName}${where}`,
      });
    if (!comment.parentId) return;
    const writers = await queryRows<{ author_id: string }>(
      tx,
      `SELECT DISTINCT author_id FROM comment
        WHERE (id = $1 OR parent_id = $1) AND id <> $2 AND deleted_at IS NULL`,
      [comment.parentId, comment.id],
    );
    const mentioned = new Set(comment.mentioned);
    const userIds = writers.map((w) => w.author_id).filter((id) => !mentioned.has(id));
    if (userIds.length)
      await this.notifications.notify(tx, {
        ...common,
        userIds,
        kind: NotificationKind.REPLY,
        summary: `${author.name} replied in a thread you wrote in, on ${comment.targetName}${where}`,
      });
  }

  /** The transcript or board the target lies in, so the notification opens the right page. */
  private async place(tx: EntityManager, comment: NewComment) {
    const row = await queryOneRow<{
      transcript_id: string | null;
      transcript_title: string | null;
      board_id: string | null;
    }>(
      tx,
      `WITH t AS (
         SELECT CASE $1::text
                  WHEN 'HIGHLIGHT' THEN (SELECT transcript_id FROM highlight WHERE id = $2)
                  WHEN 'SEGMENT' THEN (SELECT transcript_id FROM segment WHERE id = $2)
                  WHEN 'TRANSCRIPT' THEN $2
                END AS id)
       SELECT t.id AS transcript_id,
              (SELECT title FROM transcript WHERE id = t.id) AS transcript_title,
              CASE $1::text WHEN 'THEME' THEN (SELECT board_id FROM board_theme WHERE id = $2) END AS board_id
         FROM t`,
      [comment.targetType, comment.targetId],
    );
    return {
      transcriptId: row.transcript_id,
      transcriptTitle: row.transcript_title,
      boardId: row.board_id,
    };
  }
}
