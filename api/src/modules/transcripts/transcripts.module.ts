import { Module } from '@nestjs/common';
import { ParticipantsModule } from '../participants/participants.module';
import { IngestReconciler } from './ingest.reconciler';
import { IngestService } from './ingest.service';
import { LanguageReconciler } from './language/language.reconciler';
import { LanguageReindexer } from './language/language-reindexer';
import { LanguagesResolver } from './language/languages.resolver';
import { TranscriptLanguageService } from './language/transcript-language.service';
import { TranscriptsResolver } from './transcripts.resolver';
import { TranscriptsService } from './transcripts.service';
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
  ],
  exports: [TranscriptsService, LanguageReindexer],
})
export class TranscriptsModule {}
