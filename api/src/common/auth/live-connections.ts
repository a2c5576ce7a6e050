import {
  Inject,
  Injectable,
  Logger,
  type OnModuleDestroy,
  type OnModuleInit,
} from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { type PubSubEngine } from 'graphql-subscriptions';
import { type IncomingMessage } from 'node:http';
import { PUB_SUB } from '../pubsub/pubsub.module';
import { type AuthUser } from './auth-user';
import { type ClientInfo, clientOfUpgrade, type TrustProxy } from './request-user';
import { SESSIONS_ENDED_TOPIC, SessionEvents, type SessionsEnded } from './session-events';
import { TokenService } from './token.service';

/**
 * graphql-ws close code for "these credentials no longer work": the access token expired or its
 * session ended (logOut, logOutEverywhere, changePassword). graphql-ws names 4403 Forbidden; the
 * client refreshes its token and reconnects, and its subscriptions resume on the new socket (or
 * it returns to the log-in page when the refresh is refused).
 */
export const CREDENTIALS_ENDED = 4403;

/** What graphql-ws can do to a socket. */
export interface Closable {
  close(code: number, reason: string): void;
}

/** setTimeout's largest delay; a longer token lifetime is re-armed when it fires. */
const MAX_TIMER_MS = 2_147_483_647;

/**
 * One graphql-ws connection: who opened it (from its connection-time token) until when, and a
 * way to end it. Every operation and every subscription event on it checks it first.
 */
export class LiveConnection {
  private ended = false;
  private timer: NodeJS.Timeout | null = null;
  /** Until when the session was last seen live (a short cache for per-event checks). */
  sessionLiveUntil = 0;

  constructor(
    private readonly socket: Closable,
    readonly user: AuthUser | null,
    /** Epoch milliseconds when the connection's token expires; null when anonymous. */
    readonly expiresAt: number | null,
    readonly client: ClientInfo,
  ) {}

  get isOpen(): boolean {
    return !this.ended;
  }

  /** True once the token the connection was opened with has expired. */
  isExpired(now = Date.now()): boolean {
    return this.expiresAt !== null && now >= this.expiresAt;
  }

  /** Closes the socket with CREDENTIALS_ENDED (once); its subscriptions end with it. */
  end(reason: string): void {
    if (this.ended) return;
    this.ended = true;
    this.clearTimer();
    this.socket.close(CREDENTIALS_ENDED, reason);
  }

  /** Ends the connection when its token expires. */
  armExpiry(): void {
    if (this.expiresAt === null || this.ended) return;
    const delay = this.expiresAt - Date.now();
    if (delay <= 0) return this.end('Token expired');
    this.timer = setTimeout(() => this.armExpiry(), Math.min(delay, MAX_TIMER_MS));
    this.timer.unref();
  }

  /** The socket closed: nothing left to end. */
  closed(): void {
    this.ended = true;
    this.clearTimer();
  }

  private clearTimer(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }
}

/**
 * The open graphql-ws connections of this process, by user. A connection authenticates once
 * with `connectionParams.authorization` (an invalid or expired token connects anonymously, as
 * a request without a token would), is closed with CREDENTIALS_ENDED when its token expires,
 * and when its session ends on this instance or any other (SessionEvents).
 */
@Injectable()
export class LiveConnections implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger(LiveConnections.name);
  private readonly byUser = new Map<string, Set<LiveConnection>>();
  private subscription: number | null = null;

  constructor(
    private readonly tokens: TokenService,
    @Inject(PUB_SUB) private readonly pubsub: PubSubEngine,
    private readonly http: HttpAdapterHost,
    private readonly sessionEvents: SessionEvents,
  ) {}

  async onModuleInit(): Promise<void> {
    this.sessionEvents.ended$.subscribe((event) => this.endSessions(event));
    this.subscription = await this.pubsub.subscribe(
      SESSIONS_ENDED_TOPIC,
      (event: SessionsEnded) => this.endSessions(event),
      {},
    );
  }

  onModuleDestroy(): void {
    if (this.subscription !== null) this.pubsub.unsubscribe(this.subscription);
  }

  async open(
    socket: Closable,
    request: IncomingMessage | undefined,
    authorization: unknown,
  ): Promise<LiveConnection> {
    const auth = await this.tokens.authenticateUntilExpiry(authorization);
    const client = request
      ? clientOfUpgrade(request, this.trustProxy())
      : { ip: null, userAgent: null };
    const connection = new LiveConnection(
      socket,
      auth?.user ?? null,
      auth?.expiresAt ?? null,
      client,
    );
    if (auth) {
      const set = this.byUser.get(auth.user.id) ?? new Set<LiveConnection>();
      set.add(connection);
      this.byUser.set(auth.user.id, set);
      connection.armExpiry();
    }
    return connection;
  }

  forget(connection: LiveConnection | undefined): void {
    if (!connection) return;
    connection.closed();
    const userId = connection.user?.id;
    const set = userId ? this.byUser.get(userId) : undefined;
    if (!set || !userId) return;
    set.delete(connection);
    if (!set.size) this.byUser.delete(userId);
  }

  /** The user of a connection for one operation: null once its token expired or session ended. */
  async userFor(connection: LiveConnection): Promise<AuthUser | null> {
    const user = connection.user;
    if (!user || connection.isExpired() || !connection.isOpen) return null;
    return (await this.tokens.isLive(user)) ? user : null;
  }

  /** Express's compiled TRUST_PROXY, so per-address limits see the same address on both transports. */
  private trustProxy(): TrustProxy {
    const app = this.http.httpAdapter?.getInstance<{ get?(name: string): unknown }>();
    const trust = app?.get?.('trust proxy fn');
    return typeof trust === 'function' ? (trust as TrustProxy) : () => false;
  }

  private endSessions(event: SessionsEnded): void {
    for (const connection of this.byUser.get(event.userId) ?? []) {
      const sid = connection.user?.sessionId;
      if (!sid || sid === event.exceptSessionId) continue;
      if (event.sessionIds && !event.sessionIds.includes(sid)) continue;
      this.logger.debug(`closing a live connection of user ${event.userId}: its session ended`);
      connection.end('Session ended');
    }
  }
}
