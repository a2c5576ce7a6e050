import {
  Args,
  ID,
  Info,
  Int,
  Mutation,
  Parent,
  Query,
  ResolveField,
  Resolver,
} from '@nestjs/graphql';
import { type GraphQLResolveInfo } from 'graphql';
import { Requires, RequiresAny } from '../../common/access/policy.decorator';
import { type AuthUser } from '../../common/auth/auth-user';
import { CurrentUser } from '../../common/auth/current-user.decorator';
import { Loaders } from '../../common/loaders/loaders.decorator';
import { batchById, type RequestLoaders } from '../../common/loaders/request-loaders';
import { INSIGHT_COUNT_CAP, type InsightPage, InsightsRepository } from './insights.repository';
import { ThemeType } from '../boards/boards.types';
import { InsightsService } from './insights.service';
import { selectsField } from './selection';
import {
  AddEvidenceInput,
  CreateInsightInput,
  InsightConnection,
  InsightEvidenceCountType,
  InsightEvidenceType,
  InsightFilter,
  InsightTagType,
  InsightType,
  PromoteThemeInput,
  RemoveEvidenceInput,
  UpdateInsightInput,
} from './insights.types';

const NO_EVIDENCE: InsightEvidenceCountType = { highlights: 0, participants: 0, transcripts: 0 };

@Resolver(() => InsightType)
export class InsightsResolver {
  constructor(
    private readonly service: InsightsService,
    private readonly repo: InsightsRepository,
  ) {}

  // Each batch is given the ids of insights a guarded query or mutation returned.
  private readonly evidenceOf = batchById<InsightEvidenceType[]>(
    (ids) => this.repo.evidence(ids),
    () => [],
  );
  private readonly tagsOf = batchById<InsightTagType[]>(
    (ids) => this.repo.tags(ids),
    () => [],
  );
  private readonly countsOf = batchById<InsightEvidenceCountType>(
    (ids) => this.repo.counts(ids),
    () => ({ ...NO_EVIDENCE }),
  );

  @Requires('project:read', 'insightId', 'id')
  @Query(() => InsightType)
  insight(@Args('id', { type: () => ID }) id: string): Promise<InsightType> {
    return this.repo.get(id);
  }

  @RequiresAny('project:read', [
    { target: 'projectId', from: 'filter.projectId' },
    { target: 'workspaceId', from: 'filter.workspaceId' },
  ])
  @Query(() => InsightConnection, {
    description:
      'Insights of a workspace (every project of it the caller can see) or of one project: with a query, the best matches first; else newest first.',
  })
  insights(
    @CurrentUser() user: AuthUser,
    @Args('filter') filter: InsightFilter,
    @Args('first', { type: () => Int, nullable: true, defaultValue: 50 }) first: number,
    @Args('after', { type: () => String, nullable: true }) after: string | undefined,
    @Info() info: GraphQLResolveInfo,
  ): Promise<InsightPage> {
    const count = selectsField(info, 'totalCount') || selectsField(info, 'totalCountCapped');
    return this.repo.list(user, filter, first, after, count);
  }

  @Requires('insight:write', 'projectId', 'input.projectId')
  @Mutation(() => InsightType, {
    description:
      'A new insight, a DRAFT unless a status is given. CONFLICT (extensions.insightId) when its theme already has an insight.',
  })
  createInsight(@CurrentUser() user: AuthUser, @Args('input') input: CreateInsightInput) {
    return this.service.create(user, input);
  }

  @Requires('insight:write', 'insightId', 'input.id')
  @Mutation(() => InsightType, {
    description:
      'Edits the title, body, status or tags; CONFLICT with the current insight (extensions.insight) when the version is stale.',
  })
  updateInsight(@CurrentUser() user: AuthUser, @Args('input') input: UpdateInsightInput) {
    return this.service.update(user, input);
  }

  @Requires('insight:write', 'insightId', 'id')
  @Mutation(() => ID, { description: 'Deletes the insight (not its highlights).' })
  deleteInsight(@CurrentUser() user: AuthUser, @Args('id', { type: () => ID }) id: string) {
    return this.service.delete(user, id);
  }

  @Requires('insight:write', 'insightId', 'input.insightId')
  @Mutation(() => InsightType, {
    description:
      "Adds highlights of the insight's project to its evidence, in the order given; one already there stays once.",
  })
  addEvidence(@CurrentUser() user: AuthUser, @Args('input') input: AddEvidenceInput) {
    return this.service.addEvidence(user, input);
  }

  @Requires('insight:write', 'insightId', 'input.insightId')
  @Mutation(() => InsightType, { description: 'Takes highlights off the evidence.' })
  removeEvidence(@CurrentUser() user: AuthUser, @Args('input') input: RemoveEvidenceInput) {
    return this.service.removeEvidence(user, input);
  }

  @Requires('insight:write', 'themeId', 'input.themeId')
  @Mutation(() => InsightType, {
    description:
      "Promotes a theme to an insight: the theme's title (unless one is given) and description, and the highlights of its cards as evidence. Once per theme: while that insight exists, promoting again returns it unchanged (Theme.insight).",
  })
  promoteTheme(@CurrentUser() user: AuthUser, @Args('input') input: PromoteThemeInput) {
    return this.service.promoteTheme(user, input);
  }

  @ResolveField(() => [InsightEvidenceType], {
    description: 'The highlights it rests on, in the order they were added.',
  })
  evidence(
    @Parent() insight: InsightType,
    @Loaders() loaders: RequestLoaders,
  ): Promise<InsightEvidenceType[]> {
    return loaders.load(this.evidenceOf, insight.id);
  }

  @ResolveField(() => InsightEvidenceCountType)
  evidenceCount(
    @Parent() insight: InsightType,
    @Loaders() loaders: RequestLoaders,
  ): Promise<InsightEvidenceCountType> {
    return loaders.load(this.countsOf, insight.id);
  }

  @ResolveField(() => [InsightTagType], { description: 'By name.' })
  tags(
    @Parent() insight: InsightType,
    @Loaders() loaders: RequestLoaders,
  ): Promise<InsightTagType[]> {
    return loaders.load(this.tagsOf, insight.id);
  }
}

/** The count of a page of insights, read only when the request selects it. */
@Resolver(() => InsightConnection)
export class InsightConnectionResolver {
  @ResolveField(() => Int, {
    description: `How many insights match, at most ${INSIGHT_COUNT_CAP.toLocaleString('en-US')}: see totalCountCapped.`,
  })
  async totalCount(@Parent() page: InsightPage): Promise<number> {
    return Math.min((await page.matches) ?? 0, INSIGHT_COUNT_CAP);
  }

  @ResolveField(() => Boolean, {
    description: `True when more than ${INSIGHT_COUNT_CAP.toLocaleString('en-US')} insights match (totalCount then says ${INSIGHT_COUNT_CAP.toLocaleString('en-US')}).`,
  })
  async totalCountCapped(@Parent() page: InsightPage): Promise<boolean> {
    return ((await page.matches) ?? 0) > INSIGHT_COUNT_CAP;
  }
}

/** A board's theme and the insight promoted from it. */
@Resolver(() => ThemeType)
export class ThemeInsightResolver {
  constructor(private readonly repo: InsightsRepository) {}

  // Given the ids of themes a guarded board query, mutation or live event returned.
  private readonly insightOf = batchById<InsightType | null>(
    (ids) => this.repo.ofThemes(ids),
    () => null,
  );

  @ResolveField(() => InsightType, {
    nullable: true,
    description:
      'The insight promoted from this theme, while it exists (promoteTheme then returns it instead of making another); null: none.',
  })
  insight(
    @Parent() theme: ThemeType,
    @Loaders() loaders: RequestLoaders,
  ): Promise<InsightType | null> {
    return loaders.load(this.insightOf, theme.id);
  }
}
