import { Module } from '@nestjs/common';
import { HighlightsModule } from '../highlights/highlights.module';
import { NotificationsModule } from '../notifications/notifications.module';
import { CommentEvents } from './comment-events';
import { CommentEventsResolver } from './comment-events.resolver';
import { CommentNotices } from './comment-notices';
import {
  HighlightCommentCountResolver,
  InsightCommentCountResolver,
  ThemeCommentCountResolver,
} from './comment-counts.resolver';
import { CommentsFollowTurnMerges } from './comments-follow-turn-merges';
import { CommentsRepository } from './comments.repository';
import { CommentsResolver } from './comments.resolver';
import { CommentsService } from './comments.service';

/** Discussion: threads of comments on highlights, turns, transcripts, themes and insights. */
@Module({
  imports: [HighlightsModule, NotificationsModule],
  providers: [
    CommentsService,
    CommentNotices,
    CommentEvents,
    CommentEventsResolver,
    CommentsRepository,
    CommentsResolver,
    HighlightCommentCountResolver,
    ThemeCommentCountResolver,
    InsightCommentCountResolver,
    CommentsFollowTurnMerges,
  ],
})
export class CommentsModule {}
