import { Args, ID, Int, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { Requires } from '../../common/access/policy.decorator';
import { type AuthUser } from '../../common/auth/auth-user';
import { CurrentUser } from '../../common/auth/current-user.decorator';
import { ParticipantsService } from './participants.service';
import { ParticipantType, UpdateParticipantInput } from './participants.types';

@Resolver(() => ParticipantType)
export class ParticipantsResolver {
  constructor(private readonly service: ParticipantsService) {}

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

  /** Counted only when a caller asks for it (tag views list participants without it). */
  @ResolveField(() => Int)
  segmentCount(@Parent() participant: ParticipantType): number | Promise<number> {
    return participant.segmentCount ?? this.service.segmentCount(participant.id);
  }
}
