import { Module } from '@nestjs/common';
import { BoardsModule } from '../boards/boards.module';
import { HighlightsModule } from '../highlights/highlights.module';
import { InsightsRepository } from './insights.repository';
import {
  InsightConnectionResolver,
  InsightsResolver,
  ThemeInsightResolver,
} from './insights.resolver';
import { InsightsService } from './insights.service';

/** The research repository: findings resting on highlights, searchable across a workspace. */
@Module({
  imports: [HighlightsModule, BoardsModule],
  providers: [
    InsightsService,
    InsightsRepository,
    InsightsResolver,
    InsightConnectionResolver,
    ThemeInsightResolver,
  ],
})
export class InsightsModule {}
