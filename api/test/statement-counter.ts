import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';
import { type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { Client } from 'pg';
import { type GqlResult, type TestApp } from './test-app';

/** The statements sent to PostgreSQL while serving the request being counted. */
const current = new AsyncLocalStorage<string[]>();

let clientPatched = false;

/**
 * Every statement the api sends goes through a pg `Client` (TypeORM's pool hands those out), so
 * its `query` notes the statement in the log of the request whose work issued it. Work of other
 * requests, jobs and timers runs outside that request's async context and is not counted.
 */
function countClientQueries(): void {
  if (clientPatched) return;
  clientPatched = true;
  const prototype = Client.prototype as unknown as { query: (...args: unknown[]) => unknown };
  const original = prototype.query;
  prototype.query = function (this: Client, ...args: unknown[]) {
    current.getStore()?.push(statementText(args[0]));
    return original.apply(this, args);
  };
}

function statementText(config: unknown): string {
  if (typeof config === 'string') return config;
  if (typeof config === 'object' && config !== null && 'text' in config) return String(config.text);
  return String(config);
}

const HEADER = 'x-count-statements';

export interface CountedResult<T> extends GqlResult<T> {
  /** The SQL of every statement the request sent, in order. */
  statements: string[];
}

/**
 * Counts the SQL statements one GraphQL request issues, everything included: authentication,
 * the access check, the query itself and every field resolved. A request sent with the header
 * runs in its own async context; the pg client logs each statement into it.
 */
export class StatementCounter {
  private readonly logs = new Map<string, string[]>();

  private constructor(private readonly t: TestApp) {}

  static attach(t: TestApp): StatementCounter {
    countClientQueries();
    const counter = new StatementCounter(t);
    const server = t.app.getHttpServer() as Server;
    const listeners = server.listeners('request') as ((
      req: IncomingMessage,
      res: ServerResponse,
    ) => void)[];
    server.removeAllListeners('request');
    server.on('request', (req: IncomingMessage, res: ServerResponse) => {
      const id = req.headers[HEADER];
      const log = typeof id === 'string' ? counter.logs.get(id) : undefined;
      const handle = () => listeners.forEach((listener) => listener.call(server, req, res));
      if (log) current.run(log, handle);
      else handle();
    });
    return counter;
  }

  async gql<T = Record<string, unknown>>(
    query: string,
    variables: object,
    token: string,
  ): Promise<CountedResult<T>> {
    const id = randomUUID();
    const statements: string[] = [];
    this.logs.set(id, statements);
    try {
      const res = await fetch(`${this.t.baseUrl}/graphql`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          authorization: `Bearer ${token}`,
          [HEADER]: id,
        },
        body: JSON.stringify({ query, variables }),
      });
      const body = (await res.json()) as Omit<GqlResult<T>, 'status'>;
      return { status: res.status, ...body, statements: [...statements] };
    } finally {
      this.logs.delete(id);
    }
  }

  /** Like gql, but fails the test on any error. */
  async ok<T = Record<string, unknown>>(
    query: string,
    variables: object,
    token: string,
  ): Promise<{ data: T; statements: string[] }> {
    const result = await this.gql<T>(query, variables, token);
    if (result.errors?.length || !result.data)
      throw new Error(`GraphQL errors: ${JSON.stringify(result.errors)}`);
    return { data: result.data, statements: result.statements };
  }
}
