import { Inject } from '@nestjs/common';
import { Args, ID, Int, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { type PubSubEngine } from 'graphql-subscriptions';
import { AccessService } from '../../common/access/access.service';
import { LiveSubscription } from '../../common/access/live-subscription';
import { Requires } from '../../common/access/policy.decorator';
import { type AuthUser } from '../../common/auth/auth-user';
import { CurrentUser } from '../../common/auth/current-user.decorator';
import { notFound } from '../../common/errors/domain-error';
import { Loaders } from '../../common/loaders/loaders.decorator';
import { batchById, type RequestLoaders } from '../../common/loaders/request-loaders';
import { type Connection } from '../../common/pagination/connection';
import { PUB_SUB } from '../../common/pubsub/pubsub.module';
import { ProjectType } from '../projects/projects.types';
import { analysisTopic } from './analysis.jobs';
import { AnalysisRunsService, type SuggestionCounts } from './analysis-runs.service';
import {
  AnalysisExchangeConnection,
  type AnalysisExchangeType,
  AnalysisRunConnection,
  AnalysisRunSummaryType,
  AnalysisRunType,
  AnalysisUsageType,
  ProjectAiSettingsType,
  ProposedThemeType,
  StartAnalysisInput,
  UpdateProjectAiSettingsInput,
} from './analysis.types';

@Resolver(() => AnalysisRunType)
export class AnalysisResolver {
  constructor(
    private readonly runs: AnalysisRunsService,
    private readonly access: AccessService,
    @Inject(PUB_SUB) private readonly pubsub: PubSubEngine,
  ) {}

  private readonly suggestionCounts = batchById(
    (runIds) => this.runs.suggestionCounts(runIds),
    (): SuggestionCounts => ({}),
  );

  private readonly themesOf = batchById(
    (runIds) => this.runs.themes(runIds),
    (): ProposedThemeType[] => [],
  );

  @Requires('analysis:run', 'projectId', 'input.projectId')
  @Mutation(() => AnalysisRunType, {
    description:
      'Queues an analysis of some of the project’s transcripts; suggestions appear as its chunks finish.',
  })
  startAnalysis(
    @CurrentUser() user: AuthUser,
    @Args('input') input: StartAnalysisInput,
  ): Promise<AnalysisRunType> {
    return this.runs.start(user, input);
  }

  @Requires('analysis:run', 'analysisRunId', 'id')
  @Mutation(() => AnalysisRunType, {
    description: 'Stops a queued or running analysis; its suggestions so far stay for review.',
  })
  cancelAnalysis(
    @CurrentUser() user: AuthUser,
    @Args('id', { type: () => ID }) id: string,
  ): Promise<AnalysisRunType> {
    return this.runs.cancel(user, id);
  }

  @Requires('analysis:run', 'analysisRunId', 'id')
  @Mutation(() => AnalysisRunType, {
    description:
      'Runs the failed parts of an analysis again (or plans again one that failed before it started); CONFLICT when nothing failed.',
  })
  retryAnalysisRun(
    @CurrentUser() user: AuthUser,
    @Args('id', { type: () => ID }) id: string,
  ): Promise<AnalysisRunType> {
    return this.runs.retry(user, id);
  }

  @Requires('project:read', 'analysisRunId', 'id')
  @Query(() => AnalysisRunType)
  analysisRun(@Args('id', { type: () => ID }) id: string): Promise<AnalysisRunType> {
    return this.runs.get(id);
  }

  @Requires('project:read', 'projectId')
  @Query(() => AnalysisRunConnection, { description: 'The project’s analysis runs, newest first.' })
  analysisRuns(
    @Args('projectId', { type: () => ID }) projectId: string,
    @Args('first', { type: () => Int, nullable: true, defaultValue: 20 }) first: number,
    @Args('after', { type: () => String, nullable: true }) after?: string,
  ): Promise<Connection<AnalysisRunType>> {
    return this.runs.list(projectId, { first, after });
  }

  @LiveSubscription(() => AnalysisRunType, {
    requires: { action: 'project:read', target: 'projectId' },
    description: 'Progress, status and review counts of the project’s analysis runs.',
    resolve: (payload: { analysisRunUpdated: AnalysisRunType }) => payload.analysisRunUpdated,
  })
  analysisRunUpdated(
    @Args('projectId', { type: () => ID }) projectId: string,
  ): AsyncIterator<unknown> {
    return this.pubsub.asyncIterableIterator(analysisTopic(projectId));
  }

  @Requires('ai:configure', 'projectId', 'input.projectId')
  @Mutation(() => ProjectAiSettingsType, {
    description: 'Whether AI may be used on the project, and what is redacted first (owners).',
  })
  updateProjectAiSettings(
    @CurrentUser() user: AuthUser,
    @Args('input') input: UpdateProjectAiSettingsInput,
  ): Promise<ProjectAiSettingsType> {
    return this.runs.updateAiSettings(user, input);
  }

  /*
   * Fields of many runs load through the operation's DataLoaders, keyed by the ids of runs the
   * parent field (analysisRun, analysisRuns, a mutation or analysisRunUpdated) has already shown
   * the caller: they need no access check of their own.
   */

  @ResolveField(() => AnalysisRunSummaryType)
  async summary(
    @Parent() run: AnalysisRunType,
    @Loaders() loaders: RequestLoaders,
  ): Promise<AnalysisRunSummaryType> {
    return this.runs.summary(run, await loaders.load(this.suggestionCounts, run.id));
  }

  @ResolveField(() => AnalysisUsageType)
  usage(@Parent() run: AnalysisRunType): AnalysisUsageType {
    return this.runs.usage(run);
  }

  @ResolveField(() => [ProposedThemeType], {
    description: 'INDUCTIVE runs: the themes proposed, with how many suggestions each.',
  })
  themes(
    @Parent() run: AnalysisRunType,
    @Loaders() loaders: RequestLoaders,
  ): Promise<ProposedThemeType[]> {
    return loaders.load(this.themesOf, run.id);
  }

  @ResolveField(() => AnalysisExchangeConnection, {
    description:
      'The audit, newest first: what was sent to the provider (after redaction), where, and what came back. OWNERs and EDITORs only.',
  })
  async exchanges(
    @CurrentUser() user: AuthUser,
    @Parent() run: AnalysisRunType,
    @Args('first', { type: () => Int, nullable: true, defaultValue: 20 }) first: number,
    @Args('after', { type: () => String, nullable: true }) after?: string,
  ): Promise<Connection<AnalysisExchangeType>> {
    await this.access.require(user, 'analysis:audit', { analysisRunId: run.id });
    return this.runs.exchanges(run.id, { first, after });
  }
}

@Resolver(() => ProjectType)
export class ProjectAiSettingsResolver {
  constructor(private readonly runs: AnalysisRunsService) {}

  private readonly aiSettingsOf = batchById(
    (projectIds) => this.runs.aiSettingsOf(projectIds),
    (): ProjectAiSettingsType | null => null,
  );

  /** Keyed by the ids of projects the parent field (project, projects, …) has shown the caller. */
  @ResolveField(() => ProjectAiSettingsType, {
    description: 'Whether AI may be used on this project and which provider a run uses.',
  })
  async aiSettings(
    @Parent() project: ProjectType,
    @Loaders() loaders: RequestLoaders,
  ): Promise<ProjectAiSettingsType> {
    const settings = await loaders.load(this.aiSettingsOf, project.id);
    if (!settings) throw notFound('Project');
    return settings;
  }
}
