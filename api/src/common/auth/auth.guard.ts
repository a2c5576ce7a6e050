import { type CanActivate, type ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { type Request } from 'express';
import { unauthenticated } from '../errors/domain-error';
import { type AuthUser } from './auth-user';
import { IS_PUBLIC } from './public.decorator';
import { userOf } from './request-user';
import { TokenService } from './token.service';

/**
 * Global guard: every resolver and controller requires a signed-in user unless marked
 * @Public(). GraphQL contexts are resolved when the context is built (graphqlHttpContext, and
 * per graphql-ws operation in graphql-ws.ts); HTTP requests here. All verify the token and look
 * its session up (one primary-key query), so a revoked session stops working on the next request.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly tokens: TokenService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType<string>() === 'http') {
      const req = context.switchToHttp().getRequest<Request & { user?: AuthUser | null }>();
      req.user = await this.tokens.authenticate(req.headers.authorization);
    }
    const isPublic = this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, [
      context.getHandler(),
      context.getClass(),
    ]);
    if (isPublic) return true;
    if (!userOf(context)) throw unauthenticated();
    return true;
  }
}
