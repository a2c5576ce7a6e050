import { Inject } from '@nestjs/common';
import { Args, Field, ID, ObjectType, Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { type PubSubEngine } from 'graphql-subscriptions';
import { LiveSubscription } from '../../common/access/live-subscription';
import { ChangeKind, type CodebookChange, codebookTopic } from '../../common/pubsub/live-events';
import { PUB_SUB } from '../../common/pubsub/pubsub.token';
import { TagsService } from './tags.service';
import { TagType } from './tags.types';

@ObjectType('CodebookEvent', {
  description: 'A tag of the codebook was created, changed (name, colour, parent...) or deleted.',
})
export class CodebookEventType {
  @Field(() => ChangeKind)
  kind!: ChangeKind;

  @Field(() => ID)
  tagId!: string;

  @Field(() => ID)
  projectId!: string;

  @Field(() => ID, {
    nullable: true,
    description: 'DELETED by a merge: the tag that its highlights and sub-tags now carry.',
  })
  mergedIntoId!: string | null;
}

/** Live coding: codebook edits reach everyone reading or coding in the project. */
@Resolver(() => CodebookEventType)
export class CodebookEventsResolver {
  constructor(
    @Inject(PUB_SUB) private readonly pubsub: PubSubEngine,
    private readonly tags: TagsService,
  ) {}

  @LiveSubscription(() => CodebookEventType, {
    requires: { action: 'project:read', target: 'projectId' },
    description: "Tags of the project's codebook created, changed, merged or deleted.",
    resolve: (payload: { codebookChanged: CodebookChange }) => payload.codebookChanged,
  })
  codebookChanged(
    @Args('projectId', { type: () => ID }) projectId: string,
  ): AsyncIterator<unknown> {
    return this.pubsub.asyncIterableIterator(codebookTopic(projectId));
  }

  @ResolveField(() => TagType, {
    nullable: true,
    description: 'The tag as it is when the event is delivered; null once deleted.',
  })
  async tag(@Parent() event: CodebookChange): Promise<TagType | null> {
    if (event.kind === ChangeKind.DELETED) return null;
    const [tag] = await this.tags.list(event.projectId, [event.tagId]);
    return tag ?? null;
  }
}
