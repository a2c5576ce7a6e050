import { Inject, Injectable } from '@nestjs/common';
import { type PubSubEngine } from 'graphql-subscriptions';
import { DataSource, EntityManager } from 'typeorm';
import { type AuthUser } from '../../common/auth/auth-user';
import { badInput } from '../../common/errors/domain-error';
import { type Connection } from '../../common/pagination/connection';
import { PUB_SUB } from '../../common/pubsub/pubsub.token';
import { type Db, queryRows } from '../../database/sql';
import {
  type NotificationChange,
  NotificationEvents,
  notificationTopic,
} from './notification-events';
import { NotificationsAddedHook } from './notifications-added.hook';
import { NotificationsRepository } from './notifications.repository';
import {
  MAX_MARK_READ,
  type NotificationKind,
  type NotificationTargetType,
  type NotificationType,
} from './notifications.types';

/** What happened, to whom: the argument of NotificationsService.notify. */
export interface NotifyInput {
  /** Who to tell; the actor and anyone who cannot see the project are left out. */
  userIds: string[];
  kind: NotificationKind;
  /** Who did it (never told about it themself); null when nobody did (a run finishing). */
  actorId: string | null;
  projectId: string;
  targetType: NotificationTargetType;
  targetId: string;
  /** The transcript the target lies in, when it lies in one. */
  transcriptId?: string | null;
  /** The board the target lies on, when it lies on one. */
  boardId?: string | null;
  /** One line, e.g. `Ana mentioned you on a highlight in “Onboarding call”` (cut at 500). */
  summary: string;
  /**
   * For producers that may run twice for one event (a job retried after a crash): a user is
   * told once per key.
   */
  dedupeKey?: string | null;
  /** The comment it is about (a mention, a reply), so an e-mail can quote it. */
  commentId?: string | null;
}

/** One event of a user's notification stream. */
type Delivered =
  | { notificationAdded: NotificationType }
  | { unreadNotificationCountChanged: number };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Notifications: what other features tell a user about (notify), and that user's list, unread
 * count and live stream. A user sees only their own, and only those of projects they can still
 * see (see NotificationsRepository).
 */
@Injectable()
export class NotificationsService {
  constructor(
    private readonly db: DataSource,
    private readonly repo: NotificationsRepository,
    private readonly events: NotificationEvents,
    private readonly added: NotificationsAddedHook,
    @Inject(PUB_SUB) private readonly pubsub: PubSubEngine,
  ) {}

  /**
   * Tells users about something in a project: one notification each, except for the actor and
   * for anyone who cannot see the project (not a member of its workspace, or a restricted project
   * they are not on). Given a transaction, writes in it and announces the notifications live
   * once it commits (nothing if it rolls back); given the DataSource, announces at once. Runs
   * NotificationsAddedHook in the same transaction. Returns the ids written.
   */
  async notify(db: Db, input: NotifyInput): Promise<string[]> {
    const userIds = [...new Set(input.userIds)].filter((id) => id !== input.actorId);
    if (!userIds.length) return [];
    const rows = await queryRows<{ id: string; user_id: string }>(
      db,
      `INSERT INTO notification (user_id, kind, actor_id, project_id, target_type, target_id,
                                 transcript_id, board_id, summary, dedupe_key, comment_id)
       SELECT m.user_id, $2::notification_kind, $3, p.id, $5::notification_target_type, $6, $7, $8, $9, $10, $11
         FROM project p JOIN membership m ON m.workspace_id = p.workspace_id
        WHERE p.id = $4 AND m.user_id = ANY($1::uuid[]) AND m.user_id IS DISTINCT FROM $3::uuid
          AND (m.role = 'OWNER' OR NOT p.restricted
               OR EXISTS (SELECT 1 FROM project_member pm WHERE pm.project_id = p.id AND pm.user_id = m.user_id))
       ON CONFLICT (user_id, dedupe_key) WHERE dedupe_key IS NOT NULL DO NOTHING
       RETURNING id, user_id`,
      [
        userIds,
        input.kind,
        input.actorId,
        input.projectId,
        input.targetType,
        input.targetId,
        input.transcriptId ?? null,
        input.boardId ?? null,
        input.summary.slice(0, 500),
        input.dedupeKey ?? null,
        input.commentId ?? null,
      ],
    );
    if (rows.length)
      await this.added.run(db instanceof EntityManager ? db : db.manager, {
        kind: input.kind,
        notificationIds: rows.map((r) => r.id),
      });
    await this.events.announce(
      db,
      rows.map((r) => ({ kind: 'ADDED', userId: r.user_id, notificationId: r.id })),
    );
    return rows.map((r) => r.id);
  }

  list(
    user: AuthUser,
    first: number | null | undefined,
    after: string | null | undefined,
    unreadOnly: boolean,
  ): Promise<Connection<NotificationType>> {
    return this.repo.list(user.id, first, after, unreadOnly);
  }

  unreadCount(user: AuthUser): Promise<number> {
    return this.repo.unreadCount(user.id);
  }

  /**
   * Marks these of the caller's notifications read and returns them as they are now. Ids of
   * anyone else's notifications (or of none) are ignored: they are not returned and nothing of
   * them changes, so an id reveals nothing.
   */
  async markRead(user: AuthUser, ids: string[]): Promise<NotificationType[]> {
    if (ids.length > MAX_MARK_READ)
      throw badInput(`At most ${MAX_MARK_READ} notifications can be marked read at once.`);
    const wanted = [...new Set(ids)].filter((id) => UUID.test(id));
    if (await this.repo.markRead(user.id, wanted)) await this.countChanged(user);
    return this.repo.getMany(user.id, wanted);
  }

  /** Marks every unread notification of the caller read; how many it marked. */
  async markAllRead(user: AuthUser): Promise<number> {
    const marked = await this.repo.markRead(user.id, null);
    if (marked) await this.countChanged(user);
    return marked;
  }

  /**
   * The caller's live notification stream: each event is read afresh for this subscriber when
   * it arrives, and one they can no longer see (they left the project's workspace, or its
   * project was restricted without them) is skipped.
   */
  stream(user: AuthUser, field: 'added' | 'count'): AsyncIterableIterator<Delivered> {
    const source = this.pubsub.asyncIterableIterator<{ notifications: NotificationChange }>(
      notificationTopic(user.id),
    );
    let lastCount: number | null = null;
    const read = async (change: NotificationChange): Promise<Delivered | null> => {
      if (field === 'count') {
        // Only a change is news: an event that changed nothing the user can see is not sent.
        const count = await this.repo.unreadCount(user.id);
        if (count === lastCount) return null;
        lastCount = count;
        return { unreadNotificationCountChanged: count };
      }
      if (change.kind !== 'ADDED') return null;
      const [notification] = await this.repo.getMany(user.id, [change.notificationId]);
      return notification ? { notificationAdded: notification } : null;
    };
    const iterator: AsyncIterableIterator<Delivered> = {
      next: async () => {
        for (;;) {
          const event = await source.next();
          if (event.done) return { done: true, value: undefined };
          const delivered = await read(event.value.notifications);
          if (delivered) return { done: false, value: delivered };
        }
      },
      return: async () => {
        await source.return?.();
        return { done: true, value: undefined };
      },
      throw: async (error: unknown) => {
        await source.return?.();
        throw error;
      },
      [Symbol.asyncIterator]: () => iterator,
    };
    return iterator;
  }

  private countChanged(user: AuthUser): Promise<void> {
    return this.events.announce(this.db, [{ kind: 'READ', userId: user.id }]);
  }
}
