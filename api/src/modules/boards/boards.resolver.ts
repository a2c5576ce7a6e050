import { Inject } from '@nestjs/common';
import { Args, ID, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { type PubSubEngine } from 'graphql-subscriptions';
import { LiveSubscription } from '../../common/access/live-subscription';
import { Requires } from '../../common/access/policy.decorator';
import { type AuthUser } from '../../common/auth/auth-user';
import { CurrentUser } from '../../common/auth/current-user.decorator';
import { Loaders } from '../../common/loaders/loaders.decorator';
import { type Batch, type RequestLoaders } from '../../common/loaders/request-loaders';
import { PUB_SUB } from '../../common/pubsub/pubsub.token';
import { type BoardChange, boardTopic } from './board-events';
import { BoardsService } from './boards.service';
import {
  AddCardsInput,
  AddNoteInput,
  BoardEventType,
  BoardSummaryType,
  BoardType,
  CardType,
  CreateBoardInput,
  CreateThemeInput,
  MoveCardInput,
  MoveThemeInput,
  ThemeEvidenceType,
  ThemeType,
  UpdateBoardInput,
  UpdateNoteInput,
  UpdateThemeInput,
} from './boards.types';
import { type EvidenceKey, evidenceKey, ThemeEvidence } from './theme-evidence';

@Resolver(() => BoardType)
export class BoardsResolver {
  constructor(private readonly service: BoardsService) {}

  @Requires('project:read', 'projectId')
  @Query(() => [BoardSummaryType], {
    description: "The project's theme boards, last changed first.",
  })
  boards(@Args('projectId', { type: () => ID }) projectId: string): Promise<BoardSummaryType[]> {
    return this.service.list(projectId);
  }

  @Requires('project:read', 'boardId', 'id')
  @Query(() => BoardType)
  board(@Args('id', { type: () => ID }) id: string): Promise<BoardType> {
    return this.service.get(id);
  }

  @Requires('board:write', 'projectId', 'input.projectId')
  @Mutation(() => BoardType)
  createBoard(@CurrentUser() user: AuthUser, @Args('input') input: CreateBoardInput) {
    return this.service.create(user, input);
  }

  @Requires('board:write', 'boardId', 'input.id')
  @Mutation(() => BoardType)
  updateBoard(@CurrentUser() user: AuthUser, @Args('input') input: UpdateBoardInput) {
    return this.service.update(user, input);
  }

  @Requires('board:write', 'boardId', 'id')
  @Mutation(() => ID, {
    description: 'Deletes the board with its themes and cards (not the highlights).',
  })
  deleteBoard(@CurrentUser() user: AuthUser, @Args('id', { type: () => ID }) id: string) {
    return this.service.delete(user, id);
  }

  @Requires('board:write', 'boardId', 'input.boardId')
  @Mutation(() => ThemeType, { description: 'A new theme, last on the board.' })
  createTheme(@CurrentUser() user: AuthUser, @Args('input') input: CreateThemeInput) {
    return this.service.createTheme(user, input);
  }

  @Requires('board:write', 'themeId', 'input.id')
  @Mutation(() => ThemeType)
  updateTheme(@CurrentUser() user: AuthUser, @Args('input') input: UpdateThemeInput) {
    return this.service.updateTheme(user, input);
  }

  @Requires('board:write', 'themeId', 'id')
  @Mutation(() => ID, {
    description: 'Deletes a theme; its cards go to the end of the unsorted column.',
  })
  deleteTheme(@CurrentUser() user: AuthUser, @Args('id', { type: () => ID }) id: string) {
    return this.service.deleteTheme(user, id);
  }

  @Requires('board:write', 'themeId', 'input.themeId')
  @Mutation(() => ThemeType, {
    description:
      'Places a theme after another (first when afterThemeId is null); CONFLICT on a stale version.',
  })
  moveTheme(@CurrentUser() user: AuthUser, @Args('input') input: MoveThemeInput) {
    return this.service.moveTheme(user, input);
  }

  @Requires('board:write', 'boardId', 'input.boardId')
  @Mutation(() => [CardType], {
    description:
      "Adds highlights of the board's project as cards at the end of a theme (or unsorted), in the order given; a highlight already on the board keeps its card, which is returned.",
  })
  addCards(@CurrentUser() user: AuthUser, @Args('input') input: AddCardsInput) {
    return this.service.addCards(user, input);
  }

  @Requires('board:write', 'boardId', 'input.boardId')
  @Mutation(() => CardType, {
    description: "A sticky note: the researcher's own thought, no highlight.",
  })
  addNote(@CurrentUser() user: AuthUser, @Args('input') input: AddNoteInput) {
    return this.service.addNote(user, input);
  }

  @Requires('board:write', 'cardId', 'input.cardId')
  @Mutation(() => CardType)
  updateNote(@CurrentUser() user: AuthUser, @Args('input') input: UpdateNoteInput) {
    return this.service.updateNote(user, input);
  }

  @Requires('board:write', 'cardId', 'input.cardId')
  @Mutation(() => CardType, {
    description:
      'Moves a card into a theme (or unsorted) right after afterCardId (first when null); CONFLICT with the card as it is now when its version is stale.',
  })
  moveCard(@CurrentUser() user: AuthUser, @Args('input') input: MoveCardInput) {
    return this.service.moveCard(user, input);
  }

  @Requires('board:write', 'cardId', 'id')
  @Mutation(() => ID, { description: 'Takes a card off the board (the highlight stays).' })
  removeCard(@CurrentUser() user: AuthUser, @Args('id', { type: () => ID }) id: string) {
    return this.service.removeCard(user, id);
  }
}

@Resolver(() => ThemeType)
export class ThemesResolver {
  constructor(private readonly themeEvidence: ThemeEvidence) {}

  /** Evidence of many themes in one pass (themes come from a guarded board query or event). */
  private readonly evidenceOf: Batch<EvidenceKey, ThemeEvidenceType> = {
    load: (keys) => this.themeEvidence.load(keys),
    missing: () => ({
      highlights: 0,
      participants: 0,
      transcripts: 0,
      breakdown: [],
      warning: null,
    }),
    keyOf: evidenceKey,
  };

  @ResolveField(() => ThemeEvidenceType, {
    description:
      'Highlights, distinct participants and interviews on the theme; broken down by the participant attribute named (e.g. "role"), and a warning when it rests on one participant or interview.',
  })
  evidence(
    @Parent() theme: ThemeType,
    @Loaders() loaders: RequestLoaders,
    @Args('attribute', { type: () => String, nullable: true }) attribute: string | null,
  ): Promise<ThemeEvidenceType> {
    return loaders.load(this.evidenceOf, { themeId: theme.id, attribute: attribute?.trim() ?? '' });
  }
}

/** Live boards: everyone on a board sees moves, edits and new cards. */
@Resolver(() => BoardEventType)
export class BoardEventsResolver {
  constructor(
    @Inject(PUB_SUB) private readonly pubsub: PubSubEngine,
    private readonly service: BoardsService,
  ) {}

  @LiveSubscription(() => BoardEventType, {
    requires: { action: 'project:read', target: 'boardId' },
    description:
      'Changes of the board: its name, themes and cards, each with the new board version.',
    resolve: (payload: { boardUpdated: BoardChange }) => payload.boardUpdated,
  })
  boardUpdated(@Args('boardId', { type: () => ID }) boardId: string): AsyncIterator<unknown> {
    return this.pubsub.asyncIterableIterator(boardTopic(boardId));
  }

  @ResolveField(() => [ThemeType], { description: 'The changed themes as they are now.' })
  themes(@Parent() event: BoardChange): Promise<ThemeType[]> {
    return this.service.themes(event.themeIds);
  }

  @ResolveField(() => [CardType], { description: 'The changed cards as they are now.' })
  cards(@Parent() event: BoardChange): Promise<CardType[]> {
    return this.service.cards(event.cardIds);
  }
}
