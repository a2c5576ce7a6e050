import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extractBlock } from '../lib/llm/prompts';

/**
 * One scripted answer for the next POST /v1/chat/completions (queued with `script`, used once,
 * in order). Fields combine: `delayMs` waits before answering whatever else is set.
 */
export interface FakeBehaviour {
  /** HTTP error status (≥ 400) answered with an OpenAI-style `{ error: { message, type, code } }` body. */
  status?: number;
  /** `retry-after` header, in seconds. */
  retryAfter?: number;
  /** `retry-after-ms` header. */
  retryAfterMs?: number;
  /** Raw assistant message content (e.g. 'not json'). */
  content?: string;
  /** Assistant content = JSON.stringify(json) (schema-violating, hallucinated quote, unknown tag…). */
  json?: unknown;
  /** Whole response body to send instead of a generated one (with `status` or 200). */
  body?: unknown;
  /** finish_reason of the answer (default `stop`; `length` = cut off at max_tokens). */
  finishReason?: string;
  /** Usage reported for this answer (default: ~4 chars per token of prompt / content). */
  usage?: { prompt_tokens: number; completion_tokens: number };
  /** Wait this long before sending anything (for client timeouts). */
  delayMs?: number;
  /** Never answer (until the client gives up or the server closes). */
  hang?: boolean;
  /**
   * A 200 chat completion of about `bytes` bytes (a model that never stops), written in pieces
   * of `chunkBytes` every `intervalMs`, without a content-length; stops when the client hangs up.
   */
  hugeAnswer?: { bytes: number; chunkBytes?: number; intervalMs?: number };
}

export interface FakeRequest {
  method: string;
  /** Path incl. /v1 prefix, without query. */
  path: string;
  headers: Record<string, string | string[] | undefined>;
  /** Parsed JSON body (null for GET / empty, the raw string if not JSON). */
  body: unknown;
  /** Chat completions: body bytes written so far, and whether the whole answer was sent. */
  answer?: { bytesSent: number; complete: boolean };
}

export interface FakeOpenAiOptions {
  /** When set, requests with another bearer key get 401. */
  apiKey?: string;
  /** Delay for every chat completion that has no scripted delay (e.g. to observe concurrency). */
  latencyMs?: number;
}

export interface FakeOpenAi {
  /** Base URL incl. /v1, e.g. http://127.0.0.1:43567/v1 — pass as `baseURL`. */
  readonly url: string;
  /** Every request received, in order. */
  readonly requests: FakeRequest[];
  /** Only the POST /v1/chat/completions requests. */
  chatRequests(): FakeRequest[];
  /** Queues one-shot behaviours for the next chat completion requests. */
  script(...behaviours: FakeBehaviour[]): void;
  /**
   * Decides how to answer chat completions by their content when nothing is scripted (e.g. one
   * transcript's chunks always fail); undefined answers like the reasonable model. null removes it.
   */
  respondWith(responder: ((request: FakeChatRequest) => FakeBehaviour | undefined) | null): void;
  /**
   * How to answer POST /v1/embeddings (`status`, `retryAfter…`, `body`, `delayMs`, `hang` apply);
   * undefined answers with embeddings. null (and reset) removes it.
   */
  respondToEmbeddingsWith(responder: ((body: unknown) => FakeBehaviour | undefined) | null): void;
  /** Chat completions being handled right now, and the most at once since start/reset. */
  readonly inFlight: number;
  readonly maxInFlight: number;
  /** Forgets requests, queued behaviours and the in-flight maximum. */
  reset(): void;
  close(): Promise<void>;
}

interface ChatBody {
  model?: string;
  messages?: { role?: string; content?: unknown }[];
}

/** What a responder sees of a chat completion request. */
export interface FakeChatRequest {
  body: ChatBody;
  /** The text of all messages, joined. */
  text: string;
}

const TURN_LINE = /^\[T(\d+)\] (.*?)( \(interviewer\))?: (.*)$/;

function messageText(content: unknown): string {
  if (typeof content === 'string') return content;
  if (Array.isArray(content)) {
    return content
      .map((p: unknown) => (p && typeof p === 'object' && 'text' in p ? String(p.text) : ''))
      .join('');
  }
  return '';
}

function firstSentence(text: string): string {
  const m = /^.*?[.!?](?=\s|$)/u.exec(text.trim());
  return (m ? m[0] : text).trim();
}

/** The "reasonable model": quotes real participant sentences from the transcript block. */
export function fakeModelAnswer(body: ChatBody): unknown {
  const prompt = (body.messages ?? [])
    .filter((m) => m.role === 'user')
    .map((m) => messageText(m.content))
    .join('\n');
  const transcript = extractBlock(prompt, 'TRANSCRIPT') ?? '';
  const codebookText = extractBlock(prompt, 'CODEBOOK');
  const sentences: string[] = [];
  for (const line of transcript.split('\n')) {
    const m = TURN_LINE.exec(line);
    if (!m || m[3]) continue; // interviewer or not a turn line
    const s = firstSentence(m[4] ?? '');
    if (s.length >= 3) sentences.push(s);
    if (sentences.length >= 2) break;
  }
  if (codebookText !== null) {
    let names: string[] = [];
    try {
      const parsed = JSON.parse(codebookText) as { name?: unknown }[];
      names = parsed.map((t) => (typeof t.name === 'string' ? t.name : '')).filter(Boolean);
    } catch {
      names = [];
    }
    const tag = names[0];
    return {
      suggestions: tag
        ? sentences.map((quote, i) => ({
            quote,
            tags: [tag],
            rationale: `The participant talks about ${tag}.`,
            confidence: i === 0 ? 0.9 : 0.7,
          }))
        : [],
    };
  }
  return {
    themes: sentences.length
      ? [
          {
            name: 'Fake theme',
            definition: 'What the participants in this excerpt talk about (fake model).',
            quotes: sentences.map((quote, i) => ({
              quote,
              rationale: 'Said by a participant.',
              confidence: i === 0 ? 0.8 : 0.6,
            })),
          },
        ]
      : [],
  };
}

/** Deterministic bag-of-words vector: similar texts get similar vectors. */
export function fakeEmbedding(text: string, dimensions = 64): number[] {
  const v = new Array<number>(dimensions).fill(0);
  for (const word of text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []) {
    let h = 0x811c9dc5;
    for (let i = 0; i < word.length; i++) {
      h ^= word.charCodeAt(i);
      h = Math.imul(h, 0x01000193) >>> 0;
    }
    v[h % dimensions] = (v[h % dimensions] as number) + ((h >>> 16) & 1 ? 1 : -1);
  }
  const norm = Math.sqrt(v.reduce((a, x) => a + x * x, 0));
  if (norm === 0) {
    v[0] = 1;
    return v;
  }
  return v.map((x) => x / norm);
}

const tokens = (text: string): number => Math.ceil(text.length / 4);

function sendJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  if (res.writableEnded || res.destroyed) return;
  const data = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json',
    'content-length': Buffer.byteLength(data),
    ...headers,
  });
  res.end(data);
}

function errorBody(status: number, message?: string): unknown {
  const type =
    status === 401
      ? 'invalid_request_error'
      : status === 429
        ? 'rate_limit_exceeded'
        : status >= 500
          ? 'server_error'
          : 'invalid_request_error';
  return {
    error: {
      message: message ?? `Fake error ${status}`,
      type,
      param: null,
      code: status === 429 ? 'rate_limit_exceeded' : null,
    },
  };
}

async function readBody(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > 20 * 1024 * 1024) throw new Error('body too large');
    chunks.push(chunk as Buffer);
  }
  const text = Buffer.concat(chunks).toString('utf8');
  if (!text) return null;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

/**
 * A real HTTP server on 127.0.0.1 (random port) speaking enough of the OpenAI API for the
 * official SDK: POST /v1/chat/completions, POST /v1/embeddings, GET /v1/models.
 */
export async function startFakeOpenAi(options: FakeOpenAiOptions = {}): Promise<FakeOpenAi> {
  const requests: FakeRequest[] = [];
  const queue: FakeBehaviour[] = [];
  let responder: ((request: FakeChatRequest) => FakeBehaviour | undefined) | null = null;
  let embeddingsResponder: ((body: unknown) => FakeBehaviour | undefined) | null = null;
  const timers = new Set<NodeJS.Timeout>();
  let inFlight = 0;
  let maxInFlight = 0;
  let counter = 0;

  const wait = (ms: number, res: ServerResponse): Promise<boolean> =>
    new Promise((resolve) => {
      const timer = setTimeout(() => {
        timers.delete(timer);
        resolve(!res.destroyed);
      }, ms);
      timers.add(timer);
      res.once('close', () => {
        clearTimeout(timer);
        timers.delete(timer);
        resolve(false);
      });
    });

  const pause = (ms: number): Promise<void> =>
    new Promise((resolve) => {
      const timer = setTimeout(() => {
        timers.delete(timer);
        resolve();
      }, ms);
      timers.add(timer);
    });

  async function hugeAnswer(
    spec: NonNullable<FakeBehaviour['hugeAnswer']>,
    res: ServerResponse,
    answer: NonNullable<FakeRequest['answer']>,
  ): Promise<void> {
    const chunk = Math.max(1, spec.chunkBytes ?? 64 * 1024);
    const completionTokens = Math.ceil(spec.bytes / 4);
    const head = `{"id":"chatcmpl-fake-${++counter}","object":"chat.completion","created":0,"model":"fake-model","choices":[{"index":0,"message":{"role":"assistant","content":"`;
    const tail = `"},"finish_reason":"stop","logprobs":null}],"usage":{"prompt_tokens":10,"completion_tokens":${completionTokens},"total_tokens":${10 + completionTokens}}}`;
    res.writeHead(200, { 'content-type': 'application/json' });
    const filler = 'la '.repeat(Math.ceil(chunk / 3)).slice(0, chunk);
    let text = head;
    while (!res.destroyed) {
      const flushed = res.write(text);
      answer.bytesSent += Buffer.byteLength(text);
      const left = spec.bytes - answer.bytesSent - tail.length;
      if (left <= 0) break;
      text = filler.slice(0, Math.min(chunk, left));
      if (!flushed)
        await new Promise<void>((resolve) => {
          const go = (): void => {
            res.off('drain', go);
            res.off('close', go);
            resolve();
          };
          res.on('drain', go);
          res.on('close', go);
        });
      await pause(spec.intervalMs ?? 0);
    }
    if (res.destroyed) return;
    res.end(tail);
    answer.bytesSent += tail.length;
  }

  /** The request id and any `retry-after` headers a behaviour asks for. */
  function responseHeaders(behaviour: FakeBehaviour): Record<string, string> {
    const headers: Record<string, string> = { 'x-request-id': `req_fake_${++counter}` };
    if (behaviour.retryAfter !== undefined) headers['retry-after'] = String(behaviour.retryAfter);
    if (behaviour.retryAfterMs !== undefined)
      headers['retry-after-ms'] = String(behaviour.retryAfterMs);
    return headers;
  }

  /** Sends a scripted error status or whole body; false when the answer is left to the caller. */
  function answeredAsScripted(
    behaviour: FakeBehaviour,
    res: ServerResponse,
    headers: Record<string, string>,
  ): boolean {
    if (behaviour.status !== undefined && behaviour.status >= 400) {
      sendJson(res, behaviour.status, behaviour.body ?? errorBody(behaviour.status), headers);
      return true;
    }
    if (behaviour.body === undefined) return false;
    sendJson(res, behaviour.status ?? 200, behaviour.body, headers);
    return true;
  }

  async function chat(
    body: ChatBody,
    res: ServerResponse,
    answer: NonNullable<FakeRequest['answer']>,
  ): Promise<void> {
    const text = (body.messages ?? []).map((m) => messageText(m.content)).join('\n');
    const behaviour = queue.shift() ?? responder?.({ body, text }) ?? {};
    const delay = behaviour.delayMs ?? options.latencyMs ?? 0;
    if (behaviour.hang) return; // the response stays open
    if (delay > 0 && !(await wait(delay, res))) return;
    if (behaviour.hugeAnswer) return hugeAnswer(behaviour.hugeAnswer, res, answer);
    const headers = responseHeaders(behaviour);
    if (answeredAsScripted(behaviour, res, headers)) return;
    const content =
      behaviour.content ??
      (behaviour.json !== undefined
        ? JSON.stringify(behaviour.json)
        : JSON.stringify(fakeModelAnswer(body)));
    const promptText = (body.messages ?? []).map((m) => messageText(m.content)).join('\n');
    const usage = behaviour.usage ?? {
      prompt_tokens: tokens(promptText),
      completion_tokens: tokens(content),
    };
    sendJson(
      res,
      200,
      {
        id: `chatcmpl-fake-${counter}`,
        object: 'chat.completion',
        created: Math.floor(Date.now() / 1000),
        model: body.model ?? 'fake-model',
        choices: [
          {
            index: 0,
            message: { role: 'assistant', content, refusal: null },
            finish_reason: behaviour.finishReason ?? 'stop',
            logprobs: null,
          },
        ],
        usage: { ...usage, total_tokens: usage.prompt_tokens + usage.completion_tokens },
      },
      headers,
    );
  }

  async function embeddings(
    body: { input?: unknown; model?: string; dimensions?: number; encoding_format?: string },
    res: ServerResponse,
  ): Promise<void> {
    const behaviour = embeddingsResponder?.(body) ?? {};
    if (behaviour.hang) return; // the response stays open
    if (behaviour.delayMs && !(await wait(behaviour.delayMs, res))) return;
    const headers = responseHeaders(behaviour);
    if (answeredAsScripted(behaviour, res, headers)) return;
    const inputs = Array.isArray(body.input) ? body.input : [body.input];
    const dims =
      typeof body.dimensions === 'number' && body.dimensions > 0
        ? Math.min(4096, body.dimensions)
        : 64;
    const data = inputs.map((input, index) => {
      const vector = fakeEmbedding(typeof input === 'string' ? input : JSON.stringify(input), dims);
      const embedding =
        body.encoding_format === 'base64'
          ? Buffer.from(new Float32Array(vector).buffer).toString('base64')
          : vector;
      return { object: 'embedding', index, embedding };
    });
    const used = inputs.reduce<number>((a, i) => a + tokens(typeof i === 'string' ? i : ''), 0);
    sendJson(res, 200, {
      object: 'list',
      data,
      model: body.model ?? 'fake-embedding',
      usage: { prompt_tokens: used, total_tokens: used },
    });
  }

  const server = createServer((req, res) => {
    void (async () => {
      const path = (req.url ?? '/').split('?')[0] ?? '/';
      let body: unknown = null;
      try {
        body = await readBody(req);
      } catch {
        sendJson(res, 413, errorBody(413, 'Body too large'));
        return;
      }
      const received: FakeRequest = {
        method: req.method ?? 'GET',
        path,
        headers: { ...req.headers },
        body,
      };
      requests.push(received);
      if (
        options.apiKey !== undefined &&
        req.headers.authorization !== `Bearer ${options.apiKey}`
      ) {
        sendJson(res, 401, {
          error: {
            message: 'Incorrect API key provided.',
            type: 'invalid_request_error',
            param: null,
            code: 'invalid_api_key',
          },
        });
        return;
      }
      const route = `${req.method} ${path.replace(/\/+$/, '')}`;
      if (route === 'GET /v1/models') {
        sendJson(res, 200, {
          object: 'list',
          data: [{ id: 'fake-model', object: 'model', created: 0, owned_by: 'verbatim-fake' }],
        });
      } else if (route === 'POST /v1/chat/completions') {
        if (!body || typeof body !== 'object') {
          sendJson(res, 400, errorBody(400, 'Body must be JSON'));
          return;
        }
        inFlight++;
        maxInFlight = Math.max(maxInFlight, inFlight);
        let counted = true;
        const done = (): void => {
          if (counted) inFlight--;
          counted = false;
        };
        res.once('close', done);
        res.once('finish', done);
        const answer = { bytesSent: 0, complete: false };
        received.answer = answer;
        res.once('finish', () => {
          answer.complete = true;
          if (!answer.bytesSent) answer.bytesSent = Number(res.getHeader('content-length') ?? 0);
        });
        await chat(body, res, answer);
      } else if (route === 'POST /v1/embeddings') {
        await embeddings(body ?? {}, res);
      } else {
        sendJson(res, 404, errorBody(404, `No route ${route}`));
      }
    })().catch((err: unknown) => {
      sendJson(res, 500, errorBody(500, String(err)));
    });
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}/v1`,
    requests,
    chatRequests: () =>
      requests.filter(
        (r) => r.method === 'POST' && r.path.replace(/\/+$/, '') === '/v1/chat/completions',
      ),
    script: (...behaviours) => {
      queue.push(...behaviours);
    },
    respondWith: (fn) => {
      responder = fn;
    },
    respondToEmbeddingsWith: (fn) => {
      embeddingsResponder = fn;
    },
    get inFlight() {
      return inFlight;
    },
    get maxInFlight() {
      return maxInFlight;
    },
    reset: () => {
      requests.length = 0;
      queue.length = 0;
      responder = null;
      embeddingsResponder = null;
      maxInFlight = inFlight;
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const t of timers) clearTimeout(t);
        timers.clear();
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
