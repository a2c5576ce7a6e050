import { DatePipe } from '@angular/common';
import {
  ChangeDetectionStrategy,
  Component,
  DestroyRef,
  Injector,
  afterNextRender,
  computed,
  inject,
  signal,
} from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { RouterLink } from '@angular/router';
import { Apollo } from 'apollo-angular';
import { firstValueFrom } from 'rxjs';
import {
  MarkAllNotificationsReadDocument,
  MarkNotificationsReadDocument,
  NotificationAddedDocument,
  NotificationsDocument,
} from '@verbatim/contracts/notifications';
import { toAppError } from '../../core/errors/app-error';
import { UnreadNotifications } from '../../core/notifications/unread-notifications';
import { formatRelative } from '../../shared/format';
import { KeysetPager, keysetPage } from '../../shared/keyset-pager';
import { LoadMore } from '../../shared/load-more';
import {
  type InboxLink,
  type InboxNotification,
  groupByDay,
  notificationLink,
} from './inbox-items';

const PAGE_SIZE = 30;

/** The signed-in user's notifications, newest first, by day; opening one marks it read. */
@Component({
  selector: 'vb-inbox-page',
  imports: [DatePipe, RouterLink, LoadMore],
  templateUrl: './inbox-page.html',
  styleUrl: './inbox-page.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class InboxPage {
  private readonly apollo = inject(Apollo);
  private readonly unread = inject(UnreadNotifications);
  private readonly destroyRef = inject(DestroyRef);
  private readonly injector = inject(Injector);
  private readonly timeZone = Intl.DateTimeFormat().resolvedOptions().timeZone;

  protected readonly unreadOnly = signal(false);
  protected readonly pager = new KeysetPager<InboxNotification>(async (after) => {
    const { data } = await firstValueFrom(
      this.apollo
        .query({
          query: NotificationsDocument,
          variables: { first: PAGE_SIZE, after, unreadOnly: this.unreadOnly() },
          fetchPolicy: 'network-only',
        })
        .pipe(takeUntilDestroyed(this.destroyRef)),
    );
    if (!data) return null;
    this.now.set(Date.now());
    return keysetPage(data.notifications);
  });
  protected readonly items = this.pager.items;
  protected readonly markingAll = signal(false);
  protected readonly error = this.pager.error;
  /** Said by a polite live region when a notification arrives while the page is open. */
  protected readonly announcement = signal('');
  protected readonly now = signal(Date.now());
  protected readonly unreadCount = this.unread.count;
  protected readonly days = computed(() => groupByDay(this.items(), this.now(), this.timeZone));

  constructor() {
    void this.load(false);
    this.apollo
      .subscribe({ query: NotificationAddedDocument })
      .pipe(takeUntilDestroyed())
      .subscribe({
        next: ({ data }) => {
          const added = data?.notificationAdded;
          if (!added || this.items().some((n) => n.id === added.id)) return;
          this.now.set(Date.now());
          this.items.update((list) => [added, ...list]);
          this.announcement.set(`New: ${added.summary}`);
        },
        error: () => undefined,
      });
  }

  protected async load(more: boolean): Promise<void> {
    const page = await this.pager.load(more);
    // The button may be gone now: the focus goes to the first of the notifications it loaded.
    if (page && page.appendedAt >= 0 && page.nodes.length > 0) {
      afterNextRender(
        () => document.querySelectorAll<HTMLElement>('.inbox-link').item(page.appendedAt)?.focus(),
        { injector: this.injector },
      );
    }
  }

  protected setUnreadOnly(value: boolean): void {
    this.unreadOnly.set(value);
    void this.load(false);
  }

  protected async markAllRead(): Promise<void> {
    this.markingAll.set(true);
    this.error.set(null);
    try {
      await firstValueFrom(this.apollo.mutate({ mutation: MarkAllNotificationsReadDocument }));
      const at = new Date().toISOString();
      this.items.update((list) =>
        this.unreadOnly() ? [] : list.map((n) => (n.readAt ? n : { ...n, readAt: at })),
      );
      this.unread.refresh();
    } catch (e) {
      this.error.set(toAppError(e).message);
    } finally {
      this.markingAll.set(false);
    }
  }

  /** Marks it read as it opens; the link itself navigates. */
  protected opened(n: InboxNotification): void {
    if (n.readAt) return;
    const at = new Date().toISOString();
    this.items.update((list) => list.map((i) => (i.id === n.id ? { ...i, readAt: at } : i)));
    this.apollo
      .mutate({ mutation: MarkNotificationsReadDocument, variables: { ids: [n.id] } })
      .subscribe({
        next: () => this.unread.refresh(),
        error: () => undefined,
      });
  }

  protected link(n: InboxNotification): InboxLink {
    return notificationLink(n);
  }

  protected relative(iso: string): string {
    return formatRelative(iso, this.now());
  }
}
