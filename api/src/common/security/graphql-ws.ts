import {
  type ExecutionArgs,
  type ExecutionResult,
  type FormattedExecutionResult,
  type GraphQLError,
  type GraphQLFormattedError,
  type GraphQLSchema,
} from 'graphql';
import { type ServerOptions } from 'graphql-ws';
import { type IncomingMessage } from 'node:http';
import { type LiveConnection, type LiveConnections } from '../auth/live-connections';
import { type GqlContext } from '../auth/request-user';
import { type GraphqlErrorFormatter } from '../errors/format-error';
import { RequestLoaders } from '../loaders/request-loaders';
import { badRequest } from './graphql-limits';
import { type OperationGate } from './operation-gate';

/** What graphql-ws's `ws` adapter puts in `ctx.extra`, plus the connection we attach. */
export interface WsExtra {
  socket: { close(code: number, reason: string): void };
  request?: IncomingMessage;
  live?: LiveConnection;
}

/**
 * Operations one connection may run at once (subscriptions, mostly): each holds a pub/sub
 * listener, so a socket cannot pile up unbounded work. The client runs a handful.
 */
export const MAX_OPERATIONS_PER_CONNECTION = 100;

export interface GraphqlWsDeps {
  gate: OperationGate;
  schema: () => GraphQLSchema;
  connections: LiveConnections;
  formatError: GraphqlErrorFormatter;
}

/** Results over the socket get the same error format and codes as over HTTP. */
export function formatWsResult(
  result: ExecutionResult,
  formatError: GraphqlErrorFormatter,
): FormattedExecutionResult {
  return {
    ...(result.data !== undefined ? { data: result.data } : {}),
    ...(result.extensions ? { extensions: result.extensions } : {}),
    ...(result.errors ? { errors: formatWsErrors(result.errors, formatError) } : {}),
  };
}

export function formatWsErrors(
  errors: readonly GraphQLError[],
  formatError: GraphqlErrorFormatter,
): GraphQLFormattedError[] {
  return errors.map((e) => formatError(e.toJSON(), e));
}

/**
 * graphql-ws server options: the same gate, authentication and error format as HTTP.
 *
 * - `onConnect` authenticates the connection once (`connectionParams.authorization`); a missing,
 *   invalid or expired token connects anonymously, as over HTTP. The connection closes with 4403
 *   when its token expires or its session ends.
 * - `onSubscribe` parses, validates and prices every operation (queries and mutations too) with
 *   the operation gate and answers refusals as HTTP does; then it re-checks the connection's
 *   token expiry and session, and builds the operation's context, so Nest's guards and
 *   interceptors (AuthGuard, PolicyGuard, RateLimitInterceptor) see the same context shape as
 *   over HTTP, with the operation's own DataLoaders.
 */
export function graphqlWsOptions(
  deps: GraphqlWsDeps,
): Pick<ServerOptions, 'onConnect' | 'onSubscribe' | 'onNext' | 'onError' | 'onClose'> {
  return {
    onConnect: async (ctx) => {
      const extra = ctx.extra as WsExtra;
      extra.live = await deps.connections.open(
        extra.socket,
        extra.request,
        ctx.connectionParams?.['authorization'],
      );
      return true;
    },
    onSubscribe: async (ctx, _id, payload): Promise<ExecutionArgs | readonly GraphQLError[]> => {
      if (Object.keys(ctx.subscriptions).length > MAX_OPERATIONS_PER_CONNECTION)
        return [
          badRequest(
            `At most ${MAX_OPERATIONS_PER_CONNECTION} operations may run at once on one connection.`,
          ),
        ];
      const schema = deps.schema();
      const admitted = deps.gate.admit(schema, payload);
      if ('errors' in admitted) return admitted.errors;
      const live = (ctx.extra as WsExtra).live;
      const contextValue: GqlContext = {
        user: live ? await deps.connections.userFor(live) : null,
        client: live?.client ?? { ip: null, userAgent: null },
        ...(live ? { live } : {}),
        loaders: new RequestLoaders(),
      };
      return {
        schema,
        document: admitted.document,
        variableValues: payload.variables,
        operationName: payload.operationName,
        contextValue,
      };
    },
    onNext: (_ctx, _id, _payload, _args, result) => formatWsResult(result, deps.formatError),
    onError: (_ctx, _id, _payload, errors) => formatWsErrors(errors, deps.formatError),
    onClose: (ctx) => deps.connections.forget((ctx.extra as WsExtra).live),
  };
}
