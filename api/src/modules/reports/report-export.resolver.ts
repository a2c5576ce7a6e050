import { Args, Mutation, Resolver } from '@nestjs/graphql';
import { Requires } from '../../common/access/policy.decorator';
import { type AuthUser } from '../../common/auth/auth-user';
import { CurrentUser } from '../../common/auth/current-user.decorator';
import { ExportKind } from '../exports/export-renderer';
import { ExportsService } from '../exports/exports.service';
import { ExportType } from '../exports/exports.types';
import { ReportsService } from './reports.service';
import { ExportReportInput } from './report-export.types';

@Resolver()
export class ReportExportResolver {
  constructor(
    private readonly exports: ExportsService,
    private readonly reports: ReportsService,
  ) {}

  /**
   * Anyone who can read the report may export it (an export shows what the report shows, as
   * exportHighlights lets viewers export highlights).
   */
  @Requires('report:read', 'reportId', 'input.reportId')
  @Mutation(() => ExportType, {
    description:
      'Exports the report as PDF, DOCX, one HTML file or Markdown (pseudonyms applied when on): a job; download the file once READY.',
  })
  async exportReport(
    @CurrentUser() user: AuthUser,
    @Args('input') input: ExportReportInput,
  ): Promise<ExportType> {
    const report = await this.reports.get(input.reportId);
    return this.exports.request(user, {
      kind: ExportKind.REPORT,
      format: input.format,
      projectId: report.project_id,
      subjectId: report.id,
    });
  }
}
