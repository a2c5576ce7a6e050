import { Module } from '@nestjs/common';
import { ParticipantChangeHook } from './participant-change.hook';
import { ParticipantsResolver } from './participants.resolver';
import { ParticipantsService } from './participants.service';

@Module({
  providers: [ParticipantsService, ParticipantsResolver, ParticipantChangeHook],
  exports: [ParticipantsService, ParticipantChangeHook],
})
export class ParticipantsModule {}
