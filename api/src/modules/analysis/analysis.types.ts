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
import { ConnectionType } from '../../common/pagination/connection';
import { UserType } from '../auth/auth.types';
import {
  HighlightTranscriptRefType,
  TextPositionInput,
  TextPositionType,
} from '../highlights/highlights.types';
import { AnalysisMode, AnalysisProviderKind, AnalysisRunStatus } from './analysis-run.entity';
import { SuggestionStatus } from './suggestion.entity';

registerEnumType(AnalysisMode, { name: 'AnalysisMode' });
registerEnumType(AnalysisRunStatus, { name: 'AnalysisRunStatus' });
registerEnumType(AnalysisProviderKind, { name: 'AnalysisProviderKind' });
registerEnumType(SuggestionStatus, { name: 'SuggestionStatus' });

/** At most this many transcripts in one run. */
export const MAX_RUN_TRANSCRIPTS = 200;

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

/** Request and response text in an audit entry are cut to this many characters. */
export const AUDIT_PREVIEW_CHARS = 8000;

@ObjectType('AnalysisExchange', {
  description: `One request to a provider and its answer. The bodies are shown up to ${AUDIT_PREVIEW_CHARS} characters; the whole of each is at GET /api/analysis-runs/:runId/exchanges/:id/request and …/response.`,
})
export class AnalysisExchangeType {
  @Field(() => ID)
  id!: string;

  @Field(() => Int)
  chunkIndex!: number;

  @Field()
  endpoint!: string;

  @Field()
  model!: string;

  /** HTTP status of the answer, when there was one. */
  @Field(() => Int, { nullable: true })
  status!: number | null;

  @Field({
    description: `The request body as sent (after redaction), as JSON text: its first ${AUDIT_PREVIEW_CHARS} characters.`,
  })
  request!: string;

  @Field({ description: 'Whether `request` is cut short (download the whole body).' })
  requestTruncated!: boolean;

  @Field(() => Int, { description: 'Size of the whole request body, in bytes.' })
  requestBytes!: number;

  @Field(() => String, {
    nullable: true,
    description: `The response body as received: its first ${AUDIT_PREVIEW_CHARS} characters; null when nothing came back.`,
  })
  response!: string | null;

  @Field({ description: 'Whether `response` is cut short (download the whole body).' })
  responseTruncated!: boolean;

  @Field(() => Int, { description: 'Size of the stored response body, in bytes.' })
  responseBytes!: number;

  @Field({
    description:
      'False when the answer was larger than the response limit (LLM_MAX_RESPONSE_BYTES): reading stopped and only its beginning is kept.',
  })
  responseComplete!: boolean;

  @Field(() => String, { nullable: true })
  error!: string | null;

  @Field(() => Int)
  promptTokens!: number;

  @Field(() => Int)
  completionTokens!: number;

  @Field(() => Int)
  durationMs!: number;

  /** When the request was sent. */
  @Field()
  createdAt!: Date;
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
  skippedDuplicates!: number;
  promptTokens!: number;
  completionTokens!: number;
  requests!: number;
}

export const AnalysisRunConnection = ConnectionType(AnalysisRunType, 'AnalysisRun');

@ObjectType('SuggestionTag')
export class SuggestionTagType {
  @Field(() => ID)
  id!: string;

  @Field()
  name!: string;

  @Field()
  color!: string;
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

  /** Codebook tags proposed (DEDUCTIVE runs). */
  @Field(() => [SuggestionTagType])
  tags!: SuggestionTagType[];

  /** A proposed new theme (INDUCTIVE runs). */
  @Field(() => String, { nullable: true })
  themeName!: string | null;

  @Field(() => String, { nullable: true })
  themeDefinition!: string | null;

  @Field()
  rationale!: string;

  /** 0..1 */
  @Field(() => Float)
  confidence!: number;

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

  /** Matching suggestions that could not be accepted (e.g. their words changed); they stay pending. */
  @Field(() => Int)
  skipped!: number;
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

  @Field(() => Float, { nullable: true })
  @IsOptional()
  @IsNumber()
  @Min(0)
  @Max(1)
  minConfidence?: number | null;
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
}

@InputType()
export class AcceptSuggestionsInput {
  @Field(() => ID)
  @IsUUID('all', { message: 'runId must be an analysis run id' })
  runId!: string;

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
