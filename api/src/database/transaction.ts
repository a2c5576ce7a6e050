import { type DataSource, type EntityManager } from 'typeorm';
import { type IsolationLevel } from 'typeorm/driver/types/IsolationLevel';
import { concurrentChange, isRetryableTransactionError } from '../common/errors/database-errors';
import { executeSql } from './sql';

export interface TransactionOptions {
  /** READ COMMITTED (PostgreSQL's default) unless given. */
  isolation?: IsolationLevel;
  /** Runs in all, the first included; default 4. */
  attempts?: number;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Runs `work` in one transaction, and again from the start when PostgreSQL aborts it as a
 * serialization failure (40001) or a deadlock victim (40P01), up to `attempts` runs with a short
 * random pause between them. When every run collided, the caller gets CONFLICT ("someone else
 * changed the same data"); any other error is thrown as it is, on the first run.
 *
 * `work` may run more than once: keep side effects that cannot be undone (publishing events,
 * queueing jobs, writing files) after this returns.
 */
export async function inTransaction<T>(
  db: DataSource,
  work: (tx: EntityManager) => Promise<T>,
  options: TransactionOptions = {},
): Promise<T> {
  const attempts = Math.max(1, options.attempts ?? 4);
  for (let attempt = 1; ; attempt++) {
    try {
      return options.isolation
        ? await db.transaction(options.isolation, work)
        : await db.transaction(work);
    } catch (error) {
      if (!isRetryableTransactionError(error)) throw error;
      if (attempt >= attempts) throw concurrentChange();
      await sleep(5 + Math.random() * 20 * attempt);
    }
  }
}

/**
 * Serialises, until the end of the caller's transaction, every transaction that takes the same
 * lock: `lock(tx, 'codebook', projectId)` before reading what a check depends on (the tag tree)
 * and writing it. A transaction-scoped advisory lock, released by COMMIT or ROLLBACK; the key is
 * `hashtext('<scope>:<id>')`, as the analysis worker's `suggestions:<transcriptId>` lock. Take
 * such locks first in a transaction, always in the same order, and never await another
 * connection while holding one (the embedded server has only one).
 */
export async function lock(tx: EntityManager, scope: string, id: string): Promise<void> {
  await executeSql(tx, `SELECT pg_advisory_xact_lock(hashtext($1))`, [`${scope}:${id}`]);
}

/**
 * How long one statement of a legitimately long transaction may run: rewriting every turn of
 * the largest transcript an upload allows (50 MB, 290,000 turns) took 33 s on the 2-core bench
 * machine, past the 30 s DATABASE_STATEMENT_TIMEOUT meant for requests.
 */
export const LONG_STATEMENT_TIMEOUT_MS = 10 * 60_000;

/**
 * Lets the statements of the caller's transaction run up to `ms` (SET LOCAL: the connection's own
 * limit is back at COMMIT or ROLLBACK, so nothing leaks to the next request on it). For bulk
 * rewrites whose size is bounded by an upload, never for queries a user's input shapes.
 */
export async function allowLongStatements(
  tx: EntityManager,
  ms = LONG_STATEMENT_TIMEOUT_MS,
): Promise<void> {
  await executeSql(tx, `SELECT set_config('statement_timeout', $1, true)`, [String(ms)]);
}
