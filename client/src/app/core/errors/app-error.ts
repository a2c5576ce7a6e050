import { CombinedGraphQLErrors, ServerError } from '@apollo/client';

/** Codes the API puts in `extensions.code`, plus two of our own for transport failures. */
export type ErrorCode =
  | 'UNAUTHENTICATED'
  | 'FORBIDDEN'
  | 'NOT_FOUND'
  | 'BAD_USER_INPUT'
  | 'CONFLICT'
  | 'TOO_MANY_REQUESTS'
  | 'PAYLOAD_TOO_LARGE'
  | 'NETWORK'
  | 'UNKNOWN';

export interface AppError {
  code: ErrorCode;
  message: string;
  /** What else the API said about the error (its `extensions` besides the code), e.g. the current state on a CONFLICT. */
  details?: Readonly<Record<string, unknown>>;
}

const KNOWN_CODES: readonly ErrorCode[] = [
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'NOT_FOUND',
  'BAD_USER_INPUT',
  'CONFLICT',
  'TOO_MANY_REQUESTS',
  'PAYLOAD_TOO_LARGE',
];

export function toErrorCode(value: unknown): ErrorCode {
  return typeof value === 'string' && (KNOWN_CODES as readonly string[]).includes(value)
    ? (value as ErrorCode)
    : 'UNKNOWN';
}

/** Wording for a code when the server sent no usable message. */
export function fallbackMessage(code: ErrorCode): string {
  switch (code) {
    case 'UNAUTHENTICATED':
      return 'Your session has ended. Please log in again.';
    case 'FORBIDDEN':
      return 'You do not have permission to do that.';
    case 'NOT_FOUND':
      return 'That item no longer exists, or you do not have access to it.';
    case 'BAD_USER_INPUT':
      return 'Some of the input was not accepted.';
    case 'CONFLICT':
      return 'That conflicts with something that already exists.';
    case 'TOO_MANY_REQUESTS':
      return 'Too many requests. Please wait a moment and try again.';
    case 'PAYLOAD_TOO_LARGE':
      return 'The file is larger than the server accepts.';
    case 'NETWORK':
      return 'The server could not be reached. Check your connection and try again.';
    case 'UNKNOWN':
      return 'Something went wrong. Please try again.';
  }
}

/** Turns whatever an Apollo operation threw into one code and one readable message. */
export function toAppError(error: unknown): AppError {
  if (CombinedGraphQLErrors.is(error)) {
    const first = error.errors[0];
    const code = toErrorCode(first?.extensions?.['code']);
    const message = first?.message?.trim();
    const details = Object.fromEntries(
      Object.entries(first?.extensions ?? {}).filter(([key]) => key !== 'code'),
    );
    return {
      code,
      message: message || fallbackMessage(code),
      ...(Object.keys(details).length ? { details } : {}),
    };
  }
  if (ServerError.is(error)) {
    if (error.statusCode === 401)
      return { code: 'UNAUTHENTICATED', message: fallbackMessage('UNAUTHENTICATED') };
    return {
      code: 'UNKNOWN',
      message: `The server answered with an error (HTTP ${error.statusCode}).`,
    };
  }
  if (
    error instanceof TypeError ||
    (error instanceof Error && /network|fetch|socket/i.test(error.message))
  ) {
    return { code: 'NETWORK', message: fallbackMessage('NETWORK') };
  }
  if (error instanceof Error && error.message) {
    return { code: 'UNKNOWN', message: error.message };
  }
  return { code: 'UNKNOWN', message: fallbackMessage('UNKNOWN') };
}

/** True when any GraphQL error of a response says the caller is not (or no longer) logged in. */
export function hasUnauthenticated(
  errors: readonly { extensions?: { readonly [key: string]: unknown } | null }[],
): boolean {
  return errors.some((e) => e.extensions?.['code'] === 'UNAUTHENTICATED');
}
