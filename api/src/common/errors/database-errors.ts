import { DomainError, isUniqueViolation, refusedTextError } from './domain-error';

/**
 * PostgreSQL failures that have a meaning for the caller, recognised by SQLSTATE in one place.
 * TypeORM wraps pg's error (QueryFailedError with `driverError`); both shapes are read.
 */
export function sqlState(error: unknown): string | undefined {
  const e = error as { code?: unknown; driverError?: { code?: unknown } } | null | undefined;
  const code = e?.driverError?.code ?? e?.code;
  return typeof code === 'string' ? code : undefined;
}

/**
 * A transaction PostgreSQL aborted so that another could go on: a serialization failure
 * (40001, under REPEATABLE READ or SERIALIZABLE) or a deadlock victim (40P01). Running the whole
 * transaction again is the documented remedy.
 */
export function isRetryableTransactionError(error: unknown): boolean {
  const code = sqlState(error);
  return code === '40001' || code === '40P01';
}

/**
 * A statement the server gave up on: cancelled by `statement_timeout` (57014, also an
 * administrator's pg_cancel_backend), a lock not obtained within `lock_timeout` (55P03), or a
 * session ended by `idle_in_transaction_session_timeout` (25P03).
 */
export function isDatabaseTimeout(error: unknown): boolean {
  const code = sqlState(error);
  return code === '57014' || code === '55P03' || code === '25P03';
}

/** What a client sees for a statement the database gave up on: no SQL, no internals. */
export const databaseTimeout = () =>
  new DomainError(
    'SERVICE_UNAVAILABLE',
    'The database took too long to answer this request. Please try again in a moment.',
  );

/** What a client sees when a transaction kept colliding with concurrent changes. */
export const concurrentChange = () =>
  new DomainError(
    'CONFLICT',
    'Someone else changed the same data at the same moment. Please try again.',
  );

/**
 * Runs `write`; when it fails on a unique index (optionally one whose name contains
 * `constraintHint`), throws what `onConflict` returns instead: the one way a unique violation
 * becomes a CONFLICT. `onConflict` runs after the failed statement, so it may query (outside the
 * failed transaction) for the row that won, e.g. to put its id in the error's extensions.
 */
export async function conflictOnUnique<T>(
  write: () => Promise<T>,
  onConflict: () => DomainError | Promise<DomainError>,
  constraintHint?: string,
): Promise<T> {
  try {
    return await write();
  } catch (error) {
    if (isUniqueViolation(error, constraintHint)) throw await onConflict();
    throw error;
  }
}

/** Node and pg error codes and messages of a database or Redis that cannot be reached. */
const UNREACHABLE_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'EHOSTUNREACH',
]);
const UNREACHABLE_MESSAGES =
  /Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error|Connection is closed|the database system is (starting up|shutting down|in recovery mode)/i;

/**
 * A failure of the database (or Redis) being away rather than of the request: SQLSTATE class
 * 08 (connection exception), 57P01–57P03 (shutdown, cannot connect now), or a dropped socket.
 */
export function isServiceUnreachable(error: unknown): boolean {
  const e = error as { code?: unknown; driverError?: { code?: unknown }; message?: unknown };
  const raw = e?.driverError?.code ?? e?.code;
  const code = typeof raw === 'string' || typeof raw === 'number' ? String(raw) : '';
  if (UNREACHABLE_CODES.has(code) || /^08/.test(code) || /^57P0[123]$/.test(code)) return true;
  return typeof e?.message === 'string' && UNREACHABLE_MESSAGES.test(e.message);
}

/** What a request that failed because the database was away is answered. */
export const serviceUnavailable = () =>
  new DomainError(
    'SERVICE_UNAVAILABLE',
    'The service cannot reach its database right now. Nothing was changed; try again in a moment.',
    { retryAfterSeconds: 5 },
  );

/** A database failure that has a client-facing meaning, as a domain error; null otherwise. */
export function domainErrorOfDatabase(error: unknown): DomainError | null {
  const refusedText = refusedTextError(error);
  if (refusedText) return refusedText;
  if (isServiceUnreachable(error)) return serviceUnavailable();
  if (isDatabaseTimeout(error)) return databaseTimeout();
  if (isRetryableTransactionError(error)) return concurrentChange();
  return null;
}
