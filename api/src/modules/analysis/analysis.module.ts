import { AiAuditModule } from '../../common/ai-audit/ai-audit.module';
import { Module } from '@nestjs/common';
import { HighlightsModule } from '../highlights/highlights.module';
import { NotificationsModule } from '../notifications/notifications.module';
import { ProjectsModule } from '../projects/projects.module';
import { TagsModule } from '../tags/tags.module';
import { AnalysisAuditController } from './analysis-audit.controller';
import { AnalysisResolver, ProjectAiSettingsResolver } from './analysis.resolver';
import { AnalysisReconciler } from './analysis.reconciler';
import { AnalysisRunsService } from './analysis-runs.service';
import { AnalysisWorker } from './analysis.worker';
import { AnalysisCoverageResolver } from './analysis-coverage.resolver';
import { AnalysisProviders } from './providers/analysis-providers';
import { RunFinishedNotices } from './run-finished-notices';
import { ThemeEditsResolver } from './theme-edits.resolver';
import { SuggestionsResolver } from './suggestions.resolver';
import { SuggestionsFollowTurnEdits } from './suggestions-follow-turn-edits';
import { SuggestionsService } from './suggestions.service';

/** AI-assisted tagging: runs as jobs, grounded suggestions, review. */
@Module({
  imports: [HighlightsModule, TagsModule, ProjectsModule, AiAuditModule, NotificationsModule],
  controllers: [AnalysisAuditController],
  providers: [
    AnalysisProviders,
    AnalysisRunsService,
    AnalysisWorker,
    AnalysisReconciler,
    RunFinishedNotices,
    AnalysisResolver,
    AnalysisCoverageResolver,
    ThemeEditsResolver,
    ProjectAiSettingsResolver,
    SuggestionsService,
    SuggestionsResolver,
    SuggestionsFollowTurnEdits,
  ],
})
export class AnalysisModule {}
