import { type FakeOpenAi, startFakeOpenAi } from '@verbatim/analysis/testing';
import { makeSyntheticTranscript, parseTranscript } from '@verbatim/transcript';
import { randomUUID } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Client } from 'pg';
import {
  freePort,
  hasRedisServer,
  type NodeProcess,
  type RedisServer,
  startEntry,
  startRedisServer,
  TcpProxy,
} from './processes';

// Faults with real processes: the api and a worker run from their entry points, PostgreSQL is
// reached through a proxy that can stop answering, and Redis is a server of this test's own.
// Whatever happens, every transcript ends READY or FAILED with a reason, every analysis
// COMPLETED or FAILED, within two minutes of the service coming back, with no turn or
// suggestion stored twice. The workers reconcile on the default interval (60 s).
const RECOVERY_MS = 120_000;
const canRun = !!process.env['DATABASE_URL'] && hasRedisServer();

const describeWithServers = canRun ? describe : describe.skip;

describeWithServers('faults (real processes; needs PostgreSQL and redis-server)', () => {
  let proxy: TcpProxy;
  let redis: RedisServer;
  let fake: FakeOpenAi;
  let api: NodeProcess;
  let workers: NodeProcess[] = [];
  let baseUrl: string;
  let token: string;
  let projectId: string;
  let db: Client;
  const env: NodeJS.ProcessEnv = {};

  const gql = async <T>(query: string, variables: object = {}): Promise<T> => {
    const res = await fetch(`${baseUrl}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ query, variables }),
    });
    const body = (await res.json()) as { data?: T; errors?: unknown[] };
    if (body.errors?.length || !body.data) throw new Error(JSON.stringify(body.errors));
    return body.data;
  };
  const upload = async (name: string, bytes: string) => {
    const form = new FormData();
    form.append('file', new Blob([bytes]), name);
    const res = await fetch(`${baseUrl}/api/projects/${projectId}/transcripts`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}` },
      body: form,
    }).catch((error: Error) => ({
      status: 0,
      json: () => Promise.resolve({ error: error.message }),
    }));
    return {
      status: res.status,
      body: (await res.json().catch(() => ({}))) as Record<string, unknown>,
    };
  };
  const startWorker = async () => {
    const w = await startEntry('worker', { ...env, APP_ROLE: 'worker' }, 'worker ready');
    workers.push(w);
    return w;
  };
  const until = async (what: string, check: () => Promise<boolean>, ms: number) => {
    const end = Date.now() + ms;
    for (;;) {
      if (await check().catch(() => false)) return;
      if (Date.now() > end) throw new Error(`timed out after ${ms} ms waiting for ${what}`);
      await new Promise((r) => setTimeout(r, 500));
    }
  };
  /** How long each scenario took to settle after the fault ended, printed at the end. */
  const figures: string[] = [];
  const unfinished = async () =>
    (await transcriptStates()).filter((t) => t.status === 'UPLOADED' || t.status === 'PROCESSING')
      .length;
  const outage = async (ms: number) => {
    proxy.cut();
    await new Promise((r) => setTimeout(r, ms));
    proxy.restore();
  };

  /** Transcripts of the project by status, straight from the database. */
  const transcriptStates = async () =>
    (
      await db.query<{ id: string; status: string; error: string | null; filename: string }>(
        `SELECT id, status, error, filename FROM transcript WHERE project_id = $1`,
        [projectId],
      )
    ).rows;
  const allFinished = async () =>
    (await transcriptStates()).every((t) => t.status === 'READY' || t.status === 'FAILED');

  /** Every READY transcript holds exactly the turns of its file, once each, in order. */
  const expectTurnsOnce = async (files: Map<string, string>) => {
    const rows = await transcriptStates();
    for (const t of rows.filter((r) => r.status === 'READY' && files.has(r.filename))) {
      const parsed = await parseTranscript(Buffer.from(files.get(t.filename)!), {
        filename: t.filename,
      });
      const { rows: segs } = await db.query<{ n: number; max: number; distinct: number }>(
        `SELECT count(*)::int AS n, max(index)::int AS max, count(DISTINCT index)::int AS distinct
           FROM segment WHERE transcript_id = $1`,
        [t.id],
      );
      expect({ file: t.filename, ...segs[0] }).toEqual({
        file: t.filename,
        n: parsed.turns.length,
        max: parsed.turns.length - 1,
        distinct: parsed.turns.length,
      });
    }
    for (const t of rows.filter((r) => r.status === 'FAILED')) expect(t.error).toBeTruthy();
    return rows.filter((r) => files.has(r.filename));
  };

  const startRun = async (transcriptIds: string[]) =>
    (
      await gql<{ startAnalysis: { id: string } }>(
        `mutation($i: StartAnalysisInput!) { startAnalysis(input: $i) { id } }`,
        { i: { projectId, transcriptIds, mode: 'DEDUCTIVE', provider: 'OPENAI' } },
      )
    ).startAnalysis.id;
  const runState = async (id: string) =>
    (
      await db.query<{
        status: string;
        done: number;
        failed: number;
        total: number;
        error: string;
      }>(
        `SELECT status, chunks_done AS done, chunks_failed AS failed, chunks_total AS total, error
           FROM analysis_run WHERE id = $1`,
        [id],
      )
    ).rows[0]!;
  const runFinished = async (id: string) =>
    ['COMPLETED', 'FAILED'].includes((await runState(id)).status);
  const expectSuggestionsOnce = async (runId: string) => {
    const { rows } = await db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM (
         SELECT 1 FROM suggestion WHERE run_id = $1
          GROUP BY start_segment_id, start_offset, end_segment_id, end_offset, tag_ids HAVING count(*) > 1) d`,
      [runId],
    );
    expect(rows[0]!.n).toBe(0);
    const state = await runState(runId);
    expect(state.done + state.failed).toBe(state.total);
  };
  const readyTranscripts = async () =>
    (await transcriptStates()).filter((t) => t.status === 'READY').map((t) => t.id);

  beforeAll(async () => {
    const testDb = new URL(process.env['VERBATIM_TEST_DATABASE_URL']!);
    db = new Client({ connectionString: testDb.toString() });
    await db.connect();
    proxy = await TcpProxy.start({ host: testDb.hostname, port: Number(testDb.port || 5432) });
    const viaProxy = new URL(testDb.toString());
    viaProxy.host = `127.0.0.1:${proxy.port}`;
    redis = await startRedisServer();
    // Every answer takes a moment, so runs are still going when the faults happen.
    fake = await startFakeOpenAi({ latencyMs: 150 });
    const port = await freePort();
    baseUrl = `http://127.0.0.1:${port}`;
    Object.assign(env, {
      NODE_ENV: 'test',
      PORT: String(port),
      DATABASE_URL: viaProxy.toString(),
      DATABASE_POOL_SIZE: '4',
      REDIS_URL: redis.url,
      QUEUE_PREFIX: `faults-${randomUUID().slice(0, 8)}`,
      QUEUE_STALLED_MS: '5000',
      WORKER_CONCURRENCY: '4',
      DATA_DIR: mkdtempSync(path.join(tmpdir(), 'verbatim-faults-')),
      AUTH_SECRET: 'faults-secret-that-is-long-enough-for-hs256-0123456789',
      OPENAI_API_KEY: 'sk-test-key',
      OPENAI_BASE_URL: fake.url,
      LLM_CHUNK_TOKENS: '300',
      LLM_CHUNK_OVERLAP_TOKENS: '20',
      RATE_LIMIT_UPLOAD: 'off',
      LOG_LEVEL: 'log',
    });
    api = await startEntry('main', { ...env, APP_ROLE: 'api' }, 'Verbatim is ready');
    await startWorker();

    const signUp = await fetch(`${baseUrl}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        query: `mutation($i: SignUpInput!) { signUp(input: $i) { token } }`,
        variables: {
          i: {
            email: `${randomUUID()}@example.com`,
            password: 'correct horse battery staple',
            name: 'Ada',
          },
        },
      }),
    });
    token = ((await signUp.json()) as { data: { signUp: { token: string } } }).data.signUp.token;
    const ws = await gql<{ createWorkspace: { id: string } }>(
      `mutation { createWorkspace(input: { name: "Faults" }) { id } }`,
    );
    projectId = (
      await gql<{ createProject: { id: string } }>(
        `mutation($w: ID!) { createProject(input: { workspaceId: $w, name: "Outages" }) { id } }`,
        { w: ws.createWorkspace.id },
      )
    ).createProject.id;
    await gql(
      `mutation($p: ID!) { updateProjectAiSettings(input: { projectId: $p, aiAllowed: true }) { aiAllowed } }`,
      { p: projectId },
    );
    await gql(`mutation($p: ID!) { createTag(input: { projectId: $p, name: "Pricing" }) { id } }`, {
      p: projectId,
    });
  }, 180_000);

  afterAll(async () => {
    if (figures.length) console.log(`fault recovery:\n  ${figures.join('\n  ')}`);
    for (const p of [api, ...workers]) await p?.stop('SIGKILL');
    await fake?.close();
    await redis?.stop();
    await proxy?.close();
    await db?.end();
  });

  it('finishes a 20-file upload through a 10 s PostgreSQL outage', async () => {
    const files = new Map<string, string>();
    for (let i = 0; i < 20; i++) {
      files.set(
        `outage-${i}.vtt`,
        makeSyntheticTranscript({ format: 'WEBVTT', minutes: 45, seed: 100 + i }),
      );
    }
    const pending = [...files];
    const refused: [string, string][] = [];
    // Set inside the uploaders; the cast keeps TypeScript from narrowing it to null here.
    let outageDone = null as Promise<void> | null;
    let restoredAt = 0;
    let inFlightAtCut = 0;
    const answers = new Set<string>();
    let duringOutage: { health: number; graphql: string | undefined } | null = null;
    // Two uploads at a time; PostgreSQL stops once six are in.
    const uploader = async () => {
      for (let next = pending.shift(); next; next = pending.shift()) {
        const res = await upload(next[0], next[1]);
        if (res.status !== 201) {
          refused.push(next);
          const reason = res.body['code'] ?? res.body['message'];
          answers.add(
            `${res.status} ${typeof reason === 'string' ? reason : JSON.stringify(reason)}`,
          );
        }
        const accepted = 20 - pending.length - refused.length;
        if (accepted >= 6 && !outageDone) {
          inFlightAtCut = await unfinished();
          outageDone = outage(10_000).then(() => void (restoredAt = Date.now()));
          // While the database is away the service says so, on every transport.
          await new Promise((r) => setTimeout(r, 500));
          duringOutage = {
            health: (await fetch(`${baseUrl}/health`)).status,
            graphql: await fetch(`${baseUrl}/graphql`, {
              method: 'POST',
              headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
              body: JSON.stringify({ query: '{ me { id } }' }),
            })
              .then((r) => r.json() as Promise<{ errors?: { extensions?: { code?: string } }[] }>)
              .then(
                (b: { errors?: { extensions?: { code?: string } }[] }) =>
                  b.errors?.[0]?.extensions?.code,
              ),
          };
        }
      }
    };
    await Promise.all([uploader(), uploader()]);
    await outageDone;
    // What was refused during the outage got an answer, not a hang; the user uploads it again.
    for (const [name, bytes] of refused) {
      const res = await upload(name, bytes);
      expect([201, 409]).toContain(res.status);
    }
    await until(
      'every transcript READY or FAILED',
      allFinished,
      RECOVERY_MS - (Date.now() - restoredAt),
    );
    const settled = Date.now() - restoredAt;
    const states = await expectTurnsOnce(files);
    expect(states).toHaveLength(20);
    expect(states.filter((s) => s.status === 'READY').length).toBeGreaterThan(0);
    // The outage hit work in progress, and uploads during it were answered with the reason.
    expect(inFlightAtCut).toBeGreaterThan(0);
    expect([...answers]).toEqual(['503 SERVICE_UNAVAILABLE']);
    expect(duringOutage).toEqual({ health: 503, graphql: 'SERVICE_UNAVAILABLE' });
    figures.push(
      `PostgreSQL 10 s during a 20-file upload: ${inFlightAtCut} processing at the cut, ${refused.length} uploads refused (${[...answers].join(', ')}) and sent again; ${states.filter((s) => s.status === 'READY').length} READY, ${states.filter((s) => s.status === 'FAILED').length} FAILED, settled ${(settled / 1000).toFixed(1)} s after recovery`,
    );
  }, 300_000);

  it('finishes an analysis through a 10 s PostgreSQL outage', async () => {
    const runId = await startRun((await readyTranscripts()).slice(0, 6));
    await until('chunks under way', async () => (await runState(runId)).done >= 3, 60_000);
    const atCut = await runState(runId);
    await outage(10_000);
    const restoredAt = Date.now();
    await until('the run to finish', () => runFinished(runId), RECOVERY_MS);
    const settled = Date.now() - restoredAt;
    expect(atCut.status).toBe('RUNNING');
    await expectSuggestionsOnce(runId);
    const end = await runState(runId);
    figures.push(
      `PostgreSQL 10 s during an analysis: ${atCut.done}/${atCut.total} parts done at the cut; ended ${end.status} with ${end.done} done, ${end.failed} failed, settled ${(settled / 1000).toFixed(1)} s after recovery`,
    );
  }, 300_000);

  it('finishes uploads and an analysis after Redis lost its data', async () => {
    const files = new Map<string, string>();
    for (let i = 0; i < 10; i++) {
      files.set(
        `flush-${i}.srt`,
        makeSyntheticTranscript({ format: 'SRT', minutes: 45, seed: 200 + i }),
      );
    }
    const runId = await startRun((await readyTranscripts()).slice(6, 12));
    for (const [name, bytes] of files) expect((await upload(name, bytes)).status).toBe(201);
    const before = { transcripts: await unfinished(), run: await runState(runId) };
    await redis.flushAll();
    const flushedAt = Date.now();
    await until('every transcript READY or FAILED', allFinished, RECOVERY_MS);
    await until(
      'the run to finish',
      () => runFinished(runId),
      RECOVERY_MS - (Date.now() - flushedAt),
    );
    const settled = Date.now() - flushedAt;
    // The flush took queued work with it.
    expect(before.transcripts + (before.run.status === 'RUNNING' ? 1 : 0)).toBeGreaterThan(0);
    const states = await expectTurnsOnce(files);
    expect(states).toHaveLength(10);
    await expectSuggestionsOnce(runId);
    const end = await runState(runId);
    figures.push(
      `Redis flushed: ${before.transcripts} transcripts unfinished and the run at ${before.run.done}/${before.run.total}; ${states.filter((s) => s.status === 'READY').length}/10 READY, run ${end.status}, settled ${(settled / 1000).toFixed(1)} s after the flush`,
    );
  }, 300_000);

  it('finishes an analysis whose worker was killed with SIGKILL', async () => {
    const runId = await startRun((await readyTranscripts()).slice(0, 8));
    await until('chunks under way', async () => (await runState(runId)).done >= 3, 60_000);
    const atKill = await runState(runId);
    for (const w of workers) await w.stop('SIGKILL');
    workers = [];
    const killedAt = Date.now();
    await startWorker();
    await until(
      'the run to finish',
      () => runFinished(runId),
      RECOVERY_MS - (Date.now() - killedAt),
    );
    const settled = Date.now() - killedAt;
    expect(atKill.status).toBe('RUNNING');
    await expectSuggestionsOnce(runId);
    const end = await runState(runId);
    figures.push(
      `worker killed (SIGKILL) at ${atKill.done}/${atKill.total} parts: run ${end.status} with ${end.done} done, ${end.failed} failed, settled ${(settled / 1000).toFixed(1)} s after the kill`,
    );
  }, 300_000);
});
