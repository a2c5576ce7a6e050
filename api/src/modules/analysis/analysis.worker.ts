import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnModuleInit,
} from '@nestjs/common';
import { type LlmExchange, type TurnText } from '@verbatim/analysis';
import { DataSource, type EntityManager } from 'typeorm';
import { APP_CONFIG } from '../../config/config.module';
import { type AppConfig } from '../../config/env';
import { type JobContext, JobQueue } from '../../jobs/job-queue';
import {
  type AnalyseChunkJob,
  chunkJob,
  chunkJobId,
  type PlanAnalysisJob,
  planJob,
} from './analysis.jobs';
import { AnalysisChunkEntity, ChunkStatus } from './analysis-chunk.entity';
import {
  loadBackground,
  loadCodebook,
  loadExistingHighlights,
  loadExistingSuggestions,
  loadParticipantNames,
  loadTurns,
} from './analysis-data';
import { AnalysisMode, AnalysisRunEntity, AnalysisRunStatus } from './analysis-run.entity';
import { AnalysisRunsService } from './analysis-runs.service';
import {
  ADD_INVALID_REASONS,
  dedupe,
  groundProposals,
  type PipelineResult,
} from './proposal-pipeline';
import { SuggestionEntity } from './suggestion.entity';
import { type ChunkOutput } from './providers/analysis-provider';
import { AnalysisProviders } from './providers/analysis-providers';
import { exchangesOf } from './providers/openai.provider';

/**
 * The processors of an analysis run. Plan: cut the transcripts into chunks (rows, then one job
 * each). Chunk: ask the provider, ground and validate its proposals, and commit the suggestions
 * together with the chunk's DONE mark and the run's counters — so a chunk retried after a crash
 * either redoes uncommitted work or finds itself DONE, and never stores anything twice.
 * Chunks of one transcript commit one at a time (an advisory lock), so overlapping chunks
 * de-duplicate against each other; chunks of different transcripts commit side by side.
 */
@Injectable()
export class AnalysisWorker implements OnModuleInit, OnApplicationBootstrap {
  private readonly logger = new Logger('AnalysisWorker');

  constructor(
    private readonly db: DataSource,
    private readonly jobs: JobQueue,
    private readonly providers: AnalysisProviders,
    private readonly runs: AnalysisRunsService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onModuleInit(): void {
    this.jobs.process(planJob(this.config.analysisJobs), (job, ctx) => this.plan(job, ctx));
    this.jobs.process(chunkJob(this.config.analysisJobs), (job, ctx) =>
      this.analyseChunk(job, ctx),
    );
  }

  /**
   * Plans again the runs a restart interrupted: in-process jobs die with the process, and Redis
   * may have lost BullMQ's. Planning is idempotent and queues only the chunks not yet done; jobs
   * still queued keep their ids, so nothing is queued twice.
   */
  async onApplicationBootstrap(): Promise<void> {
    if (!this.config.role.worker) return;
    const rows: { id: string }[] = await this.db.query(
      `SELECT id FROM analysis_run WHERE status IN ('QUEUED', 'RUNNING') ORDER BY created_at`,
    );
    for (const { id } of rows) await this.runs.queuePlan(id);
    if (rows.length)
      this.logger.log(`requeued ${rows.length} analysis run(s) interrupted by a restart`);
  }

  async plan(job: PlanAnalysisJob, ctx: JobContext): Promise<void> {
    const run = await this.db.getRepository(AnalysisRunEntity).findOneBy({ id: job.runId });
    if (
      !run ||
      (run.status !== AnalysisRunStatus.QUEUED && run.status !== AnalysisRunStatus.RUNNING)
    )
      return;
    try {
      const provider = this.providers.get(run.provider);
      if (!provider)
        throw new Error('The provider of this run is no longer configured on the server.');
      const transcripts: { id: string; turns: TurnText[] }[] = [];
      for (const id of run.transcriptIds)
        transcripts.push({ id, turns: (await loadTurns(this.db.manager, id)).turns });
      const chunks = transcripts.flatMap(({ id, turns }) =>
        provider.chunk(turns).map((range) => ({ transcriptId: id, ...range })),
      );
      const plan = await provider.prepare({ runId: run.id, mode: run.mode, transcripts });
      await this.db.transaction(async (tx) => {
        // Indexes are deterministic for the same transcripts, so a re-planned run keeps its rows.
        if (chunks.length) {
          await tx
            .createQueryBuilder()
            .insert()
            .into(AnalysisChunkEntity)
            .values(chunks.map((c, index) => ({ runId: run.id, index, ...c })))
            .orIgnore()
            .execute();
        }
        await tx.query(
          `UPDATE analysis_run SET status = CASE WHEN $3 = 0 THEN 'COMPLETED'::analysis_run_status ELSE 'RUNNING'::analysis_run_status END,
                  chunks_total = $3, plan = $2::jsonb, started_at = coalesce(started_at, now()),
                  finished_at = CASE WHEN $3 = 0 THEN now() ELSE NULL END
            WHERE id = $1 AND status IN ('QUEUED', 'RUNNING')`,
          [run.id, JSON.stringify(plan), chunks.length],
        );
      });
      const pending: { index: number }[] = await this.db.query(
        `SELECT index FROM analysis_chunk WHERE run_id = $1 AND status = 'PENDING' ORDER BY index`,
        [run.id],
      );
      for (const { index } of pending) {
        await this.jobs.enqueue(
          chunkJob(this.config.analysisJobs),
          { runId: run.id, chunkIndex: index },
          { jobId: chunkJobId(run.id, index) },
        );
      }
      await this.runs.publish(run.id);
    } catch (error) {
      if (!ctx.isFinalAttempt) throw error;
      await this.db.query(
        `UPDATE analysis_run SET status = 'FAILED', error = $2, finished_at = now() WHERE id = $1 AND status IN ('QUEUED', 'RUNNING')`,
        [run.id, `Planning failed: ${messageOf(error)}`],
      );
      await this.runs.publish(run.id);
    }
  }

  async analyseChunk(job: AnalyseChunkJob, ctx: JobContext): Promise<void> {
    const run = await this.db.getRepository(AnalysisRunEntity).findOneBy({ id: job.runId });
    if (!run || run.status !== AnalysisRunStatus.RUNNING) return;
    const chunk = await this.db
      .getRepository(AnalysisChunkEntity)
      .findOneBy({ runId: job.runId, index: job.chunkIndex });
    if (!chunk || chunk.status !== ChunkStatus.PENDING) return;
    await this.db.query(
      `UPDATE analysis_chunk SET attempts = attempts + 1 WHERE run_id = $1 AND index = $2`,
      [run.id, chunk.index],
    );

    const provider = this.providers.get(run.provider);
    const { turns, segmentIds } = await loadTurns(this.db.manager, chunk.transcriptId);
    const codebook =
      run.mode === AnalysisMode.DEDUCTIVE ? await loadCodebook(this.db.manager, run.projectId) : [];
    const tracked = this.runs.track(run.id);
    let output: ChunkOutput;
    try {
      if (!provider)
        throw new Error('The provider of this run is no longer configured on the server.');
      output = await provider.analyse({
        runId: run.id,
        mode: run.mode,
        redaction: run.redaction,
        transcriptId: chunk.transcriptId,
        chunk,
        turns,
        codebook,
        background:
          run.mode === AnalysisMode.DEDUCTIVE &&
          provider.usesBackground &&
          !provider.hasModelFor?.(run.id)
            ? await loadBackground(this.db.manager, run.projectId, run.transcriptIds)
            : [],
        participantNames: run.redaction.names
          ? await loadParticipantNames(this.db.manager, chunk.transcriptId)
          : [],
        plan: run.plan,
        signal: tracked.signal,
      });
    } catch (error) {
      await this.saveExchanges(run.id, chunk.index, exchangesOf(error));
      if (tracked.signal.aborted) return; // cancelled: nothing more to do
      if (!ctx.isFinalAttempt) throw error;
      await this.failChunk(run.id, chunk.index, error);
      return;
    } finally {
      tracked.release();
    }
    await this.saveExchanges(run.id, chunk.index, output.exchanges);

    // Validation and grounding need no lock; de-duplication and the writes do.
    const grounded = groundProposals(
      { mode: run.mode, turns, chunk, codebook, modelReadChunk: !!provider?.readsText },
      output.proposals,
    );
    const committed = await this.db.transaction(async (tx) => {
      const [current] = (await tx.query(`SELECT status FROM analysis_run WHERE id = $1`, [
        run.id,
      ])) as { status: string }[];
      if (current?.status !== AnalysisRunStatus.RUNNING) return false;
      // One writer per transcript at a time, so overlapping chunks see each other's suggestions.
      await tx.query(`SELECT pg_advisory_xact_lock(hashtext($1))`, [
        `suggestions:${chunk.transcriptId}`,
      ]);
      const marked: unknown[] = await tx.query(
        `WITH d AS (UPDATE analysis_chunk SET status = 'DONE', error = NULL WHERE run_id = $1 AND index = $2 AND status = 'PENDING' RETURNING 1)
         SELECT 1 FROM d`,
        [run.id, chunk.index],
      );
      if (!marked.length) return false; // another attempt committed this chunk already
      const result = dedupe(
        {
          mode: run.mode,
          transcriptId: chunk.transcriptId,
          turns,
          highlights: await loadExistingHighlights(tx, chunk.transcriptId),
          suggestions: await loadExistingSuggestions(tx, chunk.transcriptId),
        },
        grounded,
      );
      await this.insertSuggestions(tx, run, chunk, segmentIds, result.suggestions);
      // The run's row lock is taken here, at the end: counters and completion are serialised, the rest is not.
      await tx.query(
        `UPDATE analysis_run SET chunks_done = chunks_done + 1, dropped_ungrounded = dropped_ungrounded + $2,
                rejected_invalid = rejected_invalid + $3, skipped_duplicates = skipped_duplicates + $4,
                prompt_tokens = prompt_tokens + $5, completion_tokens = completion_tokens + $6, requests = requests + $7,
                invalid_reasons = ${ADD_INVALID_REASONS}
          WHERE id = $1`,
        [
          run.id,
          result.droppedUngrounded,
          result.rejectedInvalid,
          result.skippedDuplicates,
          output.usage.promptTokens,
          output.usage.completionTokens,
          output.requests,
          JSON.stringify(result.invalidReasons),
        ],
      );
      await this.completeIfFinished(tx, run.id);
      return true;
    });
    if (committed) await this.runs.publish(run.id);
  }

  private async insertSuggestions(
    tx: EntityManager,
    run: AnalysisRunEntity,
    chunk: AnalysisChunkEntity,
    segmentIds: Map<number, string>,
    suggestions: PipelineResult['suggestions'],
  ): Promise<void> {
    if (!suggestions.length) return;
    const rows = suggestions.map((s) => ({
      runId: run.id,
      projectId: run.projectId,
      transcriptId: chunk.transcriptId,
      chunkIndex: chunk.index,
      startSegmentId: segmentIds.get(s.startIndex)!,
      startIndex: s.startIndex,
      startOffset: s.startOffset,
      endSegmentId: segmentIds.get(s.endIndex)!,
      endIndex: s.endIndex,
      endOffset: s.endOffset,
      quote: s.quote,
      tagIds: s.tagIds,
      themeName: s.themeName,
      themeDefinition: s.themeDefinition,
      rationale: s.rationale,
      confidence: s.confidence,
      matchKind: s.matchKind,
      matchSimilarity: s.matchSimilarity,
      flagged: s.flagged,
      flagReason: s.flagReason,
      fingerprint: s.fingerprint,
    }));
    for (let i = 0; i < rows.length; i += 500) {
      await tx
        .createQueryBuilder()
        .insert()
        .into(SuggestionEntity)
        .values(rows.slice(i, i + 500))
        .orIgnore()
        .execute();
    }
  }

  /** After the last chunk: COMPLETED (with a note of failed chunks), or FAILED when none succeeded. */
  private async completeIfFinished(tx: EntityManager, runId: string): Promise<void> {
    await tx.query(
      `UPDATE analysis_run r SET
          status = CASE WHEN r.chunks_done = 0 AND r.chunks_total > 0 THEN 'FAILED'::analysis_run_status ELSE 'COMPLETED'::analysis_run_status END,
          finished_at = now(),
          error = CASE WHEN r.chunks_failed > 0 THEN
                    r.chunks_failed || ' of ' || r.chunks_total || ' parts failed: ' ||
                    coalesce((SELECT c.error FROM analysis_chunk c WHERE c.run_id = r.id AND c.status = 'FAILED' ORDER BY c.index LIMIT 1), '')
                  ELSE r.error END
        WHERE r.id = $1 AND r.status = 'RUNNING' AND r.chunks_done + r.chunks_failed >= r.chunks_total`,
      [runId],
    );
  }

  private async failChunk(runId: string, index: number, error: unknown): Promise<void> {
    this.logger.warn(`analysis ${runId} chunk ${index} failed: ${messageOf(error)}`);
    const failed = await this.db.transaction(async (tx) => {
      const marked: unknown[] = await tx.query(
        `WITH d AS (UPDATE analysis_chunk SET status = 'FAILED', error = $3 WHERE run_id = $1 AND index = $2 AND status = 'PENDING' RETURNING 1)
         SELECT 1 FROM d`,
        [runId, index, messageOf(error).slice(0, 1000)],
      );
      if (!marked.length) return false;
      await tx.query(`UPDATE analysis_run SET chunks_failed = chunks_failed + 1 WHERE id = $1`, [
        runId,
      ]);
      await this.completeIfFinished(tx, runId);
      return true;
    });
    if (failed) await this.runs.publish(runId);
  }

  private async saveExchanges(
    runId: string,
    chunkIndex: number,
    exchanges: LlmExchange[],
  ): Promise<void> {
    for (const e of exchanges) {
      await this.db.query(
        `INSERT INTO analysis_exchange (run_id, chunk_index, endpoint, model, request, response, error, prompt_tokens, completion_tokens, duration_ms)
         VALUES ($1, $2, $3, $4, $5::jsonb, $6::jsonb, $7, $8, $9, $10)`,
        [
          runId,
          chunkIndex,
          e.endpoint,
          e.model,
          JSON.stringify(e.request ?? null),
          e.response === null || e.response === undefined ? null : JSON.stringify(e.response),
          e.error,
          e.usage.promptTokens,
          e.usage.completionTokens,
          Math.round(e.durationMs),
        ],
      );
    }
  }
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
