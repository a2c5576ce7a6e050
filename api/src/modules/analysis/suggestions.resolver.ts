import { Args, ID, Int, Mutation, Query, Resolver } from '@nestjs/graphql';
import { Requires, RequiresAny } from '../../common/access/policy.decorator';
import { type AuthUser } from '../../common/auth/auth-user';
import { CurrentUser } from '../../common/auth/current-user.decorator';
import { type Connection } from '../../common/pagination/connection';
import {
  AcceptSuggestionInput,
  AcceptSuggestionsInput,
  BulkReviewResultType,
  SuggestionConnection,
  SuggestionFilter,
  SuggestionOrder,
  SuggestionType,
} from './analysis.types';
import { SuggestionsService } from './suggestions.service';

@Resolver(() => SuggestionType)
export class SuggestionsResolver {
  constructor(private readonly service: SuggestionsService) {}

  @RequiresAny('project:read', [
    { target: 'analysisRunId', from: 'filter.runId' },
    { target: 'transcriptId', from: 'filter.transcriptId' },
    { target: 'projectId', from: 'filter.projectId' },
  ])
  @Query(() => SuggestionConnection, {
    description:
      'Suggestions of a run, transcript or project: in transcript order, or most confident first.',
  })
  suggestions(
    @Args('filter') filter: SuggestionFilter,
    @Args('first', { type: () => Int, nullable: true, defaultValue: 50 }) first: number,
    @Args('after', { type: () => String, nullable: true }) after?: string,
    @Args('orderBy', {
      type: () => SuggestionOrder,
      nullable: true,
      defaultValue: SuggestionOrder.TRANSCRIPT,
    })
    orderBy?: SuggestionOrder,
  ): Promise<Connection<SuggestionType>> {
    return this.service.list(filter, { first, after }, orderBy ?? SuggestionOrder.TRANSCRIPT);
  }

  @Requires('suggestion:review', 'suggestionId', 'id')
  @Mutation(() => SuggestionType, {
    description:
      'Makes the suggestion a highlight (its tags marked SUGGESTION), optionally on other words, with other tags, or with only its tags at or above a confidence.',
  })
  acceptSuggestion(
    @CurrentUser() user: AuthUser,
    @Args('id', { type: () => ID }) id: string,
    @Args('input', { type: () => AcceptSuggestionInput, nullable: true })
    input?: AcceptSuggestionInput,
  ): Promise<SuggestionType> {
    return this.service.accept(user, id, input);
  }

  @Requires('suggestion:review', 'suggestionId', 'id')
  @Mutation(() => SuggestionType, {
    description: 'Rejects the suggestion; it is kept so the same one is not proposed again.',
  })
  rejectSuggestion(
    @CurrentUser() user: AuthUser,
    @Args('id', { type: () => ID }) id: string,
    @Args('reason', { type: () => String, nullable: true }) reason?: string,
  ): Promise<SuggestionType> {
    return this.service.reject(user, id, reason);
  }

  @Requires('suggestion:review', 'analysisRunId', 'input.runId')
  @Mutation(() => BulkReviewResultType, {
    description:
      'Accepts the run’s pending suggestions with a tag at or above a confidence (at most 1000), each with only its tags that reach it, whose quote was found as written (EXACT or NORMALISED) and that are not flagged; the others stay pending and are counted by reason.',
  })
  acceptSuggestions(
    @CurrentUser() user: AuthUser,
    @Args('input') input: AcceptSuggestionsInput,
  ): Promise<BulkReviewResultType> {
    return this.service.acceptMany(user, input);
  }
}
