// What the bench scripts share: running one of them on its own from the command line, and the
// PostgreSQL server they measure on.
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(path.join(ROOT, 'package.json'));

/**
 * When the module at `moduleUrl` is the script node was started with: builds the api (unless
 * BENCH_SKIP_BUILD=1), runs `bench` and exits with its outcome. Imported by scripts/bench.mjs,
 * the module does nothing here.
 */
export function runWhenStarted(moduleUrl, bench) {
  if (moduleUrl !== pathToFileURL(process.argv[1] ?? '').href) return;
  if (!process.env.BENCH_SKIP_BUILD) {
    const b = spawnSync('npx', ['nx', 'run', 'api:build', '--outputStyle=static'], {
      cwd: ROOT,
      stdio: 'inherit',
      env: { ...process.env, NX_DAEMON: 'false', NX_NO_CLOUD: 'true' },
    });
    if (b.status !== 0) process.exit(1);
  }
  bench().then(
    () => process.exit(0),
    (error) => {
      console.error(error);
      process.exit(1);
    },
  );
}

/** Whether something listens at the host and port of a postgres:// or redis:// URL. */
export function reachable(url) {
  const u = new URL(url);
  const port = Number(u.port || (u.protocol.startsWith('redis') ? 6379 : 5432));
  return new Promise((resolve) => {
    const socket = net.connect(port, u.hostname, () => {
      socket.end();
      resolve(true);
    });
    socket.on('error', () => resolve(false));
  });
}

/**
 * A new, empty database `name` on the PostgreSQL server at `serverUrl` (one a crashed run left
 * behind is dropped first). `drop()` removes it again unless BENCH_KEEP_DB is set, to look at
 * what a bench stored.
 */
export async function scratchDatabase(serverUrl, name) {
  const pg = require('pg');
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  try {
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.query(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end();
  }
  const u = new URL(serverUrl);
  u.pathname = `/${name}`;
  return {
    url: u.toString(),
    async drop() {
      if (process.env.BENCH_KEEP_DB) return;
      const c = new pg.Client({ connectionString: serverUrl });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`).catch(() => undefined);
      await c.end();
    },
  };
}

/** A TCP port on 127.0.0.1 that nothing listens on right now. */
export function freePort() {
  return new Promise((resolve) => {
    const server = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}
