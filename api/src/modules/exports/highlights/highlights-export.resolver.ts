import { Args, Mutation, Resolver } from '@nestjs/graphql';
import { Requires } from '../../../common/access/policy.decorator';
import { type AuthUser } from '../../../common/auth/auth-user';
import { CurrentUser } from '../../../common/auth/current-user.decorator';
import { badInput } from '../../../common/errors/domain-error';
import { ExportKind } from '../export-renderer';
import { ExportsService } from '../exports.service';
import { ExportType } from '../exports.types';
import { paramsOfFilter } from './highlights-export.params';
import { ExportHighlightsInput } from './highlights-export.types';

@Resolver()
export class HighlightsExportResolver {
  constructor(private readonly exports: ExportsService) {}

  /** Anyone who can read the project may export its highlights (viewers too). */
  @Requires('project:read', 'projectId', 'input.projectId')
  @Mutation(() => ExportType, {
    description:
      'Exports the highlights (as a tag view filters them) as CSV or XLSX: a job; download the file once READY.',
  })
  exportHighlights(
    @CurrentUser() user: AuthUser,
    @Args('input') input: ExportHighlightsInput,
  ): Promise<ExportType> {
    if (input.filter && input.filter.projectId !== input.projectId)
      throw badInput("The filter's projectId must be the exported project's.");
    return this.exports.request(user, {
      kind: ExportKind.HIGHLIGHTS,
      format: input.format,
      projectId: input.projectId,
      params: paramsOfFilter(input.filter),
    });
  }
}
