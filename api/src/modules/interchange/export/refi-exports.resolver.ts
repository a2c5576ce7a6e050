import { Args, Mutation, Resolver } from '@nestjs/graphql';
import { Requires } from '../../../common/access/policy.decorator';
import { type AuthUser } from '../../../common/auth/auth-user';
import { CurrentUser } from '../../../common/auth/current-user.decorator';
import { ExportFormat, ExportKind } from '../../exports/export-renderer';
import { ExportsService } from '../../exports/exports.service';
import { ExportType } from '../../exports/exports.types';
import { ExportCodebookInput, ExportProjectInput } from './refi-exports.types';

/** REFI-QDA exports, asked for here and run by the exports module's job with our renderers. */
@Resolver()
export class RefiExportsResolver {
  constructor(private readonly exports: ExportsService) {}

  @Requires('project:read', 'projectId', 'input.projectId')
  @Mutation(() => ExportType, {
    description:
      "The project's codebook as a REFI-QDA codebook (.qdc): tags, hierarchy, colours, descriptions.",
  })
  exportCodebook(
    @CurrentUser() user: AuthUser,
    @Args('input') input: ExportCodebookInput,
  ): Promise<ExportType> {
    return this.exports.request(user, {
      kind: ExportKind.CODEBOOK,
      format: ExportFormat.QDC,
      projectId: input.projectId,
    });
  }

  @Requires('project:read', 'projectId', 'input.projectId')
  @Mutation(() => ExportType, {
    description:
      'The whole project as a REFI-QDA project (.qdpx): transcripts as texts, the codebook, highlights as codings.',
  })
  exportProject(
    @CurrentUser() user: AuthUser,
    @Args('input') input: ExportProjectInput,
  ): Promise<ExportType> {
    return this.exports.request(user, {
      kind: ExportKind.PROJECT,
      format: ExportFormat.QDPX,
      projectId: input.projectId,
    });
  }
}
