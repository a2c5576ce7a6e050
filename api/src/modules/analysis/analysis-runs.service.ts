import {
  Inject,
  Injectable,
  Logger,
  type OnModuleDestroy,
  type OnModuleInit,
} from '@nestjs/common';
import { type PubSubEngine } from 'graphql-subscriptions';
import { DataSource } from 'typeorm';
import { type AuthUser } from '../../common/auth/auth-user';
import { badInput, conflict, forbidden, notFound } from '../../common/errors/domain-error';
import { type Connection, type PageArgs } from '../../common/pagination/connection';
import { paginate } from '../../common/pagination/paginate';
import { PUB_SUB } from '../../common/pubsub/pubsub.module';
import { APP_CONFIG } from '../../config/config.module';
import { type AppConfig } from '../../config/env';
import { JobQueue } from '../../jobs/job-queue';
import { ActivityService } from '../activity/activity.service';
import { toUserType } from '../auth/auth.types';
import { ProjectEntity } from '../projects/project.entity';
import { analysisTopic, CANCEL_TOPIC, planJob, planJobId } from './analysis.jobs';
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
  private retentionTimer: NodeJS.Timeout | null = null;

  constructor(
    private readonly db: DataSource,
    private readonly jobs: JobQueue,
    private readonly providers: AnalysisProviders,
    private readonly activity: ActivityService,
    @Inject(PUB_SUB) private readonly pubsub: PubSubEngine,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async onModuleInit(): Promise<void> {
    this.cancelSubscription = await this.pubsub.subscribe(
      CANCEL_TOPIC,
      (message: { runId: string }) => this.abortLocal(message.runId),
      {},
    );
    const sweep = () =>
      this.deleteExpiredExchanges().catch((error: unknown) =>
        this.logger.warn(`audit retention: ${String(error)}`),
      );
    void sweep();
    this.retentionTimer = setInterval(sweep, 60 * 60 * 1000);
    this.retentionTimer.unref();
  }

  onModuleDestroy(): void {
    if (this.cancelSubscription !== null) this.pubsub.unsubscribe(this.cancelSubscription);
    if (this.retentionTimer) clearInterval(this.retentionTimer);
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
    const found: { id: string; status: string; project_id: string }[] = await this.db.query(
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
      const [{ n }] = (await this.db.query(
        `SELECT count(*)::int AS n FROM tag WHERE project_id = $1 AND NOT archived`,
        [project.id],
      )) as [{ n: number }];
      if (n === 0)
        throw badInput(
          'Applying the codebook needs tags: add some to the codebook first, or find new themes instead.',
        );
    }

    const runId = await this.db.transaction(async (tx) => {
      // One start at a time per project, so the active-run limit holds under concurrency.
      await tx.query(`SELECT id FROM project WHERE id = $1 FOR UPDATE`, [project.id]);
      const [{ n }] = (await tx.query(
        `SELECT count(*)::int AS n FROM analysis_run WHERE project_id = $1 AND status = ANY($2)`,
        [project.id, ACTIVE],
      )) as [{ n: number }];
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
    await this.queuePlan(runId);
    return this.get(runId);
  }

  /** Queues the run's planning; a plan still queued for the run is not queued twice. */
  async queuePlan(runId: string): Promise<void> {
    await this.jobs.enqueue(
      planJob(this.config.analysisJobs),
      { runId },
      { jobId: planJobId(runId) },
    );
  }

  /** Stops a queued or running run; suggestions already made stay for review. */
  async cancel(id: string): Promise<AnalysisRunType> {
    const rows: unknown[] = await this.db.query(
      `WITH c AS (UPDATE analysis_run SET status = 'CANCELLED', finished_at = now()
                   WHERE id = $1 AND status IN ('QUEUED', 'RUNNING') RETURNING id) SELECT id FROM c`,
      [id],
    );
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
    const titles: { id: string; title: string }[] = await this.db.query(
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

  async summary(run: AnalysisRunType): Promise<AnalysisRunSummaryType> {
    const rows: { status: string; n: number }[] = await this.db.query(
      `SELECT status, count(*)::int AS n FROM suggestion WHERE run_id = $1 GROUP BY status`,
      [run.id],
    );
    const count = (status: string) => rows.find((r) => r.status === status)?.n ?? 0;
    return {
      total: rows.reduce((sum, r) => sum + r.n, 0),
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

  async themes(runId: string): Promise<ProposedThemeType[]> {
    return this.db.query(
      `SELECT theme_name AS name, min(theme_definition) AS definition, count(*)::int AS "suggestionCount"
         FROM suggestion WHERE run_id = $1 AND theme_name IS NOT NULL GROUP BY theme_name ORDER BY count(*) DESC, theme_name`,
      [runId],
    );
  }

  async exchanges(runId: string): Promise<AnalysisExchangeType[]> {
    const rows: (Omit<AnalysisExchangeType, 'request' | 'response'> & {
      request: unknown;
      response: unknown;
    })[] = await this.db.query(
      `SELECT id, chunk_index AS "chunkIndex", endpoint, model, request, response, error, prompt_tokens AS "promptTokens",
              completion_tokens AS "completionTokens", duration_ms AS "durationMs", created_at AS "createdAt"
         FROM analysis_exchange WHERE run_id = $1 ORDER BY created_at, id`,
      [runId],
    );
    return rows.map((r) => ({
      ...r,
      request: JSON.stringify(r.request, null, 2),
      response: r.response === null ? null : JSON.stringify(r.response, null, 2),
    }));
  }

  /** Deletes what was sent to providers longer ago than AI_AUDIT_RETENTION. */
  async deleteExpiredExchanges(): Promise<number> {
    const rows: unknown[] = await this.db.query(
      `WITH d AS (DELETE FROM analysis_exchange WHERE created_at < now() - make_interval(secs => $1) RETURNING 1) SELECT 1 FROM d`,
      [this.config.llm.auditRetentionSeconds],
    );
    return rows.length;
  }

  /** Sends the run's current state to the project's subscribers and returns it. */
  async publish(runId: string): Promise<AnalysisRunType> {
    const run = await this.get(runId);
    await this.pubsub.publish(analysisTopic(run.projectId), { analysisRunUpdated: run });
    return run;
  }

  async aiSettings(projectId: string): Promise<ProjectAiSettingsType> {
    const project = await this.db.getRepository(ProjectEntity).findOneBy({ id: projectId });
    if (!project) throw notFound('Project');
    const provider = this.providers.defaultFor(project);
    return {
      aiAllowed: project.aiAllowed,
      redactEmails: project.redactEmails,
      redactPhones: project.redactPhones,
      redactNames: project.redactNames,
      openAiConfigured: this.providers.openAi !== null,
      defaultProvider: provider.kind,
      defaultProviderLabel: provider.label,
    };
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
      await tx.update(ProjectEntity, { id: project.id }, changes);
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
