import { Args, Mutation, Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { Requires } from '../../common/access/policy.decorator';
import { type AuthUser } from '../../common/auth/auth-user';
import { CurrentUser } from '../../common/auth/current-user.decorator';
import { SegmentType } from '../transcripts/transcripts.types';
import { CorrectionsService } from './corrections.service';
import { CorrectSegmentInput, SegmentCorrectionType } from './corrections.types';

@Resolver(() => SegmentType)
export class CorrectionsResolver {
  constructor(private readonly service: CorrectionsService) {}

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

  /** When an editor last corrected the turn (null if never). */
  @ResolveField(() => Date, { nullable: true })
  editedAt(@Parent() segment: SegmentType & { editedAt?: Date | null }): Date | null {
    return segment.editedAt ?? null;
  }
}
