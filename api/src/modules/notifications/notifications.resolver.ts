import { Args, ID, Int, Mutation, Query, Resolver } from '@nestjs/graphql';
import { LiveSubscription } from '../../common/access/live-subscription';
import { SignedIn } from '../../common/access/policy.decorator';
import { type AuthUser } from '../../common/auth/auth-user';
import { CurrentUser } from '../../common/auth/current-user.decorator';
import { type Connection } from '../../common/pagination/connection';
import { NotificationsService } from './notifications.service';
import { MAX_MARK_READ, NotificationConnection, NotificationType } from './notifications.types';

/** The signed-in user's own notifications: every operation is scoped to the caller. */
@Resolver(() => NotificationType)
export class NotificationsResolver {
  constructor(private readonly service: NotificationsService) {}

  @SignedIn()
  @Query(() => NotificationConnection, {
    description:
      'Your notifications, newest first; unreadOnly: only those not yet read. Those of projects you can no longer see are left out.',
  })
  notifications(
    @CurrentUser() user: AuthUser,
    @Args('first', { type: () => Int, nullable: true, defaultValue: 50 }) first: number,
    @Args('after', { type: () => String, nullable: true }) after: string | undefined,
    @Args('unreadOnly', { type: () => Boolean, nullable: true, defaultValue: false })
    unreadOnly: boolean,
  ): Promise<Connection<NotificationType>> {
    return this.service.list(user, first, after, unreadOnly ?? false);
  }

  @SignedIn()
  @Query(() => Int, { description: 'How many of your notifications are unread.' })
  unreadNotificationCount(@CurrentUser() user: AuthUser): Promise<number> {
    return this.service.unreadCount(user);
  }

  @SignedIn()
  @Mutation(() => [NotificationType], {
    description: `Marks these of your notifications read (at most ${MAX_MARK_READ}) and returns them; ids that are not of your notifications are ignored.`,
  })
  markNotificationsRead(
    @CurrentUser() user: AuthUser,
    @Args('ids', { type: () => [ID] }) ids: string[],
  ): Promise<NotificationType[]> {
    return this.service.markRead(user, ids);
  }

  @SignedIn()
  @Mutation(() => Int, {
    description: 'Marks all your unread notifications read; how many it marked.',
  })
  markAllNotificationsRead(@CurrentUser() user: AuthUser): Promise<number> {
    return this.service.markAllRead(user);
  }

  @LiveSubscription(() => NotificationType, {
    requires: 'signed-in',
    description:
      'Your new notifications as they are written, on whichever api instance; none of a project you can no longer see.',
    resolve: (payload: { notificationAdded: NotificationType }) => payload.notificationAdded,
  })
  notificationAdded(@CurrentUser() user: AuthUser): AsyncIterator<unknown> {
    return this.service.stream(user, 'added');
  }

  @LiveSubscription(() => Int, {
    requires: 'signed-in',
    description:
      'Your unread count each time it changes: a notification added, or notifications marked read (in any tab).',
    resolve: (payload: { unreadNotificationCountChanged: number }) =>
      payload.unreadNotificationCountChanged,
  })
  unreadNotificationCountChanged(@CurrentUser() user: AuthUser): AsyncIterator<unknown> {
    return this.service.stream(user, 'count');
  }
}
