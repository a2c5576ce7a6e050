import { Field, Float, ID, InputType, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateNested,
} from 'class-validator';
import {
  AUDIT_PREVIEW_CHARS,
  ProviderExchangeFields,
} from '../../../common/ai-audit/provider-exchange.type';
import { ConnectionType } from '../../../common/pagination/connection';
import { BoardType, ThemeType } from '../boards.types';
import { ThemeSuggestionProvider, ThemeSuggestionStatus } from './theme-suggestion-run.entity';

/** Most highlights one run groups (the offline clustering takes about 2–3 s of CPU for 5,000). */
export const MAX_SUGGEST_HIGHLIGHTS = 5000;
/** Most themes asked for, and most proposals applied at once. */
export const MAX_SUGGESTED_THEMES = 50;

registerEnumType(ThemeSuggestionStatus, {
  name: 'ThemeSuggestionStatus',
  description: 'QUEUED → RUNNING → READY | FAILED (with a human-readable error).',
});

registerEnumType(ThemeSuggestionProvider, {
  name: 'ThemeSuggestionProvider',
  description:
    "OFFLINE: grouped and titled on this server, nothing sent. OPENAI: the OpenAI-compatible provider's embeddings and titles (the project allows AI).",
});

@ObjectType('ThemeProposal', { description: 'A group of highlights proposed as a theme.' })
export class ThemeProposalType {
  @Field({ description: 'A distinctive phrase of its highlights.' })
  title!: string;

  @Field()
  description!: string;

  @Field(() => [ID], { description: 'Its highlights, most central first.' })
  highlightIds!: string[];

  @Field(() => Float, {
    description: 'How alike its highlights are, 0..1 (mean similarity to their centre).',
  })
  cohesion!: number;
}

@ObjectType('ThemeSuggestionExchange', {
  description: `One request of a theme-suggestion run to the AI provider and its answer. The bodies are shown up to ${AUDIT_PREVIEW_CHARS} characters; the whole of each is at GET /api/theme-suggestion-runs/:runId/exchanges/:id/request and …/response.`,
})
export class ThemeSuggestionExchangeType extends ProviderExchangeFields {
  @Field({
    description:
      "EMBEDDINGS (the highlights' vectors; the answer is kept without them) or TITLES (the themes' titles).",
  })
  purpose!: string;
}

export const ThemeSuggestionExchangeConnection = ConnectionType(
  ThemeSuggestionExchangeType,
  'ThemeSuggestionExchange',
);

@ObjectType('ThemeSuggestionRun', {
  description:
    "Themes proposed for a board's highlights by clustering (a job). Nothing moves until applyThemeSuggestions.",
})
export class ThemeSuggestionRunType {
  @Field(() => ID)
  id!: string;

  @Field(() => ID)
  boardId!: string;

  @Field(() => ThemeSuggestionStatus)
  status!: ThemeSuggestionStatus;

  @Field(() => Float, { description: '0..1' })
  progress!: number;

  @Field(() => Int, { nullable: true, description: 'The number of themes asked for, if any.' })
  k!: number | null;

  @Field(() => Int, { description: 'How many highlights were grouped.' })
  highlightCount!: number;

  @Field(() => [ThemeProposalType], {
    description: 'Largest first; empty until READY. Highlights in no proposal stay where they are.',
  })
  proposals!: ThemeProposalType[];

  @Field(() => String, { nullable: true, description: 'Why the run FAILED.' })
  error!: string | null;

  @Field(() => [String], {
    description:
      'What to know about how the proposals were made, e.g. the AI provider failed and the highlights were grouped on this server instead.',
  })
  notes!: string[];

  @Field(() => ThemeSuggestionProvider, {
    description: 'Where the proposals come from; OFFLINE when nothing was sent.',
  })
  provider!: ThemeSuggestionProvider;

  @Field()
  createdAt!: Date;
}

@InputType()
export class SuggestThemesInput {
  @Field(() => ID)
  @IsUUID('all', { message: 'boardId must be a board id' })
  boardId!: string;

  @Field(() => [ID], {
    nullable: true,
    description: "Highlights of the board's project to group; default: the board's unsorted cards.",
  })
  @IsOptional()
  @ArrayMaxSize(MAX_SUGGEST_HIGHLIGHTS, {
    message: `at most ${MAX_SUGGEST_HIGHLIGHTS} highlights can be grouped at once`,
  })
  @IsUUID('all', { each: true, message: 'highlightIds must be highlight ids' })
  highlightIds?: string[] | null;

  @Field(() => Int, {
    nullable: true,
    description: 'How many themes; chosen by the clustering when not given.',
  })
  @IsOptional()
  @IsInt()
  @Min(2, { message: 'k must be at least 2' })
  @Max(MAX_SUGGESTED_THEMES, { message: `k must be at most ${MAX_SUGGESTED_THEMES}` })
  k?: number | null;
}

@InputType('ThemeProposalInput', {
  description: 'A proposal to apply, as it was proposed or edited (title, fewer highlights).',
})
export class ThemeProposalInput {
  @Field()
  @IsString()
  @MinLength(1, { message: 'title must not be empty' })
  @MaxLength(200, { message: 'title must be at most 200 characters' })
  title!: string;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(2000, { message: 'description must be at most 2000 characters' })
  description?: string | null;

  @Field(() => [ID])
  @ArrayMinSize(1, { message: 'each proposal needs at least one highlight' })
  @ArrayMaxSize(MAX_SUGGEST_HIGHLIGHTS)
  @IsUUID('all', { each: true, message: 'highlightIds must be highlight ids' })
  highlightIds!: string[];
}

@InputType()
export class ApplyThemeSuggestionsInput {
  @Field(() => ID)
  @IsUUID('all', { message: 'runId must be a theme suggestion run id' })
  runId!: string;

  @Field(() => [ThemeProposalInput])
  @ArrayMinSize(1, { message: 'proposals must name at least one proposal' })
  @ArrayMaxSize(MAX_SUGGESTED_THEMES)
  @ValidateNested({ each: true })
  @Type(() => ThemeProposalInput)
  proposals!: ThemeProposalInput[];
}

@ObjectType('ApplyThemeSuggestionsResult')
export class ApplyThemeSuggestionsResultType {
  @Field(() => BoardType, { description: 'The board as it is now.' })
  board!: BoardType;

  @Field(() => [ThemeType], { description: 'The themes created, in the order applied.' })
  themes!: ThemeType[];

  @Field(() => [ID], {
    description:
      'Highlights left where they are: their card was removed or moved since the run, or the highlight was deleted.',
  })
  skippedHighlightIds!: string[];
}
