import { type ExecutionContext } from '@nestjs/common';
import { GqlExecutionContext } from '@nestjs/graphql';
import { type Request } from 'express';
import { type IncomingMessage } from 'node:http';
import { type AuthUser } from './auth-user';
import { type TokenService } from './token.service';

/** Where a call comes from: for sessions (shown to the user later) and per-IP rate limits. */
export interface ClientInfo {
  ip: string | null;
  userAgent: string | null;
}

/** What GraphQL resolvers receive as context, over HTTP and over graphql-ws. */
export interface GqlContext {
  req?: Request;
  user: AuthUser | null;
  client?: ClientInfo;
}

/** The user of an HTTP request or GraphQL operation, as resolved by the auth guard. */
export function userOf(context: ExecutionContext): AuthUser | null {
  if (context.getType<string>() === 'graphql') {
    return GqlExecutionContext.create(context).getContext<GqlContext>().user ?? null;
  }
  const req = context.switchToHttp().getRequest<Request & { user?: AuthUser | null }>();
  return req.user ?? null;
}

/** The client address (express `req.ip`, so TRUST_PROXY applies) and user agent of a call. */
export function clientOf(context: ExecutionContext): ClientInfo {
  if (context.getType<string>() === 'graphql') {
    const ctx = GqlExecutionContext.create(context).getContext<GqlContext>();
    return ctx.client ?? (ctx.req ? clientOfRequest(ctx.req) : { ip: null, userAgent: null });
  }
  return clientOfRequest(context.switchToHttp().getRequest<Request>());
}

function clientOfRequest(req: Request | IncomingMessage): ClientInfo {
  const ip = ('ip' in req ? req.ip : undefined) ?? req.socket?.remoteAddress ?? null;
  const agent = req.headers['user-agent'];
  return { ip, userAgent: typeof agent === 'string' ? agent.slice(0, 300) : null };
}

interface WsExtra {
  user?: AuthUser | null;
  request?: IncomingMessage;
}

/**
 * GraphQL context over HTTP and graphql-ws. HTTP requests authenticate per request; a
 * graphql-ws connection verifies `connectionParams.authorization` once when it connects, and
 * each operation on it re-checks that the session is still live (a subscription that is already
 * running keeps receiving events after a logout until the client reconnects).
 */
export function graphqlAuth(tokens: TokenService) {
  return {
    onConnect: async (ctx: {
      connectionParams?: Readonly<Record<string, unknown>>;
      extra: unknown;
    }): Promise<void> => {
      (ctx.extra as WsExtra).user = await tokens.authenticate(
        ctx.connectionParams?.['authorization'],
      );
    },
    context: async ({ req, extra }: { req?: Request; extra?: WsExtra }): Promise<GqlContext> => {
      if (extra) {
        const user = extra.user && (await tokens.isLive(extra.user)) ? extra.user : null;
        return {
          user,
          client: extra.request ? clientOfRequest(extra.request) : { ip: null, userAgent: null },
        };
      }
      return {
        req,
        user: await tokens.authenticate(req?.headers.authorization),
        client: req ? clientOfRequest(req) : undefined,
      };
    },
  };
}
