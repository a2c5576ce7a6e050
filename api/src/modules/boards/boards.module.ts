import { Module } from '@nestjs/common';
import { AiAuditModule } from '../../common/ai-audit/ai-audit.module';
import { HighlightsModule } from '../highlights/highlights.module';
import { BoardEvents } from './board-events';
import { BoardEventsResolver, BoardsResolver, ThemesResolver } from './boards.resolver';
import { BoardsService } from './boards.service';
import { ThemeEvidence } from './theme-evidence';
import { ThemeSuggestionsAuditController } from './suggestions/theme-suggestions-audit.controller';
import { ThemeSuggestionsReconciler } from './suggestions/theme-suggestions.reconciler';
import { ThemeSuggestionsResolver } from './suggestions/theme-suggestions.resolver';
import { ThemeSuggestionsService } from './suggestions/theme-suggestions.service';

/** Theme boards: evidence from many interviews sorted into themes, edited live by several people. */
@Module({
  imports: [HighlightsModule, AiAuditModule],
  providers: [
    BoardsService,
    BoardsResolver,
    ThemesResolver,
    BoardEventsResolver,
    BoardEvents,
    ThemeEvidence,
    ThemeSuggestionsService,
    ThemeSuggestionsResolver,
    ThemeSuggestionsReconciler,
  ],
  controllers: [ThemeSuggestionsAuditController],
  exports: [BoardsService],
})
export class BoardsModule {}
