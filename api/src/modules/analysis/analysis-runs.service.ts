import {
  Inject,
  Injectable,
  Logger,
  type OnModuleDestroy,
  type OnModuleInit,
} from '@nestjs/common';
import { type PubSubEngine } from 'graphql-subscriptions';
import { DataSource, In } from 'typeorm';
import { type AuthUser } from '../../common/auth/auth-user';
import { badInput, conflict, forbidden, notFound } from '../../common/errors/domain-error';
import {
  EXCHANGE_TABLES,
  listProviderExchanges,
  providerExchangeBody,
} from '../../common/ai-audit/provider-exchanges';
import { type Connection, type PageArgs } from '../../common/pagination/connection';
import { paginate } from '../../common/pagination/paginate';
import { PUB_SUB } from '../../common/pubsub/pubsub.module';
import { APP_CONFIG } from '../../config/config.module';
import { type AppConfig } from '../../config/env';
import { JobQueue } from '../../jobs/job-queue';
import { executeSql, queryFirstRow, queryOneRow, queryRows } from '../../database/sql';
import { ActivityService } from '../activity/activity.service';
import { toUserType } from '../auth/auth.types';
import { ProjectEntity } from '../projects/project.entity';
import { ProjectsService } from '../projects/projects.service';
import { analysisTopic, CANCEL_TOPIC, queueChunkJob, queuePlanJob } from './analysis.jobs';
import {
  AnalysisMode,
  AnalysisProviderKind,
  AnalysisRunEntity,
  AnalysisRunStatus,
} from './analysis-run.entity';
import {
  type AnalysisExchangeType,
  type AnalysisRunSummaryType,
  type InvalidReasonCountType,
  type AnalysisRunType,
  type AnalysisUsageType,
  type ProjectAiSettingsType,
  type ProposedThemeType,
  type StartAnalysisInput,
  type UpdateProjectAiSettingsInput,
} from './analysis.types';
import { InvalidReason } from './proposal-pipeline';
import { AnalysisProviders } from './providers/analysis-providers';
import { providerLabel } from './providers/analysis-provider';
import { RunFinishedNotices } from './run-finished-notices';
import { estimateCostUsd } from './providers/openai.provider';

/** At most this many runs of one project are queued or running at once. */
export const MAX_ACTIVE_RUNS = 3;
const ACTIVE = [AnalysisRunStatus.QUEUED, AnalysisRunStatus.RUNNING];

/** Analysis runs: start, cancel, read; and the project's AI settings. Work happens in AnalysisWorker. */
@Injectable()
export class AnalysisRunsService implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger('AnalysisRuns');
  /** Requests in flight in this process, by run, aborted when the run is cancelled. */
  private readonly controllers = new Map<string, Set<AbortController>>();
  private cancelSubscription: number | null = null;

  constructor(
    private readonly db: DataSource,
    private readonly jobs: JobQueue,
    private readonly providers: AnalysisProviders,
    private readonly activity: ActivityService,
    private readonly projects: ProjectsService,
    private readonly finished: RunFinishedNotices,
    @Inject(PUB_SUB) private readonly pubsub: PubSubEngine,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async onModuleInit(): Promise<void> {
    this.cancelSubscription = await this.pubsub.subscribe(
      CANCEL_TOPIC,
      (message: { runId: string }) => this.abortLocal(message.runId),
      {},
    );
  }

  onModuleDestroy(): void {
    if (this.cancelSubscription !== null) this.pubsub.unsubscribe(this.cancelSubscription);
  }

  async start(user: AuthUser, input: StartAnalysisInput): Promise<AnalysisRunType> {
    const project = await this.db.getRepository(ProjectEntity).findOneBy({ id: input.projectId });
    if (!project) throw notFound('Project');
    const provider = input.provider
      ? this.providers.get(input.provider)
      : this.providers.defaultFor(project);
    if (!provider)
      throw badInput(
        'No OpenAI-compatible provider is configured on this server (OPENAI_API_KEY); use the offline tagger.',
      );
    if (provider.kind === AnalysisProviderKind.OPENAI && !project.aiAllowed) {
      throw forbidden(
        'AI is not allowed for this project: an owner can allow it in the project’s AI settings. The offline tagger is available.',
      );
    }
    const transcriptIds = [...new Set(input.transcriptIds)];
    const found = await queryRows<{ id: string; status: string; project_id: string }>(
      this.db,
      `SELECT id, status, project_id FROM transcript WHERE id = ANY($1::uuid[])`,
      [transcriptIds],
    );
    const inProject = found.filter((t) => t.project_id === project.id);
    if (inProject.length !== transcriptIds.length) throw notFound('Transcript');
    const notReady = inProject.filter((t) => t.status !== 'READY');
    if (notReady.length)
      throw badInput(
        `${notReady.length} of the transcripts are not ready yet; wait until they are processed.`,
      );
    if (input.mode === AnalysisMode.DEDUCTIVE) {
      const { n } = await queryOneRow<{ n: number }>(
        this.db,
        `SELECT count(*)::int AS n FROM tag WHERE project_id = $1 AND NOT archived`,
        [project.id],
      );
      if (n === 0)
        throw badInput(
          'Applying the codebook needs tags: add some to the codebook first, or find new themes instead.',
        );
    }

    const runId = await this.db.transaction(async (tx) => {
      // One start at a time per project, so the active-run limit holds under concurrency.
      await executeSql(tx, `SELECT id FROM project WHERE id = $1 FOR UPDATE`, [project.id]);
      const { n } = await queryOneRow<{ n: number }>(
        tx,
        `SELECT count(*)::int AS n FROM analysis_run WHERE project_id = $1 AND status = ANY($2)`,
        [project.id, ACTIVE],
      );
      if (n >= MAX_ACTIVE_RUNS)
        throw conflict(
          `This project already has ${n} analyses queued or running; wait for one to finish or cancel it.`,
        );
      const run = await tx.save(
        tx.create(AnalysisRunEntity, {
          projectId: project.id,
          mode: input.mode,
          provider: provider.kind,
          model: provider.model,
          endpoint: provider.endpoint,
          transcriptIds,
          redaction: {
            emails: project.redactEmails,
            phones: project.redactPhones,
            names: project.redactNames,
          },
          createdById: user.id,
        }),
      );
      await this.activity.record(tx, {
        workspaceId: project.workspaceId,
        projectId: project.id,
        actorId: user.id,
        verb: 'analysis.started',
        summary: `${user.name} started ${input.mode === AnalysisMode.DEDUCTIVE ? 'applying the codebook' : 'finding themes'} on ${transcriptIds.length} transcript(s)`,
        data: { runId: run.id, mode: input.mode, provider: provider.kind },
      });
      return run.id;
    });
    await this.queuePlan(runId, 0);
    return this.get(runId);
  }

  /** Queues the run's planning; a plan still queued for the run is not queued twice. */
  queuePlan(runId: string, generation: number): Promise<void> {
    return queuePlanJob(this.jobs, this.config.analysisJobs, runId, generation);
  }

  /**
   * Runs again what failed of a run. Its FAILED parts are queued again (under new job
   * generations) and the run is RUNNING until they finish; a run that failed before any part
   * was planned is planned again. Suggestions already made stay. CONFLICT when nothing failed,
   * for cancelled runs, or when the project already has MAX_ACTIVE_RUNS active.
   */
  async retry(user: AuthUser, id: string): Promise<AnalysisRunType> {
    const queued = await this.db.transaction(async (tx) => {
      const found = await queryFirstRow<{ project_id: string }>(
        tx,
        `SELECT project_id FROM analysis_run WHERE id = $1`,
        [id],
      );
      if (!found) throw notFound('Analysis run');
      // The project's row first, as start() does, so the active-run limit holds under concurrency.
      const project = await tx
        .getRepository(ProjectEntity)
        .findOne({ where: { id: found.project_id }, lock: { mode: 'pessimistic_write' } });
      if (!project) throw notFound('Project');
      const run = await tx
        .getRepository(AnalysisRunEntity)
        .findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!run) throw notFound('Analysis run');
      const failedParts = run.status === AnalysisRunStatus.COMPLETED && run.chunksFailed > 0;
      if (run.status !== AnalysisRunStatus.FAILED && !failedParts) {
        throw conflict(
          run.status === AnalysisRunStatus.COMPLETED
            ? 'Every part of this analysis succeeded: there is nothing to retry.'
            : `This analysis is ${run.status.toLowerCase()}; only a failed analysis, or one with failed parts, can be retried.`,
        );
      }
      if (run.provider === AnalysisProviderKind.OPENAI && !project.aiAllowed) {
        throw forbidden('AI is no longer allowed for this project; an owner can allow it again.');
      }
      const { n } = await queryOneRow<{ n: number }>(
        tx,
        `SELECT count(*)::int AS n FROM analysis_run WHERE project_id = $1 AND status = ANY($2)`,
        [project.id, ACTIVE],
      );
      if (n >= MAX_ACTIVE_RUNS) {
        throw conflict(
          `This project already has ${n} analyses queued or running; wait for one to finish or cancel it.`,
        );
      }
      const chunks = await queryRows<{ index: number; generation: number }>(
        tx,
        `WITH c AS (
           UPDATE analysis_chunk SET status = 'PENDING', error = NULL, attempts = 0, requeues = 0, postponements = 0,
                  job_generation = job_generation + 1
            WHERE run_id = $1 AND status = 'FAILED' RETURNING index, job_generation)
         SELECT index, job_generation AS generation FROM c ORDER BY index`,
        [id],
      );
      const plan = chunks.length
        ? []
        : await queryRows<{ generation: number }>(
            tx,
            `WITH r AS (UPDATE analysis_run SET job_generation = job_generation + 1 WHERE id = $1 RETURNING job_generation)
             SELECT job_generation AS generation FROM r`,
            [id],
          );
      await executeSql(
        tx,
        `UPDATE analysis_run SET status = $2::analysis_run_status, chunks_failed = chunks_failed - $3,
                error = NULL, finished_at = NULL, requeues = 0
          WHERE id = $1`,
        [id, chunks.length ? AnalysisRunStatus.RUNNING : AnalysisRunStatus.QUEUED, chunks.length],
      );
      await this.activity.record(tx, {
        workspaceId: project.workspaceId,
        projectId: project.id,
        actorId: user.id,
        verb: 'analysis.retried',
        summary: chunks.length
          ? `${user.name} retried ${chunks.length} failed part(s) of an analysis`
          : `${user.name} retried an analysis`,
        data: { runId: id, parts: chunks.length },
      });
      return { chunks, planGeneration: plan[0]?.generation ?? null };
    });
    // Announced before the jobs are queued, so no update of theirs can come before it.
    const run = await this.publish(id);
    for (const c of queued.chunks) {
      await queueChunkJob(this.jobs, this.config.analysisJobs, id, c.index, c.generation);
    }
    if (queued.planGeneration !== null) await this.queuePlan(id, queued.planGeneration);
    return run;
  }

  /**
   * Stops a queued or running run; suggestions already made stay for review. Its starter is told
   * when someone else cancelled it.
   */
  async cancel(user: AuthUser, id: string): Promise<AnalysisRunType> {
    const rows = await this.db.transaction(async (tx) => {
      const cancelled = await queryRows<object>(
        tx,
        `WITH c AS (UPDATE analysis_run SET status = 'CANCELLED', finished_at = now()
                     WHERE id = $1 AND status IN ('QUEUED', 'RUNNING') RETURNING id) SELECT id FROM c`,
        [id],
      );
      if (cancelled.length) await this.finished.notify(tx, id, user);
      return cancelled;
    });
    if (!rows.length) {
      const run = await this.get(id);
      throw conflict(
        `This analysis has already ${run.status === AnalysisRunStatus.CANCELLED ? 'been cancelled' : 'finished'}.`,
      );
    }
    await this.pubsub.publish(CANCEL_TOPIC, { runId: id });
    this.abortLocal(id);
    return this.publish(id);
  }

  /** An AbortSignal for a request of this run, aborted on cancel; call `release` when done. */
  track(runId: string): { signal: AbortSignal; release: () => void } {
    const controller = new AbortController();
    const set = this.controllers.get(runId) ?? new Set();
    set.add(controller);
    this.controllers.set(runId, set);
    return {
      signal: controller.signal,
      release: () => {
        set.delete(controller);
        if (!set.size) this.controllers.delete(runId);
      },
    };
  }

  private abortLocal(runId: string): void {
    for (const controller of this.controllers.get(runId) ?? [])
      controller.abort(new Error('The analysis was cancelled.'));
  }

  async get(id: string): Promise<AnalysisRunType> {
    const [run] = await this.getMany([id]);
    if (!run) throw notFound('Analysis run');
    return run;
  }

  async list(projectId: string, page: PageArgs): Promise<Connection<AnalysisRunType>> {
    const runs = await paginate(
      this.runQuery().where('r.projectId = :projectId', { projectId }),
      page,
      (r) => r,
    );
    const nodes = await this.toTypes(runs.edges.map((e) => e.node));
    return { ...runs, edges: runs.edges.map((e, i) => ({ cursor: e.cursor, node: nodes[i]! })) };
  }

  async getMany(ids: string[]): Promise<AnalysisRunType[]> {
    if (!ids.length) return [];
    const runs = await this.runQuery()
      .where('r.id IN (:...ids)', { ids })
      .orderBy('r.createdAt', 'DESC')
      .addOrderBy('r.id', 'DESC')
      .getMany();
    return this.toTypes(runs);
  }

  private runQuery() {
    return this.db
      .getRepository(AnalysisRunEntity)
      .createQueryBuilder('r')
      .leftJoinAndSelect('r.createdBy', 'u');
  }

  private async toTypes(runs: AnalysisRunEntity[]): Promise<AnalysisRunType[]> {
    const titles = await queryRows<{ id: string; title: string }>(
      this.db,
      `SELECT id, title FROM transcript WHERE id = ANY($1::uuid[])`,
      [[...new Set(runs.flatMap((r) => r.transcriptIds))]],
    );
    const titleOf = new Map(titles.map((t) => [t.id, t.title]));
    return runs.map((r) => ({
      id: r.id,
      projectId: r.projectId,
      mode: r.mode,
      status: r.status,
      provider: r.provider,
      providerLabel: providerLabel(r.provider, r.model, r.endpoint),
      model: r.model,
      endpoint: r.endpoint,
      progress: r.chunksTotal
        ? (r.chunksDone + r.chunksFailed) / r.chunksTotal
        : r.status === AnalysisRunStatus.COMPLETED
          ? 1
          : 0,
      chunksDone: r.chunksDone,
      chunksFailed: r.chunksFailed,
      chunksTotal: r.chunksTotal,
      // Transcripts deleted since the run are left out.
      transcripts: r.transcriptIds.flatMap((id) =>
        titleOf.has(id) ? [{ id, title: titleOf.get(id)! }] : [],
      ),
      error: r.error,
      createdBy: r.createdBy ? toUserType(r.createdBy) : null,
      createdAt: r.createdAt,
      startedAt: r.startedAt,
      finishedAt: r.finishedAt,
      droppedUngrounded: r.droppedUngrounded,
      rejectedInvalid: r.rejectedInvalid,
      invalidReasons: r.invalidReasons,
      skippedDuplicates: r.skippedDuplicates,
      promptTokens: r.promptTokens,
      completionTokens: r.completionTokens,
      requests: r.requests,
    }));
  }

  /** The suggestions of each of these runs counted by status, in one query. */
  async suggestionCounts(runIds: string[]): Promise<Map<string, SuggestionCounts>> {
    const rows = await queryRows<{ run_id: string; status: string; n: number }>(
      this.db,
      `SELECT run_id, status, count(*)::int AS n FROM suggestion WHERE run_id = ANY($1::uuid[]) GROUP BY run_id, status`,
      [runIds],
    );
    const counts = new Map<string, SuggestionCounts>();
    for (const r of rows) counts.set(r.run_id, { ...counts.get(r.run_id), [r.status]: r.n });
    return counts;
  }

  summary(run: AnalysisRunType, counts: SuggestionCounts): AnalysisRunSummaryType {
    const count = (status: string) => counts[status] ?? 0;
    return {
      total: Object.values(counts).reduce((sum: number, n) => sum + (n ?? 0), 0),
      pending: count('PENDING'),
      accepted: count('ACCEPTED'),
      rejected: count('REJECTED'),
      droppedUngrounded: run.droppedUngrounded,
      rejectedInvalid: run.rejectedInvalid,
      invalidReasons: invalidReasonCounts(run.invalidReasons),
      skippedDuplicates: run.skippedDuplicates,
    };
  }

  usage(run: AnalysisRunType): AnalysisUsageType {
    const usage = { promptTokens: run.promptTokens, completionTokens: run.completionTokens };
    return {
      ...usage,
      requests: run.requests,
      estimatedCostUsd: estimateCostUsd(run.model, usage, this.config.llm.price),
    };
  }

  /** The themes proposed by each of these runs, most suggested first, in one query. */
  async themes(runIds: string[]): Promise<Map<string, ProposedThemeType[]>> {
    const rows = await queryRows<ProposedThemeType & { runId: string }>(
      this.db,
      `SELECT run_id AS "runId", theme_name AS name, min(theme_definition) AS definition, count(*)::int AS "suggestionCount"
         FROM suggestion WHERE run_id = ANY($1::uuid[]) AND theme_name IS NOT NULL
        GROUP BY run_id, theme_name ORDER BY count(*) DESC, theme_name`,
      [runIds],
    );
    const themes = new Map<string, ProposedThemeType[]>();
    for (const { runId, ...theme } of rows)
      themes.set(runId, [...(themes.get(runId) ?? []), theme]);
    return themes;
  }

  /** The audit of a run, newest first, a page at a time (bodies cut to AUDIT_PREVIEW_CHARS). */
  async exchanges(runId: string, page: PageArgs): Promise<Connection<AnalysisExchangeType>> {
    const found = await listProviderExchanges(this.db, EXCHANGE_TABLES.analysis, runId, page);
    return {
      ...found,
      edges: found.edges.map(({ cursor, node: { label, ...node } }) => ({
        cursor,
        node: { ...node, chunkIndex: Number(label) },
      })),
    };
  }

  /** One whole body of an audit entry, for download; NOT_FOUND unless it belongs to the run. */
  async exchangeBody(
    runId: string,
    exchangeId: string,
    part: 'request' | 'response',
  ): Promise<{ body: string; complete: boolean; chunkIndex: number }> {
    const { label, ...body } = await providerExchangeBody(
      this.db,
      EXCHANGE_TABLES.analysis,
      runId,
      exchangeId,
      part,
    );
    return { ...body, chunkIndex: Number(label) };
  }

  /** Sends the run's current state to the project's subscribers and returns it. */
  async publish(runId: string): Promise<AnalysisRunType> {
    const run = await this.get(runId);
    await this.pubsub.publish(analysisTopic(run.projectId), { analysisRunUpdated: run });
    return run;
  }

  async aiSettings(projectId: string): Promise<ProjectAiSettingsType> {
    const settings = (await this.aiSettingsOf([projectId])).get(projectId);
    if (!settings) throw notFound('Project');
    return settings;
  }

  /** The AI settings of each of these projects, in one query. */
  async aiSettingsOf(projectIds: string[]): Promise<Map<string, ProjectAiSettingsType>> {
    const projects = await this.db.getRepository(ProjectEntity).findBy({ id: In(projectIds) });
    return new Map(
      projects.map((project) => {
        const provider = this.providers.defaultFor(project);
        return [
          project.id,
          {
            aiAllowed: project.aiAllowed,
            redactEmails: project.redactEmails,
            redactPhones: project.redactPhones,
            redactNames: project.redactNames,
            openAiConfigured: this.providers.openAi !== null,
            defaultProvider: provider.kind,
            defaultProviderLabel: provider.label,
          },
        ];
      }),
    );
  }

  async updateAiSettings(
    user: AuthUser,
    input: UpdateProjectAiSettingsInput,
  ): Promise<ProjectAiSettingsType> {
    const changes: Partial<ProjectEntity> = {};
    for (const key of ['aiAllowed', 'redactEmails', 'redactPhones', 'redactNames'] as const) {
      const value = input[key];
      if (typeof value === 'boolean') changes[key] = value;
    }
    await this.db.transaction(async (tx) => {
      const project = await tx.getRepository(ProjectEntity).findOneBy({ id: input.projectId });
      if (!project) throw notFound('Project');
      if (!Object.keys(changes).length) return;
      await this.projects.setAiSettings(tx, project.id, changes);
      await this.activity.record(tx, {
        workspaceId: project.workspaceId,
        projectId: project.id,
        actorId: user.id,
        verb: 'project.ai_settings',
        summary: `${user.name} changed the AI settings of ${project.name}`,
        data: changes,
      });
    });
    return this.aiSettings(input.projectId);
  }
}

/** Suggestions of a run by status (PENDING, ACCEPTED, REJECTED); a status without any is absent. */
export type SuggestionCounts = Partial<Record<string, number>>;

/** A run's invalid counts by reason as a list, most frequent first (unknown reasons left out). */
function invalidReasonCounts(
  counts: Partial<Record<string, number>> | null | undefined,
): InvalidReasonCountType[] {
  return Object.entries(counts ?? {})
    .filter(
      (e): e is [InvalidReason, number] =>
        Object.values(InvalidReason).includes(e[0] as InvalidReason) && (e[1] ?? 0) > 0,
    )
    .map(([reason, count]) => ({ reason, count }))
    .sort((a, b) => b.count - a.count || a.reason.localeCompare(b.reason));
}
