import { Module } from '@nestjs/common';
import {
  HighlightCommentCountResolver,
  InsightCommentCountResolver,
  ThemeCommentCountResolver,
} from './comment-counts.resolver';
import { CommentsRepository } from './comments.repository';
import { CommentsResolver } from './comments.resolver';
import { CommentsService } from './comments.service';

/** Discussion: threads of comments on highlights, turns, transcripts, themes and insights. */
@Module({
  providers: [
    CommentsService,
    CommentsRepository,
    CommentsResolver,
    HighlightCommentCountResolver,
    ThemeCommentCountResolver,
    InsightCommentCountResolver,
  ],
})
export class CommentsModule {}
