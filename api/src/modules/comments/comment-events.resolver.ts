import { Inject } from '@nestjs/common';
import { Args, Field, ID, Int, ObjectType, Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { type PubSubEngine } from 'graphql-subscriptions';
import { LiveSubscription } from '../../common/access/live-subscription';
import { PUB_SUB } from '../../common/pubsub/pubsub.token';
import { type CommentChange, CommentEventKind, commentTopic } from './comment-events';
import { CommentsRepository } from './comments.repository';
import { TARGET_KINDS } from './comments.service';
import { CommentTargetType, CommentType } from './comments.types';

@ObjectType('CommentEvent', {
  description:
    'Something happened in the threads of a target: the comment and its thread as they are when the event is delivered.',
})
export class CommentEventType {
  @Field(() => CommentEventKind)
  kind!: CommentEventKind;

  @Field(() => CommentTargetType)
  targetType!: CommentTargetType;

  @Field(() => ID)
  targetId!: string;

  @Field(() => ID, {
    description: 'The comment it is about; for RESOLVED and REOPENED the thread’s first comment.',
  })
  commentId!: string;

  @Field(() => ID, { description: 'The first comment of its thread.' })
  threadId!: string;
}

/** Open threads follow what colleagues write, edit, delete, resolve and react, as it happens. */
@Resolver(() => CommentEventType)
export class CommentEventsResolver {
  constructor(
    @Inject(PUB_SUB) private readonly pubsub: PubSubEngine,
    private readonly repo: CommentsRepository,
  ) {}

  @LiveSubscription(() => CommentEventType, {
    requires: {
      action: 'project:read',
      typeFrom: 'targetType',
      from: 'targetId',
      targets: TARGET_KINDS,
    },
    description: 'Changes of the threads on a target, by anyone.',
    resolve: (payload: { commentChanged: CommentChange }) => payload.commentChanged,
  })
  commentChanged(
    @Args('targetType', { type: () => CommentTargetType }) targetType: CommentTargetType,
    @Args('targetId', { type: () => ID }) targetId: string,
  ): AsyncIterator<unknown> {
    return this.pubsub.asyncIterableIterator(commentTopic(targetType, targetId));
  }

  @ResolveField(() => CommentType, {
    nullable: true,
    description: 'The comment as it is now; null once it is gone.',
  })
  comment(@Parent() event: CommentChange): Promise<CommentType | null> {
    return this.onTarget(event, event.commentId);
  }

  @ResolveField(() => CommentType, {
    nullable: true,
    description:
      'Its thread’s first comment as it is now (with its replies); null once the thread is gone.',
  })
  thread(@Parent() event: CommentChange): Promise<CommentType | null> {
    return this.onTarget(event, event.threadId);
  }

  @ResolveField(() => Int, {
    description: 'The comments on the target now, replies included (deleted ones not).',
  })
  async commentCount(@Parent() event: CommentChange): Promise<number> {
    const counts = await this.repo.counts(event.targetType, [event.targetId]);
    return counts.get(event.targetId) ?? 0;
  }

  /** A comment of the event's target (the subscriber may read that target, and only that one). */
  private async onTarget(event: CommentChange, id: string): Promise<CommentType | null> {
    const comment = await this.repo.find(id);
    return comment?.targetType === event.targetType && comment.targetId === event.targetId
      ? comment
      : null;
  }
}
