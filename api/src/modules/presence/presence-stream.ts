import { type Logger } from '@nestjs/common';
import { type PubSubEngine } from 'graphql-subscriptions';
import { randomUUID } from 'node:crypto';
import { type AuthUser } from '../../common/auth/auth-user';
import { type PresenceEntry, type PresenceStore } from './presence-store';
import {
  MAX_PRESENT_USERS,
  type PresenceTargetType,
  type PresenceType,
  type PresentUserType,
} from './presence.types';

export type PresencePayload = { presence: PresenceType };

export interface PresenceStreamDeps {
  store: PresenceStore;
  pubsub: PubSubEngine;
  logger: Logger;
  ttlMs: number;
  /**
   * Whether the subscriber may stay: true; false once its connection ended (token expired,
   * logged out); throws the access error when they can no longer open the target.
   */
  mayStay: () => Promise<boolean>;
  /** Told once the stream has ended, whichever way. */
  ended: (stream: PresenceStream) => void;
}

/** Someone entered or left the target, on some api instance: read who is there again. */
export const presenceTopic = (target: string) => `presence-changed:${target}`;

const DONE: IteratorResult<PresencePayload> = { done: true, value: undefined };

/**
 * One subscriber's presence at a transcript or board, as the `presence` subscription's event
 * stream. While it lives the subscriber is present (an entry in the store, renewed every third
 * of its time to live); it delivers who is present whenever that changes: someone entered or
 * left (a pub/sub signal from any instance), or an entry expired (seen at the next renewal).
 * At each renewal, and at once when access changes, the subscriber's access is checked again:
 * one who lost it leaves, and the stream ends with the access error. Ending the subscription
 * (or closing the socket) leaves.
 */
export class PresenceStream implements AsyncIterableIterator<PresencePayload> {
  private readonly target: string;
  private readonly entry: PresenceEntry;
  private opening: Promise<void> | null = null;
  private closed = false;
  private entered = false;
  private changed = true;
  private renew = false;
  private recheck = false;
  private waiter: (() => void) | null = null;
  private timer: NodeJS.Timeout | null = null;
  private subscription: number | null = null;
  private last: string | null = null;

  constructor(
    private readonly deps: PresenceStreamDeps,
    private readonly targetType: PresenceTargetType,
    private readonly targetId: string,
    user: AuthUser,
  ) {
    this.target = `${targetType}:${targetId}`;
    this.entry = { connectionId: randomUUID(), userId: user.id, name: user.name };
  }

  async next(): Promise<IteratorResult<PresencePayload>> {
    await (this.opening ??= this.open());
    for (;;) {
      if (this.closed) return DONE;
      if (this.renew || this.recheck) {
        const renew = this.renew;
        this.renew = this.recheck = false;
        if (!(await this.mayStay())) return DONE;
        if (renew) {
          await this.safely('renew', () =>
            this.deps.store.enter(this.target, this.entry, this.deps.ttlMs),
          );
          this.changed = true; // someone else's entry may have expired meanwhile
        }
      }
      if (this.changed) {
        this.changed = false;
        const presence = await this.read();
        const signature = presence && JSON.stringify([presence.count, presence.users]);
        if (presence && signature !== this.last && !this.closed) {
          this.last = signature;
          return { done: false, value: { presence } };
        }
      }
      await new Promise<void>((resolve) => (this.waiter = resolve));
    }
  }

  /** Checks the subscriber's access now (access changed somewhere in the workspace). */
  checkAccess(): void {
    this.recheck = true;
    this.wake();
  }

  async return(): Promise<IteratorResult<PresencePayload>> {
    await this.close();
    return DONE;
  }

  async throw(error: unknown): Promise<IteratorResult<PresencePayload>> {
    await this.close();
    throw error;
  }

  [Symbol.asyncIterator](): this {
    return this;
  }

  private async open(): Promise<void> {
    this.subscription = await this.deps.pubsub.subscribe(
      presenceTopic(this.target),
      () => {
        this.changed = true;
        this.wake();
      },
      {},
    );
    await this.safely('enter', () =>
      this.deps.store.enter(this.target, this.entry, this.deps.ttlMs),
    );
    this.entered = true;
    await this.announce();
    this.timer = setInterval(() => {
      this.renew = true;
      this.wake();
    }, this.deps.ttlMs / 3);
    this.timer.unref();
  }

  private async mayStay(): Promise<boolean> {
    try {
      if (await this.deps.mayStay()) return true;
    } catch (error) {
      await this.close();
      throw error;
    }
    await this.close();
    return false;
  }

  /** Leaves (once), and tells the others. */
  private async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.wake();
    await this.opening?.catch(() => undefined);
    if (this.timer) clearInterval(this.timer);
    if (this.subscription !== null) this.deps.pubsub.unsubscribe(this.subscription);
    if (this.entered) {
      await this.safely('leave', () => this.deps.store.leave(this.target, this.entry));
      await this.announce();
    }
    this.deps.ended(this);
  }

  /** Who is present, each person once, by name; null when the store could not be read. */
  private async read(): Promise<PresenceType | null> {
    const entries = await this.safely('read', () => this.deps.store.present(this.target));
    if (!entries) return null;
    const people = new Map<string, PresentUserType>();
    for (const e of entries)
      if (!people.has(e.userId)) people.set(e.userId, { id: e.userId, name: e.name });
    const users = [...people.values()].sort(
      (a, b) => a.name.localeCompare(b.name) || a.id.localeCompare(b.id),
    );
    return {
      targetType: this.targetType,
      targetId: this.targetId,
      count: users.length,
      users: users.slice(0, MAX_PRESENT_USERS),
    };
  }

  private async announce(): Promise<void> {
    await this.safely('announce', () =>
      this.deps.pubsub.publish(presenceTopic(this.target), { target: this.target }),
    );
  }

  private wake(): void {
    const waiter = this.waiter;
    this.waiter = null;
    waiter?.();
  }

  /**
   * Runs a store or pub/sub call; a failure is logged and answered with undefined. Presence
   * is a courtesy: Redis being away must not end the page's subscription, and the next renewal
   * tries again.
   */
  private async safely<T>(what: string, call: () => Promise<T>): Promise<T | undefined> {
    try {
      return await call();
    } catch (error) {
      this.deps.logger.warn(
        `presence ${what} at ${this.target} failed: ${(error as Error).message}`,
      );
      return undefined;
    }
  }
}
