import { Args, ID, Mutation, Query, Resolver } from '@nestjs/graphql';
import { type AuthUser } from '../../common/auth/auth-user';
import { CurrentUser } from '../../common/auth/current-user.decorator';
import { ParticipantsService } from './participants.service';
import { ParticipantType, UpdateParticipantInput } from './participants.types';

@Resolver(() => ParticipantType)
export class ParticipantsResolver {
  constructor(private readonly service: ParticipantsService) {}

  @Query(() => [ParticipantType])
  participants(
    @CurrentUser() user: AuthUser,
    @Args('projectId', { type: () => ID }) projectId: string,
  ): Promise<ParticipantType[]> {
    return this.service.list(user, projectId);
  }

  @Mutation(() => ParticipantType)
  updateParticipant(
    @CurrentUser() user: AuthUser,
    @Args('input') input: UpdateParticipantInput,
  ): Promise<ParticipantType> {
    return this.service.update(user, input);
  }
}
