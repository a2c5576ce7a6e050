import { Global, Module } from '@nestjs/common';
import { ActivityResolver } from './activity.resolver';
import { ActivityService } from './activity.service';
import { DigestRepository } from './digest.repository';
import { DigestResolver } from './digest.resolver';
import { BoardReadStateResolver, TranscriptReadStateResolver } from './item-read-markers.resolver';
import { ItemReadMarkersRepository } from './item-read-markers.repository';
import { DigestService } from './digest.service';
import { ReadMarkersRepository } from './read-markers.repository';
import { ReadMarkersResolver } from './read-markers.resolver';

/** Global: every feature records its events here. */
@Global()
@Module({
  providers: [
    ActivityService,
    ActivityResolver,
    ReadMarkersRepository,
    ReadMarkersResolver,
    DigestRepository,
    DigestResolver,
    ItemReadMarkersRepository,
    TranscriptReadStateResolver,
    BoardReadStateResolver,
    DigestService,
  ],
  exports: [ActivityService, DigestService],
})
export class ActivityModule {}
