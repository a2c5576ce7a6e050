import { Args, ID, Int, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { AccessService } from '../../../common/access/access.service';
import { Requires } from '../../../common/access/policy.decorator';
import { type AuthUser } from '../../../common/auth/auth-user';
import { CurrentUser } from '../../../common/auth/current-user.decorator';
import { ThemeSuggestionsService } from './theme-suggestions.service';
import {
  ApplyThemeSuggestionsInput,
  ApplyThemeSuggestionsResultType,
  SuggestThemesInput,
  ThemeSuggestionExchangeConnection,
  type ThemeSuggestionExchangeType,
  ThemeSuggestionRunType,
} from './theme-suggestions.types';
import { type Connection } from '../../../common/pagination/connection';

@Resolver(() => ThemeSuggestionRunType)
export class ThemeSuggestionsResolver {
  constructor(
    private readonly service: ThemeSuggestionsService,
    private readonly access: AccessService,
  ) {}

  @Requires('board:write', 'boardId', 'input.boardId')
  @Mutation(() => ThemeSuggestionRunType, {
    description:
      "Groups highlights (default: the board's unsorted cards) into proposed themes, as a job; nothing on the board moves until applyThemeSuggestions.",
  })
  suggestThemes(@CurrentUser() user: AuthUser, @Args('input') input: SuggestThemesInput) {
    return this.service.suggest(user, input);
  }

  @Requires('project:read', 'themeSuggestionRunId', 'id')
  @Query(() => ThemeSuggestionRunType)
  themeSuggestionRun(@Args('id', { type: () => ID }) id: string) {
    return this.service.get(id);
  }

  @Requires('board:write', 'themeSuggestionRunId', 'input.runId')
  @Mutation(() => ApplyThemeSuggestionsResultType, {
    description:
      "Creates the proposals given (all, some, or edited) as themes at the end of the run's board and moves their highlights' cards into them (adding cards for highlights not on the board). A card removed or moved since the run is left alone and reported in skippedHighlightIds.",
  })
  applyThemeSuggestions(
    @CurrentUser() user: AuthUser,
    @Args('input') input: ApplyThemeSuggestionsInput,
  ) {
    return this.service.apply(user, input);
  }

  @ResolveField(() => ThemeSuggestionExchangeConnection, {
    description:
      'The audit, newest first: what was sent to the AI provider (after redaction), where, and what came back. OWNERs and EDITORs only, as for analysis runs.',
  })
  async exchanges(
    @CurrentUser() user: AuthUser,
    @Parent() run: ThemeSuggestionRunType,
    @Args('first', { type: () => Int, nullable: true, defaultValue: 20 }) first: number,
    @Args('after', { type: () => String, nullable: true }) after?: string,
  ): Promise<Connection<ThemeSuggestionExchangeType>> {
    await this.access.require(user, 'analysis:audit', { themeSuggestionRunId: run.id });
    return this.service.exchanges(run.id, { first, after });
  }
}
