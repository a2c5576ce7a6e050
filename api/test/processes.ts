import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { type AddressInfo, connect, createServer, type Server, type Socket } from 'node:net';
import path from 'node:path';
import IORedis from 'ioredis';

/**
 * Real processes for fault tests: the api and workers started from their entry points, a
 * Redis server of the test's own (so it can be flushed or stopped without touching anyone
 * else's), and a TCP proxy in front of PostgreSQL that can cut every connection and refuse
 * new ones, as a stopped server does.
 */

export const REPO_ROOT = path.resolve(__dirname, '../..');

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address
          ? resolve(address.port)
          : reject(new Error('no port')),
      );
    });
  });
}

export function hasRedisServer(): boolean {
  return spawnSync('redis-server', ['--version'], { stdio: 'ignore' }).status === 0;
}

export interface NodeProcess {
  readonly child: ChildProcess;
  output(): string;
  /** Resolves when the process has exited. */
  stop(signal?: NodeJS.Signals): Promise<void>;
}

/** Starts `api/src/<entry>.ts` under ts-node and resolves once its output contains `ready`. */
export function startEntry(
  entry: 'main' | 'worker',
  env: NodeJS.ProcessEnv,
  ready: string | RegExp,
  timeoutMs = 90_000,
): Promise<NodeProcess> {
  const child = spawn(
    process.execPath,
    ['-r', 'ts-node/register', '-r', 'tsconfig-paths/register', `api/src/${entry}.ts`],
    {
      cwd: REPO_ROOT,
      env: {
        PATH: process.env['PATH'],
        TS_NODE_PROJECT: path.join(REPO_ROOT, 'api/tsconfig.app.json'),
        TS_NODE_TRANSPILE_ONLY: 'true',
        TS_NODE_SWC: 'true',
        ...env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let output = '';
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const handle: NodeProcess = {
    child,
    output: () => output,
    stop: async (signal = 'SIGTERM') => {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(timer);
    },
  };
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`${entry} was not ready within ${timeoutMs} ms:\n${output.slice(-3000)}`));
    }, timeoutMs);
    const onData = (chunk: Buffer) => {
      output = (output + chunk.toString()).slice(-200_000);
      if (typeof ready === 'string' ? output.includes(ready) : ready.test(output)) {
        clearTimeout(timer);
        resolve(handle);
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      reject(
        new Error(
          `${entry} exited (${code ?? signal}) before it was ready:\n${output.slice(-3000)}`,
        ),
      );
    });
  });
}

export interface RedisServer {
  readonly url: string;
  flushAll(): Promise<void>;
  stop(): Promise<void>;
}

/** A redis-server of our own on a free port, keeping nothing on disk. */
export async function startRedisServer(): Promise<RedisServer> {
  const port = await freePort();
  const child = spawn(
    'redis-server',
    ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
    { stdio: 'ignore' },
  );
  const url = `redis://127.0.0.1:${port}`;
  const client = new IORedis(url, { lazyConnect: true, maxRetriesPerRequest: 1 });
  client.on('error', () => undefined);
  for (let i = 0; ; i++) {
    try {
      await client.connect();
      await client.ping();
      break;
    } catch (error) {
      if (i > 50) throw error;
      client.disconnect();
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  return {
    url,
    flushAll: async () => {
      await client.flushall();
    },
    stop: async () => {
      client.disconnect();
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGKILL');
      await exited;
    },
  };
}

/**
 * A TCP proxy to `target`. `cut()` closes every connection and, until `restore()`, closes
 * each new one as soon as it is accepted, as a stopped server behind a load balancer does.
 * (It keeps its port: a closed port could be taken by another process meanwhile.)
 */
export class TcpProxy {
  private down = false;

  private constructor(
    private readonly server: Server,
    private readonly sockets: Set<Socket>,
    readonly port: number,
  ) {}

  static async start(target: { host: string; port: number }): Promise<TcpProxy> {
    const sockets = new Set<Socket>();
    let proxy: TcpProxy | null = null;
    const server = createServer((client) => {
      if (!proxy || proxy.down) {
        client.destroy();
        return;
      }
      const upstream = connect(target.port, target.host);
      for (const s of [client, upstream]) {
        sockets.add(s);
        s.on('close', () => sockets.delete(s));
        s.on('error', () => s.destroy());
      }
      client.pipe(upstream).pipe(client);
      client.on('close', () => upstream.destroy());
      upstream.on('close', () => client.destroy());
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(0, '127.0.0.1', () => resolve());
    });
    proxy = new TcpProxy(server, sockets, (server.address() as AddressInfo).port);
    return proxy;
  }

  cut(): void {
    this.down = true;
    for (const s of this.sockets) s.destroy();
  }

  restore(): void {
    this.down = false;
  }

  async close(): Promise<void> {
    this.cut();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}
