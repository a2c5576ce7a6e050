import { Args, ID, Query, Resolver } from '@nestjs/graphql';
import { Requires } from '../../../common/access/policy.decorator';
import { ProjectImportsService } from './project-imports.service';
import { ProjectImportType } from './project-import.types';

@Resolver(() => ProjectImportType)
export class ProjectImportsResolver {
  constructor(private readonly imports: ProjectImportsService) {}

  @Requires('project:create', 'projectImportId', 'id')
  @Query(() => ProjectImportType, {
    description:
      'A REFI-QDA import (POST /api/workspaces/:workspaceId/imports): its status, the project it made, what was left out.',
  })
  projectImport(@Args('id', { type: () => ID }) id: string): Promise<ProjectImportType> {
    return this.imports.get(id);
  }
}
