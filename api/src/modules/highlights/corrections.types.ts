import { Field, ID, InputType, Int, ObjectType } from '@nestjs/graphql';
import { IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';
import { SegmentType } from '../transcripts/transcripts.types';
import { HighlightType } from './highlights.types';

/** A corrected turn's text is at most this long (UTF-16 code units). */
export const MAX_TURN_CHARS = 50_000;

@InputType()
export class CorrectSegmentInput {
  @Field(() => ID)
  @IsUUID('all', { message: 'segmentId must be a segment id' })
  segmentId!: string;

  /** The turn's corrected text (trimmed); omit to keep it. */
  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(MAX_TURN_CHARS, { message: `text must be at most ${MAX_TURN_CHARS} characters` })
  text?: string | null;

  /** Another participant of the project as the turn's speaker; omit to keep it. */
  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsUUID('all', { message: 'participantId must be a participant id' })
  participantId?: string | null;

  /**
   * The turn's text as the editor saw it. When given and someone changed the turn since, the
   * correction is refused with CONFLICT, the turn's current text in `extensions.currentText`,
   * instead of overwriting their change.
   */
  @Field(() => String, {
    nullable: true,
    description:
      "The turn's text as the editor saw it: when the turn has changed since, CONFLICT with extensions.currentText instead of overwriting.",
  })
  @IsOptional()
  @IsString()
  @MaxLength(MAX_TURN_CHARS, {
    message: `expectedText must be at most ${MAX_TURN_CHARS} characters`,
  })
  expectedText?: string | null;
}

@ObjectType('SegmentCorrection')
export class SegmentCorrectionType {
  @Field(() => SegmentType)
  segment!: SegmentType;

  /** Highlights touching the turn that still quote exactly what they cover. */
  @Field(() => Int)
  reanchoredCount!: number;

  /** Highlights that could not be re-anchored; kept, with needsAttention set. */
  @Field(() => [HighlightType])
  flagged!: HighlightType[];
}
