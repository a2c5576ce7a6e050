import { Args, ID, Int, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { Requires } from '../../common/access/policy.decorator';
import { type AuthUser } from '../../common/auth/auth-user';
import { CurrentUser } from '../../common/auth/current-user.decorator';
import { Loaders } from '../../common/loaders/loaders.decorator';
import { batchById, type RequestLoaders } from '../../common/loaders/request-loaders';
import { ParticipantsService } from './participants.service';
import { ParticipantType, UpdateParticipantInput } from './participants.types';

@Resolver(() => ParticipantType)
export class ParticipantsResolver {
  constructor(private readonly service: ParticipantsService) {}

  private readonly segmentCounts = batchById(
    (participantIds) => this.service.segmentCounts(participantIds),
    () => 0,
  );

  @Requires('project:read', 'projectId')
  @Query(() => [ParticipantType])
  participants(
    @Args('projectId', { type: () => ID }) projectId: string,
  ): Promise<ParticipantType[]> {
    return this.service.list(projectId);
  }

  @Requires('participant:write', 'participantId', 'input.id')
  @Mutation(() => ParticipantType)
  updateParticipant(
    @CurrentUser() user: AuthUser,
    @Args('input') input: UpdateParticipantInput,
  ): Promise<ParticipantType> {
    return this.service.update(user, input);
  }

  /**
   * Counted only when a caller asks for it (tag views list participants without it), for all
   * the participants of the operation at once. Keyed by the ids of participants that the parent
   * field (a guarded query, mutation or live subscription) has already shown the caller.
   */
  @ResolveField(() => Int)
  segmentCount(
    @Parent() participant: ParticipantType,
    @Loaders() loaders: RequestLoaders,
  ): number | Promise<number> {
    return participant.segmentCount ?? loaders.load(this.segmentCounts, participant.id);
  }
}
