import { Client } from 'pg';
import { startEmbeddedPostgres } from '../src/database/embedded/embedded-postgres';
import { runMigrations } from '../src/database/migrate';

/**
 * One database per test run, migrated once: a fresh database on DATABASE_URL's server when it
 * is set (CI: the machine's PostgreSQL), an in-memory PGlite server otherwise.
 */
export default async function globalSetup(): Promise<void> {
  process.env.TZ = 'UTC';
  const url = process.env.DATABASE_URL
    ? await freshDatabase(process.env.DATABASE_URL)
    : await embedded();
  process.env.VERBATIM_TEST_DATABASE_URL = url;
  await runMigrations(url);
}

async function embedded(): Promise<string> {
  const pg = await startEmbeddedPostgres('memory://');
  (globalThis as { __verbatimPg?: typeof pg }).__verbatimPg = pg;
  return pg.url;
}

async function freshDatabase(serverUrl: string): Promise<string> {
  const name = `verbatim_test_${Date.now()}_${process.pid}`;
  const admin = new Client({ connectionString: serverUrl });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end();
  }
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  (globalThis as { __verbatimDb?: { serverUrl: string; name: string } }).__verbatimDb = {
    serverUrl,
    name,
  };
  return url.toString();
}
