import { Field, ID, InputType, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  MaxLength,
  Min,
  MinLength,
} from 'class-validator';
import { OptionalText, RequiredText } from '../../common/validation/text-field';
import { HighlightType } from '../highlights/highlights.types';

/** At most this many highlights are added to a board in one call. */
export const MAX_CARDS_PER_ADD = 500;
/** A board holds at most this many cards (highlights and notes). */
export const MAX_CARDS_PER_BOARD = 5000;
export const MAX_THEMES_PER_BOARD = 200;
export const MAX_NOTE_CHARS = 2000;

const COLOR = /^#[0-9a-fA-F]{6}$/;

@ObjectType('Card', {
  description: 'A card on a board: a highlight, or a sticky note (text, no highlight).',
})
export class CardType {
  @Field(() => ID)
  id!: string;

  @Field(() => ID)
  boardId!: string;

  @Field(() => ID, { nullable: true, description: 'Null: the card is in the unsorted column.' })
  themeId!: string | null;

  @Field({ description: 'Fractional index: cards of a column sort by it, byte-wise.' })
  position!: string;

  @Field(() => Int)
  version!: number;

  @Field(() => HighlightType, { nullable: true })
  highlight!: HighlightType | null;

  @Field(() => String, { nullable: true, description: "A sticky note's text." })
  text!: string | null;

  @Field()
  createdAt!: Date;
}

@ObjectType('ThemeAttributeCount')
export class ThemeAttributeCountType {
  @Field({ description: "The attribute's value; “(none)” for participants without it." })
  value!: string;

  @Field(() => Int)
  highlights!: number;

  @Field(() => Int)
  participants!: number;
}

@ObjectType('ThemeEvidence', { description: "How much a theme's highlight cards rest on." })
export class ThemeEvidenceType {
  @Field(() => Int)
  highlights!: number;

  @Field(() => Int)
  participants!: number;

  @Field(() => Int)
  transcripts!: number;

  @Field(() => [ThemeAttributeCountType], {
    description: 'Highlights and participants by the value of the participant attribute asked for.',
  })
  breakdown!: ThemeAttributeCountType[];

  @Field(() => String, {
    nullable: true,
    description: 'Set when the theme rests on one participant or one interview.',
  })
  warning!: string | null;
}

@ObjectType('Theme')
export class ThemeType {
  @Field(() => ID)
  id!: string;

  @Field(() => ID)
  boardId!: string;

  @Field()
  title!: string;

  @Field()
  description!: string;

  @Field()
  color!: string;

  @Field()
  position!: string;

  @Field(() => Int)
  version!: number;

  @Field(() => [CardType])
  cards!: CardType[];
}

@ObjectType('Board')
export class BoardType {
  @Field(() => ID)
  id!: string;

  @Field(() => ID)
  projectId!: string;

  @Field()
  name!: string;

  @Field(() => Int, { description: 'Grows with every change of the board, its themes or cards.' })
  version!: number;

  @Field(() => [ThemeType], { description: 'In board order.' })
  themes!: ThemeType[];

  @Field(() => [CardType], { description: 'Cards in no theme yet, in order.' })
  unsorted!: CardType[];

  @Field()
  createdAt!: Date;

  @Field()
  updatedAt!: Date;
}

/** A board as listed: without its cards. */
@ObjectType('BoardSummary')
export class BoardSummaryType {
  @Field(() => ID)
  id!: string;

  @Field(() => ID)
  projectId!: string;

  @Field()
  name!: string;

  @Field(() => Int)
  version!: number;

  @Field(() => Int)
  themeCount!: number;

  @Field(() => Int)
  cardCount!: number;

  @Field()
  updatedAt!: Date;
}

export enum BoardChangeKind {
  BOARD_UPDATED = 'BOARD_UPDATED',
  BOARD_DELETED = 'BOARD_DELETED',
  THEMES_CHANGED = 'THEMES_CHANGED',
  THEME_DELETED = 'THEME_DELETED',
  CARDS_CHANGED = 'CARDS_CHANGED',
  CARDS_REMOVED = 'CARDS_REMOVED',
}
registerEnumType(BoardChangeKind, { name: 'BoardChangeKind' });

@ObjectType('BoardEvent', {
  description:
    'A change of a board. `themes` and `cards` are the changed ones as they are when the event is delivered (removed ones are absent: see the ids).',
})
export class BoardEventType {
  @Field(() => BoardChangeKind)
  kind!: BoardChangeKind;

  @Field(() => ID)
  boardId!: string;

  @Field(() => Int, { description: "The board's version after the change." })
  version!: number;

  @Field(() => [ID])
  themeIds!: string[];

  @Field(() => [ID])
  cardIds!: string[];

  @Field(() => String, {
    nullable: true,
    description: "The board's new name on BOARD_UPDATED (a rename); null on other kinds.",
  })
  name!: string | null;

  @Field(() => ID, { nullable: true, description: 'Who made the change.' })
  actorId!: string | null;
}

@InputType()
export class CreateBoardInput {
  @Field(() => ID)
  @IsUUID('all', { message: 'projectId must be a project id' })
  projectId!: string;

  @RequiredText('name', 200)
  name!: string;
}

@InputType()
export class UpdateBoardInput {
  @Field(() => ID)
  @IsUUID('all', { message: 'id must be a board id' })
  id!: string;

  @RequiredText('name', 200)
  name!: string;
}

@InputType()
export class CreateThemeInput {
  @Field(() => ID)
  @IsUUID('all', { message: 'boardId must be a board id' })
  boardId!: string;

  @RequiredText('title', 200)
  title!: string;

  @OptionalText('description', 2000)
  description?: string | null;

  @Field(() => String, { nullable: true, description: '#rrggbb; a palette colour when omitted.' })
  @IsOptional()
  @Matches(COLOR, { message: 'color must look like #1f77b4' })
  color?: string | null;
}

@InputType()
export class UpdateThemeInput {
  @Field(() => ID)
  @IsUUID('all', { message: 'id must be a theme id' })
  id!: string;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  @MinLength(1, { message: 'title must not be empty' })
  @MaxLength(200, { message: 'title must be at most 200 characters' })
  title?: string | null;

  @OptionalText('description', 2000)
  description?: string | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @Matches(COLOR, { message: 'color must look like #1f77b4' })
  color?: string | null;

  @Field(() => Int, {
    nullable: true,
    description: 'The version edited: a stale one gets CONFLICT with the current theme.',
  })
  @IsOptional()
  @IsInt()
  @Min(1)
  version?: number | null;
}

@InputType()
export class MoveThemeInput {
  @Field(() => ID)
  @IsUUID('all', { message: 'themeId must be a theme id' })
  themeId!: string;

  @Field(() => ID, { nullable: true, description: 'Null: first on the board.' })
  @IsOptional()
  @IsUUID('all', { message: 'afterThemeId must be a theme id' })
  afterThemeId?: string | null;

  @Field(() => Int, { description: "The theme's version the move was made on." })
  @IsInt()
  @Min(1)
  version!: number;
}

@InputType()
export class AddCardsInput {
  @Field(() => ID)
  @IsUUID('all', { message: 'boardId must be a board id' })
  boardId!: string;

  @Field(() => [ID])
  @ArrayMinSize(1, { message: 'highlightIds must name at least one highlight' })
  @ArrayMaxSize(MAX_CARDS_PER_ADD, {
    message: `at most ${MAX_CARDS_PER_ADD} highlights can be added at once`,
  })
  @IsUUID('all', { each: true, message: 'highlightIds must be highlight ids' })
  highlightIds!: string[];

  @Field(() => ID, { nullable: true, description: 'Null: the unsorted column.' })
  @IsOptional()
  @IsUUID('all', { message: 'themeId must be a theme id' })
  themeId?: string | null;
}

@InputType()
export class AddNoteInput {
  @Field(() => ID)
  @IsUUID('all', { message: 'boardId must be a board id' })
  boardId!: string;

  @Field(() => ID, { nullable: true, description: 'Null: the unsorted column.' })
  @IsOptional()
  @IsUUID('all', { message: 'themeId must be a theme id' })
  themeId?: string | null;

  @RequiredText('text', MAX_NOTE_CHARS)
  text!: string;
}

@InputType()
export class UpdateNoteInput {
  @Field(() => ID)
  @IsUUID('all', { message: 'cardId must be a card id' })
  cardId!: string;

  @RequiredText('text', MAX_NOTE_CHARS)
  text!: string;

  @Field(() => Int)
  @IsInt()
  @Min(1)
  version!: number;
}

@InputType()
export class MoveCardInput {
  @Field(() => ID)
  @IsUUID('all', { message: 'cardId must be a card id' })
  cardId!: string;

  @Field(() => ID, { nullable: true, description: 'Null: the unsorted column.' })
  @IsOptional()
  @IsUUID('all', { message: 'themeId must be a theme id' })
  themeId?: string | null;

  @Field(() => ID, { nullable: true, description: 'Null: first in the column.' })
  @IsOptional()
  @IsUUID('all', { message: 'afterCardId must be a card id' })
  afterCardId?: string | null;

  @Field(() => Int, { description: "The card's version the move was made on." })
  @IsInt()
  @Min(1)
  version!: number;
}
