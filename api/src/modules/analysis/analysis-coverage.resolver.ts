import { Args, Field, ID, ObjectType, Query, Resolver } from '@nestjs/graphql';
import { DataSource } from 'typeorm';
import { Requires } from '../../common/access/policy.decorator';
import { queryRows } from '../../database/sql';
import { TagsService } from '../tags/tags.service';
import { AnalysisRunStatus } from './analysis-run.entity';

@ObjectType('TranscriptAnalysis')
export class TranscriptAnalysisType {
  @Field(() => ID)
  transcriptId!: string;

  @Field(() => Date, {
    nullable: true,
    description: 'When the latest completed run applying the codebook (DEDUCTIVE) started.',
  })
  deductiveAt!: Date | null;

  @Field(() => Date, {
    nullable: true,
    description: 'When the latest completed run looking for new themes (INDUCTIVE) started.',
  })
  inductiveAt!: Date | null;
}

@ObjectType('AnalysisCoverage')
export class AnalysisCoverageType {
  @Field(() => Date, {
    nullable: true,
    description:
      'When a tag was last created, renamed, described, moved, archived or merged; null without tags. A DEDUCTIVE run started before it used an older codebook.',
  })
  codebookChangedAt!: Date | null;

  @Field(() => [TranscriptAnalysisType], {
    description: 'The transcripts a completed run covered; the others were never analysed.',
  })
  transcripts!: TranscriptAnalysisType[];
}

/**
 * What has been analysed already, so that a new run can default to what has not: the transcripts
 * no completed DEDUCTIVE run covered since the codebook last changed.
 */
@Resolver(() => AnalysisCoverageType)
export class AnalysisCoverageResolver {
  constructor(
    private readonly db: DataSource,
    private readonly tags: TagsService,
  ) {}

  @Requires('project:read', 'projectId')
  @Query(() => AnalysisCoverageType)
  async analysisCoverage(
    @Args('projectId', { type: () => ID }) projectId: string,
  ): Promise<AnalysisCoverageType> {
    const [codebookChangedAt, transcripts] = await Promise.all([
      this.tags.changedAt(projectId),
      queryRows<TranscriptAnalysisType>(
        this.db,
        `SELECT t.id AS "transcriptId",
                max(r.created_at) FILTER (WHERE r.mode = 'DEDUCTIVE') AS "deductiveAt",
                max(r.created_at) FILTER (WHERE r.mode = 'INDUCTIVE') AS "inductiveAt"
           FROM analysis_run r, unnest(r.transcript_ids) AS t(id)
          WHERE r.project_id = $1 AND r.status = $2
          GROUP BY t.id
          ORDER BY t.id`,
        [projectId, AnalysisRunStatus.COMPLETED],
      ),
    ]);
    return { codebookChangedAt, transcripts };
  }
}
