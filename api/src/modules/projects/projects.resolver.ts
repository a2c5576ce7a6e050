import { Args, ID, Int, Mutation, Query, Resolver } from '@nestjs/graphql';
import { type AuthUser } from '../../common/auth/auth-user';
import { CurrentUser } from '../../common/auth/current-user.decorator';
import { type Connection } from '../../common/pagination/connection';
import { ProjectsService } from './projects.service';
import { CreateProjectInput, ProjectConnection, ProjectType } from './projects.types';

@Resolver(() => ProjectType)
export class ProjectsResolver {
  constructor(private readonly service: ProjectsService) {}

  @Mutation(() => ProjectType)
  createProject(@CurrentUser() user: AuthUser, @Args('input') input: CreateProjectInput): Promise<ProjectType> {
    return this.service.create(user, input);
  }

  @Query(() => ProjectType)
  project(@CurrentUser() user: AuthUser, @Args('id', { type: () => ID }) id: string): Promise<ProjectType> {
    return this.service.get(user, id);
  }

  @Query(() => ProjectConnection)
  projects(
    @CurrentUser() user: AuthUser,
    @Args('workspaceId', { type: () => ID }) workspaceId: string,
    @Args('first', { type: () => Int, nullable: true, defaultValue: 50 }) first: number,
    @Args('after', { type: () => String, nullable: true }) after?: string,
  ): Promise<Connection<ProjectType>> {
    return this.service.list(user, workspaceId, { first, after });
  }
}
