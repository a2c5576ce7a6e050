import { SetMetadata } from '@nestjs/common';

/**
 * The rate-limit buckets. What each one counts (see RateLimitInterceptor):
 * - `login`: attempts refused for their credentials, per account and client address together,
 *   per client address and per account (other outcomes give the attempt back); used by `logIn`
 *   and `changePassword` (keyed by the signed-in user's e-mail there).
 * - `signup`: attempts per client address; a taken address with a wrong password also counts as
 *   a failed log-in of that account (see AuthService.signUp).
 * - `invitation`: attempts per client IP and signed-in user (acceptInvitation).
 * - `upload`: requests per signed-in user (transcript uploads and imports).
 */
export type RateLimitBucket = 'login' | 'signup' | 'invitation' | 'upload';

export const RATE_LIMIT = 'verbatim:rate-limit';

/**
 * Declares that a resolver field or REST handler is rate limited by `bucket`. Over the limit,
 * the call fails with TOO_MANY_REQUESTS (`extensions.retryAfterSeconds`; HTTP 429 with a
 * `Retry-After` header on REST) before the handler runs. Enforced by a global interceptor, so
 * it runs after the auth guard and sees the signed-in user; every aliased copy of a field in one
 * GraphQL document counts separately.
 */
export const RateLimit = (bucket: RateLimitBucket) => SetMetadata(RATE_LIMIT, bucket);
