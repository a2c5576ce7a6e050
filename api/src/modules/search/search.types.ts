import { Field, ID, InputType, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { IsString, IsUUID, MaxLength, MinLength } from 'class-validator';
import { PageInfo } from '../../common/pagination/connection';

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

@ObjectType('SearchConnection')
export class SearchConnection {
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
}
