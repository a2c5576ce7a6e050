import { Module } from '@nestjs/common';
import { APP_CONFIG } from '../../config/config.module';
import { type AppConfig } from '../../config/env';
import { MemoryPresenceStore, PresenceStore } from './presence-store';
import { PresenceResolver } from './presence.resolver';
import { PresenceService } from './presence.service';
import { RedisPresenceStore } from './redis-presence-store';

/** Who else has a transcript or board open right now (in Redis across instances, or in memory). */
@Module({
  providers: [
    {
      provide: PresenceStore,
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig): PresenceStore =>
        config.redis.url ? new RedisPresenceStore(config.redis.url) : new MemoryPresenceStore(),
    },
    PresenceService,
    PresenceResolver,
  ],
})
export class PresenceModule {}
