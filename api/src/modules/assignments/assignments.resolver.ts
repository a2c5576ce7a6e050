import { Args, ID, Int, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { Requires, RequiresTyped, SignedIn } from '../../common/access/policy.decorator';
import { type AuthUser } from '../../common/auth/auth-user';
import { CurrentUser } from '../../common/auth/current-user.decorator';
import { Loaders } from '../../common/loaders/loaders.decorator';
import { batchById, type RequestLoaders } from '../../common/loaders/request-loaders';
import { type Connection } from '../../common/pagination/connection';
import { ThemeType } from '../boards/boards.types';
import { TranscriptType } from '../transcripts/transcripts.types';
import { AssignmentsRepository } from './assignments.repository';
import { AssignmentsService, TARGET_KINDS } from './assignments.service';
import {
  AssignInput,
  AssignmentConnection,
  AssignmentTargetType,
  AssignmentType,
} from './assignments.types';

@Resolver(() => AssignmentType)
export class AssignmentsResolver {
  constructor(
    private readonly service: AssignmentsService,
    private readonly repo: AssignmentsRepository,
  ) {}

  @SignedIn()
  @Query(() => AssignmentConnection, {
    description:
      'What is assigned to you: open ones first, soonest due first (no due date last); includeDone adds those marked done. Those of projects you can no longer open are left out.',
  })
  myWork(
    @CurrentUser() user: AuthUser,
    @Args('first', { type: () => Int, nullable: true, defaultValue: 50 }) first: number,
    @Args('after', { type: () => String, nullable: true }) after: string | undefined,
    @Args('includeDone', { type: () => Boolean, nullable: true, defaultValue: false })
    includeDone: boolean,
  ): Promise<Connection<AssignmentType>> {
    return this.repo.myWork(user.id, first, after, includeDone ?? false);
  }

  @RequiresTyped('assignment:write', 'input.targetType', 'input.targetId', TARGET_KINDS)
  @Mutation(() => AssignmentType, {
    description:
      'Gives a transcript (to code) or a theme (to review) to a member who can open it, and tells them. Assigning it to the same person again changes their assignment (and reopens it if it was done).',
  })
  assign(@CurrentUser() user: AuthUser, @Args('input') input: AssignInput) {
    return this.service.assign(user, input);
  }

  @Requires('assignment:write', 'assignmentId', 'id')
  @Mutation(() => ID, { description: 'Takes an assignment back; answers its id.' })
  unassign(@CurrentUser() user: AuthUser, @Args('id', { type: () => ID }) id: string) {
    return this.service.unassign(user, id);
  }

  @Requires('project:read', 'assignmentId', 'id')
  @Mutation(() => AssignmentType, {
    description: 'Marks an assignment done: its assignee, or an editor or owner.',
  })
  completeAssignment(@CurrentUser() user: AuthUser, @Args('id', { type: () => ID }) id: string) {
    return this.service.setDone(user, id, true);
  }

  @Requires('project:read', 'assignmentId', 'id')
  @Mutation(() => AssignmentType, {
    description: 'Opens a done assignment again: its assignee, or an editor or owner.',
  })
  reopenAssignment(@CurrentUser() user: AuthUser, @Args('id', { type: () => ID }) id: string) {
    return this.service.setDone(user, id, false);
  }
}

const OPEN_ASSIGNMENTS =
  'Its open assignments, soonest due first (no due date last); not those of people who can no longer open it.';

// Each batch is given the ids of transcripts or themes a guarded query, mutation or live event
// returned.

@Resolver(() => TranscriptType)
export class TranscriptAssignmentsResolver {
  constructor(private readonly repo: AssignmentsRepository) {}

  private readonly openOf = batchById<AssignmentType[]>(
    (ids) => this.repo.openOf(AssignmentTargetType.TRANSCRIPT, ids),
    () => [],
  );

  @ResolveField(() => [AssignmentType], { description: OPEN_ASSIGNMENTS })
  assignments(@Parent() transcript: TranscriptType, @Loaders() loaders: RequestLoaders) {
    return loaders.load(this.openOf, transcript.id);
  }
}

@Resolver(() => ThemeType)
export class ThemeAssignmentsResolver {
  constructor(private readonly repo: AssignmentsRepository) {}

  private readonly openOf = batchById<AssignmentType[]>(
    (ids) => this.repo.openOf(AssignmentTargetType.THEME, ids),
    () => [],
  );

  @ResolveField(() => [AssignmentType], { description: OPEN_ASSIGNMENTS })
  assignments(@Parent() theme: ThemeType, @Loaders() loaders: RequestLoaders) {
    return loaders.load(this.openOf, theme.id);
  }
}
