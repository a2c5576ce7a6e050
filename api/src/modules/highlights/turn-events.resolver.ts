import { Inject } from '@nestjs/common';
import { Args, Field, ID, ObjectType, Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { type PubSubEngine } from 'graphql-subscriptions';
import { DataSource } from 'typeorm';
import { LiveSubscription } from '../../common/access/live-subscription';
import { type TurnChange, TurnChangeKind, turnTopic } from '../../common/pubsub/live-events';
import { PUB_SUB } from '../../common/pubsub/pubsub.token';
import { queryRows } from '../../database/sql';
import { ParticipantsService } from '../participants/participants.service';
import { SegmentType } from '../transcripts/transcripts.types';
import { segmentViews } from './segment-view';

@ObjectType('TurnEvent', {
  description:
    "The transcript's turns changed: corrected, split, merged, or given to other speakers.",
})
export class TurnEventType {
  @Field(() => TurnChangeKind)
  kind!: TurnChangeKind;

  @Field(() => ID)
  transcriptId!: string;

  @Field(() => [ID], { description: 'The turns changed (the two parts of a split, in order).' })
  segmentIds!: string[];

  @Field(() => ID, { nullable: true, description: 'MERGED: the turn merged into the one before.' })
  removedSegmentId!: string | null;
}

/** Colleagues' readers follow corrections, splits and merges without reloading. */
@Resolver(() => TurnEventType)
export class TurnEventsResolver {
  constructor(
    @Inject(PUB_SUB) private readonly pubsub: PubSubEngine,
    private readonly db: DataSource,
    private readonly participants: ParticipantsService,
  ) {}

  @LiveSubscription(() => TurnEventType, {
    requires: { action: 'project:read', target: 'transcriptId' },
    description: 'Turns of the transcript corrected, split, merged or re-attributed, by anyone.',
    resolve: (payload: { turnChanged: TurnChange }) => payload.turnChanged,
  })
  turnChanged(
    @Args('transcriptId', { type: () => ID }) transcriptId: string,
  ): AsyncIterator<unknown> {
    return this.pubsub.asyncIterableIterator(turnTopic(transcriptId));
  }

  @ResolveField(() => [SegmentType], {
    description: 'The changed turns as they are when the event is delivered (gone ones left out).',
  })
  async segments(@Parent() event: TurnChange): Promise<SegmentType[]> {
    if (!event.segmentIds.length) return [];
    const existing = await queryRows<{ id: string }>(
      this.db,
      `SELECT id FROM segment WHERE id = ANY($1::uuid[]) AND transcript_id = $2`,
      [event.segmentIds, event.transcriptId],
    );
    const ids = new Set(existing.map((r) => r.id));
    return segmentViews(
      this.db,
      this.participants,
      event.segmentIds.filter((id) => ids.has(id)),
    );
  }
}
