import { Injectable, inject } from '@angular/core';
// The root lint rule's '**/client/**' pattern (meant for our client/ folder) also matches this package.
import { GraphQLWsLink } from '@apollo/client/link/subscriptions';
import { type Client, createClient } from 'graphql-ws';
import { Subject } from 'rxjs';
import { AuthStore } from '../auth/auth-store';

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
 * The graphql-ws client behind subscriptions. It authenticates with the current token in
 * `connectionParams`, reconnects forever, and tells listeners when a dropped connection came
 * back so they can refetch what they may have missed.
 */
@Injectable({ providedIn: 'root' })
export class LiveConnection {
  private readonly auth = inject(AuthStore);
  private readonly reconnectedSubject = new Subject<void>();
  private socket: WebSocket | null = null;
  private client: Client | null = null;

  /** Emits after the socket reconnects following a drop. */
  readonly reconnected$ = this.reconnectedSubject.asObservable();

  link(): GraphQLWsLink {
    this.client ??= createClient({
      url: websocketUrl(window.location),
      connectionParams: () => {
        const authorization = this.auth.authorization();
        return authorization ? { authorization } : {};
      },
      retryAttempts: Number.POSITIVE_INFINITY,
      shouldRetry: () => true,
      retryWait: (retries) => new Promise((resolve) => setTimeout(resolve, retryDelayMs(retries))),
      on: {
        opened: (socket) => (this.socket = socket as WebSocket),
        closed: () => (this.socket = null),
        connected: (_socket, _payload, wasRetry) => {
          if (wasRetry) this.reconnectedSubject.next();
        },
      },
    });
    return new GraphQLWsLink(this.client);
  }

  /** Reconnect with fresh credentials (after log-in or log-out); live subscriptions resume. */
  restart(): void {
    if (this.socket?.readyState === WebSocket.OPEN) this.socket.close(4205, 'Client Restart');
  }
}
