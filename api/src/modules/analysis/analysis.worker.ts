import { Inject, Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import {
  cleanOptionalText,
  cleanText,
  formatDelay,
  type LlmExchange,
  LlmRetryLaterError,
  type TurnText,
} from '@verbatim/analysis';
import { DataSource, type EntityManager } from 'typeorm';
import { EXCHANGE_TABLES, saveProviderExchanges } from '../../common/ai-audit/provider-exchanges';
import { APP_CONFIG } from '../../config/config.module';
import { type AppConfig } from '../../config/env';
import { type JobContext, JobQueue, RetryLaterError } from '../../jobs/job-queue';
import { executeSql, queryFirstRow, queryRows } from '../../database/sql';
import {
  type AnalyseChunkJob,
  chunkJob,
  queueChunkJob,
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
  addInvalidReasons,
  dedupe,
  groundProposals,
  type PipelineResult,
} from './proposal-pipeline';
import { type ChunkOutput } from './providers/analysis-provider';
import { AnalysisProviders } from './providers/analysis-providers';
import { exchangesOf } from './providers/openai.provider';
import { RunFinishedNotices } from './run-finished-notices';

/**
 * The processors of an analysis run. Plan: cut the transcripts into chunks (rows, then one job
 * each). Chunk: ask the provider, ground and validate its proposals, and commit the suggestions
 * together with the chunk's DONE mark and the run's counters — so a chunk retried after a crash
 * either redoes uncommitted work or finds itself DONE, and never stores anything twice.
 * Chunks of one transcript commit one at a time (an advisory lock), so overlapping chunks
 * de-duplicate against each other; chunks of different transcripts commit side by side.
 */
@Injectable()
export class AnalysisWorker implements OnModuleInit {
  private readonly logger = new Logger('AnalysisWorker');

  constructor(
    private readonly db: DataSource,
    private readonly jobs: JobQueue,
    private readonly providers: AnalysisProviders,
    private readonly runs: AnalysisRunsService,
    private readonly finished: RunFinishedNotices,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onModuleInit(): void {
    this.jobs.process(planJob(this.config.analysisJobs), (job, ctx) => this.plan(job, ctx));
    this.jobs.process(chunkJob(this.config.analysisJobs), (job, ctx) =>
      this.analyseChunk(job, ctx),
    );
  }

  async plan(job: PlanAnalysisJob, ctx: JobContext): Promise<void> {
    const run = await this.db.getRepository(AnalysisRunEntity).findOneBy({ id: job.runId });
    if (
      !run ||
      (run.status !== AnalysisRunStatus.QUEUED && run.status !== AnalysisRunStatus.RUNNING)
    )
      return;
    if (run.jobGeneration !== (job.generation ?? 0)) return; // queued again since: stale
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
        await executeSql(
          tx,
          `UPDATE analysis_run SET status = CASE WHEN $3 = 0 THEN 'COMPLETED'::analysis_run_status ELSE 'RUNNING'::analysis_run_status END,
                  chunks_total = $3, plan = $2::jsonb, started_at = coalesce(started_at, now()),
                  finished_at = CASE WHEN $3 = 0 THEN now() ELSE NULL END
            WHERE id = $1 AND status IN ('QUEUED', 'RUNNING')`,
          [run.id, JSON.stringify(plan), chunks.length],
        );
        if (!chunks.length) await this.finished.notify(tx, run.id);
      });
      const pending = await queryRows<{ index: number; generation: number }>(
        this.db,
        `SELECT index, job_generation AS generation FROM analysis_chunk
          WHERE run_id = $1 AND status = 'PENDING' ORDER BY index`,
        [run.id],
      );
      for (const { index, generation } of pending) await this.queueChunk(run.id, index, generation);
      await this.runs.publish(run.id);
    } catch (error) {
      if (!ctx.isFinalAttempt) throw error;
      await this.db.transaction(async (tx) => {
        const failed = await queryRows<object>(
          tx,
          `UPDATE analysis_run SET status = 'FAILED', error = $2, finished_at = now() WHERE id = $1 AND status IN ('QUEUED', 'RUNNING') RETURNING id`,
          [run.id, `Planning failed: ${messageOf(error)}`],
        );
        if (failed.length) await this.finished.notify(tx, run.id);
      });
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
    if (chunk.jobGeneration !== (job.generation ?? 0)) return; // queued again since: stale
    await executeSql(
      this.db,
      `UPDATE analysis_chunk SET attempts = attempts + 1 WHERE run_id = $1 AND index = $2`,
      [run.id, chunk.index],
    );
    const steps = new ChunkSteps(chunk, this.beforeChunkStep);
    try {
      if (await this.processChunk(run, chunk, steps)) await this.publishQuietly(run.id);
    } catch (error) {
      // Whatever failed, the chunk is retried, postponed, or marked FAILED so the run can finish;
      // if even that cannot be written, this throws and the queue tries again.
      await this.settleFailedChunk(run, chunk, steps.failure(error), ctx);
    }
  }

  /**
   * Test seam: runs as each step of a chunk begins; a test makes that step fail by throwing.
   * Does nothing in production.
   */
  beforeChunkStep: StepHook = () => undefined;

  /** Asks the provider, grounds, de-duplicates and commits; true when this attempt committed. */
  private async processChunk(
    run: AnalysisRunEntity,
    chunk: AnalysisChunkEntity,
    steps: ChunkSteps,
  ): Promise<boolean> {
    steps.enter('load');
    const provider = this.providers.get(run.provider);
    if (!provider)
      throw steps.asIs(
        new Error('The provider of this run is no longer configured on the server.'),
      );
    const { turns, segmentIds } = await loadTurns(this.db.manager, chunk.transcriptId);
    const codebook =
      run.mode === AnalysisMode.DEDUCTIVE ? await loadCodebook(this.db.manager, run.projectId) : [];
    const background =
      run.mode === AnalysisMode.DEDUCTIVE &&
      provider.usesBackground &&
      !provider.hasModelFor?.(run.id)
        ? await loadBackground(this.db.manager, run.projectId, run.transcriptIds)
        : [];
    // Names are pseudonymised in text sent to a model; a provider that sends none needs none.
    const participantNames =
      run.redaction.names && provider.readsText
        ? await loadParticipantNames(this.db.manager, chunk.transcriptId)
        : [];
    const tracked = this.runs.track(run.id);
    let output: ChunkOutput;
    try {
      steps.enter('provider');
      output = await provider.analyse({
        runId: run.id,
        mode: run.mode,
        redaction: run.redaction,
        transcriptId: chunk.transcriptId,
        chunk,
        turns,
        codebook,
        background,
        participantNames,
        plan: run.plan,
        signal: tracked.signal,
      });
    } catch (error) {
      // Requests the provider answered count, and are audited, even when the call failed.
      steps.enter('audit');
      await this.saveExchanges(run.id, chunk.index, exchangesOf(error));
      throw tracked.signal.aborted ? new ChunkCancelledError() : steps.asIs(error);
    } finally {
      tracked.release();
    }
    steps.enter('audit');
    await this.saveExchanges(run.id, chunk.index, output.exchanges);

    // Validation and grounding need no lock; de-duplication and the writes do.
    steps.enter('ground');
    const grounded = groundProposals(
      { mode: run.mode, turns, chunk, codebook, modelReadChunk: !!provider?.readsText },
      output.proposals,
    );
    steps.enter('commit');
    return this.db.transaction(async (tx) => {
      const current = await queryFirstRow<{ status: string }>(
        tx,
        `SELECT status FROM analysis_run WHERE id = $1`,
        [run.id],
      );
      if (current?.status !== AnalysisRunStatus.RUNNING) return false;
      // One writer per transcript at a time, so overlapping chunks see each other's suggestions.
      await executeSql(tx, `SELECT pg_advisory_xact_lock(hashtext($1))`, [
        `suggestions:${chunk.transcriptId}`,
      ]);
      const marked = await queryRows<object>(
        tx,
        `WITH d AS (UPDATE analysis_chunk SET status = 'DONE', error = NULL WHERE run_id = $1 AND index = $2 AND status = 'PENDING' RETURNING 1)
         SELECT 1 FROM d`,
        [run.id, chunk.index],
      );
      if (!marked.length) return false; // another attempt committed this chunk already
      steps.enter('dedupe');
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
      steps.enter('insert');
      await this.insertSuggestions(tx, run, chunk, segmentIds, result.suggestions);
      steps.enter('commit');
      // The run's row lock is taken here, at the end: counters and completion are serialised, the rest is not.
      // (Token usage is not added here: saveExchanges counted it as the provider answered.)
      await executeSql(
        tx,
        `UPDATE analysis_run SET chunks_done = chunks_done + 1, dropped_ungrounded = dropped_ungrounded + $2,
                rejected_invalid = rejected_invalid + $3, skipped_duplicates = skipped_duplicates + $4,
                invalid_reasons = ${addInvalidReasons('$5')}
          WHERE id = $1`,
        [
          run.id,
          result.droppedUngrounded,
          result.rejectedInvalid,
          result.skippedDuplicates,
          JSON.stringify(result.invalidReasons),
        ],
      );
      await this.completeIfFinished(tx, run.id);
      return true;
    });
  }

  /**
   * After a failed step: a cancelled run needs nothing more; a provider's Retry-After within
   * LLM_RETRY_AFTER_MAX postpones the chunk (without spending an attempt); otherwise the job is
   * retried, and on its final attempt the chunk is marked FAILED with the reason.
   */
  private async settleFailedChunk(
    run: AnalysisRunEntity,
    chunk: AnalysisChunkEntity,
    error: unknown,
    ctx: JobContext,
  ): Promise<void> {
    if (error instanceof ChunkCancelledError) return;
    if (error instanceof LlmRetryLaterError) {
      const { retryAfterMaxMs, maxPostponements } = this.config.llm;
      if (error.delayMs > retryAfterMaxMs) {
        await this.failChunk(
          run.id,
          chunk.index,
          `${error.message} That is longer than this server waits (LLM_RETRY_AFTER_MAX, ${formatDelay(retryAfterMaxMs)}).`,
        );
        return;
      }
      const postponed = await queryRows<object>(
        this.db,
        `WITH p AS (UPDATE analysis_chunk SET postponements = postponements + 1
                     WHERE run_id = $1 AND index = $2 AND status = 'PENDING' AND postponements < $3 RETURNING 1)
         SELECT 1 FROM p`,
        [run.id, chunk.index, maxPostponements],
      );
      if (!postponed.length) {
        await this.failChunk(
          run.id,
          chunk.index,
          `${error.message} This part was already postponed ${maxPostponements} time(s) for the provider (LLM_MAX_POSTPONEMENTS); giving up.`,
        );
        return;
      }
      this.logger.log(
        `analysis ${run.id} chunk ${chunk.index} postponed by ${formatDelay(error.delayMs)} (provider asked to wait)`,
      );
      throw new RetryLaterError(error.delayMs, error.message);
    }
    if (!ctx.isFinalAttempt) throw error;
    await this.failChunk(run.id, chunk.index, messageOf(error));
  }

  /** Live updates are a courtesy: the committed state stands even if one cannot be sent. */
  private async publishQuietly(runId: string): Promise<void> {
    try {
      this.beforeChunkStep('publish', { runId, index: -1 });
      await this.runs.publish(runId);
    } catch (error) {
      this.logger.warn(`analysis ${runId}: live update not sent: ${messageOf(error)}`);
    }
  }

  /**
   * One multi-row INSERT per 500 suggestions, written out rather than built by TypeORM's insert
   * builder, which cost more CPU than anything else in an offline chunk.
   */
  private async insertSuggestions(
    tx: EntityManager,
    run: AnalysisRunEntity,
    chunk: AnalysisChunkEntity,
    segmentIds: Map<number, string>,
    suggestions: PipelineResult['suggestions'],
  ): Promise<void> {
    const rows = suggestions.map((s) => [
      run.id,
      run.projectId,
      chunk.transcriptId,
      chunk.index,
      segmentIds.get(s.startIndex)!,
      s.startIndex,
      s.startOffset,
      segmentIds.get(s.endIndex)!,
      s.endIndex,
      s.endOffset,
      s.quote,
      s.tags.map((t) => t.tagId),
      s.tags.map((t) => t.confidence),
      cleanOptionalText(s.themeName, 100),
      cleanOptionalText(s.themeDefinition, 2000),
      cleanText(s.rationale, 2000),
      s.confidence,
      s.matchKind,
      s.matchSimilarity,
      s.flagged,
      s.flagReason,
      s.fingerprint,
    ]);
    for (let i = 0; i < rows.length; i += 500) {
      const batch = rows.slice(i, i + 500);
      const width = SUGGESTION_COLUMNS.length;
      const tuples = batch.map(
        (_row, r) => `(${SUGGESTION_COLUMNS.map((_c, c) => `$${r * width + c + 1}`).join(', ')})`,
      );
      await executeSql(
        tx,
        `INSERT INTO suggestion (${SUGGESTION_COLUMNS.join(', ')}) VALUES ${tuples.join(', ')}
         ON CONFLICT DO NOTHING`,
        batch.flat(),
      );
    }
  }

  queueChunk(runId: string, index: number, generation: number): Promise<void> {
    return queueChunkJob(this.jobs, this.config.analysisJobs, runId, index, generation);
  }

  /** Completes a run whose chunks have all finished; true when it did. */
  async completeRun(runId: string): Promise<boolean> {
    const completed = await this.db.transaction(async (tx) => {
      const before = await queryFirstRow<{ status: string }>(
        tx,
        `SELECT status FROM analysis_run WHERE id = $1`,
        [runId],
      );
      await this.completeIfFinished(tx, runId);
      const after = await queryFirstRow<{ status: string }>(
        tx,
        `SELECT status FROM analysis_run WHERE id = $1`,
        [runId],
      );
      return before?.status !== after?.status;
    });
    if (completed) await this.runs.publish(runId);
    return completed;
  }

  /**
   * After the last chunk: COMPLETED (with a note of failed chunks), or FAILED when none succeeded;
   * either way its starter is told, in the same transaction.
   */
  private async completeIfFinished(tx: EntityManager, runId: string): Promise<void> {
    const finished = await queryRows<object>(
      tx,
      `UPDATE analysis_run r SET
          status = CASE WHEN r.chunks_done = 0 AND r.chunks_total > 0 THEN 'FAILED'::analysis_run_status ELSE 'COMPLETED'::analysis_run_status END,
          finished_at = now(),
          error = CASE WHEN r.chunks_failed > 0 THEN
                    r.chunks_failed || ' of ' || r.chunks_total || ' parts failed: ' ||
                    coalesce((SELECT c.error FROM analysis_chunk c WHERE c.run_id = r.id AND c.status = 'FAILED' ORDER BY c.index LIMIT 1), '')
                  ELSE r.error END
        WHERE r.id = $1 AND r.status = 'RUNNING' AND r.chunks_done + r.chunks_failed >= r.chunks_total
        RETURNING r.id`,
      [runId],
    );
    if (finished.length) await this.finished.notify(tx, runId);
  }

  /** Marks a pending chunk FAILED with the reason (and completes the run if it was the last). */
  async failChunk(runId: string, index: number, reason: string): Promise<boolean> {
    this.logger.warn(`analysis ${runId} chunk ${index} failed: ${reason}`);
    const failed = await this.db.transaction(async (tx) => {
      const marked = await queryRows<object>(
        tx,
        `WITH d AS (UPDATE analysis_chunk SET status = 'FAILED', error = $3 WHERE run_id = $1 AND index = $2 AND status = 'PENDING' RETURNING 1)
         SELECT 1 FROM d`,
        [runId, index, cleanText(reason, 1000)],
      );
      if (!marked.length) return false;
      await executeSql(
        tx,
        `UPDATE analysis_run SET chunks_failed = chunks_failed + 1 WHERE id = $1`,
        [runId],
      );
      await this.completeIfFinished(tx, runId);
      return true;
    });
    if (failed) await this.publishQuietly(runId);
    return failed;
  }

  /**
   * Audits the requests of one provider call and adds the tokens the provider reported to the
   * run's usage, in one transaction: whatever happens to the chunk afterwards, what was
   * answered is counted once.
   */
  private async saveExchanges(
    runId: string,
    chunkIndex: number,
    exchanges: LlmExchange[],
  ): Promise<void> {
    if (!exchanges.length) return;
    await this.db.transaction(async (tx) => {
      await saveProviderExchanges(tx, EXCHANGE_TABLES.analysis, runId, chunkIndex, exchanges);
      const sum = (f: (e: LlmExchange) => number) => exchanges.reduce((n, e) => n + f(e), 0);
      await executeSql(
        tx,
        `UPDATE analysis_run SET prompt_tokens = prompt_tokens + $2, completion_tokens = completion_tokens + $3,
                requests = requests + $4 WHERE id = $1`,
        [
          runId,
          sum((e) => e.usage.promptTokens),
          sum((e) => e.usage.completionTokens),
          exchanges.length,
        ],
      );
    });
  }
}

/** The columns `insertSuggestions` writes, in the order of its values. */
const SUGGESTION_COLUMNS = [
  'run_id',
  'project_id',
  'transcript_id',
  'chunk_index',
  'start_segment_id',
  'start_index',
  'start_offset',
  'end_segment_id',
  'end_index',
  'end_offset',
  'quote',
  'tag_ids',
  'tag_confidences',
  'theme_name',
  'theme_definition',
  'rationale',
  'confidence',
  'match_kind',
  'match_similarity',
  'flagged',
  'flag_reason',
  'fingerprint',
] as const;

/** Longest request or response body kept in the audit, in characters. */
/** The steps of a chunk, named in its error and for the test seam. */
export type ChunkStep =
  | 'load'
  | 'provider'
  | 'audit'
  | 'ground'
  | 'commit'
  | 'dedupe'
  | 'insert'
  | 'publish';

const STEP_FAILED: Record<ChunkStep, string> = {
  load: 'Loading the transcript and codebook failed',
  provider: 'Asking the provider failed',
  audit: 'Recording what was sent to the provider failed',
  ground: 'Checking the answer against the transcript failed',
  commit: 'Saving the suggestions failed',
  dedupe: 'Comparing with existing highlights and suggestions failed',
  insert: 'Storing the suggestions failed',
  publish: 'Sending the live update failed',
};

type StepHook = (step: ChunkStep, chunk: { runId: string; index: number }) => void;

/** Which step of a chunk is running, so that an error can say where it happened. */
class ChunkSteps {
  private current: ChunkStep = 'load';
  private readonly asTheyAre = new Set<unknown>();

  constructor(
    private readonly chunk: { runId: string; index: number },
    private readonly hook: StepHook,
  ) {}

  enter(step: ChunkStep): void {
    this.current = step;
    this.hook(step, this.chunk);
  }

  /** Marks an error to be reported as it is (the provider's, already in words). */
  asIs(error: unknown): unknown {
    this.asTheyAre.add(error);
    return error;
  }

  /** The error as the chunk's failure: named after the step it happened in. */
  failure(error: unknown): unknown {
    if (this.asTheyAre.has(error) || error instanceof ChunkCancelledError) return error;
    return new ChunkStepError(this.current, error);
  }
}

/** A step of a chunk failed; the message says which, for the person reading the run. */
class ChunkStepError extends Error {
  constructor(
    readonly step: ChunkStep,
    cause: unknown,
  ) {
    super(`${STEP_FAILED[step]}: ${messageOf(cause)}`, { cause });
    this.name = 'ChunkStepError';
  }
}

/** The run was cancelled while its request was in flight. */
class ChunkCancelledError extends Error {
  constructor() {
    super('The analysis was cancelled.');
    this.name = 'ChunkCancelledError';
  }
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
