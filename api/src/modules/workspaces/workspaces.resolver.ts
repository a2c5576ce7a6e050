import { Args, ID, Int, Mutation, Query, Resolver } from '@nestjs/graphql';
import { Requires, SignedIn } from '../../common/access/policy.decorator';
import { type AuthUser } from '../../common/auth/auth-user';
import { CurrentUser } from '../../common/auth/current-user.decorator';
import { type Connection } from '../../common/pagination/connection';
import { WorkspacesService } from './workspaces.service';
import { CreateWorkspaceInput, WorkspaceConnection, WorkspaceType } from './workspaces.types';

@Resolver(() => WorkspaceType)
export class WorkspacesResolver {
  constructor(private readonly service: WorkspacesService) {}

  @SignedIn()
  @Mutation(() => WorkspaceType)
  createWorkspace(
    @CurrentUser() user: AuthUser,
    @Args('input') input: CreateWorkspaceInput,
  ): Promise<WorkspaceType> {
    return this.service.create(user, input);
  }

  @SignedIn()
  @Query(() => WorkspaceConnection, { description: "The signed-in user's workspaces." })
  workspaces(
    @CurrentUser() user: AuthUser,
    @Args('first', { type: () => Int, nullable: true, defaultValue: 50 }) first: number,
    @Args('after', { type: () => String, nullable: true }) after?: string,
  ): Promise<Connection<WorkspaceType>> {
    return this.service.list(user, { first, after });
  }

  @Requires('workspace:read', 'workspaceId', 'id')
  @Query(() => WorkspaceType)
  workspace(
    @CurrentUser() user: AuthUser,
    @Args('id', { type: () => ID }) id: string,
  ): Promise<WorkspaceType> {
    return this.service.get(user, id);
  }
}
