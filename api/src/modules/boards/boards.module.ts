import { Module } from '@nestjs/common';
import { HighlightsModule } from '../highlights/highlights.module';
import { BoardEvents } from './board-events';
import { BoardEventsResolver, BoardsResolver, ThemesResolver } from './boards.resolver';
import { BoardsService } from './boards.service';
import { ThemeEvidence } from './theme-evidence';

/** Theme boards: evidence from many interviews sorted into themes, edited live by several people. */
@Module({
  imports: [HighlightsModule],
  providers: [
    BoardsService,
    BoardsResolver,
    ThemesResolver,
    BoardEventsResolver,
    BoardEvents,
    ThemeEvidence,
  ],
  exports: [BoardsService],
})
export class BoardsModule {}
