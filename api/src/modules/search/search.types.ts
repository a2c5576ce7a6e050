import { Field, Float, ID, InputType, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsDate,
  IsEnum,
  IsOptional,
  IsString,
  IsUUID,
  MaxLength,
  MinLength,
  ValidateNested,
} from 'class-validator';
import { PageInfo } from '../../common/pagination/connection';
import { ParticipantAttributeInput, TagMatch } from '../highlights/highlights.types';

export enum SearchHitKind {
  SEGMENT = 'SEGMENT',
  HIGHLIGHT = 'HIGHLIGHT',
}
registerEnumType(SearchHitKind, { name: 'SearchHitKind' });

@ObjectType('SearchTranscriptRef')
export class SearchTranscriptRef {
  @Field(() => ID)
  id!: string;

  @Field()
  title!: string;
}

@ObjectType('SearchSegmentRef')
export class SearchSegmentRef {
  @Field(() => ID)
  id!: string;

  @Field(() => Int)
  index!: number;

  @Field(() => String, { nullable: true })
  speaker!: string | null;

  @Field(() => Int, { nullable: true })
  startMs!: number | null;
}

@ObjectType('SearchHighlightRef')
export class SearchHighlightRef {
  @Field(() => ID)
  id!: string;
}

@ObjectType('SearchHit')
export class SearchHitType {
  @Field(() => SearchHitKind)
  kind!: SearchHitKind;

  /** HTML-escaped text with `<mark>` around the matching words. */
  @Field()
  snippet!: string;

  @Field()
  rank!: number;

  @Field(() => SearchTranscriptRef)
  transcript!: SearchTranscriptRef;

  /** The turn (for a highlight, the turn it starts in). */
  @Field(() => SearchSegmentRef)
  segment!: SearchSegmentRef;

  @Field(() => SearchHighlightRef, { nullable: true })
  highlight!: SearchHighlightRef | null;
}

@ObjectType('SearchHitEdge')
export class SearchHitEdge {
  @Field()
  cursor!: string;

  @Field(() => SearchHitType)
  node!: SearchHitType;
}

/** A tag whose name is close to the query (pg_trgm), for typos like "onbording". */
@ObjectType('SearchTagRef')
export class SearchTagRef {
  @Field(() => ID)
  id!: string;

  @Field()
  name!: string;

  @Field()
  color!: string;

  /** Archived tags are listed too (after active ones of equal similarity), marked here. */
  @Field()
  archived!: boolean;

  /** pg_trgm similarity between 0 and 1 (1: the same name, ignoring case). */
  @Field(() => Float)
  similarity!: number;
}

/** A participant whose display name or label is close to the query. */
@ObjectType('SearchParticipantRef')
export class SearchParticipantRef {
  @Field(() => ID)
  id!: string;

  @Field()
  displayName!: string;

  @Field()
  label!: string;

  @Field(() => Float)
  similarity!: number;
}

@ObjectType('SearchConnection')
export class SearchConnection {
  /** Typo-tolerant tag-name matches, best first, at most 10; the same on every page. */
  @Field(() => [SearchTagRef])
  tags!: SearchTagRef[];

  /** Typo-tolerant participant display-name or label matches, best first, at most 10. */
  @Field(() => [SearchParticipantRef])
  participants!: SearchParticipantRef[];

  /** Capped at 1000; see totalCountCapped. */
  @Field(() => Int)
  totalCount!: number;

  @Field()
  totalCountCapped!: boolean;

  @Field(() => [SearchHitEdge])
  edges!: SearchHitEdge[];

  @Field(() => PageInfo)
  pageInfo!: PageInfo;
}

@InputType()
export class SearchInput {
  @Field(() => ID)
  @IsUUID('all', { message: 'projectId must be a project id' })
  projectId!: string;

  /** Web-search syntax: words, "exact phrase", OR, -exclude. */
  @Field()
  @IsString()
  @MinLength(1, { message: 'query must not be empty' })
  @MaxLength(500, { message: 'query must be at most 500 characters' })
  query!: string;

  /** Highlights with these tags (a tag includes its descendants); turns carry no tags, so none are returned. */
  @Field(() => [ID], { nullable: true })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(200)
  @IsUUID('all', { each: true, message: 'tagIds must be tag ids' })
  tagIds?: string[] | null;

  @Field(() => TagMatch, { nullable: true, defaultValue: TagMatch.ANY })
  @IsOptional()
  @IsEnum(TagMatch)
  tagMatch?: TagMatch | null;

  @Field(() => [ID], { nullable: true })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(1000)
  @IsUUID('all', { each: true, message: 'transcriptIds must be transcript ids' })
  transcriptIds?: string[] | null;

  /** Turns spoken by, and highlights attributed to, one of these participants. */
  @Field(() => [ID], { nullable: true })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(1000)
  @IsUUID('all', { each: true, message: 'participantIds must be participant ids' })
  participantIds?: string[] | null;

  /** That participant has every one of these attributes (exact key and value). */
  @Field(() => [ParticipantAttributeInput], { nullable: true })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => ParticipantAttributeInput)
  participantAttributes?: ParticipantAttributeInput[] | null;

  /** Highlights by these authors; turns have no author, so none are returned. */
  @Field(() => [ID], { nullable: true })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(200)
  @IsUUID('all', { each: true, message: 'authorIds must be user ids' })
  authorIds?: string[] | null;

  /** Highlights created, and turns of transcripts added, at or after this time. */
  @Field(() => Date, { nullable: true })
  @IsOptional()
  @IsDate()
  createdAfter?: Date | null;

  /** Highlights created, and turns of transcripts added, before this time. */
  @Field(() => Date, { nullable: true })
  @IsOptional()
  @IsDate()
  createdBefore?: Date | null;

  /** Which hits: turns, highlights or both (the default). */
  @Field(() => [SearchHitKind], { nullable: true })
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1, { message: 'kinds must name at least one kind, or be left out' })
  @IsEnum(SearchHitKind, { each: true })
  kinds?: SearchHitKind[] | null;
}
