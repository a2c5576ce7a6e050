import path from 'node:path';
import { Inject, Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { type ClusterItem } from '@verbatim/analysis';
import { DataSource } from 'typeorm';
import {
  EXCHANGE_TABLES,
  listProviderExchanges,
  providerExchangeBody,
} from '../../../common/ai-audit/provider-exchanges';
import { type AuthUser } from '../../../common/auth/auth-user';
import { badInput, notFound } from '../../../common/errors/domain-error';
import { type Connection, type PageArgs } from '../../../common/pagination/connection';
import { WorkerOutOfMemoryError, WorkerTimeoutError } from '../../../common/workers/worker-errors';
import { WorkerPool } from '../../../common/workers/worker-pool';
import { workerTask } from '../../../common/workers/worker-task';
import { APP_CONFIG } from '../../../config/config.module';
import { type AppConfig } from '../../../config/env';
import { queryFirstRow, queryOneRow, queryRows } from '../../../database/sql';
import { type JobContext, JobQueue } from '../../../jobs/job-queue';
import { BoardsService } from '../boards.service';
import type * as SuggestTask from './suggest-themes.task';
import {
  type StoredProposal,
  ThemeSuggestionProvider,
  type ThemeSuggestionRedaction,
  ThemeSuggestionRunEntity,
  ThemeSuggestionStatus,
} from './theme-suggestion-run.entity';
import { storedProposal, ThemeSuggestionsAi } from './theme-suggestions.ai';
import {
  queueThemeSuggestions,
  SUGGEST_THEMES,
  type ThemeSuggestionJob,
} from './theme-suggestions.job';
import {
  type ApplyThemeSuggestionsInput,
  type ApplyThemeSuggestionsResultType,
  MAX_SUGGEST_HIGHLIGHTS,
  type SuggestThemesInput,
  type ThemeSuggestionExchangeType,
  type ThemeSuggestionRunType,
} from './theme-suggestions.types';

export const SUGGEST_THEMES_TASK = workerTask<typeof SuggestTask.suggestThemes>(
  path.join(__dirname, 'suggest-themes.task'),
  'suggestThemes',
);

/**
 * Theme suggestions for a board: a run (row in theme_suggestion_run, PostgreSQL is the truth)
 * whose job clusters the highlights in the worker-thread pool and stores proposals; applying
 * them is one board change (BoardsService.createThemesWithCards). Offline (TF-IDF + LSA vectors,
 * c-TF-IDF titles) by default; for a project that allows AI on a server with OPENAI_API_KEY,
 * the vectors are embeddings and the titles the model's (see runWithProvider), with the
 * redaction and audit of analysis runs.
 */
@Injectable()
export class ThemeSuggestionsService implements OnModuleInit {
  private readonly logger = new Logger(ThemeSuggestionsService.name);
  private readonly ai: ThemeSuggestionsAi | null;

  constructor(
    private readonly db: DataSource,
    private readonly jobs: JobQueue,
    private readonly workers: WorkerPool,
    private readonly boards: BoardsService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    const { apiKey } = config.llm;
    this.ai = apiKey ? new ThemeSuggestionsAi({ ...config.llm, apiKey }) : null;
  }

  onModuleInit(): void {
    this.jobs.process(SUGGEST_THEMES, (job, ctx) => this.run(job, ctx));
  }

  async suggest(user: AuthUser, input: SuggestThemesInput): Promise<ThemeSuggestionRunType> {
    const board = await queryFirstRow<{
      project_id: string;
      ai_allowed: boolean;
      redact_emails: boolean;
      redact_phones: boolean;
      redact_names: boolean;
    }>(
      this.db,
      `SELECT b.project_id, p.ai_allowed, p.redact_emails, p.redact_phones, p.redact_names
         FROM board b JOIN project p ON p.id = b.project_id WHERE b.id = $1`,
      [input.boardId],
    );
    if (!board) throw notFound('Board');
    const cards = await queryRows<{
      highlight_id: string;
      version: number;
      theme_id: string | null;
    }>(
      this.db,
      `SELECT highlight_id, version, theme_id FROM board_card
        WHERE board_id = $1 AND highlight_id IS NOT NULL ORDER BY theme_id NULLS FIRST, position`,
      [input.boardId],
    );
    let ids: string[];
    if (input.highlightIds) {
      ids = [...new Set(input.highlightIds)];
      const found = await queryRows<{ id: string }>(
        this.db,
        `SELECT id FROM highlight WHERE id = ANY($1::uuid[]) AND project_id = $2`,
        [ids, board.project_id],
      );
      if (found.length !== ids.length)
        throw badInput(
          'Only highlights of this board’s project can be grouped; some of these are not among them.',
        );
    } else {
      ids = cards.filter((c) => c.theme_id === null).map((c) => c.highlight_id);
      if (ids.length > MAX_SUGGEST_HIGHLIGHTS)
        throw badInput(
          `The unsorted column has ${ids.length} highlights; at most ${MAX_SUGGEST_HIGHLIGHTS} can be grouped at once: name them in highlightIds.`,
        );
    }
    if (ids.length < 2) throw badInput('At least two highlights are needed to suggest themes.');
    const wanted = new Set(ids);
    const cardVersions = Object.fromEntries(
      cards.filter((c) => wanted.has(c.highlight_id)).map((c) => [c.highlight_id, c.version]),
    );
    // The OpenAI-compatible provider when the server has one and the project allows AI, with
    // the project's redaction settings of this moment (as analysis runs keep theirs).
    const openAi = this.ai !== null && board.ai_allowed;
    const redaction: ThemeSuggestionRedaction | null = openAi
      ? { emails: board.redact_emails, phones: board.redact_phones, names: board.redact_names }
      : null;
    const { id } = await queryOneRow<{ id: string }>(
      this.db,
      `INSERT INTO theme_suggestion_run (board_id, project_id, requested_by_id, k, highlight_ids, card_versions, provider, redaction)
       VALUES ($1, $2, $3, $4, $5::uuid[], $6::jsonb, $7, $8::jsonb) RETURNING id`,
      [
        input.boardId,
        board.project_id,
        user.id,
        input.k ?? null,
        ids,
        JSON.stringify(cardVersions),
        openAi ? ThemeSuggestionProvider.OPENAI : ThemeSuggestionProvider.OFFLINE,
        redaction ? JSON.stringify(redaction) : null,
      ],
    );
    await queueThemeSuggestions(this.jobs, id, 0);
    return this.get(id);
  }

  async get(id: string): Promise<ThemeSuggestionRunType> {
    const run = await this.db.getRepository(ThemeSuggestionRunEntity).findOneBy({ id });
    if (!run) throw notFound('Theme suggestion run');
    return {
      id: run.id,
      boardId: run.boardId,
      status: run.status,
      progress: run.progress,
      k: run.k,
      highlightCount: run.highlightIds.length,
      proposals: run.proposals ?? [],
      error: run.error,
      notes: run.notes,
      provider: run.provider,
      createdAt: run.createdAt,
    };
  }

  /**
   * The processor of SUGGEST_THEMES. Idempotent: a retry computes the same proposals again. A job
   * of an older generation than the run's (the reconciler queued the work again) does nothing.
   */
  async run(job: ThemeSuggestionJob, ctx: JobContext): Promise<void> {
    const started = await queryRows<{
      highlight_ids: string[];
      k: number | null;
      project_id: string;
      provider: ThemeSuggestionProvider;
      redaction: ThemeSuggestionRedaction | null;
      ai_allowed: boolean;
    }>(
      this.db,
      `UPDATE theme_suggestion_run SET status = 'RUNNING', progress = 0.1, updated_at = now()
        WHERE id = $1 AND job_generation = $2 AND status IN ('QUEUED', 'RUNNING')
        RETURNING highlight_ids, k, project_id, provider, redaction,
                  (SELECT ai_allowed FROM project WHERE id = project_id) AS ai_allowed`,
      [job.runId, job.generation],
    );
    const run = started[0];
    if (!run) return; // finished, deleted with its board, or a stale generation
    try {
      const items = await queryRows<ClusterItem>(
        this.db,
        `SELECT h.id, h.quote AS text, t.language FROM highlight h JOIN transcript t ON t.id = h.transcript_id
          WHERE h.id = ANY($1::uuid[]) ORDER BY array_position($1::uuid[], h.id)`,
        [run.highlight_ids],
      );
      const names = await queryRows<{ display_name: string }>(
        this.db,
        `SELECT DISTINCT display_name FROM participant WHERE project_id = $1`,
        [run.project_id],
      );
      await this.setProgress(job, 0.3);
      const excludeWords = names.map((n) => n.display_name);
      const offline = async () =>
        (
          await this.workers.run(SUGGEST_THEMES_TASK, {
            items,
            k: run.k,
            excludeWords,
            vectors: null,
          })
        ).map(storedProposal);
      let result: { proposals: StoredProposal[]; notes: string[]; sent: boolean };
      if (run.provider !== ThemeSuggestionProvider.OPENAI || !run.redaction) {
        result = { proposals: await offline(), notes: [], sent: false };
      } else if (!run.ai_allowed || !this.ai) {
        // AI was disallowed (or the server lost its key) since the run was asked for: nothing
        // is sent, and the run says why its themes are the offline ones.
        result = {
          proposals: await offline(),
          notes: [!run.ai_allowed ? NOTE_AI_SWITCHED_OFF : NOTE_NO_PROVIDER],
          sent: false,
        };
      } else {
        const sent = await this.runWithProvider(this.ai, job, {
          items,
          k: run.k,
          excludeWords,
          projectId: run.project_id,
          redaction: run.redaction,
        });
        result = { ...sent, sent: true };
      }
      const stored = result.proposals;
      await this.finish(job, ThemeSuggestionStatus.READY, {
        proposals: stored,
        error: null,
        notes: result.notes,
        ...(result.sent ? {} : { provider: ThemeSuggestionProvider.OFFLINE }),
      });
      this.logger.log(
        `theme suggestions ${job.runId}: ${stored.length} themes from ${items.length} highlights`,
      );
    } catch (error) {
      const final =
        ctx.isFinalAttempt ||
        error instanceof WorkerOutOfMemoryError ||
        error instanceof WorkerTimeoutError;
      if (!final) throw error;
      this.logger.warn(
        `theme suggestions ${job.runId} failed: ${error instanceof Error ? error.message : String(error)}`,
      );
      await this.finish(job, ThemeSuggestionStatus.FAILED, {
        proposals: null,
        error: failureMessage(error),
      });
    }
  }

  /** The OpenAI-compatible path (ThemeSuggestionsAi.suggest), audited on this run. */
  private runWithProvider(
    ai: ThemeSuggestionsAi,
    job: ThemeSuggestionJob,
    input: {
      items: ClusterItem[];
      k: number | null;
      excludeWords: string[];
      projectId: string;
      redaction: ThemeSuggestionRedaction;
    },
  ): Promise<{ proposals: StoredProposal[]; notes: string[] }> {
    return ai.suggest({
      db: this.db.manager,
      runId: job.runId,
      items: input.items,
      projectId: input.projectId,
      redaction: input.redaction,
      cluster: (vectors) =>
        this.workers.run(SUGGEST_THEMES_TASK, {
          items: input.items,
          k: input.k,
          excludeWords: input.excludeWords,
          vectors,
        }),
      progress: (fraction) => this.setProgress(job, fraction),
      warn: (message) => this.logger.warn(`theme suggestions ${job.runId}: ${message}`),
    });
  }

  /** Fails a run whose job was lost too often (the reconciler's last resort). */
  failLost(id: string, generation: number, requeues: number): Promise<boolean> {
    return this.finish({ runId: id, generation }, ThemeSuggestionStatus.FAILED, {
      proposals: null,
      error: `Suggesting themes was interrupted ${requeues + 1} times (the server restarted or lost its job queue) and was stopped. Nothing on the board changed: ask for suggestions again.`,
    });
  }

  /** Applies proposals (all, some, edited) to the run's board. */
  async apply(
    user: AuthUser,
    input: ApplyThemeSuggestionsInput,
  ): Promise<ApplyThemeSuggestionsResultType> {
    const run = await this.db
      .getRepository(ThemeSuggestionRunEntity)
      .findOneBy({ id: input.runId });
    if (!run) throw notFound('Theme suggestion run');
    if (run.status !== ThemeSuggestionStatus.READY)
      throw badInput(
        run.status === ThemeSuggestionStatus.FAILED
          ? 'This run failed; there is nothing to apply.'
          : 'This run has no proposals yet; apply them once it is READY.',
      );
    const proposed = new Set((run.proposals ?? []).flatMap((p) => p.highlightIds));
    const seen = new Set<string>();
    const groups = input.proposals.map((p) => {
      const title = p.title.trim();
      if (!title) throw badInput('title must not be empty');
      for (const h of p.highlightIds) {
        if (!proposed.has(h))
          throw badInput('Only highlights this run proposed can be applied.', { highlightId: h });
        if (seen.has(h))
          throw badInput('A highlight can go into one theme only.', { highlightId: h });
        seen.add(h);
      }
      return { title, description: p.description?.trim() ?? '', highlightIds: p.highlightIds };
    });
    const { themeIds, skipped } = await this.boards.createThemesWithCards(
      user,
      run.boardId,
      groups,
      run.cardVersions,
    );
    const board = await this.boards.get(run.boardId);
    const byId = new Map(board.themes.map((t) => [t.id, t]));
    return {
      board,
      themes: themeIds.map((id) => byId.get(id)!),
      skippedHighlightIds: skipped,
    };
  }

  private async setProgress(job: ThemeSuggestionJob, progress: number): Promise<void> {
    await queryRows(
      this.db,
      `UPDATE theme_suggestion_run SET progress = $3, updated_at = now()
        WHERE id = $1 AND job_generation = $2 AND status = 'RUNNING' RETURNING 1`,
      [job.runId, job.generation, progress],
    );
  }

  private async finish(
    job: ThemeSuggestionJob,
    status: ThemeSuggestionStatus,
    values: {
      proposals: StoredProposal[] | null;
      error: string | null;
      notes?: string[];
      /** Where the themes came from, when not where the run was asked to get them. */
      provider?: ThemeSuggestionProvider;
    },
  ): Promise<boolean> {
    const rows = await queryRows(
      this.db,
      `UPDATE theme_suggestion_run SET status = $3, progress = $4, proposals = $5::jsonb, error = $6,
              notes = $7::jsonb, provider = coalesce($8, provider), updated_at = now()
        WHERE id = $1 AND job_generation = $2 AND status IN ('QUEUED', 'RUNNING') RETURNING 1`,
      [
        job.runId,
        job.generation,
        status,
        status === ThemeSuggestionStatus.READY ? 1 : 0,
        values.proposals ? JSON.stringify(values.proposals) : null,
        values.error,
        JSON.stringify(values.notes ?? []),
        values.provider ?? null,
      ],
    );
    return rows.length > 0;
  }

  /** The run's audit, newest first, a page at a time (bodies cut to AUDIT_PREVIEW_CHARS). */
  async exchanges(runId: string, page: PageArgs): Promise<Connection<ThemeSuggestionExchangeType>> {
    const found = await listProviderExchanges(
      this.db,
      EXCHANGE_TABLES.themeSuggestion,
      runId,
      page,
    );
    return {
      ...found,
      edges: found.edges.map(({ cursor, node: { label, ...node } }) => ({
        cursor,
        node: { ...node, purpose: String(label) },
      })),
    };
  }

  /** One whole body of an audit entry, for download; NOT_FOUND unless it belongs to the run. */
  exchangeBody(runId: string, exchangeId: string, part: 'request' | 'response') {
    return providerExchangeBody(this.db, EXCHANGE_TABLES.themeSuggestion, runId, exchangeId, part);
  }

  /** For the reconciler: requeue under a new generation. */
  async requeue(id: string, generation: number): Promise<boolean> {
    const changed = await queryRows<{ generation: number }>(
      this.db,
      `UPDATE theme_suggestion_run SET job_generation = job_generation + 1, requeues = requeues + 1,
              status = 'QUEUED', progress = 0, updated_at = now()
        WHERE id = $1 AND job_generation = $2 AND status IN ('QUEUED', 'RUNNING')
        RETURNING job_generation AS generation`,
      [id, generation],
    );
    if (!changed[0]) return false;
    await queueThemeSuggestions(this.jobs, id, changed[0].generation);
    return true;
  }

  get maxRequeues(): number {
    return this.config.jobs.maxRequeues;
  }
}

const NOTE_AI_SWITCHED_OFF =
  'AI was switched off for this project after these suggestions were asked for: nothing was sent to the AI provider, and the highlights were grouped on this server.';
const NOTE_NO_PROVIDER =
  'The server no longer has an AI provider: nothing was sent, and the highlights were grouped on this server.';

function failureMessage(error: unknown): string {
  if (error instanceof WorkerOutOfMemoryError)
    return `Too many highlights to group with the memory allowed (${error.limitMb} MB per worker thread): choose fewer highlights.`;
  if (error instanceof WorkerTimeoutError)
    return `Grouping these highlights took longer than allowed (${Math.round(error.timeoutMs / 1000)} s): choose fewer highlights.`;
  return 'Suggesting themes failed on the server; nothing on the board changed. Try again.';
}
