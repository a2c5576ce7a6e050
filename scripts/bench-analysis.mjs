#!/usr/bin/env node
// AI-assisted tagging at scale:
//   offline  — the offline tagger applying a 5-tag codebook (learnt from two fully coded interviews) to
//              100 one-hour transcripts as one DEDUCTIVE run: suggestions and turns per minute;
//   overhead — the job machinery per chunk: a run through the OpenAI-compatible provider against
//              a fake server on loopback that answers at once, so the time is queueing, reading
//              turns, grounding, de-duplication, writing suggestions and the audit, and progress.
// Runs on PostgreSQL + Redis (BullMQ) when reachable, else on embedded PGlite and the in-process queue.
// Besides wall time it reports the CPU seconds the api process (all threads) and, when PostgreSQL is on
// this machine, the database's server processes spent on the offline run: on a shared machine those
// depend far less on what else runs, so they say better what a code change bought.
// Needs the built api (dist/api): `npx nx run api:build`.
//   node scripts/bench-analysis.mjs          (or as part of `npm run bench`)
// Options: BENCH_ANALYSIS_TRANSCRIPTS (default 100), BENCH_ANALYSIS_OVERHEAD_TRANSCRIPTS (default 20),
//          BENCH_DATABASE_URL, BENCH_REDIS_URL, BENCH_ANALYSIS_EMBEDDED=1 (force PGlite),
//          BENCH_API_DIST (another build of the api to run, e.g. of an older commit; default dist/api).
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort, reachable, scratchDatabase } from './bench-support.mjs';

const require = createRequire(import.meta.url);
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const N = Number(process.env.BENCH_ANALYSIS_TRANSCRIPTS ?? 100);
const N_OVERHEAD = Number(process.env.BENCH_ANALYSIS_OVERHEAD_TRANSCRIPTS ?? 20);
const PG = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const REDIS = process.env.BENCH_REDIS_URL ?? 'redis://127.0.0.1:6379';
/** The api to run: dist/api, or another build (BENCH_API_DIST) to compare against. */
export const API_MAIN = path.resolve(root, process.env.BENCH_API_DIST ?? 'dist/api', 'main.js');
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const round = (x, d = 1) => Math.round(x * 10 ** d) / 10 ** d;

/** Codebook of the synthetic interviews' topics, with a definition each. */
const CODEBOOK = [
  {
    name: 'Onboarding',
    words: 'onboarding flow',
    description: 'Getting started: the onboarding flow, setup and first steps.',
  },
  { name: 'Pricing', words: 'pricing page', description: 'Price, plans and what things cost.' },
  { name: 'Search', words: 'search page', description: 'Finding things with search.' },
  { name: 'Support', words: 'customer support', description: 'Contact with customer support.' },
  { name: 'Export', words: 'export button', description: 'Exporting data and reports.' },
];

export async function startApi(env) {
  const port = await freePort();
  const dataDir = mkdtempSync(path.join(tmpdir(), 'verbatim-bench-analysis-'));
  const child = spawn(process.execPath, [API_MAIN], {
    cwd: root,
    env: {
      ...process.env,
      NODE_ENV: 'test',
      LOG_LEVEL: 'warn',
      PORT: String(port),
      DATA_DIR: dataDir,
      DATABASE_URL: '',
      REDIS_URL: '',
      RATE_LIMIT_UPLOAD: 'off',
      ...env,
    },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  const base = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 240; i++) {
    if (
      await fetch(`${base}/health`).then(
        (r) => r.ok,
        () => false,
      )
    )
      break;
    if (child.exitCode !== null) throw new Error(`api exited with ${child.exitCode}`);
    await sleep(500);
  }
  const gql = async (query, variables, token) => {
    const r = await fetch(`${base}/graphql`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        ...(token ? { authorization: `Bearer ${token}` } : {}),
      },
      body: JSON.stringify({ query, variables }),
    });
    const b = await r.json();
    if (b.errors) throw new Error(JSON.stringify(b.errors));
    return b.data;
  };
  const stop = () =>
    new Promise((r) => {
      child.once('exit', r);
      child.kill('SIGTERM');
      setTimeout(() => child.kill('SIGKILL'), 10_000).unref();
    }).then(() => rmSync(dataDir, { recursive: true, force: true }));
  return { base, gql, stop, pid: child.pid };
}

/** A project with `n` one-hour transcripts, a codebook and human highlights on the first two. */
export async function seed(api, n) {
  const lib = require(path.join(root, 'dist/api/libs/transcript/src/index.js'));
  const { signUp } = await api.gql(`mutation($i: SignUpInput!) { signUp(input: $i) { token } }`, {
    i: {
      email: `bench-analysis-${Date.now()}@example.com`,
      password: 'bench password 123',
      name: 'Bench',
    },
  });
  const token = signUp.token;
  const ws = await api.gql(
    `mutation { createWorkspace(input: { name: "Bench" }) { id } }`,
    {},
    token,
  );
  const { createProject } = await api.gql(
    `mutation($i: CreateProjectInput!) { createProject(input: $i) { id } }`,
    { i: { workspaceId: ws.createWorkspace.id, name: 'Analysis bench' } },
    token,
  );
  const projectId = createProject.id;
  await api.gql(
    `mutation($i: UpdateProjectAiSettingsInput!) { updateProjectAiSettings(input: $i) { aiAllowed } }`,
    { i: { projectId, aiAllowed: true } },
    token,
  );
  const ids = [];
  for (let i = 0; i < n; i++) {
    const form = new FormData();
    form.append(
      'file',
      new Blob([lib.makeSyntheticTranscript({ format: 'WEBVTT', minutes: 60, seed: 5000 + i })]),
      `interview-${i}.vtt`,
    );
    const r = await fetch(`${api.base}/api/projects/${projectId}/transcripts`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}` },
      body: form,
    });
    if (!r.ok) throw new Error(`upload ${i}: HTTP ${r.status} ${await r.text()}`);
    ids.push((await r.json()).id);
  }
  let turns = 0;
  for (;;) {
    let ready = 0;
    turns = 0;
    let after = null;
    for (;;) {
      const d = await api.gql(
        `query($p: ID!, $a: String) { transcripts(projectId: $p, first: 100, after: $a) { edges { node { status segmentCount error } } pageInfo { hasNextPage endCursor } } }`,
        { p: projectId, a: after },
        token,
      );
      for (const { node } of d.transcripts.edges) {
        if (node.status === 'FAILED') throw new Error(node.error);
        if (node.status === 'READY') {
          ready++;
          turns += node.segmentCount;
        }
      }
      if (!d.transcripts.pageInfo.hasNextPage) break;
      after = d.transcripts.pageInfo.endCursor;
    }
    if (ready === n) break;
    await sleep(500);
  }
  const tagIds = {};
  for (const t of CODEBOOK) {
    const { createTag } = await api.gql(
      `mutation($i: CreateTagInput!) { createTag(input: $i) { id } }`,
      { i: { projectId, name: t.name, description: t.description } },
      token,
    );
    tagIds[t.name] = createTag.id;
  }
  // The first two interviews coded completely, as a team would before asking for the rest: every
  // participant sentence naming a topic is highlighted with its tag.
  let highlights = 0;
  for (const id of ids.slice(0, 2)) {
    const { transcript } = await api.gql(
      `query($id: ID!) { transcript(id: $id) { segments(limit: 5000) { id text participant { isInterviewer } } } }`,
      { id },
      token,
    );
    for (const s of transcript.segments) {
      if (s.participant?.isInterviewer) continue;
      for (const sentence of s.text.split(/(?<=[.?!])\s+/)) {
        const tags = CODEBOOK.filter((t) => sentence.includes(t.words)).map((t) => tagIds[t.name]);
        if (!tags.length) continue;
        const offset = s.text.indexOf(sentence);
        await api.gql(
          `mutation($i: CreateHighlightInput!) { createHighlight(input: $i) { id } }`,
          {
            i: {
              transcriptId: id,
              start: { segmentId: s.id, offset },
              end: { segmentId: s.id, offset: offset + sentence.length },
              tagIds: tags,
            },
          },
          token,
        );
        highlights++;
      }
    }
  }
  return { token, projectId, ids, turns, highlights };
}

export async function runAnalysis(api, token, projectId, transcriptIds, provider) {
  const t0 = performance.now();
  const { startAnalysis } = await api.gql(
    `mutation($i: StartAnalysisInput!) { startAnalysis(input: $i) { id } }`,
    { i: { projectId, transcriptIds, mode: 'DEDUCTIVE', provider } },
    token,
  );
  for (;;) {
    const { analysisRun: r } = await api.gql(
      `query($id: ID!) { analysisRun(id: $id) { status error chunksTotal chunksDone chunksFailed
        summary { total droppedUngrounded rejectedInvalid skippedDuplicates } usage { requests } } }`,
      { id: startAnalysis.id },
      token,
    );
    if (['COMPLETED', 'FAILED', 'CANCELLED'].includes(r.status)) {
      if (r.status !== 'COMPLETED') throw new Error(`run ${r.status}: ${r.error}`);
      return { ...r, seconds: (performance.now() - t0) / 1000 };
    }
    await sleep(200);
  }
}

/** CPU seconds (user + system, all threads) process `pid` has used so far; null without Linux /proc. */
function cpuSeconds(pid) {
  try {
    // Fields after the command name, which is in parentheses and may hold spaces.
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS;
  } catch {
    return null;
  }
}
const CLOCK_TICKS = Number(spawnSync('getconf', ['CLK_TCK']).stdout?.toString().trim()) || 100;

/**
 * Measures the CPU time the api process and the database's server processes (when the database
 * is on this machine) spend between `start` and `stop`. On a shared machine, wall time depends on
 * what else runs; CPU time much less, so it says better what a change to the code bought.
 */
async function cpuMeter(apiPid, databaseUrl) {
  const backends = async () => {
    if (!databaseUrl || !['127.0.0.1', 'localhost'].includes(new URL(databaseUrl).hostname))
      return new Map();
    const client = new (require('pg').Client)({ connectionString: databaseUrl });
    await client.connect();
    try {
      const { rows } = await client.query(
        `SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()`,
      );
      return new Map(rows.map((r) => [r.pid, cpuSeconds(r.pid)]));
    } finally {
      await client.end();
    }
  };
  const api0 = cpuSeconds(apiPid);
  const db0 = await backends();
  return {
    async stop() {
      const api1 = cpuSeconds(apiPid);
      const db1 = await backends();
      let db = 0;
      for (const [pid, s] of db1) db += (s ?? 0) - (db0.get(pid) ?? 0);
      return {
        apiCpuSeconds: api0 === null || api1 === null ? null : round(api1 - api0),
        databaseCpuSeconds: db1.size ? round(db) : null,
      };
    },
  };
}

/** The fake OpenAI server is test-only code, not shipped in dist: it is compiled from source here. */
function loadFakeOpenAi() {
  require('ts-node').register({
    transpileOnly: true,
    swc: true,
    project: path.join(root, 'libs/analysis/tsconfig.lib.json'),
  });
  return require(path.join(root, 'libs/analysis/src/testing/fake-openai.ts'));
}

export async function benchAnalysis() {
  if (!existsSync(API_MAIN))
    throw new Error('bench-analysis needs the built api: npx nx run api:build');
  const { startFakeOpenAi } = loadFakeOpenAi();
  const fake = await startFakeOpenAi();
  const shared =
    !process.env.BENCH_ANALYSIS_EMBEDDED && (await reachable(PG)) && (await reachable(REDIS));
  const scratch = shared
    ? await scratchDatabase(PG, `verbatim_bench_analysis_${process.pid}`)
    : null;
  const env = scratch
    ? {
        DATABASE_URL: scratch.url,
        REDIS_URL: REDIS,
        QUEUE_PREFIX: `bench-analysis-${Date.now()}`,
      }
    : {};
  const api = await startApi({ ...env, OPENAI_API_KEY: 'sk-bench', OPENAI_BASE_URL: fake.url });
  try {
    const seeded = await seed(api, N);
    // The team coded two interviews; the tagger does the other 98.
    const meter = await cpuMeter(api.pid, scratch?.url);
    const offline = await runAnalysis(
      api,
      seeded.token,
      seeded.projectId,
      seeded.ids.slice(2),
      'OFFLINE',
    );
    const cpu = await meter.stop();
    const overheadIds = seeded.ids.slice(0, N_OVERHEAD);
    fake.reset();
    const openai = await runAnalysis(api, seeded.token, seeded.projectId, overheadIds, 'OPENAI');
    const result = {
      backend: shared ? 'PostgreSQL 15 + Redis (BullMQ)' : 'embedded PGlite, in-process queue',
      offline: {
        transcripts: N - 2,
        turns: Math.round((seeded.turns * (N - 2)) / N),
        humanHighlights: seeded.highlights,
        chunks: offline.chunksTotal,
        seconds: round(offline.seconds),
        suggestions: offline.summary.total,
        skippedDuplicates: offline.summary.skippedDuplicates,
        suggestionsPerMinute: Math.round(offline.summary.total / (offline.seconds / 60)),
        turnsPerMinute: Math.round(seeded.turns / (offline.seconds / 60)),
        msPerChunk: round((offline.seconds * 1000) / offline.chunksTotal),
        ...cpu,
      },
      overhead: {
        transcripts: overheadIds.length,
        chunks: openai.chunksTotal,
        requests: openai.usage.requests,
        seconds: round(openai.seconds),
        suggestions: openai.summary.total,
        msPerChunk: round((openai.seconds * 1000) / openai.chunksTotal),
      },
    };
    console.table([{ part: 'offline DEDUCTIVE', ...result.offline }]);
    console.table([{ part: 'job machinery (instant fake provider)', ...result.overhead }]);
    return result;
  } finally {
    await api.stop();
    await fake.close();
    await scratch?.drop();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  benchAnalysis().then(
    (r) => console.log(JSON.stringify(r, null, 2)),
    (err) => {
      console.error(err);
      process.exit(1);
    },
  );
}
