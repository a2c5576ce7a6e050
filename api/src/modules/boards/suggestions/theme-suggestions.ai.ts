import {
  acceptThemeTitles,
  type AcceptedTitle,
  createRedactor,
  LlmClient,
  type LlmExchange,
  LlmRequestError,
  LlmRetryLaterError,
  MAX_TITLE_HIGHLIGHTS,
  type Redactor,
  type ThemeProposal,
} from '@verbatim/analysis';
import { type EntityManager } from 'typeorm';
import { queryRows } from '../../../database/sql';
import {
  EXCHANGE_TABLES,
  saveProviderExchanges,
} from '../../../common/ai-audit/provider-exchanges';
import { type AppConfig } from '../../../config/env';
import { type StoredProposal, type ThemeSuggestionRedaction } from './theme-suggestion-run.entity';

/** What an exchange was for, in the audit. */
export type ExchangePurpose = 'EMBEDDINGS' | 'TITLES';

/** Speaker labels that name nobody ("Speaker 2", "Interviewer", "P3"), as analysis runs skip them. */
const GENERIC_LABEL =
  /^(speaker|interviewer|interviewee|participant|moderator|respondent|unknown|user|customer|guest|host)\b|^[\p{L}\d]?\d*$/iu;

/**
 * The OpenAI-compatible side of theme suggestions: embeddings of the highlights (EMBEDDING_MODEL)
 * and one request for the groups' titles (LLM_MODEL), through the same LlmClient as analysis
 * runs (retries, timeouts, response cap, concurrency limit). Text is redacted before it is sent,
 * exactly as for analysis runs, and every request is audited in theme_suggestion_exchange.
 */
export class ThemeSuggestionsAi {
  private readonly client: LlmClient;
  readonly embeddingModel: string;
  /** Texts per embeddings request: answers (base64, ~6 KB per 1,536 dimensions) under the cap. */
  private readonly batchSize: number;

  constructor(llm: AppConfig['llm'] & { apiKey: string }) {
    this.client = new LlmClient({
      apiKey: llm.apiKey,
      baseURL: llm.baseUrl,
      model: llm.model,
      timeoutMs: llm.timeoutMs,
      maxRetries: llm.maxRetries,
      concurrency: llm.concurrency,
      maxTokens: llm.maxTokens,
      maxTokensParameter: llm.maxTokensParameter,
      maxResponseBytes: llm.maxResponseBytes,
      maxInlineRetryDelayMs: llm.retryAfterInlineMs,
    });
    this.embeddingModel = llm.embeddingModel;
    this.batchSize = Math.max(1, Math.min(256, Math.floor(llm.maxResponseBytes / 20_000)));
  }

  /**
   * A run through the provider: embeddings of the (redacted) highlights as the clustering's
   * vectors (`cluster` runs it in the worker pool), then one request for the groups' titles. A
   * title is used only when it cites highlights of its own group (else the offline label stays;
   * `titleCites` records what it rests on). A provider that keeps failing never fails the run:
   * the client has already retried each request (LLM_MAX_RETRIES, bounded), so the run groups by
   * offline vectors, or keeps the offline titles, at once and says so in `notes`. Every request
   * is audited on the run.
   */
  async suggest(input: {
    db: EntityManager;
    runId: string;
    items: readonly { id: string; text: string }[];
    projectId: string;
    redaction: ThemeSuggestionRedaction;
    cluster: (vectors: number[][] | null) => Promise<ThemeProposal[]>;
    progress: (fraction: number) => Promise<void>;
    warn: (message: string) => void;
  }): Promise<{ proposals: StoredProposal[]; notes: string[] }> {
    const audit = (purpose: ExchangePurpose) => (exchanges: LlmExchange[]) =>
      saveProviderExchanges(
        input.db,
        EXCHANGE_TABLES.themeSuggestion,
        input.runId,
        purpose,
        exchanges,
      );
    const redactor = await this.redactor(input.db, input.projectId, input.redaction);
    const notes: string[] = [];
    let vectors: number[][] | null = null;
    try {
      vectors = await this.embed(
        input.items.map((i) => i.text),
        redactor,
        audit('EMBEDDINGS'),
      );
    } catch (error) {
      if (isAuditFailure(error)) throw error; // the database, not the provider: the job retries
      input.warn(`embeddings failed (${messageOf(error)}); grouping offline`);
      notes.push(
        `The AI provider's embeddings failed (${failureOf(error)}), so these highlights were grouped on this server instead.`,
      );
    }
    await input.progress(0.5);
    const proposals = await input.cluster(vectors);
    await input.progress(0.8);
    const textOf = new Map(input.items.map((i) => [i.id, i.text]));
    const { accepted, error } = await this.titles(
      proposals,
      (id) => textOf.get(id) ?? '',
      redactor,
      audit('TITLES'),
    );
    if (error) {
      input.warn(`titles failed (${error}); offline titles kept`);
      notes.push(
        `The AI provider did not write the titles (${error}); each title is a phrase of its quotes.`,
      );
    }
    const stored = proposals.map((p, i) => {
      const title = accepted[i];
      return title
        ? {
            ...storedProposal(p),
            title: title.title,
            description: title.description,
            titleCites: title.cited.map((at) => p.ids[at]!),
          }
        : storedProposal(p);
    });
    return { proposals: stored, notes };
  }

  /**
   * The redactor of a run: the project's participants pseudonymised (when names are redacted),
   * e-mail addresses and phone numbers as the run's settings say.
   */
  async redactor(
    db: EntityManager,
    projectId: string,
    redaction: ThemeSuggestionRedaction,
  ): Promise<Redactor> {
    const names = redaction.names ? await participantNames(db, projectId) : [];
    return createRedactor({ emails: redaction.emails, phones: redaction.phones, names });
  }

  /** One embedding per text (redacted before it is sent); the exchanges go to `audit`. */
  async embed(
    texts: readonly string[],
    redactor: Redactor,
    audit: (exchanges: LlmExchange[]) => Promise<void>,
  ): Promise<number[][]> {
    let result: Awaited<ReturnType<LlmClient['embed']>>;
    try {
      result = await this.client.embed(
        texts.map((t) => redactor.redact(t)),
        { model: this.embeddingModel, batchSize: this.batchSize },
      );
    } catch (error) {
      await auditing(audit, exchangesOf(error));
      throw error;
    }
    await auditing(audit, result.exchanges);
    return result.output;
  }

  /**
   * The model's title and description for each proposal, or null where it must not be used (it
   * cites no highlight of its own group, or one of another; see acceptThemeTitles). Sends each
   * group's most central highlights, redacted. A failed request gives nulls: the offline labels
   * stay.
   */
  async titles(
    proposals: readonly ThemeProposal[],
    textOf: (id: string) => string,
    redactor: Redactor,
    audit: (exchanges: LlmExchange[]) => Promise<void>,
  ): Promise<{ accepted: (AcceptedTitle | null)[]; error: string | null }> {
    const groups = proposals.map((p) => ({
      texts: p.ids.slice(0, MAX_TITLE_HIGHLIGHTS).map((id) => redactor.redact(textOf(id))),
    }));
    if (groups.length === 0) return { accepted: [], error: null };
    let result: Awaited<ReturnType<LlmClient['themeTitles']>>;
    try {
      result = await this.client.themeTitles({ groups });
    } catch (error) {
      await auditing(audit, exchangesOf(error));
      return { accepted: groups.map(() => null), error: failureOf(error) };
    }
    await auditing(audit, result.exchanges);
    return { accepted: acceptThemeTitles(groups, result.output, redactor), error: null };
  }
}

/** A proposal as a run stores it. */
export function storedProposal(p: ThemeProposal): StoredProposal {
  return { title: p.title, description: p.description, highlightIds: p.ids, cohesion: p.cohesion };
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : 'the request failed';
}

/** What went wrong with the provider, in words for the run's notes. */
function failureOf(error: unknown): string {
  if (error instanceof LlmRetryLaterError) return error.message.replace(/\.$/, '');
  if (!(error instanceof LlmRequestError)) return messageOf(error);
  const tries = /after (\d+) attempts/.exec(error.message)?.[1];
  const after = tries ? ` after ${tries} tries` : '';
  if (/timed out/.test(error.message)) return `no answer in time${after}`;
  if (error.status !== undefined) return `HTTP ${error.status}${after}`;
  return error.message.replace(/^LLM request failed(?: after \d+ attempts)?: /, '');
}

/** Writing the audit failed: the database's fault, not the provider's. */
class AuditWriteError extends Error {
  override readonly name = 'AuditWriteError';
}

function isAuditFailure(error: unknown): boolean {
  return error instanceof AuditWriteError;
}

async function auditing(
  audit: (exchanges: LlmExchange[]) => Promise<void>,
  exchanges: LlmExchange[],
): Promise<void> {
  try {
    await audit(exchanges);
  } catch (error) {
    throw new AuditWriteError(
      `Recording what was sent to the provider failed: ${messageOf(error)}`,
      {
        cause: error,
      },
    );
  }
}

/** Every participant of the project, each as the names they go by (stable order). */
async function participantNames(db: EntityManager, projectId: string): Promise<string[][]> {
  const rows = await queryRows<{ display_name: string; label: string | null }>(
    db,
    `SELECT display_name, label FROM participant WHERE project_id = $1 ORDER BY created_at, id`,
    [projectId],
  );
  return rows
    .map((r) =>
      [...new Set([r.display_name, r.label].map((n) => (n ?? '').trim()))].filter(
        (n) => n.length > 1 && !GENERIC_LABEL.test(n),
      ),
    )
    .filter((names) => names.length > 0);
}

/** Exchanges carried by an error thrown from the LLM client (failed requests are audited too). */
function exchangesOf(error: unknown): LlmExchange[] {
  const exchanges = (error as { exchanges?: unknown })?.exchanges;
  return Array.isArray(exchanges) ? (exchanges as LlmExchange[]) : [];
}
