import { Logger } from '@nestjs/common';
import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import { domainErrorOfDatabase } from './database-errors';
import { DomainError } from './domain-error';

const logger = new Logger('GraphQL');

/**
 * Maps every error leaving GraphQL to a stable `extensions.code`. Unknown errors are logged and
 * replaced by a generic message so internals never reach a client.
 */
export function formatGraphqlError(
  formatted: GraphQLFormattedError,
  error: unknown,
): GraphQLFormattedError {
  const original = error instanceof GraphQLError ? error.originalError : error;
  if (original instanceof DomainError) return fromDomainError(original, formatted);
  const fromDatabase = domainErrorOfDatabase(original);
  if (fromDatabase) {
    logger.warn(
      `${formatted.path?.join('.') ?? 'operation'}: ${(original as Error).message} (answered ${fromDatabase.kind})`,
    );
    return fromDomainError(fromDatabase, formatted);
  }
  const code = formatted.extensions?.['code'];
  if (isValidationError(original)) {
    return {
      message: validationMessage(original),
      path: formatted.path,
      extensions: { code: 'BAD_USER_INPUT' },
    };
  }
  // BAD_REQUEST: Apollo's own refusals (CSRF prevention, a malformed request body).
  if (
    code === 'GRAPHQL_VALIDATION_FAILED' ||
    code === 'GRAPHQL_PARSE_FAILED' ||
    code === 'BAD_USER_INPUT' ||
    code === 'BAD_REQUEST'
  ) {
    return {
      message: formatted.message,
      locations: formatted.locations,
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
}

function fromDomainError(
  error: DomainError,
  formatted: GraphQLFormattedError,
): GraphQLFormattedError {
  return {
    message: error.message,
    path: formatted.path,
    extensions: { code: error.kind, ...error.details },
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
