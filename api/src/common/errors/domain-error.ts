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
  /** The database gave up on the request or cannot be reached: a server-side failure. */
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

/**
 * A password that did not match (or an account that does not exist, told apart from nothing):
 * the log-in rate limits count these, and only these, against the account and address.
 */
export class CredentialsRefused extends DomainError {}

export const credentialsRefused = (kind: 'UNAUTHENTICATED' | 'BAD_USER_INPUT', message: string) =>
  new CredentialsRefused(kind, message);

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

/**
 * Text PostgreSQL refuses to store: NUL in text (SQLSTATE 22021, "invalid byte sequence") or a
 * `\u0000` escape in jsonb (22P05). Requests are checked for it up front; this maps the database's
 * refusal to BAD_USER_INPUT wherever it still happens. Null for any other error.
 */
export function refusedTextError(error: unknown): DomainError | null {
  const e = error as { code?: string; driverError?: { code?: string } } | null;
  const code = e?.driverError?.code ?? e?.code;
  return code === '22021' || code === '22P05'
    ? badInput('Text cannot contain the NUL character (U+0000); remove it and try again.')
    : null;
}
