import { Module } from '@nestjs/common';
import { ParticipantsModule } from '../participants/participants.module';
import { IngestReconciler } from './ingest.reconciler';
import { IngestService } from './ingest.service';
import { LanguageReconciler } from './language/language.reconciler';
import { LanguageReindexer } from './language/language-reindexer';
import { LanguagesResolver } from './language/languages.resolver';
import { TranscriptLanguageService } from './language/transcript-language.service';
import { SpeakerMappingsResolver } from './speakers/speaker-mappings.resolver';
import { SpeakerMappingsService } from './speakers/speaker-mappings.service';
import { TranscriptChangeHook } from './transcript-change.hook';
import { TranscriptImports } from './transcript-imports';
import { TranscriptsResolver } from './transcripts.resolver';
import { TranscriptsService } from './transcripts.service';
import { TurnWrites } from './turn-writes';
import { UploadController } from './upload.controller';

@Module({
  imports: [ParticipantsModule],
  controllers: [UploadController],
  providers: [
    TranscriptsService,
    TranscriptsResolver,
    IngestService,
    IngestReconciler,
    TranscriptLanguageService,
    LanguageReindexer,
    LanguageReconciler,
    LanguagesResolver,
    SpeakerMappingsService,
    SpeakerMappingsResolver,
    TranscriptChangeHook,
    TurnWrites,
    TranscriptImports,
  ],
  exports: [
    TranscriptsService,
    LanguageReindexer,
    SpeakerMappingsService,
    TranscriptChangeHook,
    TurnWrites,
    TranscriptImports,
  ],
})
export class TranscriptsModule {}
