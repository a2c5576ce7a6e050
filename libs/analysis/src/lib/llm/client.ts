import OpenAI, {
  APIConnectionError,
  APIConnectionTimeoutError,
  APIError,
  APIUserAbortError,
} from 'openai';
import type { z } from 'zod';
import type { TokenUsage } from '../types';
import { cappedFetch, formatBytes, ResponseTooLargeError } from './capped-fetch';
import {
  buildDeductiveMessages,
  buildInductiveMessages,
  buildRepairMessage,
  type ChatMessage,
  type PromptCodebookTag,
} from './prompts';
import {
  buildThemeTitleMessages,
  type ThemeTitlesOutput,
  themeTitlesOutputSchema,
  type TitleGroup,
} from './theme-titles';
import {
  deductiveOutputSchema,
  inductiveOutputSchema,
  type DeductiveOutput,
  type InductiveOutput,
} from './schemas';

export const DEFAULT_OPENAI_ENDPOINT = 'https://api.openai.com/v1';

/** One HTTP request/response with the provider, as sent and received (after redaction). */
export interface LlmExchange {
  endpoint: string;
  model: string;
  /** The request body as sent. */
  request: unknown;
  /**
   * The response body (chat completion JSON) or the error body, or null on failure. When the
   * body passed `maxResponseBytes`, its first bytes as text (and `responseComplete` is false).
   */
  response: unknown;
  /** False when reading stopped at `maxResponseBytes`: `response` is the beginning of the body. */
  responseComplete: boolean;
  error: string | null;
  /** HTTP status, when there was one. */
  status?: number;
  /** Tokens the provider reported for this request (zero when it reported none). */
  usage: TokenUsage;
  /** When the request was sent (epoch ms). */
  startedAt: number;
  durationMs: number;
}

export interface LlmResult<T> {
  output: T;
  /** Sum over all exchanges of the call (retries and the repair request included). */
  usage: TokenUsage;
  exchanges: LlmExchange[];
}

/** The model's output stayed malformed or schema-violating after the one repair request. */
export class LlmOutputError extends Error {
  override readonly name = 'LlmOutputError';
  constructor(
    message: string,
    readonly exchanges: LlmExchange[],
    /** The last content the model returned. */
    readonly content: string | null,
  ) {
    super(message);
  }
}

/**
 * The provider asked to wait longer than this client waits in place (`maxInlineRetryDelayMs`):
 * the caller should try again after `delayMs` without holding anything meanwhile.
 */
export class LlmRetryLaterError extends Error {
  override readonly name = 'LlmRetryLaterError';
  constructor(
    message: string,
    readonly delayMs: number,
    readonly exchanges: LlmExchange[],
    readonly status?: number,
  ) {
    super(message);
  }
}

/** The request failed (HTTP error, connection, timeout, cancel) after the allowed retries. */
export class LlmRequestError extends Error {
  override readonly name = 'LlmRequestError';
  constructor(
    message: string,
    readonly exchanges: LlmExchange[],
    /** Worth retrying later (429, 5xx, timeouts, connection errors). */
    readonly retryable: boolean,
    readonly status?: number,
    /** The caller's AbortSignal fired. */
    readonly cancelled = false,
  ) {
    super(message);
  }
}

export interface LlmClientOptions {
  apiKey: string;
  /** OpenAI-compatible base URL incl. /v1 (Ollama, vLLM, LM Studio, Azure-style); default OpenAI. */
  baseURL?: string | null;
  model: string;
  /** Per HTTP request; default 120 s. */
  timeoutMs?: number;
  /** Retries per request on 408/409/429/5xx/timeouts/connection errors; default 3. */
  maxRetries?: number;
  /** Requests in flight at once across all calls of this client; default 2. */
  concurrency?: number;
  /** First backoff delay (doubles per retry, ±50 % jitter) when the server gives no retry-after; default 1 s. */
  retryBaseDelayMs?: number;
  /**
   * The longest wait between retries this client sleeps through (backoff, and a server's
   * retry-after); a longer retry-after ends the call with LlmRetryLaterError. Default 5 s.
   */
  maxInlineRetryDelayMs?: number;
  /** Most tokens the model may answer with, sent on every request; default 4096. */
  maxTokens?: number;
  /** How the endpoint names that limit: `max_tokens` (default; most compatible) or `max_completion_tokens`. */
  maxTokensParameter?: MaxTokensParameter;
  /** A response body longer than this is not read further (a failed attempt); default 1 MiB. */
  maxResponseBytes?: number;
}

export type MaxTokensParameter = 'max_tokens' | 'max_completion_tokens';

export interface DeductiveInput {
  chunkText: string;
  codebook: PromptCodebookTag[];
  signal?: AbortSignal;
}

export interface InductiveInput {
  chunkText: string;
  signal?: AbortSignal;
}

/** A counting semaphore whose waiters can be cancelled. */
class Semaphore {
  private active = 0;
  private readonly queue: (() => void)[] = [];
  constructor(private readonly limit: number) {}

  async acquire(signal?: AbortSignal): Promise<() => void> {
    if (signal?.aborted) throw new Error('aborted');
    if (this.active < this.limit) {
      this.active++;
      return this.releaser();
    }
    await new Promise<void>((resolve, reject) => {
      const grant = (): void => {
        signal?.removeEventListener('abort', onAbort);
        resolve();
      };
      const onAbort = (): void => {
        const at = this.queue.indexOf(grant);
        if (at >= 0) this.queue.splice(at, 1);
        reject(new Error('aborted'));
      };
      this.queue.push(grant);
      signal?.addEventListener('abort', onAbort, { once: true });
    });
    // the releaser handed its slot over: `active` is unchanged
    return this.releaser();
  }

  private releaser(): () => void {
    let done = false;
    return () => {
      if (done) return;
      done = true;
      const next = this.queue.shift();
      if (next) next();
      else this.active--;
    };
  }
}

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(new Error('aborted'));
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(new Error('aborted'));
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/** Milliseconds the server asked us to wait (retry-after-ms, retry-after seconds or HTTP date). */
export function retryAfterMs(headers: Headers | undefined, now = Date.now()): number | null {
  if (!headers) return null;
  const ms = headers.get('retry-after-ms');
  if (ms && Number.isFinite(Number(ms)) && Number(ms) >= 0) return Number(ms);
  const after = headers.get('retry-after');
  if (!after) return null;
  if (/^\s*\d+(\.\d+)?\s*$/.test(after)) return Number(after) * 1000;
  const date = Date.parse(after);
  return Number.isNaN(date) ? null : Math.max(0, date - now);
}

function isRetryableStatus(status: number): boolean {
  return status === 408 || status === 409 || status === 429 || status >= 500;
}

/** Extracts the JSON object from model content (tolerates a ```json fence or prose around it). */
export function parseJsonContent(content: string): unknown {
  const trimmed = content.trim();
  try {
    return JSON.parse(trimmed);
  } catch (first) {
    const fenced = /```(?:json)?\s*([\s\S]*?)```/i.exec(trimmed);
    if (fenced?.[1]) return JSON.parse(fenced[1]);
    const open = trimmed.indexOf('{');
    const close = trimmed.lastIndexOf('}');
    if (open >= 0 && close > open) return JSON.parse(trimmed.slice(open, close + 1));
    throw first;
  }
}

function describeIssues(error: z.ZodError): string {
  return error.issues
    .slice(0, 10)
    .map((i) => `${i.path.length ? i.path.join('.') : '(root)'}: ${i.message}`)
    .join('; ');
}

type Checked<T> = { ok: true; data: T } | { ok: false; problem: string };

/** Parses and validates model content; on failure says what is wrong (sent back in the repair). */
export function validateContent<S extends z.ZodType>(
  content: string | null,
  schema: S,
): Checked<z.output<S>> {
  if (content === null || !content.trim()) return { ok: false, problem: 'The answer was empty.' };
  let json: unknown;
  try {
    json = parseJsonContent(content);
  } catch (err) {
    return { ok: false, problem: `The answer was not valid JSON (${(err as Error).message}).` };
  }
  const parsed = schema.safeParse(json);
  if (parsed.success) return { ok: true, data: parsed.data };
  return {
    ok: false,
    problem: `The JSON did not match the required schema: ${describeIssues(parsed.error)}.`,
  };
}

/** Seconds or minutes, as a person says it. */
export function formatDelay(ms: number): string {
  const seconds = Math.ceil(ms / 1000);
  if (seconds < 120) return `${seconds} s`;
  const minutes = Math.round(seconds / 60);
  return minutes < 120 ? `${minutes} min` : `${Math.round(minutes / 60)} h`;
}

/**
 * `instanceof APIError` leaves the SDK error's type parameters (status, headers, body) as `any`;
 * this guard narrows to the declared defaults (`Headers | undefined`, `Object | undefined`).
 */
function isApiError(err: unknown): err is APIError {
  return err instanceof APIError;
}

function plain(value: unknown): unknown {
  return value === undefined ? null : (JSON.parse(JSON.stringify(value)) as unknown);
}

function sumUsage(exchanges: LlmExchange[]): TokenUsage {
  return exchanges.reduce(
    (acc, e) => ({
      promptTokens: acc.promptTokens + e.usage.promptTokens,
      completionTokens: acc.completionTokens + e.usage.completionTokens,
    }),
    { promptTokens: 0, completionTokens: 0 },
  );
}

/**
 * The OpenAI-compatible provider: chat completions in JSON mode, validated with zod, one repair
 * request on bad output, own retry loop (the SDK's retries are off so every HTTP attempt is
 * recorded as an exchange), per-request timeout, cancel via AbortSignal, and a concurrency
 * limit shared by all calls of one client.
 */
export class LlmClient {
  readonly endpoint: string;
  readonly model: string;
  private readonly openai: OpenAI;
  private readonly timeoutMs: number;
  private readonly maxRetries: number;
  private readonly retryBaseDelayMs: number;
  private readonly maxInlineRetryDelayMs: number;
  private readonly maxTokens: number;
  private readonly maxTokensParameter: MaxTokensParameter;
  private readonly maxResponseBytes: number;
  private readonly semaphore: Semaphore;

  constructor(options: LlmClientOptions) {
    this.endpoint = (options.baseURL?.trim() || DEFAULT_OPENAI_ENDPOINT).replace(/\/+$/, '');
    this.model = options.model;
    this.timeoutMs = Math.max(1, options.timeoutMs ?? 120_000);
    this.maxRetries = Math.max(0, Math.floor(options.maxRetries ?? 3));
    this.retryBaseDelayMs = Math.max(0, options.retryBaseDelayMs ?? 1000);
    this.maxInlineRetryDelayMs = Math.max(0, options.maxInlineRetryDelayMs ?? 5000);
    this.maxTokens = Math.max(1, Math.floor(options.maxTokens ?? 4096));
    this.maxTokensParameter = options.maxTokensParameter ?? 'max_tokens';
    this.maxResponseBytes = Math.max(1024, Math.floor(options.maxResponseBytes ?? 1024 * 1024));
    this.semaphore = new Semaphore(Math.max(1, Math.floor(options.concurrency ?? 2)));
    this.openai = new OpenAI({
      apiKey: options.apiKey,
      baseURL: this.endpoint,
      timeout: this.timeoutMs,
      maxRetries: 0,
      // Every body (answers and error bodies alike) is counted as it arrives and cut at the cap.
      fetch: cappedFetch(this.maxResponseBytes),
    });
  }

  deductive(input: DeductiveInput): Promise<LlmResult<DeductiveOutput>> {
    return this.complete(buildDeductiveMessages(input), deductiveOutputSchema, input.signal);
  }

  inductive(input: InductiveInput): Promise<LlmResult<InductiveOutput>> {
    return this.complete(buildInductiveMessages(input), inductiveOutputSchema, input.signal);
  }

  /** One title, description and cited highlights per group of (redacted) highlights. */
  themeTitles(input: {
    groups: readonly TitleGroup[];
    signal?: AbortSignal;
  }): Promise<LlmResult<ThemeTitlesOutput>> {
    return this.complete(
      buildThemeTitleMessages({ groups: input.groups }),
      themeTitlesOutputSchema,
      input.signal,
    );
  }

  /** Sends messages, validates the JSON answer against `schema`, repairs once. */
  async complete<S extends z.ZodType>(
    messages: ChatMessage[],
    schema: S,
    signal?: AbortSignal,
  ): Promise<LlmResult<z.output<S>>> {
    const exchanges: LlmExchange[] = [];
    let conversation = messages;
    for (let round = 0; round < 2; round++) {
      const { content, cutOff } = await this.send(conversation, exchanges, signal);
      const checked = validateContent(content, schema);
      if (checked.ok) return { output: checked.data, usage: sumUsage(exchanges), exchanges };
      const problem = cutOff
        ? `The answer was cut off at the limit of ${this.maxTokens} tokens: give fewer suggestions with shorter rationales. ${checked.problem}`
        : checked.problem;
      if (round === 1) {
        throw new LlmOutputError(
          `Model output unusable after a repair request: ${problem}`,
          exchanges,
          content,
        );
      }
      conversation = [
        ...messages,
        { role: 'assistant', content: content ?? '' },
        buildRepairMessage(problem),
      ];
    }
    /* istanbul ignore next */
    throw new LlmOutputError('unreachable', exchanges, null);
  }

  private cancelled(exchanges: LlmExchange[]): LlmRequestError {
    return new LlmRequestError('Request cancelled', exchanges, false, undefined, true);
  }

  /**
   * One logical request with retries; returns the message content and whether the model was cut
   * off at `maxTokens`. Waits up to `maxInlineRetryDelayMs` between attempts; a longer
   * retry-after ends the call with LlmRetryLaterError.
   */
  private async send(
    messages: ChatMessage[],
    exchanges: LlmExchange[],
    signal?: AbortSignal,
  ): Promise<{ content: string | null; cutOff: boolean }> {
    const body = {
      model: this.model,
      messages,
      response_format: { type: 'json_object' as const },
      [this.maxTokensParameter]: this.maxTokens,
    };
    const completion = await this.attempt(
      body,
      exchanges,
      signal,
      (options) => this.openai.chat.completions.create(body, options),
      (c) => ({
        promptTokens: c.usage?.prompt_tokens ?? 0,
        completionTokens: c.usage?.completion_tokens ?? 0,
      }),
    );
    const choice = completion.choices?.[0];
    return {
      content: choice?.message?.content ?? null,
      cutOff: choice?.finish_reason === 'length',
    };
  }

  /**
   * Embedding vectors of `texts` in their order (POST /embeddings), with the same retries,
   * limits, cancel, concurrency limit and audit as chat requests: at most `batchSize` texts per
   * request (default 48, whose base64 answer stays under 1 MB up to 3,072 dimensions), one
   * exchange each. The audit keeps each answer without its vectors (their count and size).
   */
  async embed(
    texts: readonly string[],
    options: { model: string; batchSize?: number; signal?: AbortSignal },
  ): Promise<LlmResult<number[][]>> {
    const exchanges: LlmExchange[] = [];
    const size = Math.max(1, Math.floor(options.batchSize ?? 48));
    const batches: string[][] = [];
    for (let from = 0; from < texts.length; from += size)
      batches.push(texts.slice(from, from + size));
    // One batch failing for good stops the others (their requests cancelled and audited): the
    // result is unusable without every vector, and nothing should reach the provider after it.
    const stop = new AbortController();
    const onCallerAbort = (): void => stop.abort();
    options.signal?.addEventListener('abort', onCallerAbort, { once: true });
    let failure: { error: unknown } | null = null;
    const embedBatch = async (input: string[]): Promise<number[][]> => {
      // The SDK asks for base64 and decodes it: a quarter of the bytes of JSON numbers.
      const body = { model: options.model, input };
      const answer = await this.attempt(
        body,
        exchanges,
        stop.signal,
        (request) => this.openai.embeddings.create(body, request),
        (e) => ({ promptTokens: e.usage?.prompt_tokens ?? 0, completionTokens: 0 }),
        options.model,
        (e) => ({
          object: e.object,
          model: e.model,
          usage: e.usage,
          data: `${e.data?.length ?? 0} embeddings of ${e.data?.[0]?.embedding?.length ?? 0} dimensions`,
        }),
      );
      const data = [...(answer.data ?? [])].sort((a, b) => a.index - b.index);
      if (data.length !== input.length || data.some((d) => !Array.isArray(d.embedding)))
        throw new LlmRequestError(
          `The provider answered ${data.length} embeddings for ${input.length} texts.`,
          exchanges,
          false,
          200,
        );
      return data.map((d) => d.embedding);
    };
    const settled = await Promise.allSettled(
      batches.map((input) =>
        embedBatch(input).catch((error: unknown) => {
          failure ??= { error };
          stop.abort();
          throw error;
        }),
      ),
    );
    options.signal?.removeEventListener('abort', onCallerAbort);
    // Thrown once every batch has settled, so its exchanges hold every request that was sent.
    if (failure) throw (failure as { error: unknown }).error;
    const answers = settled.map((s) => (s as PromiseFulfilledResult<number[][]>).value);
    return { output: answers.flat(), usage: sumUsage(exchanges), exchanges };
  }

  /**
   * One request (`call`) with retries: every HTTP attempt recorded as an exchange, a per-attempt
   * deadline, the caller's cancel, the concurrency limit and retry-after handling shared by chat
   * completions and embeddings.
   */
  private async attempt<R>(
    body: object,
    exchanges: LlmExchange[],
    signal: AbortSignal | undefined,
    call: (options: { signal: AbortSignal; timeout: number; maxRetries: 0 }) => Promise<R>,
    usageOf: (answer: R) => TokenUsage,
    model = this.model,
    /** What the audit keeps of an answer (default: all of it). */
    summarize: (answer: R) => unknown = (answer) => answer,
  ): Promise<R> {
    for (let attempt = 0; ; attempt++) {
      if (signal?.aborted) throw this.cancelled(exchanges);
      let release: () => void;
      try {
        release = await this.semaphore.acquire(signal);
      } catch {
        throw this.cancelled(exchanges);
      }
      let wait: number;
      const started = Date.now();
      // Our own per-attempt deadline, covering the body as well as the headers: aborting through
      // a signal we control tells a timeout apart from a cancel on every runtime.
      const attemptController = new AbortController();
      let timedOut = false;
      const timer = setTimeout(() => {
        timedOut = true;
        attemptController.abort();
      }, this.timeoutMs);
      const onCallerAbort = (): void => attemptController.abort();
      signal?.addEventListener('abort', onCallerAbort, { once: true });
      const record = (entry: Partial<LlmExchange>): void => {
        exchanges.push({
          endpoint: this.endpoint,
          model,
          request: plain(body),
          response: null,
          responseComplete: true,
          error: null,
          usage: { promptTokens: 0, completionTokens: 0 },
          startedAt: started,
          durationMs: Date.now() - started,
          ...entry,
        });
      };
      try {
        const answer = await call({
          signal: attemptController.signal,
          timeout: this.timeoutMs + 1000,
          maxRetries: 0,
        });
        record({ response: plain(summarize(answer)), status: 200, usage: usageOf(answer) });
        return answer;
      } catch (err) {
        const aborted = signal?.aborted === true;
        if (!aborted && err instanceof ResponseTooLargeError) {
          // The provider answered, but more than we read: a failed attempt, kept in the audit as
          // far as it was read. Not retried here: the same request would likely run away again.
          record({
            response: err.partialBody,
            responseComplete: false,
            status: 200,
            error: `The answer was larger than ${formatBytes(err.limitBytes)} (the response limit); only its beginning was read.`,
          });
          throw new LlmRequestError(
            `The provider's answer was larger than ${formatBytes(err.limitBytes)}; it was not used.`,
            exchanges,
            false,
            200,
          );
        }
        timedOut = !aborted && (timedOut || err instanceof APIConnectionTimeoutError);
        const status =
          !aborted && !timedOut && isApiError(err) && typeof err.status === 'number'
            ? err.status
            : undefined;
        record({
          response:
            status !== undefined && isApiError(err) && err.error !== undefined
              ? plain({ error: err.error })
              : null,
          error: aborted
            ? 'cancelled'
            : timedOut
              ? `timeout after ${this.timeoutMs} ms`
              : (err as Error).message || String(err),
          ...(status !== undefined ? { status } : {}),
        });
        if (aborted) throw this.cancelled(exchanges);
        if (!timedOut && !isApiError(err)) {
          // not an HTTP/SDK failure (e.g. a bug or a non-JSON 200 body): don't retry
          throw new LlmRequestError(
            `LLM request failed: ${(err as Error).message}`,
            exchanges,
            false,
          );
        }
        const retryable =
          timedOut ||
          (err instanceof APIConnectionError && !(err instanceof APIUserAbortError)) ||
          (status !== undefined && isRetryableStatus(status));
        const hinted =
          retryable && status !== undefined && isApiError(err) ? retryAfterMs(err.headers) : null;
        if (hinted !== null && hinted > this.maxInlineRetryDelayMs) {
          throw new LlmRetryLaterError(
            `The provider asked to wait ${formatDelay(hinted)} before trying again (HTTP ${status}).`,
            hinted,
            exchanges,
            status,
          );
        }
        if (!retryable || attempt >= this.maxRetries) {
          const what = timedOut ? `timed out after ${this.timeoutMs} ms` : (err as Error).message;
          throw new LlmRequestError(
            `LLM request failed${attempt ? ` after ${attempt + 1} attempts` : ''}: ${what}`,
            exchanges,
            retryable,
            status,
          );
        }
        const backoff = this.retryBaseDelayMs * 2 ** attempt * (0.5 + Math.random());
        wait = Math.min(this.maxInlineRetryDelayMs, hinted ?? backoff);
      } finally {
        clearTimeout(timer);
        signal?.removeEventListener('abort', onCallerAbort);
        release();
      }
      try {
        await sleep(wait, signal);
      } catch {
        throw this.cancelled(exchanges);
      }
    }
  }
}
