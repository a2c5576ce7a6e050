import { Global, Inject, Module, type OnApplicationShutdown } from '@nestjs/common';
import { RedisPubSub } from 'graphql-redis-subscriptions';
import { PubSub, type PubSubEngine } from 'graphql-subscriptions';
import IORedis from 'ioredis';
import { APP_CONFIG } from '../../config/config.module';
import { type AppConfig } from '../../config/env';
import { LiveEvents } from './live-events';
import { PUB_SUB } from './pubsub.token';

export { PUB_SUB };

function ready(redis: IORedis, timeoutMs: number): Promise<void> {
  if (redis.status === 'ready') return Promise.resolve();
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      redis.off('ready', done);
      resolve();
    };
    const timer = setTimeout(done, timeoutMs);
    redis.once('ready', done);
  });
}

@Global()
@Module({
  providers: [
    {
      provide: PUB_SUB,
      inject: [APP_CONFIG],
      useFactory: async (config: AppConfig): Promise<PubSubEngine> => {
        if (!config.redis.url) return new PubSub();
        const subscriber = new IORedis(config.redis.url);
        // A SUBSCRIBE sent before the connection is ready races ioredis's ready check ("Connection
        // in subscriber mode"), which drops the connection and the messages meanwhile: services
        // subscribe in onModuleInit, so wait (up to 5 s) until it is ready.
        await ready(subscriber, 5_000);
        return new RedisPubSub({ publisher: new IORedis(config.redis.url), subscriber });
      },
    },
    LiveEvents,
  ],
  exports: [PUB_SUB, LiveEvents],
})
export class PubSubModule implements OnApplicationShutdown {
  constructor(@Inject(PUB_SUB) private readonly pubsub: PubSubEngine) {}

  async onApplicationShutdown(): Promise<void> {
    if (this.pubsub instanceof RedisPubSub) await this.pubsub.close();
  }
}
