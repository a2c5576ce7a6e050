import { Args, Mutation, Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { Requires } from '../../common/access/policy.decorator';
import { type AuthUser } from '../../common/auth/auth-user';
import { CurrentUser } from '../../common/auth/current-user.decorator';
import { SegmentType } from '../transcripts/transcripts.types';
import { CorrectionsService } from './corrections.service';
import { CorrectSegmentInput, SegmentCorrectionType } from './corrections.types';
import { TurnEditsService } from './turn-edits.service';
import {
  MergeSegmentsInput,
  SegmentMergeType,
  SegmentSplitType,
  SplitSegmentInput,
} from './turn-edits.types';

@Resolver(() => SegmentType)
export class CorrectionsResolver {
  constructor(
    private readonly service: CorrectionsService,
    private readonly turns: TurnEditsService,
  ) {}

  @Requires('transcript:write', 'segmentId', 'input.segmentId')
  @Mutation(() => SegmentCorrectionType, {
    description:
      "Corrects a turn's text and/or speaker; highlights touching the turn are re-anchored or flagged, never dropped.",
  })
  correctSegment(
    @CurrentUser() user: AuthUser,
    @Args('input') input: CorrectSegmentInput,
  ): Promise<SegmentCorrectionType> {
    return this.service.correct(user, input);
  }

  @Requires('transcript:write', 'segmentId', 'input.segmentId')
  @Mutation(() => SegmentSplitType, {
    description:
      'Splits a turn in two at an offset of its text; the index of every later turn grows by one. Highlights move with their words, re-anchored or flagged, never dropped.',
  })
  splitSegment(
    @CurrentUser() user: AuthUser,
    @Args('input') input: SplitSegmentInput,
  ): Promise<SegmentSplitType> {
    return this.turns.split(user, input);
  }

  @Requires('transcript:write', 'segmentId', 'input.firstSegmentId')
  @Mutation(() => SegmentMergeType, {
    description:
      'Merges a turn with the next one; the index of every later turn shrinks by one. Highlights move with their words, re-anchored or flagged, never dropped.',
  })
  mergeSegments(
    @CurrentUser() user: AuthUser,
    @Args('input') input: MergeSegmentsInput,
  ): Promise<SegmentMergeType> {
    return this.turns.merge(user, input);
  }

  /** When an editor last corrected the turn (null if never). */
  @ResolveField(() => Date, { nullable: true })
  editedAt(@Parent() segment: SegmentType & { editedAt?: Date | null }): Date | null {
    return segment.editedAt ?? null;
  }
}
