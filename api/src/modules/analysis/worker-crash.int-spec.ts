import { type FakeOpenAi, startFakeOpenAi } from '@verbatim/analysis/testing';
import { type ChildProcess, spawn } from 'node:child_process';
import path from 'node:path';
import { DataSource } from 'typeorm';
import { REPO_ROOT, TestApp, type TestUser } from '../../../test/test-app';

// A separate worker process (the api's worker entry) is killed with SIGKILL while it is in the
// middle of a run; BullMQ hands its job to a second worker once the lock expires. Needs Redis
// and PostgreSQL shared by the processes, so it runs where both are configured (CI).
const shared = process.env['DATABASE_URL'] && process.env['REDIS_URL'];
const STALLED_MS = '2000';

(shared ? describe : describe.skip)('a worker killed in the middle of a run', () => {
  let t: TestApp;
  let fake: FakeOpenAi;
  let owner: TestUser;
  let projectId: string;
  const workers: ChildProcess[] = [];

  const workerEnv = (): NodeJS.ProcessEnv => ({
    PATH: process.env['PATH'],
    NODE_ENV: 'test',
    TS_NODE_PROJECT: path.join(REPO_ROOT, 'api/tsconfig.app.json'),
    TS_NODE_TRANSPILE_ONLY: 'true',
    TS_NODE_SWC: 'true',
    DATABASE_URL: process.env['VERBATIM_TEST_DATABASE_URL'],
    REDIS_URL: process.env['REDIS_URL'],
    QUEUE_PREFIX: t.config.redis.queuePrefix,
    QUEUE_STALLED_MS: STALLED_MS,
    WORKER_CONCURRENCY: '1',
    DATA_DIR: t.config.dataDir,
    AUTH_SECRET: t.config.auth.secret,
    OPENAI_API_KEY: 'sk-test-key',
    OPENAI_BASE_URL: fake.url,
    LLM_CHUNK_TOKENS: '200',
    LLM_CHUNK_OVERLAP_TOKENS: '20',
    LOG_LEVEL: 'error',
  });
  /** Starts `api/src/worker.ts` in its own process and resolves once it is ready. */
  const startWorker = () =>
    new Promise<ChildProcess>((resolve, reject) => {
      const child = spawn(
        process.execPath,
        [
          '-r',
          'ts-node/register',
          '-r',
          'tsconfig-paths/register',
          path.join(REPO_ROOT, 'api/src/worker.ts'),
        ],
        {
          cwd: REPO_ROOT,
          env: { ...workerEnv(), LOG_LEVEL: 'log' },
          stdio: ['ignore', 'pipe', 'pipe'],
        },
      );
      workers.push(child);
      let output = '';
      const onData = (chunk: Buffer) => {
        output += chunk.toString();
        if (output.includes('worker ready')) resolve(child);
      };
      child.stdout.on('data', onData);
      child.stderr.on('data', onData);
      child.on('exit', (code) =>
        reject(new Error(`worker exited (${code}) before it was ready:\n${output.slice(-2000)}`)),
      );
    });
  const run = async (id: string) =>
    (
      await t.ok<{
        analysisRun: {
          status: string;
          chunksDone: number;
          chunksFailed: number;
          chunksTotal: number;
          summary: Record<string, number>;
        };
      }>(
        `query($id: ID!) { analysisRun(id: $id) { status chunksDone chunksFailed chunksTotal
           summary { total droppedUngrounded rejectedInvalid skippedDuplicates } } }`,
        { id },
        owner.token,
      )
    ).analysisRun;
  const until = async (what: string, check: () => Promise<boolean> | boolean, ms = 60_000) => {
    const end = Date.now() + ms;
    while (Date.now() < end) {
      if (await check()) return;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    throw new Error(`timed out waiting for ${what}`);
  };

  beforeAll(async () => {
    // Every answer takes a moment, so the run is still going when its worker is killed.
    fake = await startFakeOpenAi({ latencyMs: 300 });
    t = await TestApp.start({
      APP_ROLE: 'api',
      OPENAI_API_KEY: 'sk-test-key',
      OPENAI_BASE_URL: fake.url,
      LLM_CHUNK_TOKENS: '200',
      LLM_CHUNK_OVERLAP_TOKENS: '20',
    });
    const p = await t.newProject();
    owner = p.user;
    projectId = p.projectId;
    await t.allowAi(projectId, owner.token);
    await t.ok(
      `mutation($i: CreateTagInput!) { createTag(input: $i) { id } }`,
      { i: { projectId, name: 'Pricing' } },
      owner.token,
    );
  }, 60_000);
  afterAll(async () => {
    for (const w of workers) w.kill('SIGKILL');
    await t?.close();
    await fake?.close();
  });

  it('leaves no duplicate suggestions and counts every chunk once after the job is retried', async () => {
    const first = await startWorker();
    const lines = Array.from({ length: 60 }, (_, i) =>
      i % 2
        ? `Maria Lopez: Point ${i} is that the plan costs too much for our budget this quarter.`
        : `Interviewer: Question ${i}?`,
    ).join('\n');
    const up = await t.upload(projectId, owner.token, { name: 'long.txt', bytes: `${lines}\n` });
    const transcriptId = up.body['id'] as string;
    await until('the transcript', async () => {
      const { transcript } = await t.ok<{ transcript: { status: string } }>(
        `query($id: ID!) { transcript(id: $id) { status } }`,
        { id: transcriptId },
        owner.token,
      );
      return transcript.status === 'READY';
    });

    const started = await t.ok<{ startAnalysis: { id: string } }>(
      `mutation($i: StartAnalysisInput!) { startAnalysis(input: $i) { id } }`,
      { i: { projectId, transcriptIds: [transcriptId], mode: 'DEDUCTIVE' } },
      owner.token,
    );
    const id = started.startAnalysis.id;
    await until(
      'two chunks done and a third in flight',
      async () => (await run(id)).chunksDone >= 2 && fake.inFlight > 0,
    );
    first.kill('SIGKILL');
    const atKill = await run(id);
    expect(atKill.status).toBe('RUNNING');
    expect(atKill.chunksDone).toBeLessThan(atKill.chunksTotal);

    await startWorker();
    await until(
      'the run to finish on the second worker',
      async () => ['COMPLETED', 'FAILED'].includes((await run(id)).status),
      90_000,
    );
    const done = await run(id);
    expect(done).toMatchObject({ status: 'COMPLETED', chunksFailed: 0 });
    expect(done.chunksDone).toBe(done.chunksTotal);
    // The chunk that was in flight was asked again.
    expect(fake.chatRequests().length).toBeGreaterThan(done.chunksTotal);

    const db = t.app.get(DataSource);
    const [{ n, distinct }] = await db.query<[{ n: number; distinct: number }]>(
      `SELECT count(*)::int AS n,
              count(DISTINCT (transcript_id, start_index, start_offset, end_index, end_offset, tag_ids))::int AS distinct
         FROM suggestion WHERE run_id = $1`,
      [id],
    );
    expect(n).toBeGreaterThan(0);
    expect(distinct).toBe(n);
    // The fake model proposes two quotes per chunk: every chunk is counted exactly once.
    const s = done.summary;
    expect(
      s['total']! + s['skippedDuplicates']! + s['droppedUngrounded']! + s['rejectedInvalid']!,
    ).toBe(2 * done.chunksTotal);
  }, 180_000);
});
