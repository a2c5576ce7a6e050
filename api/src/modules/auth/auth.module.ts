import { Global, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuthGuard } from '../../common/auth/auth.guard';
import { LiveConnections } from '../../common/auth/live-connections';
import { SessionEvents } from '../../common/auth/session-events';
import { SessionStore, TokenService } from '../../common/auth/token.service';
import { AuthResolver } from './auth.resolver';
import { AuthService } from './auth.service';
import { AuthSessionEntity, RefreshTokenEntity } from './session.entity';
import { SessionsService } from './sessions.service';
import { UserEntity } from './user.entity';

@Global()
@Module({
  imports: [TypeOrmModule.forFeature([UserEntity, AuthSessionEntity, RefreshTokenEntity])],
  providers: [
    AuthService,
    AuthResolver,
    SessionsService,
    { provide: SessionStore, useExisting: SessionsService },
    TokenService,
    LiveConnections,
    SessionEvents,
    { provide: APP_GUARD, useClass: AuthGuard },
  ],
  exports: [TokenService, LiveConnections],
})
export class AuthModule {}
