import { type ChildProcess, fork } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';

/** A running embedded PostgreSQL (PGlite in a child process, served on loopback). */
export interface EmbeddedPostgres {
  url: string;
  pid: number | undefined;
  stop(): Promise<void>;
}

/**
 * pglite-server.mjs beside this file, in the source tree and in dist alike (the build copies it
 * unchanged), so the server starts whatever the working directory.
 */
export function embeddedServerScript(): string {
  const script = path.join(__dirname, 'pglite-server.mjs');
  if (!existsSync(script)) throw new Error(`${script} is missing; build the api again`);
  return script;
}

/**
 * Starts PGlite on `dataDir` (or `memory://`) in its own process and resolves once it accepts
 * connections. The child exits with its parent.
 */
export function startEmbeddedPostgres(
  dataDir: string,
  timeoutMs = 60_000,
): Promise<EmbeddedPostgres> {
  const child = fork(embeddedServerScript(), [dataDir, '0'], {
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    execArgv: ['--max-old-space-size=2048'],
  });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`embedded PostgreSQL did not start within ${timeoutMs / 1000}s`));
    }, timeoutMs);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`embedded PostgreSQL exited during start-up (code ${code})`));
    });
    child.on('message', (raw: unknown) => {
      const msg = raw as { type?: string; url?: string; message?: string };
      if (msg.type === 'error') {
        clearTimeout(timer);
        reject(new Error(`embedded PostgreSQL failed: ${msg.message}`));
      } else if (msg.type === 'ready' && msg.url) {
        clearTimeout(timer);
        child.removeAllListeners('exit');
        resolve({ url: msg.url, pid: child.pid, stop: () => stopChild(child) });
      }
    });
  });
}

function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill('SIGTERM');
  });
}
