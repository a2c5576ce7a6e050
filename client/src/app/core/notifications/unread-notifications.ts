import { Injectable, inject, signal } from '@angular/core';
import { Apollo } from 'apollo-angular';
import type { Subscription } from 'rxjs';
import {
  UnreadNotificationCountChangedDocument,
  UnreadNotificationCountDocument,
} from '@verbatim/contracts/notifications';

/**
 * The signed-in user's count of unread notifications: read once, then kept live by the
 * `unreadNotificationCountChanged` subscription. The shell starts it and stops it when it goes.
 */
@Injectable({ providedIn: 'root' })
export class UnreadNotifications {
  private readonly apollo = inject(Apollo);
  private readonly countSignal = signal<number | null>(null);
  private live: Subscription | null = null;

  /** Null until the first answer. */
  readonly count = this.countSignal.asReadonly();

  start(): void {
    this.stop();
    const live = this.apollo
      .subscribe({ query: UnreadNotificationCountChangedDocument })
      .subscribe({
        next: ({ data }) => {
          if (data) this.countSignal.set(data.unreadNotificationCountChanged);
        },
        error: () => undefined,
      });
    live.add(
      this.apollo
        .query({ query: UnreadNotificationCountDocument, fetchPolicy: 'network-only' })
        .subscribe({
          next: ({ data }) => {
            if (data) this.countSignal.set(data.unreadNotificationCount);
          },
          error: () => undefined,
        }),
    );
    this.live = live;
  }

  /** Reads the count again, e.g. after marking notifications read. */
  refresh(): void {
    this.apollo
      .query({ query: UnreadNotificationCountDocument, fetchPolicy: 'network-only' })
      .subscribe({
        next: ({ data }) => {
          if (data) this.countSignal.set(data.unreadNotificationCount);
        },
        error: () => undefined,
      });
  }

  stop(): void {
    this.live?.unsubscribe();
    this.live = null;
    this.countSignal.set(null);
  }
}
