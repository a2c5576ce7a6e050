import { Field, Float, ID, InputType, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import {
  ArrayMinSize,
  IsArray,
  IsEnum,
  IsOptional,
  IsString,
  MaxLength,
  MinLength,
} from 'class-validator';
import { PageInfo } from '../../common/pagination/connection';
import { ProjectHighlightFilterFields } from '../highlights/highlights.types';

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

  /** Capped at 1000; see totalCountCapped. Ranking is bounded too (see the search query). */
  @Field(() => Int)
  totalCount!: number;

  @Field()
  totalCountCapped!: boolean;

  @Field(() => [SearchHitEdge])
  edges!: SearchHitEdge[];

  @Field(() => PageInfo)
  pageInfo!: PageInfo;
}

/** Search takes the tag view's filters; turns carry no tags or authors, so those filters return highlights only. */
@InputType()
export class SearchInput extends ProjectHighlightFilterFields {
  /** Web-search syntax: words, "exact phrase", OR, -exclude. */
  @Field()
  @IsString()
  @MinLength(1, { message: 'query must not be empty' })
  @MaxLength(500, { message: 'query must be at most 500 characters' })
  query!: string;

  /** Which hits: turns, highlights or both (the default). */
  @Field(() => [SearchHitKind], { nullable: true })
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1, { message: 'kinds must name at least one kind, or be left out' })
  @IsEnum(SearchHitKind, { each: true })
  kinds?: SearchHitKind[] | null;
}
