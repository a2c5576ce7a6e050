import { Field, ID, InputType, Int, ObjectType } from '@nestjs/graphql';
import {
  IsBoolean,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  MaxLength,
  MinLength,
} from 'class-validator';

@ObjectType('Tag')
export class TagType {
  @Field(() => ID)
  id!: string;

  @Field(() => ID)
  projectId!: string;

  @Field()
  name!: string;

  @Field(() => String, { nullable: true })
  description!: string | null;

  @Field()
  color!: string;

  @Field(() => ID, { nullable: true })
  parentId!: string | null;

  @Field()
  archived!: boolean;

  /** Highlights carrying this tag. */
  @Field(() => Int)
  usageCount!: number;

  @Field(() => Int, {
    description:
      'Highlights carrying this tag or any of its sub-tags, each counted once: the count a parent shows in the codebook.',
  })
  highlightCount!: number;
}

const COLOR = /^#[0-9a-fA-F]{6}$/;

@InputType()
export class CreateTagInput {
  @Field(() => ID)
  @IsUUID('all', { message: 'projectId must be a project id' })
  projectId!: string;

  @Field()
  @IsString()
  @MinLength(1, { message: 'name must not be empty' })
  @MaxLength(100, { message: 'name must be at most 100 characters' })
  name!: string;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(5000, { message: 'description must be at most 5000 characters' })
  description?: string | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @Matches(COLOR, { message: 'color must look like #1f77b4' })
  color?: string | null;

  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsUUID('all', { message: 'parentId must be a tag id' })
  parentId?: string | null;
}

@InputType()
export class UpdateTagInput {
  @Field(() => ID)
  @IsUUID('all', { message: 'id must be a tag id' })
  id!: string;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  @MinLength(1, { message: 'name must not be empty' })
  @MaxLength(100, { message: 'name must be at most 100 characters' })
  name?: string;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(5000, { message: 'description must be at most 5000 characters' })
  description?: string | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @Matches(COLOR, { message: 'color must look like #1f77b4' })
  color?: string;

  /** Move under another tag; null makes it top-level. */
  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsUUID('all', { message: 'parentId must be a tag id' })
  parentId?: string | null;

  @Field(() => Boolean, { nullable: true })
  @IsOptional()
  @IsBoolean()
  archived?: boolean;
}

@InputType()
export class MergeTagsInput {
  /** The tag that disappears: its highlights and sub-tags move to the target. */
  @Field(() => ID)
  @IsUUID('all', { message: 'sourceId must be a tag id' })
  sourceId!: string;

  /** The surviving tag, of the same project. */
  @Field(() => ID)
  @IsUUID('all', { message: 'targetId must be a tag id' })
  targetId!: string;
}
