import { Field, ID, InputType, Int, ObjectType } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsInt, IsOptional, IsString, IsUUID, MaxLength, Min, ValidateNested } from 'class-validator';
import { ConnectionType } from '../../common/pagination/connection';
import { UserType } from '../auth/auth.types';

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
}

@ObjectType('Highlight')
export class HighlightType {
  @Field(() => ID)
  id!: string;

  @Field(() => ID)
  transcriptId!: string;

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
}

@InputType()
export class HighlightFilter {
  @Field(() => ID)
  @IsUUID('all', { message: 'projectId must be a project id' })
  projectId!: string;

  /** Highlights with any of these tags. */
  @Field(() => [ID], { nullable: true })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(200)
  @IsUUID('all', { each: true, message: 'tagIds must be tag ids' })
  tagIds?: string[] | null;

  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsUUID('all', { message: 'transcriptId must be a transcript id' })
  transcriptId?: string | null;
}
