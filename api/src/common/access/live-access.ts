import { Inject, Injectable, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import { type PubSubEngine } from 'graphql-subscriptions';
import { type AuthUser } from '../auth/auth-user';
import { type LiveConnection } from '../auth/live-connections';
import { TokenService } from '../auth/token.service';
import { PUB_SUB } from '../pubsub/pubsub.module';
import { ACCESS_CHANGED_TOPIC, type AccessChanged, AccessChanges } from './access-changes';
import { AccessService } from './access.service';
import { type PolicyRule } from './policy.decorator';
import { targetOf } from './policy.guard';

/**
 * How long a granted check is reused for later events. Access changes made through the api
 * (AccessChanges) drop the cached grants of their workspace at once on every instance; this
 * bounds how long anything else (a change made directly in the database) could go unnoticed.
 */
const GRANT_TTL_MS = 15_000;
/** How long a session seen live is not looked up again (logOut etc. close the socket at once). */
const SESSION_TTL_MS = 10_000;
/** Expired grants are swept when the cache grows beyond this. */
const SWEEP_ABOVE = 10_000;

/** Who receives a subscription's events, and what they had to be allowed to subscribe. */
export interface Subscriber {
  user: AuthUser | null;
  /** The graphql-ws connection the subscription runs on. */
  live?: LiveConnection;
  rule?: PolicyRule;
  args: unknown;
}

/**
 * Access checked for every event a subscription delivers, not only when it starts: before each
 * event the subscriber's connection must still hold an unexpired token of a live session, and
 * the subscriber must still be allowed the subscription's @Requires action on its target (a
 * member removed, demoted out of a restricted project, or left off a project's access list stops
 * receiving at once). A lost token or session closes the connection (4403, the client
 * refreshes and resubscribes); lost access ends the subscription with the access error
 * (NOT_FOUND or FORBIDDEN). Decisions are cached briefly and dropped when AccessChanges
 * announces a change in their workspace.
 */
@Injectable()
export class LiveAccess implements OnModuleInit, OnModuleDestroy {
  private readonly grants = new Map<string, { workspaceId: string; until: number }>();
  /** Bumped by every access change: a lookup that overlapped one is not cached. */
  private generation = 0;
  private subscription: number | null = null;

  constructor(
    private readonly access: AccessService,
    private readonly tokens: TokenService,
    @Inject(PUB_SUB) private readonly pubsub: PubSubEngine,
    private readonly changes: AccessChanges,
  ) {}

  async onModuleInit(): Promise<void> {
    this.changes.changed$.subscribe((event) => this.forgetWorkspace(event.workspaceId));
    this.subscription = await this.pubsub.subscribe(
      ACCESS_CHANGED_TOPIC,
      (event: AccessChanged) => this.forgetWorkspace(event.workspaceId),
      {},
    );
  }

  onModuleDestroy(): void {
    if (this.subscription !== null) this.pubsub.unsubscribe(this.subscription);
  }

  /** The events of `source`, each delivered only after `mayDeliver` said so. */
  guard<T>(source: AsyncIterator<T>, subscriber: Subscriber): AsyncIterableIterator<T> {
    const stop = async (): Promise<IteratorResult<T>> => {
      await source.return?.();
      return { done: true, value: undefined };
    };
    const iterator: AsyncIterableIterator<T> = {
      next: async () => {
        const event = await source.next();
        if (event.done) return event;
        let allowed: boolean;
        try {
          allowed = await this.mayDeliver(subscriber);
        } catch (error) {
          await source.return?.();
          throw error;
        }
        return allowed ? event : stop();
      },
      return: stop,
      throw: async (error: unknown) => {
        await source.return?.();
        throw error;
      },
      [Symbol.asyncIterator]: () => iterator,
    };
    return iterator;
  }

  /**
   * True when the event may go out; false when the connection has ended (it is closed here if
   * its token expired or its session ended); throws the access error when access was lost.
   */
  async mayDeliver(subscriber: Subscriber): Promise<boolean> {
    const { user, live } = subscriber;
    if (!user) return true; // a public subscription: nothing to re-check
    if (!(await this.credentialsHold(user, live))) return false;
    const target = subscriber.rule ? targetOf(subscriber.rule, subscriber.args) : null;
    if (!target) return true;
    const key = `${user.id}|${target.action}|${JSON.stringify(target.target)}`;
    const now = Date.now();
    const cached = this.grants.get(key);
    if (cached && cached.until > now) return true;
    const generation = this.generation;
    const grant = await this.access.require(user, target.action, target.target);
    if (generation !== this.generation) return true; // decided before a change landed: re-check next time
    if (this.grants.size > SWEEP_ABOVE) this.sweep(now);
    this.grants.set(key, { workspaceId: grant.workspaceId, until: now + GRANT_TTL_MS });
    return true;
  }

  private async credentialsHold(
    user: AuthUser,
    live: LiveConnection | undefined,
  ): Promise<boolean> {
    if (!live) return this.tokens.isLive(user);
    if (!live.isOpen) return false;
    if (live.isExpired()) {
      live.end('Token expired');
      return false;
    }
    const now = Date.now();
    if (live.sessionLiveUntil > now) return true;
    if (!(await this.tokens.isLive(user))) {
      live.end('Session ended');
      return false;
    }
    live.sessionLiveUntil = now + SESSION_TTL_MS;
    return true;
  }

  private forgetWorkspace(workspaceId: string): void {
    this.generation++;
    for (const [key, grant] of this.grants)
      if (grant.workspaceId === workspaceId) this.grants.delete(key);
  }

  private sweep(now: number): void {
    for (const [key, grant] of this.grants) if (grant.until <= now) this.grants.delete(key);
  }
}
