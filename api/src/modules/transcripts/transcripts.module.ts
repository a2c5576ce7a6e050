import { Module } from '@nestjs/common';
import { ParticipantsModule } from '../participants/participants.module';
import { IngestReconciler } from './ingest.reconciler';
import { IngestService } from './ingest.service';
import { TranscriptsResolver } from './transcripts.resolver';
import { TranscriptsService } from './transcripts.service';
import { UploadController } from './upload.controller';

@Module({
  imports: [ParticipantsModule],
  controllers: [UploadController],
  providers: [TranscriptsService, TranscriptsResolver, IngestService, IngestReconciler],
  exports: [TranscriptsService],
})
export class TranscriptsModule {}
