import { Field, ID, InputType, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsEnum,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  MaxLength,
  Min,
  MinLength,
} from 'class-validator';
import { ConnectionType } from '../../common/pagination/connection';
import { OptionalText, RequiredText } from '../../common/validation/text-field';
import { UserType } from '../auth/auth.types';
import { HighlightType } from '../highlights/highlights.types';
import { InsightStatus } from './insight.entity';

export { InsightStatus };
registerEnumType(InsightStatus, {
  name: 'InsightStatus',
  description: 'DRAFT while it is being written; PUBLISHED once it is a finding to share.',
});

export const MAX_TITLE_CHARS = 300;
/** The body is Markdown, stored as written. */
export const MAX_BODY_CHARS = 20_000;
/** At most this many highlights are added or removed in one call. */
export const MAX_EVIDENCE_PER_CALL = 500;
/** An insight rests on at most this many highlights (a board's whole capacity). */
export const MAX_EVIDENCE_PER_INSIGHT = 5000;
export const MAX_TAGS_PER_INSIGHT = 50;

@ObjectType('InsightTag')
export class InsightTagType {
  @Field(() => ID)
  id!: string;

  @Field()
  name!: string;

  @Field()
  color!: string;
}

@ObjectType('InsightEvidence', { description: 'A highlight an insight rests on.' })
export class InsightEvidenceType {
  @Field(() => HighlightType)
  highlight!: HighlightType;

  @Field({ description: 'When it was added to the insight.' })
  addedAt!: Date;
}

@ObjectType('InsightEvidenceCount', {
  description:
    'How much an insight rests on: highlights, and the participants and interviews they come from.',
})
export class InsightEvidenceCountType {
  @Field(() => Int)
  highlights!: number;

  @Field(() => Int)
  participants!: number;

  @Field(() => Int)
  transcripts!: number;
}

@ObjectType('Insight', {
  description:
    'A finding: a statement (title), its argument in Markdown (body) and the highlights it rests on.',
})
export class InsightType {
  @Field(() => ID)
  id!: string;

  @Field(() => ID)
  projectId!: string;

  @Field(() => ID, {
    nullable: true,
    description: 'The theme it was promoted from; null when none (or that theme was deleted).',
  })
  themeId!: string | null;

  @Field()
  title!: string;

  @Field({ description: 'Markdown.' })
  body!: string;

  @Field(() => InsightStatus)
  status!: InsightStatus;

  @Field(() => Int, {
    description:
      'Grows with every edit of the title, body, status or tags (not with evidence changes); updateInsight must name the version it edited.',
  })
  version!: number;

  @Field(() => UserType, { nullable: true, description: 'Who wrote it; null once deleted.' })
  author!: UserType | null;

  @Field(() => Date, { nullable: true, description: 'When it was last published.' })
  publishedAt!: Date | null;

  @Field()
  createdAt!: Date;

  @Field({ description: 'Its last change, evidence included.' })
  updatedAt!: Date;
}

export const InsightConnection = ConnectionType(InsightType, 'Insight');

@InputType()
export class CreateInsightInput {
  @Field(() => ID)
  @IsUUID('all', { message: 'projectId must be a project id' })
  projectId!: string;

  @RequiredText('title', MAX_TITLE_CHARS)
  title!: string;

  @OptionalText('body', MAX_BODY_CHARS, 'Markdown.')
  body?: string | null;

  @Field(() => ID, { nullable: true, description: 'A theme of the project the insight is about.' })
  @IsOptional()
  @IsUUID('all', { message: 'themeId must be a theme id' })
  themeId?: string | null;

  @Field(() => [ID], { nullable: true, description: 'Highlights of the project, as evidence.' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(MAX_EVIDENCE_PER_CALL, {
    message: `at most ${MAX_EVIDENCE_PER_CALL} highlights can be added at once`,
  })
  @IsUUID('all', { each: true, message: 'highlightIds must be highlight ids' })
  highlightIds?: string[] | null;

  @Field(() => [ID], { nullable: true, description: "Tags of the project's codebook." })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(MAX_TAGS_PER_INSIGHT, {
    message: `an insight has at most ${MAX_TAGS_PER_INSIGHT} tags`,
  })
  @IsUUID('all', { each: true, message: 'tagIds must be tag ids' })
  tagIds?: string[] | null;

  @Field(() => InsightStatus, { nullable: true, description: 'DRAFT when omitted.' })
  @IsOptional()
  @IsEnum(InsightStatus, { message: 'status must be DRAFT or PUBLISHED' })
  status?: InsightStatus | null;
}

@InputType()
export class UpdateInsightInput {
  @Field(() => ID)
  @IsUUID('all', { message: 'id must be an insight id' })
  id!: string;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  @MinLength(1, { message: 'title must not be empty' })
  @MaxLength(MAX_TITLE_CHARS, { message: `title must be at most ${MAX_TITLE_CHARS} characters` })
  title?: string | null;

  @OptionalText('body', MAX_BODY_CHARS, 'Markdown.')
  body?: string | null;

  @Field(() => InsightStatus, { nullable: true })
  @IsOptional()
  @IsEnum(InsightStatus, { message: 'status must be DRAFT or PUBLISHED' })
  status?: InsightStatus | null;

  @Field(() => [ID], {
    nullable: true,
    description: 'The tags it has from now on; null: unchanged.',
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(MAX_TAGS_PER_INSIGHT, {
    message: `an insight has at most ${MAX_TAGS_PER_INSIGHT} tags`,
  })
  @IsUUID('all', { each: true, message: 'tagIds must be tag ids' })
  tagIds?: string[] | null;

  @Field(() => Int, {
    description: 'The version edited: a stale one gets CONFLICT with the current insight.',
  })
  @IsInt()
  @Min(1)
  version!: number;
}

@InputType()
export class AddEvidenceInput {
  @Field(() => ID)
  @IsUUID('all', { message: 'insightId must be an insight id' })
  insightId!: string;

  @Field(() => [ID])
  @ArrayMinSize(1, { message: 'highlightIds must name at least one highlight' })
  @ArrayMaxSize(MAX_EVIDENCE_PER_CALL, {
    message: `at most ${MAX_EVIDENCE_PER_CALL} highlights can be added at once`,
  })
  @IsUUID('all', { each: true, message: 'highlightIds must be highlight ids' })
  highlightIds!: string[];
}

@InputType()
export class RemoveEvidenceInput {
  @Field(() => ID)
  @IsUUID('all', { message: 'insightId must be an insight id' })
  insightId!: string;

  @Field(() => [ID])
  @ArrayMinSize(1, { message: 'highlightIds must name at least one highlight' })
  @ArrayMaxSize(MAX_EVIDENCE_PER_CALL, {
    message: `at most ${MAX_EVIDENCE_PER_CALL} highlights can be removed at once`,
  })
  @IsUUID('all', { each: true, message: 'highlightIds must be highlight ids' })
  highlightIds!: string[];
}

@InputType()
export class PromoteThemeInput {
  @Field(() => ID)
  @IsUUID('all', { message: 'themeId must be a theme id' })
  themeId!: string;

  @Field(() => String, { nullable: true, description: "The theme's title when omitted." })
  @IsOptional()
  @IsString()
  @MinLength(1, { message: 'title must not be empty' })
  @MaxLength(MAX_TITLE_CHARS, { message: `title must be at most ${MAX_TITLE_CHARS} characters` })
  title?: string | null;
}

@InputType({
  description:
    'Which insights: of a workspace (every project of it the caller can see) or of one project; the other fields narrow it.',
})
export class InsightFilter {
  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsUUID('all', { message: 'workspaceId must be a workspace id' })
  workspaceId?: string | null;

  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsUUID('all', { message: 'projectId must be a project id' })
  projectId?: string | null;

  @Field(() => String, {
    nullable: true,
    description:
      'Full-text search of titles and bodies in web-search syntax (words, "exact phrase", OR, -exclude), stemmed in each insight\'s language; results best first (a title match above a body match). Without it, newest first.',
  })
  @IsOptional()
  @IsString()
  @MaxLength(500, { message: 'query must be at most 500 characters' })
  query?: string | null;

  @Field(() => [ID], { nullable: true, description: 'Insights with any of these tags.' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(100)
  @IsUUID('all', { each: true, message: 'tagIds must be tag ids' })
  tagIds?: string[] | null;

  @Field(() => InsightStatus, { nullable: true })
  @IsOptional()
  @IsEnum(InsightStatus, { message: 'status must be DRAFT or PUBLISHED' })
  status?: InsightStatus | null;
}
