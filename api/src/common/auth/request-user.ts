import { type ExecutionContext } from '@nestjs/common';
import { GqlExecutionContext } from '@nestjs/graphql';
import { type Request } from 'express';
import { type AuthUser } from './auth-user';

/** What GraphQL resolvers receive as context, over HTTP and over graphql-ws. */
export interface GqlContext {
  req?: Request;
  user: AuthUser | null;
}

/** The user of an HTTP request or GraphQL operation, as resolved by the auth guard. */
export function userOf(context: ExecutionContext): AuthUser | null {
  if (context.getType<string>() === 'graphql') {
    return GqlExecutionContext.create(context).getContext<GqlContext>().user ?? null;
  }
  const req = context.switchToHttp().getRequest<Request & { user?: AuthUser | null }>();
  return req.user ?? null;
}
