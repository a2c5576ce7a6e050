import { Global, Inject, Module, type OnApplicationShutdown } from '@nestjs/common';
import { RedisPubSub } from 'graphql-redis-subscriptions';
import { PubSub, type PubSubEngine } from 'graphql-subscriptions';
import IORedis from 'ioredis';
import { APP_CONFIG } from '../../config/config.module';
import { type AppConfig } from '../../config/env';

/** Live-update fan-out: Redis pub/sub when REDIS_URL is set (several api instances), else in memory. */
export const PUB_SUB = Symbol('PUB_SUB');

@Global()
@Module({
  providers: [
    {
      provide: PUB_SUB,
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig): PubSubEngine =>
        config.redis.url
          ? new RedisPubSub({
              publisher: new IORedis(config.redis.url),
              subscriber: new IORedis(config.redis.url),
            })
          : new PubSub(),
    },
  ],
  exports: [PUB_SUB],
})
export class PubSubModule implements OnApplicationShutdown {
  constructor(@Inject(PUB_SUB) private readonly pubsub: PubSubEngine) {}

  async onApplicationShutdown(): Promise<void> {
    if (this.pubsub instanceof RedisPubSub) await this.pubsub.close();
  }
}
