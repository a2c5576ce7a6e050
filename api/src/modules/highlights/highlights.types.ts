import { Field, ID, InputType, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsDate,
  IsEnum,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { ConnectionType } from '../../common/pagination/connection';
import { UserType } from '../auth/auth.types';
import { ParticipantAttributeInput, ParticipantType } from '../participants/participants.types';
import { TagSource } from './highlight.entity';

/** Shared with search, which filters like the tag view. */
export { ParticipantAttributeInput };

export enum TagMatch {
  /** The highlight carries (a descendant of) at least one of the tags. */
  ANY = 'ANY',
  /** The highlight carries (a descendant of) every one of the tags. */
  ALL = 'ALL',
}

export enum HighlightOrder {
  /** Newest first. */
  RECENT = 'RECENT',
  /** By transcript title, then position in the transcript. */
  TRANSCRIPT = 'TRANSCRIPT',
  /** By the attributed participant's name (unattributed last), then transcript and position. */
  PARTICIPANT = 'PARTICIPANT',
}

registerEnumType(TagMatch, { name: 'TagMatch' });
registerEnumType(HighlightOrder, { name: 'HighlightOrder' });
registerEnumType(TagSource, { name: 'TagSource' });

@ObjectType('TextPosition')
export class TextPositionType {
  @Field(() => ID)
  segmentId!: string;

  /** UTF-16 code units into the segment's text. */
  @Field(() => Int)
  offset!: number;
}

@InputType()
export class TextPositionInput {
  @Field(() => ID)
  @IsUUID('all', { message: 'segmentId must be a segment id' })
  segmentId!: string;

  @Field(() => Int)
  @IsInt()
  @Min(0)
  offset!: number;
}

@ObjectType('HighlightTag')
export class HighlightTagType {
  @Field(() => ID)
  id!: string;

  @Field()
  name!: string;

  @Field()
  color!: string;

  /** HUMAN, or SUGGESTION when applied from a suggestion. */
  @Field(() => TagSource)
  source!: TagSource;
}

@ObjectType('HighlightTranscriptRef')
export class HighlightTranscriptRefType {
  @Field(() => ID)
  id!: string;

  @Field()
  title!: string;
}

@ObjectType('Highlight')
export class HighlightType {
  @Field(() => ID)
  id!: string;

  @Field(() => ID)
  transcriptId!: string;

  @Field(() => HighlightTranscriptRefType)
  transcript!: HighlightTranscriptRefType;

  /** Internal: resolved into `participant`. */
  participantId!: string | null;

  /**
   * The speaker the highlight is attributed to: the first covered turn whose participant is not
   * an interviewer, else the start turn's.
   */
  @Field(() => ParticipantType, { nullable: true })
  participant!: ParticipantType | null;

  /** Exactly the transcript's text between start and end (turns joined by a line break). */
  @Field()
  quote!: string;

  @Field()
  prefix!: string;

  @Field()
  suffix!: string;

  @Field(() => String, { nullable: true })
  note!: string | null;

  @Field(() => TextPositionType)
  start!: TextPositionType;

  @Field(() => TextPositionType)
  end!: TextPositionType;

  /** Turn index of the start turn (the reader opens at /t/:transcriptId?turn=startIndex). */
  @Field(() => Int)
  startIndex!: number;

  @Field(() => Int)
  endIndex!: number;

  /** The start turn's time, when the transcript has times. */
  @Field(() => Int, { nullable: true })
  startMs!: number | null;

  /**
   * A correction of its turn could not re-anchor it: `quote` is the text as it was highlighted,
   * and start/end are a best guess in the corrected text.
   */
  @Field()
  needsAttention!: boolean;

  @Field(() => [HighlightTagType])
  tags!: HighlightTagType[];

  @Field(() => UserType, { nullable: true })
  author!: UserType | null;

  @Field()
  createdAt!: Date;

  @Field()
  updatedAt!: Date;
}

export const HighlightConnection = ConnectionType(HighlightType, 'Highlight');

const MAX_TAGS = 50;

/** The editable content of a highlight: its tags and note. */
@InputType({ isAbstract: true })
class HighlightContentInput {
  /** On update, replaces the highlight's tags when given. */
  @Field(() => [ID], { nullable: true })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(MAX_TAGS)
  @IsUUID('all', { each: true, message: 'tagIds must be tag ids' })
  tagIds?: string[] | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(10_000, { message: 'note must be at most 10000 characters' })
  note?: string | null;
}

@InputType()
export class CreateHighlightInput extends HighlightContentInput {
  @Field(() => ID)
  @IsUUID('all', { message: 'transcriptId must be a transcript id' })
  transcriptId!: string;

  @Field(() => TextPositionInput)
  @ValidateNested()
  @Type(() => TextPositionInput)
  start!: TextPositionInput;

  @Field(() => TextPositionInput)
  @ValidateNested()
  @Type(() => TextPositionInput)
  end!: TextPositionInput;
}

@InputType()
export class UpdateHighlightInput extends HighlightContentInput {
  @Field(() => ID)
  @IsUUID('all', { message: 'id must be a highlight id' })
  id!: string;

  /**
   * With `end`: anchors the highlight anew, in the same transcript (how a highlight that needs
   * attention after a correction is put right). Its quote becomes the text between the two.
   */
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
}

/**
 * The filters the tag view, heatmap and search share: a project, tags (a tag includes its
 * descendants), transcripts, participants and their attributes, authors and a date range.
 */
@InputType({ isAbstract: true })
export class ProjectHighlightFilterFields {
  @Field(() => ID)
  @IsUUID('all', { message: 'projectId must be a project id' })
  projectId!: string;

  /** Highlights with these tags; a tag includes its descendant tags. */
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

  /** Highlights attributed to (and, in search, turns spoken by) one of these participants. */
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

  @Field(() => [ID], { nullable: true })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(200)
  @IsUUID('all', { each: true, message: 'authorIds must be user ids' })
  authorIds?: string[] | null;

  /** Created at or after this time (in search, also turns of transcripts added then). */
  @Field(() => Date, { nullable: true })
  @IsOptional()
  @IsDate()
  createdAfter?: Date | null;

  /** Created before this time (in search, also turns of transcripts added then). */
  @Field(() => Date, { nullable: true })
  @IsOptional()
  @IsDate()
  createdBefore?: Date | null;
}

@InputType()
export class HighlightFilter extends ProjectHighlightFilterFields {
  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsUUID('all', { message: 'transcriptId must be a transcript id' })
  transcriptId?: string | null;

  @Field(() => Boolean, { nullable: true })
  @IsOptional()
  @IsBoolean()
  needsAttention?: boolean | null;
}
