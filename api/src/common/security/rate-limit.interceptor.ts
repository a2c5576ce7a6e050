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
import { CredentialsRefused } from '../errors/domain-error';
import { RATE_LIMIT, type RateLimitBucket } from './rate-limit.decorator';
import { type LimitKey, RateLimiterService } from './rate-limiter.service';

/**
 * Enforces @RateLimit before the handler runs (interceptors run after every guard, so the
 * signed-in user is known). Keys in `always` count every call; keys in `onFailure` count only
 * calls refused for their credentials (CredentialsRefused): the attempt is given back when the
 * call succeeds or fails for any other reason, so people who type their password right are
 * never locked out by their own use.
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
    const { always, onFailure } = keysFor(bucket, context);
    const refund = () => {
      if (onFailure.length) void this.limiter.refund(onFailure);
    };
    return from(this.limiter.consume([...always, ...onFailure])).pipe(
      switchMap(() => next.handle()),
      tap({
        next: refund,
        error: (error: unknown) => {
          if (!(error instanceof CredentialsRefused)) refund();
        },
      }),
    );
  }
}

interface BucketKeys {
  always: LimitKey[];
  onFailure: LimitKey[];
}

function keysFor(bucket: RateLimitBucket, context: ExecutionContext): BucketKeys {
  const ip = clientOf(context).ip ?? 'unknown';
  const user = userOf(context);
  switch (bucket) {
    case 'login': {
      const email = emailArgument(context) ?? (user ? emailKey(user.email) : null);
      return { always: [], onFailure: loginKeys(email, ip) };
    }
    case 'signup':
      return {
        always: [{ limiter: 'signup', key: ip }],
        onFailure: loginKeys(emailArgument(context), ip),
      };
    case 'invitation':
      return {
        always: [{ limiter: 'invitation', key: `${ip}|${user?.id ?? 'anonymous'}` }],
        onFailure: [],
      };
    case 'upload':
      return { always: [{ limiter: 'upload', key: user?.id ?? `ip:${ip}` }], onFailure: [] };
  }
}

/**
 * Failed log-ins count against the account and address together (one person's mistakes lock
 * out only that person on that address, not the office behind the same proxy), the address
 * (one address trying many accounts) and the account (many addresses trying one account).
 */
function loginKeys(email: string | null, ip: string): LimitKey[] {
  return [
    { limiter: 'loginIp', key: ip },
    ...(email
      ? [
          { limiter: 'login' as const, key: `${email}|${ip}` },
          { limiter: 'loginAccount' as const, key: email },
        ]
      : []),
  ];
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
