import { Field, ID, InputType, Int, ObjectType } from '@nestjs/graphql';
import { IsInt, IsOptional, IsUUID } from 'class-validator';
import { SegmentType } from '../transcripts/transcripts.types';
import { HighlightType } from './highlights.types';

@InputType()
export class SplitSegmentInput {
  @Field(() => ID)
  @IsUUID('all', { message: 'segmentId must be a segment id' })
  segmentId!: string;

  @Field(() => Int, {
    description:
      "Where to cut, in UTF-16 code units of the turn's text: from 1 to its length − 1, with words on both sides.",
  })
  @IsInt({ message: 'offset must be a whole number' })
  offset!: number;
}

@InputType()
export class MergeSegmentsInput {
  @Field(() => ID, { description: 'The turn that takes in the turn right after it.' })
  @IsUUID('all', { message: 'firstSegmentId must be a segment id' })
  firstSegmentId!: string;

  @Field(() => ID, {
    nullable: true,
    description:
      'The turn the caller sees after it. When given and another turn is there now (someone split or merged meanwhile), nothing is merged and the answer is CONFLICT.',
  })
  @IsOptional()
  @IsUUID('all', { message: 'secondSegmentId must be a segment id' })
  secondSegmentId?: string | null;
}

@ObjectType('SegmentSplit')
export class SegmentSplitType {
  @Field(() => SegmentType, {
    description:
      'The split turn, keeping its id and the text before the cut (trailing whitespace trimmed). With a start and an end time, it now ends at a time proportional to the cut’s position in the text.',
  })
  first!: SegmentType;

  @Field(() => SegmentType, {
    description:
      'The new turn right after it: the text after the cut (leading whitespace trimmed), the same speaker, starting when the first part ends (no times when the turn had no start and end).',
  })
  second!: SegmentType;

  @Field(() => Int, {
    description: 'Highlights touching the turn that still quote exactly what they cover.',
  })
  reanchoredCount!: number;

  @Field(() => [HighlightType], {
    description: 'Highlights touching the turn that need attention; kept, never dropped.',
  })
  flagged!: HighlightType[];
}

@ObjectType('SegmentMerge')
export class SegmentMergeType {
  @Field(() => SegmentType, {
    description:
      'The merged turn: the first turn’s id, speaker and start time, both texts joined by a space, the second turn’s end time.',
  })
  segment!: SegmentType;

  @Field(() => ID, { description: 'The turn that was merged in; it no longer exists.' })
  removedSegmentId!: string;

  @Field(() => Int, {
    description: 'Highlights touching either turn that still quote exactly what they cover.',
  })
  reanchoredCount!: number;

  @Field(() => [HighlightType], {
    description: 'Highlights touching either turn that need attention; kept, never dropped.',
  })
  flagged!: HighlightType[];
}
