import { type ExecutionContext } from '@nestjs/common';
import { GqlExecutionContext } from '@nestjs/graphql';
import { type Request } from 'express';
import { type IncomingMessage } from 'node:http';
import { RequestLoaders } from '../loaders/request-loaders';
import { type AuthUser } from './auth-user';
import { type LiveConnection } from './live-connections';
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
  /** The graphql-ws connection an operation came over (absent over HTTP). */
  live?: LiveConnection;
  /** The operation's DataLoaders: fields of many parents load their relations in one query. */
  loaders: RequestLoaders;
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

export function clientOfRequest(req: Request | IncomingMessage): ClientInfo {
  const ip = ('ip' in req ? req.ip : undefined) ?? req.socket?.remoteAddress ?? null;
  const agent = req.headers['user-agent'];
  return { ip, userAgent: typeof agent === 'string' ? agent.slice(0, 300) : null };
}

/** Express's compiled `trust proxy` setting: whether to trust the address at hop `i`. */
export type TrustProxy = (address: string, hop: number) => boolean;

/**
 * The client address of a request express has not seen (a graphql-ws upgrade), by express's
 * rule: walk X-Forwarded-For from the nearest hop while the hop is a trusted proxy.
 */
export function clientOfUpgrade(req: IncomingMessage, trust: TrustProxy): ClientInfo {
  const base = clientOfRequest(req);
  const socketAddress = req.socket?.remoteAddress;
  if (!socketAddress) return base;
  const header = req.headers['x-forwarded-for'];
  const forwarded = (Array.isArray(header) ? header.join(',') : (header ?? ''))
    .split(',')
    .map((a) => a.trim())
    .filter(Boolean)
    .reverse();
  const hops = [socketAddress, ...forwarded];
  let i = 0;
  while (i < hops.length - 1 && trust(hops[i]!, i)) i++;
  return { ...base, ip: hops[i] ?? socketAddress };
}

/**
 * GraphQL context of an HTTP request: its token is verified and its session looked up per
 * request. (graphql-ws operations get theirs from their connection: see graphql-ws.ts.)
 */
export function graphqlHttpContext(tokens: TokenService) {
  return async ({ req }: { req?: Request }): Promise<GqlContext> => ({
    req,
    user: await tokens.authenticate(req?.headers.authorization),
    client: req ? clientOfRequest(req) : undefined,
    loaders: new RequestLoaders(),
  });
}
