import { type Client, createClient } from 'graphql-ws';
import WebSocket from 'ws';
import { type GqlResult, type TestApp } from './test-app';

type WsErrors = NonNullable<GqlResult<unknown>['errors']>;

/** A graphql-ws client of the test app that never reconnects (a close is reported as is). */
export function wsClient(t: TestApp, token?: string, headers: Record<string, string> = {}): Client {
  return createClient({
    url: `${t.baseUrl.replace('http', 'ws')}/graphql`,
    webSocketImpl: class extends WebSocket {
      constructor(url: string, protocols?: string | string[]) {
        super(url, protocols, { headers });
      }
    },
    connectionParams: token ? { authorization: `Bearer ${token}` } : {},
    retryAttempts: 0,
    lazy: true,
  });
}

/** One query or mutation over graphql-ws, answered in the shape `t.gql` gives (status 0). */
export async function wsRequest<T = Record<string, unknown>>(
  t: TestApp,
  query: string,
  variables: object = {},
  token?: string,
  headers: Record<string, string> = {},
): Promise<GqlResult<T> & { closeCode?: number }> {
  const client = wsClient(t, token, headers);
  try {
    return await new Promise((resolve) => {
      let result: GqlResult<T> = { status: 0 };
      client.subscribe<T>(
        { query, variables: variables as Record<string, unknown> },
        {
          next: (value) => (result = { status: 0, ...(value as Omit<GqlResult<T>, 'status'>) }),
          error: (error) =>
            resolve(
              Array.isArray(error)
                ? { status: 0, errors: error as WsErrors }
                : { status: 0, closeCode: (error as { code?: number }).code ?? -1 },
            ),
          complete: () => resolve(result),
        },
      );
    });
  } finally {
    await client.dispose();
  }
}

/** A running subscription: what it delivered, and how it ended. */
export class WsStream<T = Record<string, unknown>> {
  readonly events: T[] = [];
  errors: WsErrors | null = null;
  closeCode: number | null = null;
  completed = false;
  private waiters: (() => void)[] = [];
  private readonly unsubscribe: () => void;

  constructor(
    readonly client: Client,
    query: string,
    variables: Record<string, unknown>,
  ) {
    this.unsubscribe = client.subscribe<T>(
      { query, variables },
      {
        next: (value) => {
          if (value.errors) this.errors = value.errors as unknown as WsErrors;
          if (value.data) this.events.push(value.data);
          this.wake();
        },
        error: (error) => {
          if (Array.isArray(error)) this.errors = error as WsErrors;
          else this.closeCode = (error as { code?: number }).code ?? -1;
          this.wake();
        },
        complete: () => {
          this.completed = true;
          this.wake();
        },
      },
    );
  }

  get ended(): boolean {
    return this.completed || this.errors !== null || this.closeCode !== null;
  }

  /** Resolves once `predicate` holds (checked after every message), failing after `ms`. */
  async until(predicate: (s: this) => boolean, what: string, ms = 30_000): Promise<void> {
    const deadline = Date.now() + ms;
    while (!predicate(this)) {
      const left = deadline - Date.now();
      if (left <= 0)
        throw new Error(
          `timed out waiting for ${what}: ${this.events.length} events, errors ${JSON.stringify(this.errors)}, close ${this.closeCode}`,
        );
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, Math.min(left, 1000));
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }

  async close(): Promise<void> {
    this.unsubscribe();
    await this.client.dispose();
  }

  private wake(): void {
    const waiters = this.waiters;
    this.waiters = [];
    for (const w of waiters) w();
  }
}

/**
 * Subscribes on a connection of its own. The subscription is in place once its first event
 * arrives; tests trigger an event and wait for it before relying on it.
 */
export function wsSubscribe<T = Record<string, unknown>>(
  t: TestApp,
  token: string | undefined,
  query: string,
  variables: Record<string, unknown>,
): WsStream<T> {
  return new WsStream<T>(wsClient(t, token), query, variables);
}
