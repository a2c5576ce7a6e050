import { Inject } from '@nestjs/common';
import { Args, Field, ID, ObjectType, Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { type PubSubEngine } from 'graphql-subscriptions';
import { LiveSubscription } from '../../common/access/live-subscription';
import { ChangeKind, type HighlightChange, highlightTopic } from '../../common/pubsub/live-events';
import { PUB_SUB } from '../../common/pubsub/pubsub.token';
import { HighlightsService } from './highlights.service';
import { HighlightType } from './highlights.types';

@ObjectType('HighlightEvent', {
  description: 'A highlight of the transcript was created, changed (tags, note, words) or deleted.',
})
export class HighlightEventType {
  @Field(() => ChangeKind)
  kind!: ChangeKind;

  @Field(() => ID)
  highlightId!: string;

  @Field(() => ID)
  transcriptId!: string;
}

/** Live coding: colleagues in the same transcript see each other's highlights as they happen. */
@Resolver(() => HighlightEventType)
export class HighlightEventsResolver {
  constructor(
    @Inject(PUB_SUB) private readonly pubsub: PubSubEngine,
    private readonly highlights: HighlightsService,
  ) {}

  @LiveSubscription(() => HighlightEventType, {
    requires: { action: 'project:read', target: 'transcriptId' },
    description: 'Highlights of the transcript created, changed or deleted, by anyone.',
    resolve: (payload: { highlightChanged: HighlightChange }) => payload.highlightChanged,
  })
  highlightChanged(
    @Args('transcriptId', { type: () => ID }) transcriptId: string,
  ): AsyncIterator<unknown> {
    return this.pubsub.asyncIterableIterator(highlightTopic(transcriptId));
  }

  @ResolveField(() => HighlightType, {
    nullable: true,
    description: 'The highlight as it is when the event is delivered; null once deleted.',
  })
  async highlight(@Parent() event: HighlightChange): Promise<HighlightType | null> {
    if (event.kind === ChangeKind.DELETED) return null;
    const [highlight] = await this.highlights.getMany([event.highlightId]);
    return highlight ?? null;
  }
}
