import { Logger } from '@nestjs/common';
import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import { domainErrorOfDatabase } from './database-errors';
import { DomainError } from './domain-error';

const logger = new Logger('GraphQL');

/** Codes Apollo and graphql-js give requests they refuse before running them. */
const REQUEST_ERROR_CODES = new Set([
  'GRAPHQL_VALIDATION_FAILED',
  'GRAPHQL_PARSE_FAILED',
  'BAD_USER_INPUT',
  // Apollo's own refusals: CSRF prevention, a malformed body, an unknown operationName.
  'BAD_REQUEST',
  'OPERATION_RESOLUTION_FAILURE',
  'PERSISTED_QUERY_NOT_SUPPORTED',
  'PERSISTED_QUERY_NOT_FOUND',
]);

export interface ErrorFormatOptions {
  /**
   * Remove graphql-js's "Did you mean …?" hints, which name fields, arguments and types of the
   * schema; on whenever introspection is off (production).
   */
  hideSchemaHints: boolean;
}

export type GraphqlErrorFormatter = (
  formatted: GraphQLFormattedError,
  error: unknown,
) => GraphQLFormattedError;

/**
 * Maps every error leaving GraphQL, over HTTP and graphql-ws, to a stable `extensions.code`.
 * Unknown errors are logged and replaced by a generic message, so internals (stack traces,
 * SQL, limits' own failures) never reach a client.
 */
export function graphqlErrorFormatter(options: ErrorFormatOptions): GraphqlErrorFormatter {
  const hint = (message: string) =>
    options.hideSchemaHints ? message.replace(/\s*Did you mean [^?]*\?/g, '') : message;
  return (formatted, error) => {
    const original = error instanceof GraphQLError ? error.originalError : error;
    const domain = original instanceof DomainError ? original : domainErrorOfDatabase(original);
    if (domain && !(original instanceof DomainError)) {
      logger.warn(
        `${formatted.path?.join('.') ?? 'operation'}: ${(original as Error).message} (answered ${domain.kind})`,
      );
    }
    if (domain) {
      return {
        message: domain.message,
        path: formatted.path,
        extensions: { code: domain.kind, ...domain.details },
      };
    }
    if (isValidationError(original)) {
      return {
        message: validationMessage(original),
        path: formatted.path,
        extensions: { code: 'BAD_USER_INPUT' },
      };
    }
    const code = formatted.extensions?.['code'];
    if (typeof code === 'string' && REQUEST_ERROR_CODES.has(code)) {
      return {
        message: hint(formatted.message),
        locations: formatted.locations,
        ...(formatted.path ? { path: formatted.path } : {}),
        extensions: { code: 'BAD_USER_INPUT' },
      };
    }
    logger.error(
      original instanceof Error ? (original.stack ?? original.message) : formatted.message,
    );
    return {
      message: 'Internal server error.',
      path: formatted.path,
      extensions: { code: 'INTERNAL_SERVER_ERROR' },
    };
  };
}

interface HttpLikeError {
  getStatus(): number;
  getResponse(): unknown;
}

function isValidationError(e: unknown): e is HttpLikeError {
  return (
    typeof (e as HttpLikeError)?.getStatus === 'function' &&
    (e as HttpLikeError).getStatus() === 400
  );
}

function validationMessage(e: HttpLikeError): string {
  const body = e.getResponse() as { message?: string | string[] };
  const messages = Array.isArray(body?.message)
    ? body.message
    : [body?.message ?? 'Invalid input.'];
  return messages.join('; ');
}
