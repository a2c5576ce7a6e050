import { Field, ID, InputType, Int, ObjectType } from '@nestjs/graphql';
import { IsBoolean, IsOptional, IsString, IsUUID, MaxLength, MinLength } from 'class-validator';

@ObjectType('Participant')
export class ParticipantType {
  @Field(() => ID)
  id!: string;

  @Field(() => ID)
  projectId!: string;

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

  @Field(() => Int)
  segmentCount!: number;
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
}
