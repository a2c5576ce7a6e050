import {
  type ExecutionResult,
  type FormattedExecutionResult,
  type GraphQLError,
  type GraphQLFormattedError,
  NoSchemaIntrospectionCustomRule,
  specifiedRules,
  validate,
} from 'graphql';
import { type ServerOptions } from 'graphql-ws';
import { type AppConfig } from '../../config/env';
import { formatGraphqlError } from '../errors/format-error';
import { depthLimitRule } from './graphql-limits';

/**
 * Validation for graphql-ws operations, which do not go through Apollo: the standard rules plus
 * the depth limit, and no introspection when it is off. (Subscriptions take no page sizes, so
 * their complexity is not checked.)
 */
export function wsValidate(config: AppConfig['graphql']): typeof validate {
  const rules = [
    ...specifiedRules,
    depthLimitRule(config.maxDepth),
    ...(config.introspection ? [] : [NoSchemaIntrospectionCustomRule]),
  ];
  return (schema, document) => validate(schema, document, rules);
}

/** graphql-ws does not run Apollo's formatError: results over the socket get the same codes. */
export function formatWsResult(result: ExecutionResult): FormattedExecutionResult {
  return {
    ...(result.data !== undefined ? { data: result.data } : {}),
    ...(result.extensions ? { extensions: result.extensions } : {}),
    ...(result.errors ? { errors: formatWsErrors(result.errors) } : {}),
  };
}

export function formatWsErrors(errors: readonly GraphQLError[]): GraphQLFormattedError[] {
  return errors.map((e) => formatGraphqlError(e.toJSON(), e));
}

/** Errors graphql-ws reports before execution are all about the request: invalid or refused. */
function formatWsRequestErrors(errors: readonly GraphQLError[]): GraphQLFormattedError[] {
  return errors.map((e) => ({
    message: e.message,
    locations: e.locations,
    extensions: { code: 'BAD_USER_INPUT' },
  }));
}

/** What graphql-ws needs beyond auth: our validation and our error format. */
export function wsHardening(
  config: AppConfig['graphql'],
): Pick<ServerOptions, 'validate' | 'onNext' | 'onError'> {
  return {
    validate: wsValidate(config),
    onNext: (_ctx, _id, _payload, _args, result) => formatWsResult(result),
    onError: (_ctx, _id, _payload, errors) => formatWsRequestErrors(errors),
  };
}
