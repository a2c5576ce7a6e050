import { Controller, Get, Param, StreamableFile } from '@nestjs/common';
import { Requires } from '../../common/access/policy.decorator';
import { auditDownload } from '../../common/ai-audit/audit-download';
import { AnalysisRunsService } from './analysis-runs.service';

/**
 * The whole request or response body of an audit entry, as a download (the GraphQL audit shows
 * the first characters only). Same access as the audit: OWNERs and EDITORs of the project.
 */
@Controller('api/analysis-runs/:runId/exchanges/:exchangeId')
export class AnalysisAuditController {
  constructor(private readonly runs: AnalysisRunsService) {}

  @Requires('analysis:audit', 'analysisRunId', 'runId')
  @Get('request')
  request(
    @Param('runId') runId: string,
    @Param('exchangeId') exchangeId: string,
  ): Promise<StreamableFile> {
    return this.download(runId, exchangeId, 'request');
  }

  @Requires('analysis:audit', 'analysisRunId', 'runId')
  @Get('response')
  response(
    @Param('runId') runId: string,
    @Param('exchangeId') exchangeId: string,
  ): Promise<StreamableFile> {
    return this.download(runId, exchangeId, 'response');
  }

  private async download(
    runId: string,
    exchangeId: string,
    part: 'request' | 'response',
  ): Promise<StreamableFile> {
    const { body, complete, chunkIndex } = await this.runs.exchangeBody(runId, exchangeId, part);
    const name = ['analysis', runId.slice(0, 8), `part-${chunkIndex + 1}`, exchangeId.slice(0, 8)];
    return auditDownload(body, complete, name, part);
  }
}
