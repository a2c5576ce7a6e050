import { type FakeOpenAi, startFakeOpenAi } from '@verbatim/analysis/testing';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { TestApp, type TestUser } from '../../../test/test-app';
import { type ChunkStep, AnalysisWorker } from './analysis.worker';

// What a provider's answer must not be able to do: wedge a run (a NUL, an exception in any step
// of a chunk), hold a worker (a long Retry-After), or flood the api (a 20 MB answer) — and every
// answered request is counted. The real `openai` SDK talks to the fake OpenAI server on loopback.

/** Letters only, so redaction (which pseudonymises digits that look like phone numbers) leaves it. */
const marker = () => `Marker${randomUUID().replace(/[^a-f]/g, '')}`;
const interview = (tag: string) => `Interviewer: Thanks for joining, Maria.
Maria Lopez: The price is too high for us. ${tag}
Interviewer: What about setup?
Maria Lopez: Setup was painless and quick.
`;

const RUN = `id status chunksDone chunksFailed chunksTotal error
  usage { promptTokens completionTokens requests }`;

interface Run {
  id: string;
  status: string;
  chunksDone: number;
  chunksFailed: number;
  chunksTotal: number;
  error: string | null;
  usage: { promptTokens: number; completionTokens: number; requests: number };
}

interface Exchange {
  id: string;
  status: number | null;
  request: string;
  requestTruncated: boolean;
  requestBytes: number;
  response: string | null;
  responseTruncated: boolean;
  responseBytes: number;
  responseComplete: boolean;
  error: string | null;
  createdAt: string;
}

interface ExchangePage {
  totalCount: number;
  pageInfo: { endCursor: string | null; hasNextPage: boolean };
  edges: { cursor: string; node: Exchange }[];
}

const EXCHANGE = `id status request requestTruncated requestBytes response responseTruncated responseBytes
  responseComplete error createdAt`;

describe('analysis runs a bad or huge answer cannot wedge or flood', () => {
  let t: TestApp;
  let fake: FakeOpenAi;
  let owner: TestUser;
  let workspaceId: string;
  let projectId: string;
  let db: DataSource;
  let worker: AnalysisWorker;

  const transcript = async (tag = marker()): Promise<string> => {
    const up = await t.upload(projectId, owner.token, {
      name: `${tag}.txt`,
      bytes: interview(tag),
    });
    const tr = await t.waitForTranscript(up.body['id'] as string, owner.token);
    expect(tr.status).toBe('READY');
    return tr.id;
  };
  const start = async (transcriptIds: string[], mode = 'DEDUCTIVE'): Promise<string> => {
    const started = await t.ok<{ startAnalysis: { id: string } }>(
      `mutation($i: StartAnalysisInput!) { startAnalysis(input: $i) { id } }`,
      { i: { projectId, transcriptIds, mode } },
      owner.token,
    );
    return started.startAnalysis.id;
  };
  const run = async (id: string): Promise<Run> =>
    (
      await t.ok<{ analysisRun: Run }>(
        `query($id: ID!) { analysisRun(id: $id) { ${RUN} } }`,
        { id },
        owner.token,
      )
    ).analysisRun;
  /** Polls without waiting for the queue to be idle (other work may be postponed meanwhile). */
  const until = async (what: string, condition: () => Promise<boolean> | boolean, tries = 600) => {
    for (let i = 0; i < tries; i++) {
      if (await condition()) return;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    throw new Error(`timed out waiting for ${what}`);
  };
  const finished = async (id: string): Promise<Run> => {
    await until(`run ${id} to finish`, async () => {
      await t.jobs.idle();
      return ['COMPLETED', 'FAILED', 'CANCELLED'].includes((await run(id)).status);
    });
    return run(id);
  };
  const exchanges = (
    runId: string,
    page: { first?: number; after?: string } = {},
    token = owner.token,
  ) =>
    t.gql<{ analysisRun: { exchanges: ExchangePage } }>(
      `query($id: ID!, $first: Int, $after: String) { analysisRun(id: $id) {
        exchanges(first: $first, after: $after) { totalCount pageInfo { endCursor hasNextPage }
          edges { cursor node { ${EXCHANGE} } } } } }`,
      { id: runId, ...page },
      token,
    );
  /** The whole audit of a run, oldest first. */
  const audit = async (runId: string): Promise<Exchange[]> => {
    const r = await exchanges(runId, { first: 100 });
    if (!r.data) throw new Error(JSON.stringify(r.errors));
    return r.data.analysisRun.exchanges.edges.map((e) => e.node).reverse();
  };
  const download = (runId: string, exchangeId: string, part: string, token?: string) =>
    fetch(`${t.baseUrl}/api/analysis-runs/${runId}/exchanges/${exchangeId}/${part}`, {
      headers: token ? { authorization: `Bearer ${token}` } : {},
    });
  const member = async (role: string): Promise<TestUser> => {
    const user = await t.signUp(`${role} member`);
    const invited = await t.ok<{ inviteMember: { token: string } }>(
      `mutation($i: InviteMemberInput!) { inviteMember(input: $i) { token } }`,
      { i: { workspaceId, email: user.email, role } },
      owner.token,
    );
    await t.ok(
      `mutation($t: String!) { acceptInvitation(token: $t) { id } }`,
      { t: invited.inviteMember.token },
      user.token,
    );
    return user;
  };

  beforeAll(async () => {
    fake = await startFakeOpenAi();
    t = await TestApp.start({
      OPENAI_API_KEY: 'sk-test-key',
      OPENAI_BASE_URL: fake.url,
      LLM_TIMEOUT: '30s',
      LLM_MAX_RETRIES: '1',
      LLM_RETRY_AFTER_INLINE: '1s',
      LLM_RETRY_AFTER_MAX: '60s',
      LLM_MAX_POSTPONEMENTS: '2',
      LLM_MAX_RESPONSE_BYTES: '256kb',
      ANALYSIS_JOB_ATTEMPTS: '2',
      ANALYSIS_JOB_BACKOFF_MS: '50',
      // One job at a time: a chunk waiting for a provider must not keep others from running.
      WORKER_CONCURRENCY: '1',
    });
    db = t.app.get(DataSource);
    worker = t.app.get(AnalysisWorker);
    const p = await t.newProject();
    owner = p.user;
    projectId = p.projectId;
    workspaceId = p.workspaceId;
    await t.ok(
      `mutation($i: CreateTagInput!) { createTag(input: $i) { id } }`,
      { i: { projectId, name: 'Pricing', description: 'Price and cost.' } },
      owner.token,
    );
    await t.allowAi(projectId, owner.token);
  }, 120_000);
  afterAll(async () => {
    await t?.close();
    await fake?.close();
  });
  beforeEach(() => {
    fake.reset();
    worker.beforeChunkStep = () => undefined;
  });

  it('stores a rationale and a theme with NUL and lone surrogates cleaned, and completes the run', async () => {
    fake.script({
      json: {
        suggestions: [
          {
            quote: 'The price is too high for us.',
            tags: ['Pricing'],
            rationale: 'Too\u0000 expensive \uD83D',
            confidence: 0.9,
          },
        ],
      },
    });
    const deductive = await finished(await start([await transcript()]));
    expect(deductive).toMatchObject({ status: 'COMPLETED', chunksFailed: 0, error: null });
    const { suggestions } = await t.ok<{
      suggestions: { edges: { node: { rationale: string } }[] };
    }>(
      `query($f: SuggestionFilter!) { suggestions(filter: $f) { edges { node { rationale } } } }`,
      { f: { runId: deductive.id } },
      owner.token,
    );
    expect(suggestions.edges.map((e) => e.node.rationale)).toEqual(['Too expensive \uFFFD']);

    fake.script({
      json: {
        themes: [
          {
            name: 'Pri\u0000cing',
            definition: 'About\u0000 money \uDC00',
            quotes: [
              { quote: 'The price is too high for us.', rationale: 'r\u0000', confidence: 0.8 },
            ],
          },
        ],
      },
    });
    const inductive = await finished(await start([await transcript()], 'INDUCTIVE'));
    expect(inductive).toMatchObject({ status: 'COMPLETED', chunksFailed: 0 });
    const { analysisRun } = await t.ok<{
      analysisRun: { themes: { name: string; definition: string }[] };
    }>(
      `query($id: ID!) { analysisRun(id: $id) { themes { name definition } } }`,
      { id: inductive.id },
      owner.token,
    );
    expect(analysisRun.themes).toEqual([{ name: 'Pricing', definition: 'About money \uFFFD' }]);
  });

  it('audits an answer with a raw NUL in it and completes the run', async () => {
    fake.script({
      content: `${JSON.stringify({ suggestions: [] })}\u0000`,
    });
    const r = await finished(await start([await transcript()]));
    expect(r).toMatchObject({ status: 'COMPLETED', chunksFailed: 0 });
    const [entry] = await audit(r.id);
    expect(entry).toMatchObject({ status: 200, responseComplete: true, error: null });
    const body = await download(r.id, entry!.id, 'response', owner.token);
    expect(body.status).toBe(200);
    const completion = (await body.json()) as { choices: { message: { content: string } }[] };
    expect(completion.choices[0]!.message.content).toBe('{"suggestions":[]}\u0000');
  });

  const STEPS: [ChunkStep, string][] = [
    ['load', 'Loading the transcript and codebook failed: '],
    ['provider', ''],
    ['audit', 'Recording what was sent to the provider failed: '],
    ['ground', 'Checking the answer against the transcript failed: '],
    ['commit', 'Saving the suggestions failed: '],
    ['dedupe', 'Comparing with existing highlights and suggestions failed: '],
    ['insert', 'Storing the suggestions failed: '],
  ];
  it.each(STEPS)(
    'completes the run with a failed part when the %s step of a chunk throws',
    async (step, said) => {
      const ids = [await transcript(), await transcript()];
      worker.beforeChunkStep = (at, chunk) => {
        if (at === step && chunk.index === 1) throw new Error('injected fault');
      };
      const r = await finished(await start(ids));
      expect(r).toMatchObject({
        status: 'COMPLETED',
        chunksDone: 1,
        chunksFailed: 1,
        chunksTotal: 2,
        error: `1 of 2 parts failed: ${said}injected fault`,
      });
      const [chunk] = await db.query<{ status: string; attempts: number; error: string }[]>(
        `SELECT status, attempts, error FROM analysis_chunk WHERE run_id = $1 AND index = 1`,
        [r.id],
      );
      expect(chunk).toEqual({ status: 'FAILED', attempts: 2, error: `${said}injected fault` });
    },
  );

  it('completes the run when a live update cannot be sent', async () => {
    worker.beforeChunkStep = (at) => {
      if (at === 'publish') throw new Error('pub/sub is down');
    };
    const r = await finished(await start([await transcript()]));
    expect(r).toMatchObject({ status: 'COMPLETED', chunksDone: 1, chunksFailed: 0 });
  });

  it('counts the tokens of every answered request, those of a part that failed included, once', async () => {
    const good = marker();
    const broken = marker();
    fake.respondWith(({ text }) =>
      text.includes(broken)
        ? { json: { wrong: true }, usage: { prompt_tokens: 100, completion_tokens: 10 } }
        : text.includes(good)
          ? { usage: { prompt_tokens: 7, completion_tokens: 3 } }
          : undefined,
    );
    const r = await finished(await start([await transcript(good), await transcript(broken)]));
    expect(r).toMatchObject({ status: 'COMPLETED', chunksDone: 1, chunksFailed: 1 });
    expect(r.error).toMatch(/^1 of 2 parts failed: Model output unusable after a repair request/);
    // The good part: one request. The broken part: two attempts of an answer and its repair.
    expect(fake.chatRequests()).toHaveLength(5);
    expect(r.usage).toEqual({
      promptTokens: 7 + 4 * 100,
      completionTokens: 3 + 4 * 10,
      requests: 5,
    });
  });

  it('postpones a part whose provider asks to wait, frees the worker for another run meanwhile, and finishes it after the wait', async () => {
    const waiting = marker();
    let asked = false;
    fake.respondWith(({ text }) => {
      if (!text.includes(waiting) || asked) return undefined;
      asked = true;
      return { status: 429, retryAfter: 5 };
    });
    // Both transcripts first: waiting for an upload waits for the whole queue to be idle.
    const [waitingId, otherId] = [await transcript(waiting), await transcript()];
    const first = await start([waitingId]);
    const postponed = async () => {
      const [chunk] = await db.query<{ status: string; postponements: number }[]>(
        `SELECT status, postponements FROM analysis_chunk WHERE run_id = $1`,
        [first],
      );
      return chunk?.postponements === 1 && chunk.status === 'PENDING';
    };
    await until('the part to be postponed', postponed);

    // With one worker slot, another run only progresses if the postponed part does not hold it.
    const second = await start([otherId]);
    await until(
      'the other run to complete',
      async () => (await run(second)).status === 'COMPLETED',
    );
    expect((await run(first)).status).toBe('RUNNING');
    expect(await postponed()).toBe(true);

    const done = await finished(first);
    expect(done).toMatchObject({ status: 'COMPLETED', chunksDone: 1, chunksFailed: 0 });
    expect(done.usage.requests).toBe(2);
    expect((await audit(first)).map((e) => e.status)).toEqual([429, 200]);
  }, 60_000);

  it('fails a part, naming the delay, when the provider asks to wait longer than LLM_RETRY_AFTER_MAX', async () => {
    const tag = marker();
    fake.respondWith(({ text }) =>
      text.includes(tag) ? { status: 429, retryAfter: 3600 } : undefined,
    );
    const r = await finished(await start([await transcript(tag)]));
    expect(r).toMatchObject({ status: 'FAILED', chunksFailed: 1 });
    expect(r.error).toBe(
      '1 of 1 parts failed: The provider asked to wait 60 min before trying again (HTTP 429). That is longer than this server waits (LLM_RETRY_AFTER_MAX, 60 s).',
    );
    expect(r.usage.requests).toBe(1);
  });

  it('gives up on a part the provider postpones again and again (LLM_MAX_POSTPONEMENTS)', async () => {
    const tag = marker();
    fake.respondWith(({ text }) =>
      text.includes(tag) ? { status: 429, retryAfterMs: 1500 } : undefined,
    );
    const r = await finished(await start([await transcript(tag)]));
    expect(r).toMatchObject({ status: 'FAILED', chunksFailed: 1 });
    expect(r.error).toMatch(
      /already postponed 2 time\(s\) for the provider \(LLM_MAX_POSTPONEMENTS\)/,
    );
    expect(r.usage.requests).toBe(3);
  }, 60_000);

  it('stays healthy while a provider sends a 20 MB answer slowly, stops reading at the limit, and keeps a bounded audit entry', async () => {
    fake.script({
      hugeAnswer: { bytes: 20 * 1024 * 1024, chunkBytes: 8 * 1024, intervalMs: 100 },
    });
    const id = await start([await transcript()]);
    await until(
      'the answer to start arriving',
      () => (fake.chatRequests()[0]?.answer?.bytesSent ?? 0) > 0,
    );
    const health = await fetch(`${t.baseUrl}/health`);
    expect(health.status).toBe(200);
    expect(fake.chatRequests()[0]!.answer!.complete).toBe(false); // still sending meanwhile

    const r = await finished(id);
    expect(r).toMatchObject({ status: 'COMPLETED', chunksDone: 1, chunksFailed: 0 });
    const sent = fake.chatRequests()[0]!.answer!;
    expect(sent.complete).toBe(false);
    expect(sent.bytesSent).toBeLessThan(1024 * 1024);

    const [huge, normal] = await audit(id);
    expect(normal).toMatchObject({ status: 200, responseComplete: true, error: null });
    expect(huge).toMatchObject({ status: 200, responseComplete: false, responseTruncated: true });
    expect(huge!.error).toMatch(/larger than 256 kB/);
    expect(huge!.responseBytes).toBe(256 * 1024);
    expect(huge!.response!.length).toBe(8000);
    expect(r.usage.requests).toBe(2);

    const file = await download(id, huge!.id, 'response', owner.token);
    expect(file.status).toBe(200);
    expect(file.headers.get('content-type')).toBe('text/plain; charset=utf-8');
    expect(file.headers.get('content-disposition')).toMatch(
      /^attachment; filename="analysis-[0-9a-f]{8}-part-1-[0-9a-f]{8}-response-incomplete\.txt"$/,
    );
    const text = await file.text();
    expect(Buffer.byteLength(text)).toBe(256 * 1024);
    expect(text.startsWith(huge!.response!)).toBe(true);
  }, 60_000);

  it('pages the audit newest first with entries cut short, and serves each whole body to owners and editors only', async () => {
    const long = Array.from(
      { length: 45 },
      (_, i) =>
        `Maria Lopez: Point ${i}: the plan's price matters to our budget, and setup was quick. ${'word '.repeat(20)}`,
    ).join('\n');
    const up = await t.upload(projectId, owner.token, { name: 'long.txt', bytes: `${long}\n` });
    const tr = await t.waitForTranscript(up.body['id'] as string, owner.token);
    fake.script({ status: 429, retryAfterMs: 10 }, { content: 'not json' });
    const r = await finished(await start([tr.id]));
    expect(r.status).toBe('COMPLETED');
    expect(r.chunksTotal).toBe(1);

    const first = (await exchanges(r.id, { first: 2 })).data!.analysisRun.exchanges;
    expect(first.totalCount).toBe(3);
    expect(first.edges).toHaveLength(2);
    expect(first.pageInfo.hasNextPage).toBe(true);
    const rest = (await exchanges(r.id, { first: 2, after: first.pageInfo.endCursor! })).data!
      .analysisRun.exchanges;
    expect(rest.edges).toHaveLength(1);
    expect(rest.pageInfo.hasNextPage).toBe(false);
    const all = [...first.edges, ...rest.edges].map((e) => e.node);
    // newest first: the repair request, the answer it repaired, the refused first attempt
    expect(all.map((e) => e.status)).toEqual([200, 200, 429]);
    const times = all.map((e) => Date.parse(e.createdAt));
    expect(times).toEqual([...times].sort((a, b) => b - a));
    const sent = fake.chatRequests().map((q) => q.body);
    expect(sent).toHaveLength(3);

    const [repair] = all;
    expect(repair!.requestTruncated).toBe(true);
    expect(repair!.request).toHaveLength(8000);
    expect(repair!.requestBytes).toBe(Buffer.byteLength(JSON.stringify(sent[2])));
    expect(repair!.responseTruncated).toBe(false);

    const file = await download(r.id, repair!.id, 'request', owner.token);
    expect(file.status).toBe(200);
    expect(file.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(file.headers.get('content-disposition')).toMatch(
      /^attachment; filename="analysis-[0-9a-f]{8}-part-1-[0-9a-f]{8}-request\.json"$/,
    );
    expect(await file.json()).toEqual(sent[2]);
    const refused = all[2]!;
    const errorBody = await download(r.id, refused.id, 'response', owner.token);
    expect(await errorBody.json()).toMatchObject({ error: { code: 'rate_limit_exceeded' } });

    const editor = await member('EDITOR');
    expect((await download(r.id, repair!.id, 'response', editor.token)).status).toBe(200);
    const viewer = await member('VIEWER');
    const forViewer = await download(r.id, repair!.id, 'request', viewer.token);
    expect(forViewer.status).toBe(403);
    expect(await forViewer.json()).toMatchObject({ code: 'FORBIDDEN' });
    expect((await exchanges(r.id, {}, viewer.token)).errors?.[0]?.extensions?.code).toBe(
      'FORBIDDEN',
    );
    const stranger = (await t.newProject()).user;
    const forStranger = await download(r.id, repair!.id, 'request', stranger.token);
    expect(forStranger.status).toBe(404);
    expect(await forStranger.json()).toMatchObject({ code: 'NOT_FOUND' });
    expect((await download(r.id, repair!.id, 'request')).status).toBe(401);
    // an entry of another run, or no entry at all, is not found either
    const other = await finished(await start([await transcript()]));
    const [otherEntry] = await audit(other.id);
    expect((await download(r.id, otherEntry!.id, 'request', owner.token)).status).toBe(404);
    expect((await download(r.id, 'not-an-id', 'request', owner.token)).status).toBe(404);
    expect((await download(r.id, randomUUID(), 'response', owner.token)).status).toBe(404);
  }, 60_000);
});
