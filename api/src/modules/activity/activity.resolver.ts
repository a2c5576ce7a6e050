import { Args, ID, Int, Query, Resolver } from '@nestjs/graphql';
import { Requires } from '../../common/access/policy.decorator';
import { type AuthUser } from '../../common/auth/auth-user';
import { CurrentUser } from '../../common/auth/current-user.decorator';
import { type Connection } from '../../common/pagination/connection';
import { ActivityService } from './activity.service';
import { ActivityConnection, type ActivityType } from './activity.types';

@Resolver()
export class ActivityResolver {
  constructor(private readonly service: ActivityService) {}

  @Requires('workspace:read', 'workspaceId')
  @Query(() => ActivityConnection)
  activity(
    @CurrentUser() user: AuthUser,
    @Args('workspaceId', { type: () => ID }) workspaceId: string,
    @Args('first', { type: () => Int, nullable: true, defaultValue: 50 }) first: number,
    @Args('after', { type: () => String, nullable: true }) after?: string,
    @Args('projectId', {
      type: () => ID,
      nullable: true,
      description: "Only this project's events (NOT_FOUND when the caller may not see it).",
    })
    projectId?: string,
    @Args('since', {
      type: () => Date,
      nullable: true,
      description: 'Only the events after this instant.',
    })
    since?: Date,
  ): Promise<Connection<ActivityType>> {
    return this.service.list(user, workspaceId, { first, after }, { projectId, since });
  }
}
