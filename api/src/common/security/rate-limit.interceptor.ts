import {
  type CallHandler,
  type ExecutionContext,
  Injectable,
  type NestInterceptor,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { GqlExecutionContext } from '@nestjs/graphql';
import { type Request } from 'express';
import { createHash } from 'node:crypto';
import { from, type Observable, switchMap, tap } from 'rxjs';
import { clientOf, userOf } from '../auth/request-user';
import { RATE_LIMIT, type RateLimitBucket } from './rate-limit.decorator';
import { type LimitKey, RateLimiterService } from './rate-limiter.service';

/**
 * Enforces @RateLimit before the handler runs (interceptors run after every guard, so the
 * signed-in user is known). For `login` only failures count: a successful call refunds its
 * attempt, so people who type their password right are never locked out by their own use.
 */
@Injectable()
export class RateLimitInterceptor implements NestInterceptor {
  constructor(
    private readonly reflector: Reflector,
    private readonly limiter: RateLimiterService,
  ) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const bucket = this.reflector.getAllAndOverride<RateLimitBucket | undefined>(RATE_LIMIT, [
      context.getHandler(),
      context.getClass(),
    ]);
    if (!bucket) return next.handle();
    const keys = keysFor(bucket, context);
    return from(this.limiter.consume(keys)).pipe(
      switchMap(() => next.handle()),
      tap(() => {
        if (bucket === 'login') void this.limiter.refund(keys);
      }),
    );
  }
}

function keysFor(bucket: RateLimitBucket, context: ExecutionContext): LimitKey[] {
  const ip = clientOf(context).ip ?? 'unknown';
  const user = userOf(context);
  switch (bucket) {
    case 'login': {
      const email = emailArgument(context) ?? (user ? emailKey(user.email) : null);
      return [
        { limiter: 'loginIp', key: ip },
        ...(email ? [{ limiter: 'login' as const, key: email }] : []),
      ];
    }
    case 'signup':
      return [{ limiter: 'signup', key: ip }];
    case 'invitation':
      return [{ limiter: 'invitation', key: `${ip}|${user?.id ?? 'anonymous'}` }];
    case 'upload':
      return [{ limiter: 'upload', key: user?.id ?? `ip:${ip}` }];
  }
}

/** `input.email` of a GraphQL call or a REST body, normalised as accounts store it. */
function emailArgument(context: ExecutionContext): string | null {
  const source =
    context.getType<string>() === 'graphql'
      ? GqlExecutionContext.create(context).getArgs<{ input?: { email?: unknown } }>().input
      : (context.switchToHttp().getRequest<Request>().body as { email?: unknown } | undefined);
  const email = source?.email;
  return typeof email === 'string' && email.length <= 320 ? emailKey(email) : null;
}

/** Hashed, so that counters (Redis keys) do not hold e-mail addresses. */
function emailKey(email: string): string {
  return createHash('sha256').update(email.trim().toLowerCase()).digest('base64url');
}
