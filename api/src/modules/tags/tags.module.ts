import { Module } from '@nestjs/common';
import { CodebookEventsResolver } from './codebook-events.resolver';
import { TagsResolver } from './tags.resolver';
import { TagsService } from './tags.service';

@Module({ providers: [TagsService, TagsResolver, CodebookEventsResolver], exports: [TagsService] })
export class TagsModule {}
