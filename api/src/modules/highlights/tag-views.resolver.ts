import { Args, Query, Resolver } from '@nestjs/graphql';
import { Requires } from '../../common/access/policy.decorator';
import { HighlightFilter } from './highlights.types';
import { TagViewsService } from './tag-views.service';
import { MatrixAxis, TagEvidenceType, TagMatrixType } from './tag-views.types';

@Resolver()
export class TagViewsResolver {
  constructor(private readonly service: TagViewsService) {}

  @Requires('project:read', 'projectId', 'filter.projectId')
  @Query(() => [TagEvidenceType], {
    description:
      'Evidence strength: per tag of the project (codebook order; archived tags only if used), the highlights matching the filter that carry it or a sub-tag, and their distinct participants and transcripts.',
  })
  tagEvidence(@Args('filter') filter: HighlightFilter): Promise<TagEvidenceType[]> {
    return this.service.evidence(filter);
  }

  @Requires('project:read', 'projectId', 'filter.projectId')
  @Query(() => TagMatrixType, {
    description:
      'Tag × participant (or transcript) counts of the highlights matching the filter; sub-tags roll up into their parents.',
  })
  tagMatrix(
    @Args('filter') filter: HighlightFilter,
    @Args('by', { type: () => MatrixAxis, nullable: true, defaultValue: MatrixAxis.PARTICIPANT })
    by?: MatrixAxis,
  ): Promise<TagMatrixType> {
    return this.service.matrix(filter, by ?? MatrixAxis.PARTICIPANT);
  }
}
