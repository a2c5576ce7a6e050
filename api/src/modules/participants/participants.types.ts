import { Field, ID, InputType, Int, ObjectType } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsOptional,
  IsString,
  IsUUID,
  MaxLength,
  MinLength,
  ValidateNested,
} from 'class-validator';

export const MAX_ATTRIBUTES = 50;

/** A researcher-defined fact about a participant, e.g. role = "Team lead". */
@ObjectType('ParticipantAttribute')
export class ParticipantAttributeType {
  @Field()
  key!: string;

  @Field()
  value!: string;
}

@InputType()
export class ParticipantAttributeInput {
  @Field()
  @IsString()
  @MinLength(1, { message: 'an attribute key must not be empty' })
  @MaxLength(60, { message: 'an attribute key must be at most 60 characters' })
  key!: string;

  @Field()
  @IsString()
  @MinLength(1, { message: 'an attribute value must not be empty' })
  @MaxLength(200, { message: 'an attribute value must be at most 200 characters' })
  value!: string;
}

@ObjectType('Participant')
export class ParticipantType {
  @Field(() => ID)
  id!: string;

  @Field(() => ID)
  projectId!: string;

  /**
   * Set when the speaker has a generic label ("Speaker 1", SPEAKER_00): the transcript whose
   * speaker this is. Null for a named speaker, matched by label across the project.
   */
  @Field(() => ID, {
    nullable: true,
    description:
      'Set when the speaker has a generic label (“Speaker 1”, SPEAKER_00): the one transcript whose speaker this is. Null for named speakers, matched by label across the project.',
  })
  transcriptId!: string | null;

  /** The title of that transcript (null when there is none, or it was deleted). */
  @Field(() => String, { nullable: true, description: 'The title of that transcript.' })
  transcriptTitle!: string | null;

  /** The speaker label as written in transcripts. */
  @Field()
  label!: string;

  @Field()
  displayName!: string;

  @Field()
  isInterviewer!: boolean;

  /** A colour for this speaker in the reader, as #rrggbb. */
  @Field()
  color!: string;

  /** Turns spoken; resolved only when asked for (it counts rows). */
  @Field(() => Int)
  segmentCount?: number;

  @Field(() => [ParticipantAttributeType])
  attributes!: ParticipantAttributeType[];
}

@InputType()
export class UpdateParticipantInput {
  @Field(() => ID)
  @IsUUID('all', { message: 'id must be a participant id' })
  id!: string;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  @MinLength(1, { message: 'displayName must not be empty' })
  @MaxLength(200, { message: 'displayName must be at most 200 characters' })
  displayName?: string;

  @Field(() => Boolean, { nullable: true })
  @IsOptional()
  @IsBoolean()
  isInterviewer?: boolean;

  /** Replaces the participant's attributes; keys are unique (ignoring case). */
  @Field(() => [ParticipantAttributeInput], { nullable: true })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(MAX_ATTRIBUTES, {
    message: `a participant has at most ${MAX_ATTRIBUTES} attributes`,
  })
  @ValidateNested({ each: true })
  @Type(() => ParticipantAttributeInput)
  attributes?: ParticipantAttributeInput[] | null;
}
