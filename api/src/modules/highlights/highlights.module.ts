import { Module } from '@nestjs/common';
import { ParticipantsModule } from '../participants/participants.module';
import { TagsModule } from '../tags/tags.module';
import { TranscriptsModule } from '../transcripts/transcripts.module';
import { CorrectionsResolver } from './corrections.resolver';
import { CorrectionsService } from './corrections.service';
import { HighlightEventsResolver } from './highlight-events.resolver';
import { HighlightsResolver } from './highlights.resolver';
import { HighlightsService } from './highlights.service';
import { HighlightsListeners } from './listeners';
import { TurnEditHook } from './turn-edit.hook';
import { TagViewsResolver } from './tag-views.resolver';
import { TagViewsService } from './tag-views.service';
import { TurnEditsService } from './turn-edits.service';
import { TurnEventsResolver } from './turn-events.resolver';

@Module({
  imports: [ParticipantsModule, TagsModule, TranscriptsModule],
  providers: [
    HighlightsService,
    HighlightsResolver,
    HighlightEventsResolver,
    TagViewsService,
    TagViewsResolver,
    CorrectionsService,
    CorrectionsResolver,
    TurnEditsService,
    HighlightsListeners,
    TurnEditHook,
    TurnEventsResolver,
  ],
  exports: [HighlightsService, TurnEditHook],
})
export class HighlightsModule {}
