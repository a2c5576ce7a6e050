import { Global, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { AccessChanges } from './access-changes';
import { AccessService } from './access.service';
import { LiveAccess } from './live-access';
import { PolicyGuard } from './policy.guard';

@Global()
@Module({
  providers: [
    AccessService,
    AccessChanges,
    LiveAccess,
    { provide: APP_GUARD, useClass: PolicyGuard },
  ],
  exports: [AccessService, AccessChanges, LiveAccess],
})
export class AccessModule {}
