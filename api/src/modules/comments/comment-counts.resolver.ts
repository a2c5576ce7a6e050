import { Int, Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { Loaders } from '../../common/loaders/loaders.decorator';
import { batchById, type RequestLoaders } from '../../common/loaders/request-loaders';
import { ThemeType } from '../boards/boards.types';
import { HighlightType } from '../highlights/highlights.types';
import { InsightType } from '../insights/insights.types';
import { CommentsRepository } from './comments.repository';
import { CommentTargetType } from './comments.types';

const DESCRIPTION = 'Comments on it, replies included (deleted ones not).';

// Each batch is given the ids of highlights, themes or insights a guarded query, mutation or
// live event returned.

@Resolver(() => HighlightType)
export class HighlightCommentCountResolver {
  constructor(private readonly repo: CommentsRepository) {}

  private readonly countOf = batchById<number>(
    (ids) => this.repo.counts(CommentTargetType.HIGHLIGHT, ids),
    () => 0,
  );

  @ResolveField(() => Int, { description: DESCRIPTION })
  commentCount(@Parent() highlight: HighlightType, @Loaders() loaders: RequestLoaders) {
    return loaders.load(this.countOf, highlight.id);
  }
}

@Resolver(() => ThemeType)
export class ThemeCommentCountResolver {
  constructor(private readonly repo: CommentsRepository) {}

  private readonly countOf = batchById<number>(
    (ids) => this.repo.counts(CommentTargetType.THEME, ids),
    () => 0,
  );

  @ResolveField(() => Int, { description: DESCRIPTION })
  commentCount(@Parent() theme: ThemeType, @Loaders() loaders: RequestLoaders) {
    return loaders.load(this.countOf, theme.id);
  }
}

@Resolver(() => InsightType)
export class InsightCommentCountResolver {
  constructor(private readonly repo: CommentsRepository) {}

  private readonly countOf = batchById<number>(
    (ids) => this.repo.counts(CommentTargetType.INSIGHT, ids),
    () => 0,
  );

  @ResolveField(() => Int, { description: DESCRIPTION })
  commentCount(@Parent() insight: InsightType, @Loaders() loaders: RequestLoaders) {
    return loaders.load(this.countOf, insight.id);
  }
}
