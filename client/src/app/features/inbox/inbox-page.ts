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
  imports: [DatePipe, RouterLink],
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

  protected readonly items = signal<readonly InboxNotification[]>([]);
  protected readonly loaded = signal(false);
  protected readonly loading = signal(false);
  protected readonly endCursor = signal<string | null>(null);
  protected readonly hasMore = signal(false);
  protected readonly unreadOnly = signal(false);
  protected readonly markingAll = signal(false);
  protected readonly error = signal<string | null>(null);
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
    this.loading.set(true);
    this.error.set(null);
    try {
      const { data } = await firstValueFrom(
        this.apollo
          .query({
            query: NotificationsDocument,
            variables: {
              first: PAGE_SIZE,
              after: more ? this.endCursor() : null,
              unreadOnly: this.unreadOnly(),
            },
            fetchPolicy: 'network-only',
          })
          .pipe(takeUntilDestroyed(this.destroyRef)),
      );
      if (!data) return;
      const page = data.notifications;
      const nodes = page.edges.map((e) => e.node);
      const firstNew = more ? this.items().length : -1;
      this.now.set(Date.now());
      this.items.update((list) => {
        if (!more) return nodes;
        const known = new Set(list.map((n) => n.id));
        return [...list, ...nodes.filter((n) => !known.has(n.id))];
      });
      this.endCursor.set(page.pageInfo.endCursor);
      this.hasMore.set(page.pageInfo.hasNextPage);
      this.loaded.set(true);
      // The button may be gone now: the focus goes to the first of the notifications it loaded.
      if (firstNew >= 0 && nodes.length > 0) {
        afterNextRender(
          () => document.querySelectorAll<HTMLElement>('.inbox-link').item(firstNew)?.focus(),
          { injector: this.injector },
        );
      }
    } catch (e) {
      this.error.set(toAppError(e).message);
    } finally {
      this.loading.set(false);
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
