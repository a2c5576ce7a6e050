import { Controller, Get, Param, StreamableFile } from '@nestjs/common';
import { Requires } from '../../../common/access/policy.decorator';
import { auditDownload } from '../../../common/ai-audit/audit-download';
import { ThemeSuggestionsService } from './theme-suggestions.service';

/**
 * The whole request or response body of a theme-suggestion run's audit entry, as a download (the
 * GraphQL audit shows the first characters only). Same access as analysis runs' audit: OWNERs
 * and EDITORs of the project.
 */
@Controller('api/theme-suggestion-runs/:runId/exchanges/:exchangeId')
export class ThemeSuggestionsAuditController {
  constructor(private readonly suggestions: ThemeSuggestionsService) {}

  @Requires('analysis:audit', 'themeSuggestionRunId', 'runId')
  @Get('request')
  request(@Param('runId') runId: string, @Param('exchangeId') exchangeId: string) {
    return this.download(runId, exchangeId, 'request');
  }

  @Requires('analysis:audit', 'themeSuggestionRunId', 'runId')
  @Get('response')
  response(@Param('runId') runId: string, @Param('exchangeId') exchangeId: string) {
    return this.download(runId, exchangeId, 'response');
  }

  private async download(
    runId: string,
    exchangeId: string,
    part: 'request' | 'response',
  ): Promise<StreamableFile> {
    const { body, complete, label } = await this.suggestions.exchangeBody(runId, exchangeId, part);
    const name = ['themes', runId.slice(0, 8), String(label).toLowerCase(), exchangeId.slice(0, 8)];
    return auditDownload(body, complete, name, part);
  }
}
