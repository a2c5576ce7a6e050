import { Global, Module } from '@nestjs/common';
import { APP_INTERCEPTOR } from '@nestjs/core';
import { RateLimitInterceptor } from './rate-limit.interceptor';
import { RateLimiterService } from './rate-limiter.service';

/** Rate limits (@RateLimit, enforced by a global interceptor). */
@Global()
@Module({
  providers: [RateLimiterService, { provide: APP_INTERCEPTOR, useClass: RateLimitInterceptor }],
  exports: [RateLimiterService],
})
export class SecurityModule {}
