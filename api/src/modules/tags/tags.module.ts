import { Module } from '@nestjs/common';
import { CodebookEventsResolver } from './codebook-events.resolver';
import { TagsResolver } from './tags.resolver';
import { TagMergeHook } from './tag-merge.hook';
import { TagsService } from './tags.service';

@Module({
  providers: [TagsService, TagsResolver, CodebookEventsResolver, TagMergeHook],
  exports: [TagsService, TagMergeHook],
})
export class TagsModule {}
