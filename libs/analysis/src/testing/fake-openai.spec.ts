import OpenAI from 'openai';
import { startFakeOpenAi, type FakeOpenAi } from './fake-openai';

let fake: FakeOpenAi;
beforeAll(async () => {
  fake = await startFakeOpenAi();
});
afterAll(async () => {
  await fake.close();
});

describe('fake OpenAI server', () => {
  const sdk = () => new OpenAI({ apiKey: 'k', baseURL: fake.url, maxRetries: 0 });

  it('listens on loopback and lists models', async () => {
    expect(fake.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/v1$/);
    const models = await sdk().models.list();
    expect(models.data.map((m) => m.id)).toEqual(['fake-model']);
  });

  it('returns deterministic, normalised embeddings (float and base64 encodings)', async () => {
    const a = await sdk().embeddings.create({
      model: 'e',
      input: ['the setup was painful', 'the setup was painful', 'pricing'],
    });
    expect(a.data).toHaveLength(3);
    const [x, y, z] = a.data.map((d) => d.embedding);
    expect(x).toHaveLength(64);
    expect(x).toEqual(y);
    expect(x).not.toEqual(z);
    expect(Math.hypot(...x!)).toBeCloseTo(1, 5);
    const f = await sdk().embeddings.create({
      model: 'e',
      input: 'pricing',
      encoding_format: 'float',
      dimensions: 8,
    });
    expect(f.data[0]!.embedding).toHaveLength(8);
  });

  it('fails embeddings requests as told, until reset', async () => {
    fake.respondToEmbeddingsWith((body) =>
      (body as { model?: string }).model === 'broken' ? { status: 503 } : undefined,
    );
    await expect(sdk().embeddings.create({ model: 'broken', input: 'x' })).rejects.toMatchObject({
      status: 503,
    });
    expect((await sdk().embeddings.create({ model: 'e', input: 'x' })).data).toHaveLength(1);
    fake.respondToEmbeddingsWith(() => ({ delayMs: 500 }));
    await expect(
      new OpenAI({ apiKey: 'k', baseURL: fake.url, maxRetries: 0, timeout: 100 }).embeddings.create(
        { model: 'e', input: 'x' },
      ),
    ).rejects.toBeInstanceOf(OpenAI.APIConnectionError);
    fake.reset();
    await expect(sdk().embeddings.create({ model: 'broken', input: 'x' })).resolves.toBeTruthy();
  });

  it('answers chat completions with a transcript-quoting model and records requests', async () => {
    fake.reset();
    const res = await sdk().chat.completions.create({
      model: 'm',
      messages: [{ role: 'user', content: 'no transcript here' }],
    });
    expect(JSON.parse(res.choices[0]!.message.content!)).toEqual({ themes: [] });
    expect(res.usage!.prompt_tokens).toBeGreaterThan(0);
    expect(fake.chatRequests()).toHaveLength(1);
    expect(fake.requests[0]!.headers.authorization).toBe('Bearer k');
  });

  it('plays scripted behaviours once, in order', async () => {
    fake.reset();
    fake.script(
      { status: 429, retryAfter: 7 },
      { content: 'not json', usage: { prompt_tokens: 3, completion_tokens: 4 } },
      { json: { a: 1 } },
    );
    const c = sdk();
    const err = await c.chat.completions
      .create({ model: 'm', messages: [] })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(OpenAI.RateLimitError);
    expect((err as InstanceType<typeof OpenAI.RateLimitError>).headers.get('retry-after')).toBe(
      '7',
    );
    const second = await c.chat.completions.create({ model: 'm', messages: [] });
    expect(second.choices[0]!.message.content).toBe('not json');
    expect(second.usage).toMatchObject({ prompt_tokens: 3, completion_tokens: 4, total_tokens: 7 });
    const third = await c.chat.completions.create({ model: 'm', messages: [] });
    expect(third.choices[0]!.message.content).toBe('{"a":1}');
    expect(fake.chatRequests()).toHaveLength(3);
  });

  it('answers by content through a responder when nothing is scripted', async () => {
    fake.reset();
    fake.respondWith(({ text }) => (text.includes('broken') ? { status: 500 } : undefined));
    fake.script({ content: 'scripted first' });
    const c = sdk();
    const ask = (content: string) =>
      c.chat.completions.create({ model: 'm', messages: [{ role: 'user', content }] });
    expect((await ask('broken')).choices[0]!.message.content).toBe('scripted first');
    await expect(ask('broken again')).rejects.toBeInstanceOf(OpenAI.InternalServerError);
    expect((await ask('fine')).choices[0]!.message.content).toContain('themes');
    fake.reset();
    expect((await ask('broken')).choices[0]!.message.content).toContain('themes');
  });

  it('sends a huge answer slowly and records how much of it went out', async () => {
    fake.reset();
    fake.script({ hugeAnswer: { bytes: 300_000, chunkBytes: 50_000 } });
    const res = await fetch(`${fake.url}/chat/completions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ model: 'm', messages: [] }),
    });
    const body = (await res.json()) as { choices: { message: { content: string } }[] };
    expect(body.choices[0]!.message.content.length).toBeGreaterThan(290_000);
    const answer = fake.chatRequests()[0]!.answer!;
    expect(answer.bytesSent).toBe(300_000);
    expect(answer.complete).toBe(true);
  });

  it('answers 404 on unknown routes', async () => {
    const res = await fetch(`${fake.url}/nope`);
    expect(res.status).toBe(404);
  });
});
