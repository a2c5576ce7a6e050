import { Client } from 'pg';
import { type EmbeddedPostgres } from '../src/database/embedded/embedded-postgres';

export default async function globalTeardown(): Promise<void> {
  const g = globalThis as {
    __verbatimPg?: EmbeddedPostgres;
    __verbatimDb?: { serverUrl: string; name: string };
  };
  await g.__verbatimPg?.stop();
  if (g.__verbatimDb) {
    const admin = new Client({ connectionString: g.__verbatimDb.serverUrl });
    await admin.connect();
    await admin
      .query(`DROP DATABASE IF EXISTS ${g.__verbatimDb.name} WITH (FORCE)`)
      .catch(() => undefined);
    await admin.end();
  }
}
