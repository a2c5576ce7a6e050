import { Field, ID, InputType, Int, ObjectType } from '@nestjs/graphql';
import { IsBoolean, IsOptional, IsUUID } from 'class-validator';
import { ConnectionType } from '../../../common/pagination/connection';
import { UserType } from '../../auth/auth.types';
import { ParticipantType } from '../../participants/participants.types';

/** "Speaker 1 of interview 3 is Maria": a transcript's speaker given to an existing participant. */
@ObjectType('SpeakerMapping')
export class SpeakerMappingType {
  @Field(() => ID)
  id!: string;

  @Field(() => ID)
  transcriptId!: string;

  @Field()
  transcriptTitle!: string;

  /** The speaker as found in the transcript; its own participant again once undone. */
  @Field(() => ParticipantType)
  source!: ParticipantType;

  /** The participant the speaker's turns were given to. */
  @Field(() => ParticipantType)
  target!: ParticipantType;

  /** Turns the mapping moved. */
  @Field(() => Int)
  turnCount!: number;

  /** Null for mappings recorded when generic speakers were split per transcript. */
  @Field(() => UserType, { nullable: true })
  createdBy!: UserType | null;

  @Field()
  createdAt!: Date;

  @Field(() => Date, { nullable: true })
  undoneAt!: Date | null;

  @Field(() => UserType, { nullable: true })
  undoneBy!: UserType | null;
}

export const SpeakerMappingConnection = ConnectionType(SpeakerMappingType, 'SpeakerMapping');

@InputType()
export class MapSpeakerInput {
  @Field(() => ID)
  @IsUUID('all', { message: 'transcriptId must be a transcript id' })
  transcriptId!: string;

  /** The speaker's participant in that transcript (e.g. its "Speaker 1"). */
  @Field(() => ID)
  @IsUUID('all', { message: 'participantId must be a participant id' })
  participantId!: string;

  /** The existing participant of the project the speaker is. */
  @Field(() => ID)
  @IsUUID('all', { message: 'targetParticipantId must be a participant id' })
  targetParticipantId!: string;
}

@InputType()
export class UndoSpeakerMappingInput {
  @Field(() => ID)
  @IsUUID('all', { message: 'id must be a speaker mapping id' })
  id!: string;
}

/** Mappings of a project or of one transcript (both: those of the transcript), newest first. */
@InputType()
export class SpeakerMappingFilter {
  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsUUID('all', { message: 'projectId must be a project id' })
  projectId?: string | null;

  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsUUID('all', { message: 'transcriptId must be a transcript id' })
  transcriptId?: string | null;

  /** Also list mappings that were undone. */
  @Field(() => Boolean, { nullable: true, defaultValue: false })
  @IsOptional()
  @IsBoolean()
  includeUndone?: boolean | null;
}
