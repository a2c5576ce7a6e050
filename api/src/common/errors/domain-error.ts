/**
 * Domain errors carry a kind that one place maps to GraphQL `extensions.code` and to an
 * HTTP status. Messages are written for the person who caused them.
 */
export type ErrorKind =
  | 'UNAUTHENTICATED'
  | 'FORBIDDEN'
  | 'NOT_FOUND'
  | 'BAD_USER_INPUT'
  | 'CONFLICT'
  | 'TOO_MANY_REQUESTS'
  | 'PAYLOAD_TOO_LARGE'
  | 'SERVICE_UNAVAILABLE';

export class DomainError extends Error {
  constructor(
    readonly kind: ErrorKind,
    message: string,
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = 'DomainError';
  }
}

export const unauthenticated = (message = 'Please log in.') =>
  new DomainError('UNAUTHENTICATED', message);
export const forbidden = (message = 'You do not have permission to do that.') =>
  new DomainError('FORBIDDEN', message);
export const notFound = (what: string) => new DomainError('NOT_FOUND', `${what} not found.`);
export const badInput = (message: string, details: Record<string, unknown> = {}) =>
  new DomainError('BAD_USER_INPUT', message, details);
export const conflict = (message: string, details: Record<string, unknown> = {}) =>
  new DomainError('CONFLICT', message, details);

export function httpStatusOf(kind: ErrorKind): number {
  switch (kind) {
    case 'UNAUTHENTICATED':
      return 401;
    case 'FORBIDDEN':
      return 403;
    case 'NOT_FOUND':
      return 404;
    case 'BAD_USER_INPUT':
      return 400;
    case 'CONFLICT':
      return 409;
    case 'TOO_MANY_REQUESTS':
      return 429;
    case 'PAYLOAD_TOO_LARGE':
      return 413;
    case 'SERVICE_UNAVAILABLE':
      return 503;
  }
}

/** Postgres unique violations (SQLSTATE 23505) become CONFLICT here and nowhere else. */
export function isUniqueViolation(error: unknown, constraintHint?: string): boolean {
  const e = error as {
    code?: string;
    driverError?: { code?: string; constraint?: string };
    constraint?: string;
  };
  const code = e?.driverError?.code ?? e?.code;
  const constraint = e?.driverError?.constraint ?? e?.constraint ?? '';
  return code === '23505' && (!constraintHint || constraint.includes(constraintHint));
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
  const code = String(e?.driverError?.code ?? e?.code ?? '');
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
