import {
  Inject,
  Injectable,
  Logger,
  type OnModuleDestroy,
  type OnModuleInit,
} from '@nestjs/common';
import IORedis from 'ioredis';
import {
  RateLimiterMemory,
  RateLimiterRedis,
  RateLimiterRes,
  type RateLimiterAbstract,
} from 'rate-limiter-flexible';
import { APP_CONFIG } from '../../config/config.module';
import { type AppConfig, type RateLimitRule } from '../../config/env';
import { DomainError } from '../errors/domain-error';

/**
 * One counter: `login` counts failed log-ins per account and address, `loginIp` per address,
 * `loginAccount` per account; the others as named.
 */
export type LimiterName = keyof AppConfig['rateLimits'];

export interface LimitKey {
  limiter: LimiterName;
  key: string;
}

/**
 * Fixed-window counters per limiter and key: in process memory on the embedded defaults, in
 * Redis when REDIS_URL is set (shared by every api instance; if Redis is unreachable each
 * process falls back to its own memory counters rather than failing the request).
 */
@Injectable()
export class RateLimiterService implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger(RateLimiterService.name);
  private readonly redis: IORedis | null;
  private readonly limiters = new Map<LimiterName, RateLimiterAbstract>();

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    // Only the api serves rate-limited operations; a worker process needs no store.
    this.redis =
      config.redis.url && config.role.api
        ? new IORedis(config.redis.url, {
            enableOfflineQueue: false,
            maxRetriesPerRequest: 1,
            lazyConnect: false,
          })
        : null;
    this.redis?.on('error', (error: Error) =>
      this.logger.warn(`rate-limit store: ${error.message}`),
    );
    for (const [name, rule] of Object.entries(config.rateLimits) as [
      LimiterName,
      RateLimitRule | null,
    ][]) {
      if (rule)
        this.limiters.set(name, this.create(`${config.redis.queuePrefix}:rl:${name}`, rule));
    }
  }

  private create(keyPrefix: string, rule: RateLimitRule): RateLimiterAbstract {
    const options = { keyPrefix, points: rule.points, duration: rule.durationSeconds };
    if (!this.redis) return new RateLimiterMemory(options);
    return new RateLimiterRedis({
      ...options,
      storeClient: this.redis,
      insuranceLimiter: new RateLimiterMemory(options),
    });
  }

  /**
   * Counts one attempt against every key; throws TOO_MANY_REQUESTS with `retryAfterSeconds`
   * when any of them is over its limit.
   */
  async consume(keys: LimitKey[]): Promise<void> {
    let retryAfterMs = 0;
    for (const { limiter, key } of keys) {
      const rl = this.limiters.get(limiter);
      if (!rl) continue;
      try {
        await rl.consume(key);
      } catch (rejection) {
        if (!(rejection instanceof RateLimiterRes)) throw rejection;
        retryAfterMs = Math.max(retryAfterMs, rejection.msBeforeNext);
      }
    }
    if (retryAfterMs > 0) {
      const seconds = Math.max(1, Math.ceil(retryAfterMs / 1000));
      throw new DomainError(
        'TOO_MANY_REQUESTS',
        `Too many attempts; try again in ${seconds} seconds.`,
        {
          retryAfterSeconds: seconds,
        },
      );
    }
  }

  /** Gives one attempt back (a successful log-in does not count against the limit). */
  async refund(keys: LimitKey[]): Promise<void> {
    for (const { limiter, key } of keys) {
      await this.limiters
        .get(limiter)
        ?.reward(key)
        .catch((error: Error) => this.logger.warn(`rate-limit refund failed: ${error.message}`));
    }
  }

  /**
   * Waits (up to 5 s) for Redis before the api starts listening: commands are not queued while
   * disconnected, so early requests would otherwise be counted by the per-process fallback.
   */
  async onModuleInit(): Promise<void> {
    const redis = this.redis;
    if (!redis || redis.status === 'ready') return;
    await new Promise<void>((resolve) => {
      const done = () => {
        clearTimeout(timer);
        redis.off('ready', done);
        resolve();
      };
      const timer = setTimeout(done, 5_000);
      redis.once('ready', done);
    });
  }

  onModuleDestroy(): void {
    this.redis?.disconnect();
  }
}
