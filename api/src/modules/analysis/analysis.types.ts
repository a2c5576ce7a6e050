import { Field, Float, ID, InputType, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsEnum,
  IsNumber,
  IsOptional,
  IsString,
  IsUUID,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import {
  AUDIT_PREVIEW_CHARS,
  ProviderExchangeFields,
} from '../../common/ai-audit/provider-exchange.type';
import { ConnectionType } from '../../common/pagination/connection';
import { UserType } from '../auth/auth.types';
import {
  HighlightTranscriptRefType,
  TextPositionInput,
  TextPositionType,
} from '../highlights/highlights.types';
import { AnalysisMode, AnalysisProviderKind, AnalysisRunStatus } from './analysis-run.entity';
import { InvalidReason } from './proposal-pipeline';
import { MatchKind, SuggestionStatus } from './suggestion.entity';

registerEnumType(AnalysisMode, { name: 'AnalysisMode' });
registerEnumType(MatchKind, {
  name: 'MatchKind',
  description: 'How a suggestion’s quote was found in the transcript.',
  valuesMap: {
    EXACT: { description: 'The same characters.' },
    NORMALISED: {
      description:
        'The same words once case, punctuation, quotes, dashes and accents are set aside.',
    },
    FUZZY: {
      description:
        'Close (similarity ≥ 0.85) with the same negations and numbers; never accepted in bulk.',
    },
  },
});
registerEnumType(InvalidReason, {
  name: 'InvalidReason',
  description: 'Why a proposal was rejected before it was stored.',
  valuesMap: {
    UNKNOWN_TAG: { description: 'No tag, or a tag that is not in the codebook.' },
    NO_THEME: { description: 'A new theme without a name.' },
    TWO_SPEAKERS: { description: 'The quote joined the words of two speakers.' },
    INTERVIEWER_TURN: {
      description: 'The quote was the interviewer’s words, and no tag proposed applies to them.',
    },
    MEANING_CHANGED: {
      description: 'The quote was found only approximately, with a negation or a number changed.',
    },
  },
});
registerEnumType(AnalysisRunStatus, { name: 'AnalysisRunStatus' });
registerEnumType(AnalysisProviderKind, { name: 'AnalysisProviderKind' });
registerEnumType(SuggestionStatus, { name: 'SuggestionStatus' });

/** At most this many transcripts in one run. */
export const MAX_RUN_TRANSCRIPTS = 200;

@ObjectType('InvalidReasonCount')
export class InvalidReasonCountType {
  @Field(() => InvalidReason)
  reason!: InvalidReason;

  @Field(() => Int)
  count!: number;
}

@ObjectType('AnalysisRunSummary')
export class AnalysisRunSummaryType {
  @Field(() => Int)
  total!: number;

  @Field(() => Int)
  pending!: number;

  @Field(() => Int)
  accepted!: number;

  @Field(() => Int)
  rejected!: number;

  /** Quotes the provider returned that could not be found in the transcript; never stored. */
  @Field(() => Int)
  droppedUngrounded!: number;

  /** Proposals that failed validation (e.g. a tag that is not in the codebook); never stored. */
  @Field(() => Int)
  rejectedInvalid!: number;

  /** rejectedInvalid by reason, most frequent first. */
  @Field(() => [InvalidReasonCountType])
  invalidReasons!: InvalidReasonCountType[];

  /** Proposals already covered by a highlight with the same tag, or rejected before. */
  @Field(() => Int)
  skippedDuplicates!: number;
}

@ObjectType('AnalysisUsage')
export class AnalysisUsageType {
  @Field(() => Int)
  promptTokens!: number;

  @Field(() => Int)
  completionTokens!: number;

  @Field(() => Int)
  requests!: number;

  /** US dollars at the model's price; null when the price is unknown (set LLM_PRICE). */
  @Field(() => Float, { nullable: true })
  estimatedCostUsd!: number | null;
}

@ObjectType('ProposedTheme')
export class ProposedThemeType {
  @Field()
  name!: string;

  @Field(() => String, { nullable: true })
  definition!: string | null;

  @Field(() => Int)
  suggestionCount!: number;
}

export { AUDIT_PREVIEW_CHARS };

@ObjectType('AnalysisExchange', {
  description: `One request to a provider and its answer. The bodies are shown up to ${AUDIT_PREVIEW_CHARS} characters; the whole of each is at GET /api/analysis-runs/:runId/exchanges/:id/request and …/response.`,
})
export class AnalysisExchangeType extends ProviderExchangeFields {
  @Field(() => Int)
  chunkIndex!: number;
}

export const AnalysisExchangeConnection = ConnectionType(AnalysisExchangeType, 'AnalysisExchange');

@ObjectType('AnalysisRun')
export class AnalysisRunType {
  @Field(() => ID)
  id!: string;

  @Field(() => ID)
  projectId!: string;

  @Field(() => AnalysisMode)
  mode!: AnalysisMode;

  @Field(() => AnalysisRunStatus)
  status!: AnalysisRunStatus;

  @Field(() => AnalysisProviderKind)
  provider!: AnalysisProviderKind;

  /** What the run used, in words (says so when it is the offline tagger). */
  @Field()
  providerLabel!: string;

  @Field(() => String, { nullable: true })
  model!: string | null;

  @Field(() => String, { nullable: true })
  endpoint!: string | null;

  /** Chunks finished (done or failed) ÷ chunks planned, 0..1. */
  @Field(() => Float)
  progress!: number;

  @Field(() => Int)
  chunksDone!: number;

  @Field(() => Int)
  chunksFailed!: number;

  @Field(() => Int)
  chunksTotal!: number;

  @Field(() => [HighlightTranscriptRefType])
  transcripts!: HighlightTranscriptRefType[];

  @Field(() => String, { nullable: true })
  error!: string | null;

  @Field(() => UserType, { nullable: true })
  createdBy!: UserType | null;

  @Field()
  createdAt!: Date;

  @Field(() => Date, { nullable: true })
  startedAt!: Date | null;

  @Field(() => Date, { nullable: true })
  finishedAt!: Date | null;

  // summary, usage, themes and exchanges are resolved fields.
  droppedUngrounded!: number;
  rejectedInvalid!: number;
  invalidReasons!: Partial<Record<string, number>>;
  skippedDuplicates!: number;
  promptTokens!: number;
  completionTokens!: number;
  requests!: number;
}

export const AnalysisRunConnection = ConnectionType(AnalysisRunType, 'AnalysisRun');

/** A codebook tag a suggestion proposes, with how confident the provider is of this tag. */
@ObjectType('SuggestionTag')
export class SuggestionTagType {
  @Field(() => ID)
  id!: string;

  @Field()
  name!: string;

  @Field()
  color!: string;

  /**
   * 0..1: this tag's own confidence. Thresholds (the review filter, accepting at a threshold, bulk
   * accept) apply to each tag on its own.
   */
  @Field(() => Float)
  confidence!: number;
}

@ObjectType('Suggestion')
export class SuggestionType {
  @Field(() => ID)
  id!: string;

  @Field(() => ID)
  runId!: string;

  @Field(() => ID)
  transcriptId!: string;

  @Field(() => HighlightTranscriptRefType)
  transcript!: HighlightTranscriptRefType;

  /** The transcript's own text between start and end (turns joined by a line break). */
  @Field()
  quote!: string;

  @Field(() => TextPositionType)
  start!: TextPositionType;

  @Field(() => TextPositionType)
  end!: TextPositionType;

  @Field(() => Int)
  startIndex!: number;

  @Field(() => Int, { nullable: true })
  startMs!: number | null;

  /** Codebook tags proposed (DEDUCTIVE runs), each with its own confidence, most confident first. */
  @Field(() => [SuggestionTagType])
  tags!: SuggestionTagType[];

  /** A proposed new theme (INDUCTIVE runs). */
  @Field(() => String, { nullable: true })
  themeName!: string | null;

  @Field(() => String, { nullable: true })
  themeDefinition!: string | null;

  @Field()
  rationale!: string;

  /**
   * 0..1, as the provider reported it: the most confident tag's (see `tags`), or the theme
   * quote's; never decides a bulk accept alone.
   */
  @Field(() => Float)
  confidence!: number;

  /** How the quote was found in the transcript; null for suggestions made before it was recorded. */
  @Field(() => MatchKind, { nullable: true })
  matchKind!: MatchKind | null;

  /** 1 for EXACT and NORMALISED matches, 0.85..1 for FUZZY ones; null when unknown. */
  @Field(() => Float, { nullable: true })
  matchSimilarity!: number | null;

  /**
   * The quote, or the transcript excerpt the model read, holds text that instructs a model:
   * read it before accepting; never accepted in bulk.
   */
  @Field()
  flagged!: boolean;

  /** Why it is flagged, quoting the text found. */
  @Field(() => String, { nullable: true })
  flagReason!: string | null;

  @Field(() => SuggestionStatus)
  status!: SuggestionStatus;

  @Field(() => String, { nullable: true })
  rejectReason!: string | null;

  @Field(() => UserType, { nullable: true })
  reviewedBy!: UserType | null;

  @Field(() => Date, { nullable: true })
  reviewedAt!: Date | null;

  /** The highlight made when it was accepted. */
  @Field(() => ID, { nullable: true })
  highlightId!: string | null;
}

export const SuggestionConnection = ConnectionType(SuggestionType, 'Suggestion');

@ObjectType('ProjectAiSettings')
export class ProjectAiSettingsType {
  /** Whether transcript text may be sent to the configured LLM provider. */
  @Field()
  aiAllowed!: boolean;

  @Field()
  redactEmails!: boolean;

  @Field()
  redactPhones!: boolean;

  @Field()
  redactNames!: boolean;

  /** Whether the server has an OpenAI-compatible provider configured (OPENAI_API_KEY). */
  @Field()
  openAiConfigured!: boolean;

  /** The provider a run of this project uses unless another is asked for. */
  @Field(() => AnalysisProviderKind)
  defaultProvider!: AnalysisProviderKind;

  @Field()
  defaultProviderLabel!: string;
}

@ObjectType('BulkReviewResult')
export class BulkReviewResultType {
  @Field(() => Int)
  accepted!: number;

  /**
   * Matching suggestions left pending: skippedFlagged + skippedFuzzy + skippedFailed. They are
   * reviewed one by one.
   */
  @Field(() => Int)
  skipped!: number;

  /** Flagged suggestions (text instructing a model): a person reads them first. */
  @Field(() => Int)
  skippedFlagged!: number;

  /** Suggestions whose quote was found only approximately (FUZZY) or whose match is unknown. */
  @Field(() => Int)
  skippedFuzzy!: number;

  /** Suggestions that could not be accepted (e.g. their words changed since). */
  @Field(() => Int)
  skippedFailed!: number;
}

@InputType()
export class StartAnalysisInput {
  @Field(() => ID)
  @IsUUID('all', { message: 'projectId must be a project id' })
  projectId!: string;

  @Field(() => [ID])
  @IsArray()
  @ArrayMinSize(1, { message: 'Choose at least one transcript.' })
  @ArrayMaxSize(MAX_RUN_TRANSCRIPTS, {
    message: `A run takes at most ${MAX_RUN_TRANSCRIPTS} transcripts.`,
  })
  @IsUUID('all', { each: true, message: 'transcriptIds must be transcript ids' })
  transcriptIds!: string[];

  @Field(() => AnalysisMode)
  @IsEnum(AnalysisMode)
  mode!: AnalysisMode;

  /** Defaults to the project's default provider. */
  @Field(() => AnalysisProviderKind, { nullable: true })
  @IsOptional()
  @IsEnum(AnalysisProviderKind)
  provider?: AnalysisProviderKind | null;
}

export enum SuggestionOrder {
  /** Most confident first (a suggestion's confidence is its most confident tag's). */
  CONFIDENCE = 'CONFIDENCE',
  /** By transcript title, then position in the transcript. */
  TRANSCRIPT = 'TRANSCRIPT',
}
registerEnumType(SuggestionOrder, { name: 'SuggestionOrder' });

@InputType()
export class SuggestionFilter {
  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsUUID('all', { message: 'projectId must be a project id' })
  projectId?: string | null;

  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsUUID('all', { message: 'runId must be an analysis run id' })
  runId?: string | null;

  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsUUID('all', { message: 'transcriptId must be a transcript id' })
  transcriptId?: string | null;

  @Field(() => SuggestionStatus, { nullable: true })
  @IsOptional()
  @IsEnum(SuggestionStatus)
  status?: SuggestionStatus | null;

  /** Suggestions proposing any of these tags. */
  @Field(() => [ID], { nullable: true })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(100)
  @IsUUID('all', { each: true, message: 'tagIds must be tag ids' })
  tagIds?: string[] | null;

  /** Suggestions with a tag (one of `tagIds`, when given) at least this confident. */
  @Field(() => Float, { nullable: true })
  @IsOptional()
  @IsNumber()
  @Min(0)
  @Max(1)
  minConfidence?: number | null;

  /** Only flagged (true) or only unflagged (false) suggestions. */
  @Field(() => Boolean, { nullable: true })
  @IsOptional()
  @IsBoolean()
  flagged?: boolean | null;

  /** Only suggestions found in one of these ways (those with an unknown match are left out). */
  @Field(() => [MatchKind], { nullable: true })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(3)
  @IsEnum(MatchKind, { each: true })
  matchKinds?: MatchKind[] | null;
}

@InputType()
export class AcceptSuggestionInput {
  /** With `end`: accept other words than the suggested ones (same transcript). */
  @Field(() => TextPositionInput, { nullable: true })
  @IsOptional()
  @ValidateNested()
  @Type(() => TextPositionInput)
  start?: TextPositionInput | null;

  @Field(() => TextPositionInput, { nullable: true })
  @IsOptional()
  @ValidateNested()
  @Type(() => TextPositionInput)
  end?: TextPositionInput | null;

  /** Tags of the highlight instead of the suggested ones. */
  @Field(() => [ID], { nullable: true })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @IsUUID('all', { each: true, message: 'tagIds must be tag ids' })
  tagIds?: string[] | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(10_000)
  note?: string | null;

  /**
   * Without `tagIds`: only the suggested tags at least this confident go on the highlight (the
   * threshold the reviewer works at); all of them when not given.
   */
  @Field(() => Float, { nullable: true })
  @IsOptional()
  @IsNumber()
  @Min(0)
  @Max(1)
  minConfidence?: number | null;
}

@InputType()
export class AcceptSuggestionsInput {
  @Field(() => ID)
  @IsUUID('all', { message: 'runId must be an analysis run id' })
  runId!: string;

  /**
   * Suggestions with a tag (one of `tagIds`, when given) at least this confident; each is
   * accepted with only its tags that reach it.
   */
  @Field(() => Float)
  @IsNumber()
  @Min(0)
  @Max(1)
  minConfidence!: number;

  @Field(() => [ID], { nullable: true })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(100)
  @IsUUID('all', { each: true, message: 'tagIds must be tag ids' })
  tagIds?: string[] | null;

  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsUUID('all', { message: 'transcriptId must be a transcript id' })
  transcriptId?: string | null;
}

@InputType()
export class UpdateProjectAiSettingsInput {
  @Field(() => ID)
  @IsUUID('all', { message: 'projectId must be a project id' })
  projectId!: string;

  @Field(() => Boolean, { nullable: true })
  @IsOptional()
  @IsBoolean()
  aiAllowed?: boolean | null;

  @Field(() => Boolean, { nullable: true })
  @IsOptional()
  @IsBoolean()
  redactEmails?: boolean | null;

  @Field(() => Boolean, { nullable: true })
  @IsOptional()
  @IsBoolean()
  redactPhones?: boolean | null;

  @Field(() => Boolean, { nullable: true })
  @IsOptional()
  @IsBoolean()
  redactNames?: boolean | null;
}
