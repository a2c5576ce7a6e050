import { Module } from '@nestjs/common';
import { ParticipantsResolver } from './participants.resolver';
import { ParticipantsService } from './participants.service';
import { SpeakerMappingsResolver } from './speaker-mappings.resolver';
import { SpeakerMappingsService } from './speaker-mappings.service';

@Module({
  providers: [
    ParticipantsService,
    ParticipantsResolver,
    SpeakerMappingsService,
    SpeakerMappingsResolver,
  ],
  exports: [ParticipantsService],
})
export class ParticipantsModule {}
