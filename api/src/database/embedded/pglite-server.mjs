// Embedded PostgreSQL: PGlite (Postgres compiled to WASM) served over the Postgres wire protocol
// on loopback, so TypeORM and pg talk to it like any server. Runs in its own process because
// PGlite blocks its thread for every query.
//
//   node pglite-server.mjs <dataDir|memory://> [port]
// When forked, it sends { type: 'ready', url } to the parent once listening and exits when the
// parent goes away. Run directly, it prints the URL.
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { pgcrypto } from '@electric-sql/pglite/contrib/pgcrypto';
import { unaccent } from '@electric-sql/pglite/contrib/unaccent';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';

const [dataDir = 'memory://', portArg = '0'] = process.argv.slice(2);
const send = (message) =>
  process.send ? process.send(message) : console.log(JSON.stringify(message));

/** One server per data folder: a second PGlite on the same files would corrupt them. */
function lock(dir) {
  const file = `${dir}.lock`;
  try {
    const holder = Number(readFileSync(file, 'utf8'));
    if (holder && holder !== process.pid && isAlive(holder)) {
      throw new Error(
        `${dir} is in use by another Verbatim process (pid ${holder}); stop it or set another DATA_DIR`,
      );
    }
  } catch (error) {
    if (error.code !== 'ENOENT') throw error;
  }
  writeFileSync(file, String(process.pid));
  process.on('exit', () => rmSync(file, { force: true }));
}

function isAlive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

try {
  if (!dataDir.startsWith('memory://')) {
    mkdirSync(dataDir, { recursive: true });
    lock(dataDir);
  }
  const db = await PGlite.create(dataDir, { extensions: { pg_trgm, pgcrypto, unaccent } });
  const server = new PGLiteSocketServer({
    db,
    host: '127.0.0.1',
    port: Number(portArg),
    maxConnections: 4,
  });
  server.addEventListener('listening', (event) => {
    send({ type: 'ready', url: `postgres://postgres@127.0.0.1:${event.detail.port}/postgres` });
  });
  await server.start();
  const stop = async () => {
    try {
      await server.stop();
      await db.close();
    } finally {
      process.exit(0);
    }
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
  process.on('disconnect', stop);
} catch (error) {
  send({ type: 'error', message: error instanceof Error ? error.message : String(error) });
  process.exit(1);
}
