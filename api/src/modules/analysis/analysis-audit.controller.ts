import { Controller, Get, Param, StreamableFile } from '@nestjs/common';
import { Requires } from '../../common/access/policy.decorator';
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
    const json = complete && isJson(body);
    const name = [
      'analysis',
      runId.slice(0, 8),
      `part-${chunkIndex + 1}`,
      exchangeId.slice(0, 8),
      complete ? part : `${part}-incomplete`,
    ].join('-');
    const bytes = Buffer.from(body, 'utf8');
    return new StreamableFile(bytes, {
      type: json ? 'application/json; charset=utf-8' : 'text/plain; charset=utf-8',
      disposition: `attachment; filename="${name}.${json ? 'json' : 'txt'}"`,
      length: bytes.length,
    });
  }
}

function isJson(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}
