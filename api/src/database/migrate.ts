import { DataSource } from 'typeorm';
import { dataSourceOptions } from './data-source-options';

/** Arbitrary, fixed: serialises migrations when several instances start together. */
const MIGRATION_LOCK = 7_217_001;

/**
 * Applies pending migrations under an advisory lock; returns the names applied. Its connection
 * has no statement or lock timeout (an index build on a big table may legitimately take minutes,
 * and waiting for another instance's migrations must not fail), whatever the role's defaults.
 */
export async function runMigrations(url: string): Promise<string[]> {
  const ds = new DataSource(dataSourceOptions(url, 1));
  await ds.initialize();
  try {
    await ds.query(
      `SELECT set_config('statement_timeout', '0', false), set_config('lock_timeout', '0', false),
              set_config('idle_in_transaction_session_timeout', '0', false)`,
    );
    await ds.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
    const applied = await ds.runMigrations({ transaction: 'each' });
    return applied.map((m) => m.name);
  } finally {
    await ds.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]).catch(() => undefined);
    await ds.destroy();
  }
}
