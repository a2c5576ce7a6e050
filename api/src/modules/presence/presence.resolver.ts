import { Args, Context, ID, Resolver } from '@nestjs/graphql';
import { LiveSubscription } from '../../common/access/live-subscription';
import { type AuthUser } from '../../common/auth/auth-user';
import { CurrentUser } from '../../common/auth/current-user.decorator';
import { type GqlContext } from '../../common/auth/request-user';
import { PRESENCE_RULE, PresenceService } from './presence.service';
import { PresenceTargetType, PresenceType } from './presence.types';

@Resolver(() => PresenceType)
export class PresenceResolver {
  constructor(private readonly service: PresenceService) {}

  @LiveSubscription(() => PresenceType, {
    requires: PRESENCE_RULE,
    description:
      'Makes you present at a transcript (in the reader) or a board for as long as the subscription lives, and delivers who is present (you included) whenever that changes, across api instances. Someone whose page crashed goes after PRESENCE_TTL; someone who can no longer open it leaves at once, and their subscription ends.',
    resolve: (payload: { presence: PresenceType }) => payload.presence,
  })
  presence(
    @CurrentUser() user: AuthUser,
    @Context() context: GqlContext,
    @Args('targetType', { type: () => PresenceTargetType }) targetType: PresenceTargetType,
    @Args('targetId', { type: () => ID }) targetId: string,
  ): AsyncIterator<unknown> {
    return this.service.join(user, context.live, targetType, targetId);
  }
}
