import { startFakeOpenAi, type FakeOpenAi } from '../../testing';
import { chunkTurns } from '../chunking';
import { groundQuote } from '../grounding';
import type { TurnText } from '../types';
import {
  LlmClient,
  LlmOutputError,
  LlmRequestError,
  LlmRetryLaterError,
  retryAfterMs,
} from './client';

const turns: TurnText[] = [
  { index: 0, text: 'How did the setup go?', speaker: 'Ana', isInterviewer: true },
  {
    index: 1,
    text: 'The setup was painful. I had to invite everyone by hand.',
    speaker: 'Maria',
    isInterviewer: false,
  },
  { index: 2, text: 'And the reports?', speaker: 'Ana', isInterviewer: true },
  {
    index: 3,
    text: 'Reports are great! We export them every Monday.',
    speaker: 'Maria',
    isInterviewer: false,
  },
];
const [chunk] = chunkTurns(turns, { maxTokens: 2000, overlapTokens: 100 });
const chunkText = chunk!.text;
const codebook = [
  {
    name: 'Onboarding pain',
    description: 'Trouble getting started',
    examples: ['setup took ages', 'inviting people was hard'],
  },
  { name: 'Reporting', description: null, examples: [] },
];

let fake: FakeOpenAi;
beforeAll(async () => {
  fake = await startFakeOpenAi();
});
afterAll(async () => {
  await fake.close();
});
beforeEach(() => fake.reset());

function client(extra: Partial<ConstructorParameters<typeof LlmClient>[0]> = {}): LlmClient {
  return new LlmClient({
    apiKey: 'sk-test',
    baseURL: fake.url,
    model: 'test-model',
    timeoutMs: 2000,
    retryBaseDelayMs: 10,
    ...extra,
  });
}

async function rejection(p: Promise<unknown>): Promise<Error> {
  try {
    await p;
  } catch (err) {
    return err as Error;
  }
  throw new Error('expected a rejection');
}

describe('LlmClient against the fake OpenAI server (real SDK, real HTTP)', () => {
  it('runs a deductive request: JSON mode, delimited transcript, grounded quotes, usage and exchanges', async () => {
    const c = client();
    expect(c.endpoint).toBe(fake.url);
    const result = await c.deductive({ chunkText, codebook });
    expect(result.output.suggestions.length).toBe(2);
    for (const s of result.output.suggestions) {
      expect(s.tags).toEqual(['Onboarding pain']);
      expect(groundQuote(s.quote, turns)?.method).toBe('exact');
    }
    expect(result.usage.promptTokens).toBeGreaterThan(0);
    expect(result.usage.completionTokens).toBeGreaterThan(0);
    expect(result.exchanges).toHaveLength(1);
    const [ex] = result.exchanges;
    expect(ex).toMatchObject({ endpoint: fake.url, model: 'test-model', error: null, status: 200 });
    expect(ex!.usage).toEqual(result.usage);
    const [req] = fake.chatRequests();
    expect(req!.headers.authorization).toBe('Bearer sk-test');
    expect(req!.body).toEqual(ex!.request);
    const body = req!.body as {
      model: string;
      response_format: unknown;
      messages: { role: string; content: string }[];
    };
    expect(body.model).toBe('test-model');
    expect(body.response_format).toEqual({ type: 'json_object' });
    expect(body.messages[0]!.role).toBe('system');
    expect(body.messages[0]!.content).toMatch(/DATA/);
    expect(body.messages[1]!.content).toContain(chunkText);
    expect((ex!.response as { choices: unknown[] }).choices).toHaveLength(1);
  });

  it('runs an inductive request', async () => {
    const result = await client().inductive({ chunkText });
    expect(result.output.themes).toHaveLength(1);
    expect(result.output.themes[0]!.quotes.map((q) => q.quote)).toEqual([
      'The setup was painful.',
      'Reports are great!',
    ]);
  });

  it('retries a 429 after the server’s retry-after', async () => {
    fake.script({ status: 429, retryAfterMs: 50 });
    const result = await client().deductive({ chunkText, codebook });
    expect(result.output.suggestions).toHaveLength(2);
    expect(result.exchanges.map((e) => e.status)).toEqual([429, 200]);
    expect(result.exchanges[0]!.error).toMatch(/429/);
    expect(result.exchanges[0]!.response).toMatchObject({ error: { code: 'rate_limit_exceeded' } });
    expect(fake.chatRequests()).toHaveLength(2);
  });

  it('honours retry-after in seconds', async () => {
    // a 30 s cap and a huge base delay: finishing at all shows the 1 s hint was used
    fake.script({ status: 429, retryAfter: 1 });
    const result = await client({ retryBaseDelayMs: 600_000 }).inductive({ chunkText });
    expect(result.exchanges.map((e) => e.status)).toEqual([429, 200]);
  });

  it('hands a retry-after longer than it waits in place back to the caller, with the exchanges so far', async () => {
    fake.script({ status: 503, retryAfter: 3600 });
    const err = await rejection(client({ maxInlineRetryDelayMs: 5000 }).inductive({ chunkText }));
    expect(err).toBeInstanceOf(LlmRetryLaterError);
    expect(err).toMatchObject({ delayMs: 3_600_000, status: 503 });
    expect(err.message).toBe('The provider asked to wait 60 min before trying again (HTTP 503).');
    expect((err as LlmRetryLaterError).exchanges.map((e) => e.status)).toEqual([503]);
    expect(fake.chatRequests()).toHaveLength(1);
  });

  it('hands back a long retry-after met in the repair request too, with both exchanges', async () => {
    fake.script({ content: 'not json' }, { status: 429, retryAfterMs: 120_000 });
    const err = await rejection(client().deductive({ chunkText, codebook }));
    expect(err).toBeInstanceOf(LlmRetryLaterError);
    expect((err as LlmRetryLaterError).exchanges.map((e) => e.status)).toEqual([200, 429]);
    expect((err as LlmRetryLaterError).exchanges[0]!.usage.completionTokens).toBeGreaterThan(0);
  });

  it('waits in place no longer than its inline limit when backing off without a retry-after', async () => {
    // a huge base delay: finishing at all shows the wait was capped
    fake.script({ status: 500 });
    const result = await client({ retryBaseDelayMs: 600_000, maxInlineRetryDelayMs: 20 }).inductive(
      { chunkText },
    );
    expect(result.exchanges.map((e) => e.status)).toEqual([500, 200]);
  });

  it('limits the answer with max_tokens on every request, the repair included', async () => {
    fake.script({ content: 'not json' });
    await client({ maxTokens: 1234 }).deductive({ chunkText, codebook });
    const bodies = fake.chatRequests().map((r) => r.body as Record<string, unknown>);
    expect(bodies.map((b) => b['max_tokens'])).toEqual([1234, 1234]);

    fake.reset();
    await client({ maxTokensParameter: 'max_completion_tokens' }).inductive({ chunkText });
    const [body] = fake.chatRequests().map((r) => r.body as Record<string, unknown>);
    expect(body).toMatchObject({ max_completion_tokens: 4096 });
    expect(body).not.toHaveProperty('max_tokens');
  });

  it('tells the model in the repair request that its answer was cut off at the token limit', async () => {
    fake.script({ content: '{"suggestions": [{"quote": "The setup', finishReason: 'length' });
    await client({ maxTokens: 300 }).deductive({ chunkText, codebook });
    const repair = fake.chatRequests()[1]!.body as { messages: { content: string }[] };
    expect(repair.messages[3]!.content).toMatch(/cut off at the limit of 300 tokens/);
  });

  it('stops reading an answer past the byte limit: a failed attempt whose beginning is kept', async () => {
    fake.script({ hugeAnswer: { bytes: 20 * 1024 * 1024, chunkBytes: 16 * 1024, intervalMs: 2 } });
    const err = await rejection(
      client({ maxResponseBytes: 64 * 1024, timeoutMs: 60_000 }).inductive({ chunkText }),
    );
    expect(err).toBeInstanceOf(LlmRequestError);
    expect(err).toMatchObject({ retryable: false, status: 200 });
    expect(err.message).toMatch(/larger than 64 kB/);
    const [exchange] = (err as LlmRequestError).exchanges;
    expect(exchange).toMatchObject({ status: 200, responseComplete: false });
    expect(exchange!.error).toMatch(/larger than 64 kB/);
    expect(typeof exchange!.response).toBe('string');
    expect((exchange!.response as string).length).toBe(64 * 1024);
    expect(exchange!.response as string).toMatch(/^\{"id":"chatcmpl-fake/);
    // the client hung up: the server never got to send the 20 MB
    await waitFor(() => fake.inFlight === 0);
    const answer = fake.chatRequests()[0]!.answer!;
    expect(answer.complete).toBe(false);
    expect(answer.bytesSent).toBeLessThan(4 * 1024 * 1024);
    expect(fake.chatRequests()).toHaveLength(1);
  });

  it('stops reading an error body past the byte limit too', async () => {
    fake.script({ status: 500, body: { error: { message: 'x'.repeat(200_000) } } });
    const err = await rejection(
      client({ maxResponseBytes: 4096, maxRetries: 0 }).inductive({ chunkText }),
    );
    expect(err).toBeInstanceOf(LlmRequestError);
    expect(err).toMatchObject({ status: 500 });
    expect(err.message).toMatch(/larger than 4 kB/);
  });

  it('retries a 500 with backoff, and gives up after maxRetries', async () => {
    fake.script({ status: 500 });
    const ok = await client().deductive({ chunkText, codebook });
    expect(ok.exchanges.map((e) => e.status)).toEqual([500, 200]);

    fake.script({ status: 502 }, { status: 500 }, { status: 503 });
    const err = await rejection(client({ maxRetries: 2 }).deductive({ chunkText, codebook }));
    expect(err).toBeInstanceOf(LlmRequestError);
    expect((err as LlmRequestError).retryable).toBe(true);
    expect((err as LlmRequestError).status).toBe(503);
    expect((err as LlmRequestError).exchanges).toHaveLength(3);
  });

  it.each([400, 401, 403, 404])('does not retry a %d', async (status) => {
    fake.script({ status });
    const err = await rejection(client().deductive({ chunkText, codebook }));
    expect(err).toBeInstanceOf(LlmRequestError);
    expect(err).toMatchObject({ retryable: false, status, cancelled: false });
    expect((err as LlmRequestError).exchanges).toHaveLength(1);
    expect(fake.chatRequests()).toHaveLength(1);
  });

  it('reports a wrong API key as a 401 without retrying', async () => {
    const strict = await startFakeOpenAi({ apiKey: 'sk-right' });
    try {
      const c = new LlmClient({
        apiKey: 'sk-wrong',
        baseURL: strict.url,
        model: 'm',
        retryBaseDelayMs: 1,
      });
      const err = await rejection(c.inductive({ chunkText }));
      expect(err).toMatchObject({ name: 'LlmRequestError', status: 401, retryable: false });
      expect(strict.requests).toHaveLength(1);
    } finally {
      await strict.close();
    }
  });

  it('repairs malformed output with one follow-up request that carries the error', async () => {
    fake.script({ content: 'not json' });
    const result = await client().deductive({ chunkText, codebook });
    expect(result.output.suggestions).toHaveLength(2);
    expect(result.exchanges).toHaveLength(2);
    const repair = fake.chatRequests()[1]!.body as {
      messages: { role: string; content: string }[];
    };
    expect(repair.messages).toHaveLength(4);
    expect(repair.messages[2]).toEqual({ role: 'assistant', content: 'not json' });
    expect(repair.messages[3]!.content).toMatch(/not valid JSON/);
    expect(result.usage.promptTokens).toBe(
      result.exchanges[0]!.usage.promptTokens + result.exchanges[1]!.usage.promptTokens,
    );
  });

  it('accepts JSON wrapped in a markdown fence', async () => {
    fake.script({ content: '```json\n{"themes":[]}\n```' });
    const result = await client().inductive({ chunkText });
    expect(result.output.themes).toEqual([]);
    expect(result.exchanges).toHaveLength(1);
  });

  it('throws LlmOutputError when the output is malformed twice', async () => {
    fake.script({ content: 'not json' }, { content: '{"suggestions": [' });
    const err = await rejection(client().deductive({ chunkText, codebook }));
    expect(err).toBeInstanceOf(LlmOutputError);
    expect((err as LlmOutputError).exchanges).toHaveLength(2);
    expect((err as LlmOutputError).content).toBe('{"suggestions": [');
  });

  it('repairs schema-violating output, then fails if it stays invalid', async () => {
    fake.script({
      json: { suggestions: [{ quote: 'The setup was painful.', tags: [], confidence: 7 }] },
    });
    const ok = await client().deductive({ chunkText, codebook });
    expect(ok.exchanges).toHaveLength(2);
    const repair = fake.chatRequests()[1]!.body as { messages: { content: string }[] };
    expect(repair.messages[3]!.content).toMatch(/suggestions\.0\.tags/);
    expect(repair.messages[3]!.content).toMatch(/suggestions\.0\.confidence/);

    fake.reset();
    fake.script({ json: { wrong: true } }, { json: { themes: [{ name: '', quotes: [] }] } });
    const err = await rejection(client().inductive({ chunkText }));
    expect(err).toBeInstanceOf(LlmOutputError);
    expect(err.message).toMatch(/schema/);
  });

  it('passes hallucinated quotes and unknown tags through validation (grounding and the codebook check are the caller’s)', async () => {
    fake.script({
      json: {
        suggestions: [
          {
            quote: 'I adore the dark mode.',
            tags: ['Nonexistent'],
            rationale: 'x',
            confidence: 0.5,
          },
        ],
      },
    });
    const result = await client().deductive({ chunkText, codebook });
    expect(result.output.suggestions[0]!.tags).toEqual(['Nonexistent']);
    expect(groundQuote(result.output.suggestions[0]!.quote, turns)).toBeNull();
  });

  it('times out a slow request as a retryable LlmRequestError', async () => {
    fake.script({ delayMs: 5000 });
    const err = await rejection(
      client({ timeoutMs: 300, maxRetries: 0 }).deductive({ chunkText, codebook }),
    );
    expect(err).toBeInstanceOf(LlmRequestError);
    expect(err).toMatchObject({ retryable: true, cancelled: false });
    expect(err.message).toMatch(/timed out/);
    expect((err as LlmRequestError).exchanges[0]!.error).toMatch(/timeout/);
  });

  it('retries after a timeout', async () => {
    fake.script({ hang: true });
    const result = await client({ timeoutMs: 300, maxRetries: 1 }).inductive({ chunkText });
    expect(result.exchanges.map((e) => e.status ?? e.error)).toEqual(['timeout after 300 ms', 200]);
  });

  it('cancels an in-flight request with the AbortSignal', async () => {
    fake.script({ hang: true });
    const controller = new AbortController();
    const pending = client({ timeoutMs: 60_000 }).deductive({
      chunkText,
      codebook,
      signal: controller.signal,
    });
    await waitFor(() => fake.inFlight === 1);
    controller.abort();
    const err = await rejection(pending);
    expect(err).toBeInstanceOf(LlmRequestError);
    expect(err).toMatchObject({ cancelled: true, retryable: false });
    await waitFor(() => fake.inFlight === 0);
  });

  it('cancels during the backoff wait and before starting', async () => {
    fake.script({ status: 429, retryAfter: 30 });
    const controller = new AbortController();
    const pending = client({ maxInlineRetryDelayMs: 60_000 }).deductive({
      chunkText,
      codebook,
      signal: controller.signal,
    });
    await waitFor(() => fake.chatRequests().length === 1 && fake.inFlight === 0);
    controller.abort();
    const err = await rejection(pending);
    expect(err).toMatchObject({ name: 'LlmRequestError', cancelled: true });
    expect((err as LlmRequestError).exchanges).toHaveLength(1);

    const already = await rejection(client().inductive({ chunkText, signal: AbortSignal.abort() }));
    expect(already).toMatchObject({ cancelled: true });
  });

  it('shares one concurrency limit across all calls of a client', async () => {
    const slow = await startFakeOpenAi({ latencyMs: 80 });
    try {
      const c = new LlmClient({ apiKey: 'k', baseURL: slow.url, model: 'm', concurrency: 2 });
      const results = await Promise.all([
        ...Array.from({ length: 4 }, () => c.deductive({ chunkText, codebook })),
        ...Array.from({ length: 3 }, () => c.inductive({ chunkText })),
      ]);
      expect(results).toHaveLength(7);
      expect(slow.chatRequests()).toHaveLength(7);
      expect(slow.maxInFlight).toBe(2);

      const wide = new LlmClient({ apiKey: 'k', baseURL: slow.url, model: 'm', concurrency: 5 });
      slow.reset();
      await Promise.all(Array.from({ length: 5 }, () => wide.inductive({ chunkText })));
      expect(slow.maxInFlight).toBeGreaterThan(2);
      expect(slow.maxInFlight).toBeLessThanOrEqual(5);
    } finally {
      await slow.close();
    }
  });

  it('defaults the endpoint to OpenAI', () => {
    expect(new LlmClient({ apiKey: 'k', model: 'gpt-4o-mini' }).endpoint).toBe(
      'https://api.openai.com/v1',
    );
    expect(
      new LlmClient({ apiKey: 'k', model: 'm', baseURL: 'http://localhost:11434/v1/' }).endpoint,
    ).toBe('http://localhost:11434/v1');
  });
});

describe('retryAfterMs', () => {
  it('reads retry-after-ms, seconds and HTTP dates', () => {
    expect(retryAfterMs(new Headers({ 'retry-after-ms': '250' }))).toBe(250);
    expect(retryAfterMs(new Headers({ 'retry-after': '2' }))).toBe(2000);
    const now = Date.parse('2024-01-01T00:00:00Z');
    expect(retryAfterMs(new Headers({ 'retry-after': 'Mon, 01 Jan 2024 00:00:05 GMT' }), now)).toBe(
      5000,
    );
    expect(retryAfterMs(new Headers({ 'retry-after': 'soon' }))).toBeNull();
    expect(retryAfterMs(new Headers())).toBeNull();
  });
});

async function waitFor(condition: () => boolean): Promise<void> {
  for (let i = 0; i < 500 && !condition(); i++) await new Promise((r) => setTimeout(r, 10));
  expect(condition()).toBe(true);
}
