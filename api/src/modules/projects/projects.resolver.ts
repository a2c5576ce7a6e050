import { Args, ID, Int, Mutation, Query, Resolver } from '@nestjs/graphql';
import { Requires } from '../../common/access/policy.decorator';
import { type AuthUser } from '../../common/auth/auth-user';
import { CurrentUser } from '../../common/auth/current-user.decorator';
import { type Connection } from '../../common/pagination/connection';
import { ProjectsService } from './projects.service';
import {
  CreateProjectInput,
  ProjectConnection,
  ProjectType,
  UpdateProjectAccessInput,
  UpdateProjectInput,
} from './projects.types';

@Resolver(() => ProjectType)
export class ProjectsResolver {
  constructor(private readonly service: ProjectsService) {}

  @Requires('project:create', 'workspaceId', 'input.workspaceId')
  @Mutation(() => ProjectType)
  createProject(
    @CurrentUser() user: AuthUser,
    @Args('input') input: CreateProjectInput,
  ): Promise<ProjectType> {
    return this.service.create(user, input);
  }

  @Requires('project:read', 'projectId', 'id')
  @Query(() => ProjectType)
  project(
    @CurrentUser() user: AuthUser,
    @Args('id', { type: () => ID }) id: string,
  ): Promise<ProjectType> {
    return this.service.get(user, id);
  }

  @Requires('workspace:read', 'workspaceId')
  @Query(() => ProjectConnection)
  projects(
    @CurrentUser() user: AuthUser,
    @Args('workspaceId', { type: () => ID }) workspaceId: string,
    @Args('first', { type: () => Int, nullable: true, defaultValue: 50 }) first: number,
    @Args('after', { type: () => String, nullable: true }) after?: string,
  ): Promise<Connection<ProjectType>> {
    return this.service.list(user, workspaceId, { first, after });
  }

  @Requires('project:write', 'projectId', 'input.id')
  @Mutation(() => ProjectType, {
    description:
      'Renames a project, edits its description or its default transcript language (re-indexing the transcripts that follow it).',
  })
  updateProject(
    @CurrentUser() user: AuthUser,
    @Args('input') input: UpdateProjectInput,
  ): Promise<ProjectType> {
    return this.service.update(user, input);
  }

  @Requires('member:manage', 'projectId', 'input.projectId')
  @Mutation(() => ProjectType)
  updateProjectAccess(
    @CurrentUser() user: AuthUser,
    @Args('input') input: UpdateProjectAccessInput,
  ): Promise<ProjectType> {
    return this.service.updateAccess(user, input);
  }

  @Requires('member:manage', 'projectId')
  @Query(() => [ID])
  projectMemberIds(@Args('projectId', { type: () => ID }) projectId: string): Promise<string[]> {
    return this.service.memberIds(projectId);
  }
}
