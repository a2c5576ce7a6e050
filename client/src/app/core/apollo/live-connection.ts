import { Injectable, inject } from '@angular/core';
// The root lint rule's '**/client/**' pattern (meant for our client/ folder) also matches this package.
import { GraphQLWsLink } from '@apollo/client/link/subscriptions';
import { type Client, createClient } from 'graphql-ws';
import { Subject } from 'rxjs';
import { AuthStore } from '../auth/auth-store';
import { TokenRefresher } from '../auth/token-refresher';

/** Close codes with which a graphql-ws server turns a connection's credentials away. */
export const AUTH_CLOSE_CODES: readonly number[] = [4401, 4403];

/** Where graphql-ws connects: the same origin and path as HTTP GraphQL. */
export function websocketUrl(
  location: Pick<Location, 'protocol' | 'host'>,
  path = '/graphql',
): string {
  const scheme = location.protocol === 'https:' ? 'wss:' : 'ws:';
  return `${scheme}//${location.host}${path}`;
}

/** Capped exponential backoff with jitter, so a laptop waking from sleep reconnects soon. */
export function retryDelayMs(retries: number, random = Math.random()): number {
  return Math.min(30_000, 1_000 * 2 ** retries) + Math.floor(random * 1_000);
}

/**
 * The graphql-ws client behind subscriptions. It authenticates with the current access token
 * in `connectionParams` (refreshing it first when it is about to expire, or when the server
 * closed the last connection for its credentials), reconnects forever, reconnects whenever
 * the token changes, and tells listeners when a dropped connection came back so they can
 * refetch what they may have missed.
 */
@Injectable({ providedIn: 'root' })
export class LiveConnection {
  private readonly auth = inject(AuthStore);
  private readonly refresher = inject(TokenRefresher);
  private readonly reconnectedSubject = new Subject<void>();
  private socket: WebSocket | null = null;
  private client: Client | null = null;
  /** The access token the open connection was made with. */
  private connectedToken: string | null = null;
  /** A handshake is waiting for a token: it will read the newest one when it goes on. */
  private handshaking = false;
  private credentialsRefused = false;
  /** Closed on purpose to reconnect with new credentials: no backoff before the next attempt. */
  private restarting = false;

  /** Emits after the socket reconnects following a drop. */
  readonly reconnected$ = this.reconnectedSubject.asObservable();

  link(): GraphQLWsLink {
    const refresher = this.refresher;
    refresher.renewed$.subscribe(() => {
      if (this.socket && !this.handshaking && this.connectedToken !== this.auth.token())
        this.restart();
    });
    this.client ??= createClient({
      url: websocketUrl(window.location),
      connectionParams: async () => {
        this.handshaking = true;
        try {
          if (this.credentialsRefused) {
            this.credentialsRefused = false;
            await refresher.refresh(this.connectedToken);
          } else {
            await refresher.ensureFresh();
          }
        } finally {
          this.handshaking = false;
        }
        this.connectedToken = this.auth.token();
        const authorization = this.auth.authorization();
        return authorization ? { authorization } : {};
      },
      retryAttempts: Number.POSITIVE_INFINITY,
      shouldRetry: () => true,
      retryWait: (retries) => {
        const delay = this.restarting ? 0 : retryDelayMs(retries);
        this.restarting = false;
        return new Promise((resolve) => setTimeout(resolve, delay));
      },
      on: {
        opened: (socket) => (this.socket = socket as WebSocket),
        closed: (event) => {
          this.socket = null;
          const code = (event as { code?: unknown } | null)?.code;
          if (typeof code === 'number' && AUTH_CLOSE_CODES.includes(code))
            this.credentialsRefused = true;
        },
        connected: (_socket, _payload, wasRetry) => {
          if (wasRetry) this.reconnectedSubject.next();
        },
      },
    });
    return new GraphQLWsLink(this.client);
  }

  /** Reconnect with fresh credentials (after log-in, log-out or a refresh); subscriptions resume. */
  restart(): void {
    if (this.socket?.readyState !== WebSocket.OPEN) return;
    this.restarting = true;
    this.socket.close(4205, 'Client Restart');
  }
}
