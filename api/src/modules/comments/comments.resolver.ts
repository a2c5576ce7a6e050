import { Args, ID, Int, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { Requires, RequiresTyped } from '../../common/access/policy.decorator';
import { type AuthUser } from '../../common/auth/auth-user';
import { CurrentUser } from '../../common/auth/current-user.decorator';
import { Loaders } from '../../common/loaders/loaders.decorator';
import { batchById, type Batch, type RequestLoaders } from '../../common/loaders/request-loaders';
import { type Connection } from '../../common/pagination/connection';
import { UserType } from '../auth/auth.types';
import { CommentsRepository, reactionKey, type ReactionKey } from './comments.repository';
import { CommentsService, TARGET_KINDS } from './comments.service';
import {
  AddCommentInput,
  CommentConnection,
  CommentReactionType,
  CommentTargetType,
  CommentType,
  EditCommentInput,
} from './comments.types';

@Resolver(() => CommentType)
export class CommentsResolver {
  constructor(
    private readonly service: CommentsService,
    private readonly repo: CommentsRepository,
  ) {}

  // Each batch is given the ids of comments a guarded query, mutation or live event returned.
  private readonly repliesOf = batchById<CommentType[]>(
    (ids) => this.repo.replies(ids),
    () => [],
  );
  private readonly replyCountOf = batchById<number>(
    (ids) => this.repo.replyCounts(ids),
    () => 0,
  );
  private readonly mentionsOf = batchById<UserType[]>(
    (ids) => this.repo.mentions(ids),
    () => [],
  );
  private readonly reactionsOf: Batch<ReactionKey, CommentReactionType[]> = {
    load: (keys) => this.repo.reactions(keys),
    missing: () => [],
    keyOf: reactionKey,
  };

  @RequiresTyped('project:read', 'targetType', 'targetId', TARGET_KINDS)
  @Query(() => CommentConnection, {
    description: "A target's threads, oldest first, each with its replies in order.",
  })
  comments(
    @Args('targetType', { type: () => CommentTargetType }) targetType: CommentTargetType,
    @Args('targetId', { type: () => ID }) targetId: string,
    @Args('first', { type: () => Int, nullable: true, defaultValue: 50 }) first: number,
    @Args('after', { type: () => String, nullable: true }) after: string | undefined,
  ): Promise<Connection<CommentType>> {
    return this.repo.threads(targetType, targetId, first, after);
  }

  @RequiresTyped('comment:write', 'input.targetType', 'input.targetId', TARGET_KINDS)
  @Mutation(() => CommentType, {
    description:
      'A new thread on a target, or with parentId a reply to a thread of it. Mentions of people who cannot see the target are left out.',
  })
  addComment(@CurrentUser() user: AuthUser, @Args('input') input: AddCommentInput) {
    return this.service.add(user, input);
  }

  @Requires('comment:write', 'commentId', 'input.id')
  @Mutation(() => CommentType, { description: 'Edits your own comment; sets editedAt.' })
  editComment(@CurrentUser() user: AuthUser, @Args('input') input: EditCommentInput) {
    return this.service.edit(user, input);
  }

  @Requires('comment:write', 'commentId', 'id')
  @Mutation(() => ID, {
    description:
      'Deletes a comment (its author, or an owner). A thread’s first comment with replies stays as deleted, with an empty body.',
  })
  deleteComment(@CurrentUser() user: AuthUser, @Args('id', { type: () => ID }) id: string) {
    return this.service.delete(user, id);
  }

  @Requires('comment:write', 'commentId', 'id')
  @Mutation(() => CommentType, {
    description: 'Resolves the thread of a comment; answers its first comment.',
  })
  resolveThread(@CurrentUser() user: AuthUser, @Args('id', { type: () => ID }) id: string) {
    return this.service.setResolved(user, id, true);
  }

  @Requires('comment:write', 'commentId', 'id')
  @Mutation(() => CommentType, {
    description: 'Reopens the resolved thread of a comment; answers its first comment.',
  })
  reopenThread(@CurrentUser() user: AuthUser, @Args('id', { type: () => ID }) id: string) {
    return this.service.setResolved(user, id, false);
  }

  @Requires('comment:write', 'commentId', 'id')
  @Mutation(() => CommentType, {
    description:
      'Adds your reaction with this emoji (a single emoji), or takes it back if you had reacted with it.',
  })
  reactToComment(
    @CurrentUser() user: AuthUser,
    @Args('id', { type: () => ID }) id: string,
    @Args('emoji') emoji: string,
  ) {
    return this.service.react(user, id, emoji);
  }

  @ResolveField(() => [CommentType], {
    description: 'The replies of a thread’s first comment, oldest first; none for a reply.',
  })
  replies(
    @Parent() comment: CommentType,
    @Loaders() loaders: RequestLoaders,
  ): Promise<CommentType[]> | CommentType[] {
    return comment.parentId ? [] : loaders.load(this.repliesOf, comment.id);
  }

  @ResolveField(() => Int, { description: 'How many replies it has (0 for a reply).' })
  replyCount(
    @Parent() comment: CommentType,
    @Loaders() loaders: RequestLoaders,
  ): Promise<number> | number {
    return comment.parentId ? 0 : loaders.load(this.replyCountOf, comment.id);
  }

  @ResolveField(() => [UserType], {
    description: 'The people it mentions who can see its target, by name.',
  })
  mentions(
    @Parent() comment: CommentType,
    @Loaders() loaders: RequestLoaders,
  ): Promise<UserType[]> {
    return loaders.load(this.mentionsOf, comment.id);
  }

  @ResolveField(() => [CommentReactionType], {
    description: 'Each emoji reacted with, in the order they were first used.',
  })
  reactions(
    @Parent() comment: CommentType,
    @CurrentUser() user: AuthUser,
    @Loaders() loaders: RequestLoaders,
  ): Promise<CommentReactionType[]> {
    return loaders.load(this.reactionsOf, { commentId: comment.id, userId: user.id });
  }
}
