import { Global, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { AccessService } from './access.service';
import { PolicyGuard } from './policy.guard';

@Global()
@Module({
  providers: [AccessService, { provide: APP_GUARD, useClass: PolicyGuard }],
  exports: [AccessService],
})
export class AccessModule {}
