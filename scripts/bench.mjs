#!/usr/bin/env node
// `npm run bench` (builds the api and client first): performance figures, printed as tables and written to bench-results.json.
//   parse   — warm parse time of a synthetic 3-hour transcript per format, and MB/s
//   clustering — offline clustering of 5,000 highlights into proposed themes (the theme suggester of
//             libs/analysis on a synthetic board, in child processes; target < 5,000 ms;
//             scripts/bench-clustering.mjs)
//   ingest  — N one-hour WebVTT transcripts uploaded back to back through the upload endpoint
//             and the job queue until READY, on embedded PGlite and (when reachable) on
//             PostgreSQL + Redis; compared with a multi-row INSERT of the same rows run directly
//   memory  — peak RSS of the api before and after a 50 MB upload is parsed and stored
//   authz   — cost of the authorization layer on a read
//   search  — search and tag-view latency on 1,000 one-hour transcripts + 20,000 highlights,
//             through GraphQL and as the same SQL (scripts/bench-search.mjs; PostgreSQL only)
//   reader  — a 3-hour transcript with 500 highlights, navigation to interactive, in Chromium
//             (scripts/bench-reader.mjs; needs the built client)
//   graphql — a fuzz of expensive GraphQL shapes on the search corpus: the slowest request the
//             operation gate accepts, and the event-loop stall meanwhile; signUp timing for new
//             and taken addresses (scripts/bench-graphql.mjs; PostgreSQL only)
//   analysis — the offline tagger on 100 one-hour transcripts (suggestions per minute) and the job
//             machinery's time per chunk with an instant fake OpenAI provider (scripts/bench-analysis.mjs)
//   eventloop — the api's event-loop delay (p99, max; target p99 < 100 ms) during an ingest burst
//             with Word documents and during an offline DEDUCTIVE run, on the embedded defaults
//             (scripts/bench-event-loop.mjs)
//   explain — the index review: every SELECT the api sends for 32 list requests, run as EXPLAIN
//             (ANALYZE, BUFFERS) on the bench corpus, sequential scans of large tables flagged
//             (scripts/explain-queries.mjs; PostgreSQL only)
//   boards  — a board of 2,000 cards read through GraphQL, and boardUpdated fan-out to 100
//             subscribers (p95 from move to delivery; target < 1 s) (scripts/bench-boards.mjs)
//   insights — insight search over 50,000 insights in one workspace, first 20 through GraphQL
//             (target p95 < 50 ms) (scripts/bench-insights.mjs; PostgreSQL only)
//   interchange — REFI-QDA: a project of 20,000 highlights exported as .qdpx by the export
//             renderer and imported again through the import endpoint: time, peak RSS, event-loop
//             delay (target < 10 s each; PostgreSQL only) (scripts/bench-interchange.mjs)
//   collaboration — notificationAdded fan-out to 200 clients over two api processes (p95 from
//             addComment to delivery; target < 1 s), and projectDigest on a project with 100,000
//             activity events (target p95 < 100 ms; PostgreSQL only) (scripts/bench-collaboration.mjs)
//   exports — the highlights export of 20,000 highlights as XLSX and as CSV, end to end (target
//             < 10 s each), with the api's peak RSS and event-loop delay meanwhile
//             (scripts/bench-exports.mjs; PostgreSQL only)
//   reports — a report of about 50 A4 pages printed to PDF by the api's ReportPdf (Chromium) and
//             written as DOCX: time per format, pages, peak RSS of the bench and of Chromium
//             (scripts/bench-reports.mjs)
// Options: BENCH_TRANSCRIPTS (default 200), BENCH_DATABASE_URL, BENCH_REDIS_URL, BENCH_SKIP=memory,...
//          BENCH_ONLY=clustering,parse (only these parts)
//          BENCH_MEMORY_PARSE_IN_CHILD_ABOVE (PARSE_IN_CHILD_ABOVE for the 50 MB upload; default: the api's)
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync, existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir, cpus, totalmem } from 'node:os';
import path from 'node:path';
import { freePort, reachable, scratchDatabase } from './bench-support.mjs';

const require = createRequire(import.meta.url);
const N = Number(process.env.BENCH_TRANSCRIPTS ?? 200);
const PARTS = [
  ...['parse', 'clustering', 'ingest', 'memory', 'authz', 'search', 'graphql', 'reader'],
  ...['analysis', 'eventloop', 'explain', 'boards', 'insights', 'collaboration', 'exports'],
  ...['interchange', 'reports'],
];
const only = (process.env.BENCH_ONLY ?? '').split(',').filter(Boolean);
const skip = new Set([
  ...(process.env.BENCH_SKIP ?? '').split(',').filter(Boolean),
  ...(only.length ? PARTS.filter((part) => !only.includes(part)) : []),
]);
const PG = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const REDIS = process.env.BENCH_REDIS_URL ?? 'redis://127.0.0.1:6379';

if (!process.env.BENCH_SKIP_BUILD) {
  const b = spawnSync(
    'npx',
    ['nx', 'run-many', '-t', 'build', '-p', 'api', 'client', '--outputStyle=static'],
    { stdio: 'inherit', env: { ...process.env, NX_DAEMON: 'false', NX_NO_CLOUD: 'true' } },
  );
  if (b.status !== 0) process.exit(1);
}
const lib = require(path.resolve('dist/api/libs/transcript/src/index.js'));
const pg = require('pg');
const results = {
  date: new Date().toISOString(),
  machine: {
    cpus: cpus().length,
    cpu: cpus()[0]?.model,
    memoryGb: Math.round(totalmem() / 2 ** 30),
    node: process.version,
  },
  parse: [],
  ingest: [],
  memory: null,
};

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const round = (x, d = 1) => Math.round(x * 10 ** d) / 10 ** d;
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

// ---------------------------------------------------------------- parse
function benchParse() {
  for (const format of ['WEBVTT', 'SRT', 'TEXT', 'STT_JSON']) {
    const text = lib.makeSyntheticTranscript({ format, minutes: 180, seed: 7 });
    const bytes = Buffer.from(text, 'utf8');
    let turns = 0;
    for (let i = 0; i < 5; i++) turns = lib.parseTranscriptText(text, { format }).turns.length;
    const times = [];
    for (let i = 0; i < 20; i++) {
      const t0 = performance.now();
      lib.parseTranscriptText(text, { format });
      times.push(performance.now() - t0);
    }
    const ms = median(times);
    results.parse.push({
      format,
      sizeMb: round(bytes.length / 2 ** 20, 2),
      turns,
      warmMedianMs: round(ms, 1),
      mbPerSecond: round(bytes.length / 2 ** 20 / (ms / 1000), 1),
    });
  }
  console.table(results.parse);
}

// ---------------------------------------------------------------- server helpers
async function startServer(env) {
  const port = await freePort();
  const dataDir = mkdtempSync(path.join(tmpdir(), 'verbatim-bench-'));
  const child = spawn(process.execPath, ['dist/api/main.js'], {
    env: {
      ...process.env,
      NODE_ENV: 'test',
      LOG_LEVEL: 'warn',
      PORT: String(port),
      DATA_DIR: dataDir,
      DATABASE_URL: '',
      REDIS_URL: '',
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
  const su = await gql('mutation($i: SignUpInput!){ signUp(input:$i){ token } }', {
    i: { email: `bench${Date.now()}@example.com`, password: 'bench password 123', name: 'Bench' },
  });
  const token = su.signUp.token;
  const ws = await gql(
    'mutation($i: CreateWorkspaceInput!){ createWorkspace(input:$i){ id } }',
    { i: { name: 'Bench' } },
    token,
  );
  const pr = await gql(
    'mutation($i: CreateProjectInput!){ createProject(input:$i){ id } }',
    { i: { workspaceId: ws.createWorkspace.id, name: 'Bench' } },
    token,
  );
  const projectId = pr.createProject.id;
  const upload = async (name, bytes) => {
    const form = new FormData();
    form.append('file', new Blob([bytes]), name);
    const r = await fetch(`${base}/api/projects/${projectId}/transcripts`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}` },
      body: form,
    });
    if (r.status !== 201) throw new Error(`upload ${name}: ${r.status} ${await r.text()}`);
    return (await r.json()).id;
  };
  const statuses = async () => {
    const all = [];
    let after = null;
    for (;;) {
      const d = await gql(
        'query($p: ID!, $a: String){ transcripts(projectId:$p, first:100, after:$a){ edges { node { status error } } pageInfo { hasNextPage endCursor } } }',
        { p: projectId, a: after },
        token,
      );
      all.push(...d.transcripts.edges.map((e) => e.node));
      if (!d.transcripts.pageInfo.hasNextPage) return all;
      after = d.transcripts.pageInfo.endCursor;
    }
  };
  const health = async () => (await fetch(`${base}/health`)).json();
  const stop = () =>
    new Promise((r) => {
      child.once('exit', r);
      child.kill('SIGTERM');
      setTimeout(() => child.kill('SIGKILL'), 10000).unref();
    });
  return { base, token, projectId, upload, statuses, health, stop };
}

async function waitAllDone(server, n) {
  for (;;) {
    const s = await server.statuses();
    const done = s.filter((x) => x.status === 'READY' || x.status === 'FAILED');
    if (done.length >= n) {
      const failed = done.filter((x) => x.status === 'FAILED');
      if (failed.length) throw new Error(`${failed.length} transcripts FAILED: ${failed[0].error}`);
      return;
    }
    await sleep(100);
  }
}

// ---------------------------------------------------------------- ingest
let files = [];
let turnsOf = [];
function makeIngestFiles() {
  files = Array.from({ length: N }, (_, i) =>
    Buffer.from(
      lib.makeSyntheticTranscript({ format: 'WEBVTT', minutes: 60, seed: 1000 + i }),
      'utf8',
    ),
  );
  turnsOf = files.map(
    (f) => lib.parseTranscriptText(f.toString('utf8'), { format: 'WEBVTT' }).turns,
  );
}

async function benchIngest(label, env, directUrl) {
  const server = await startServer(env);
  const t0 = performance.now();
  for (let i = 0; i < N; i++) await server.upload(`interview-${i}.vtt`, files[i]);
  const uploadedMs = performance.now() - t0;
  await waitAllDone(server, N);
  const totalMs = performance.now() - t0;
  const h = await server.health();
  await server.stop();
  const row = {
    backend: label,
    transcripts: N,
    turnsEach: Math.round(turnsOf.reduce((a, t) => a + t.length, 0) / N),
    uploadSeconds: round(uploadedMs / 1000, 1),
    totalSeconds: round(totalMs / 1000, 1),
    transcriptsPerMinute: Math.round(N / (totalMs / 60000)),
    eventLoopP99Ms: h.eventLoopDelayMs.p99,
    eventLoopMaxMs: h.eventLoopDelayMs.max,
  };
  if (directUrl) {
    const direct = await directInsertRate(directUrl);
    row.directInsertPerMinute = direct;
    row.ratioToDirect = round(row.transcriptsPerMinute / direct, 2);
  }
  results.ingest.push(row);
}

/** The same rows, one multi-row INSERT per transcript, straight into a segment-shaped table. */
async function directInsertRate(url) {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  await c.query(`DROP TABLE IF EXISTS bench_segment`);
  await c.query(`CREATE TABLE bench_segment (id uuid PRIMARY KEY DEFAULT gen_random_uuid(), transcript_id uuid NOT NULL, index int NOT NULL, speaker varchar(200), start_ms int, end_ms int, text text NOT NULL,
    tsv tsvector GENERATED ALWAYS AS (to_tsvector('simple'::regconfig, text)) STORED, UNIQUE (transcript_id, index))`);
  await c.query(`CREATE INDEX ON bench_segment USING GIN (tsv)`);
  const t0 = performance.now();
  for (const turns of turnsOf) {
    const tid = crypto.randomUUID();
    const values = [];
    const params = [];
    turns.forEach((t, i) => {
      const b = params.length;
      values.push(`($${b + 1}, $${b + 2}, $${b + 3}, $${b + 4}, $${b + 5}, $${b + 6})`);
      params.push(tid, i, t.speaker, t.startMs, t.endMs, t.text);
    });
    await c.query(
      `INSERT INTO bench_segment (transcript_id, index, speaker, start_ms, end_ms, text) VALUES ${values.join(',')}`,
      params,
    );
  }
  const ms = performance.now() - t0;
  await c.query(`DROP TABLE bench_segment`);
  await c.end();
  return Math.round(turnsOf.length / (ms / 60000));
}

// ---------------------------------------------------------------- authorization layer
/**
 * The cost of the authorization layer: p50 latency of a simple query (`project(id)`) through
 * HTTP with the access check, then with AccessService.require replaced by a no-op in the same
 * process, same data and same run. No switch for this exists in the product.
 */
async function benchAuthorization() {
  const dist = (p) => require(path.resolve('dist/api/api/src', p));
  const { loadConfig } = dist('config/env.js');
  const { createHttpApp } = dist('bootstrap.js');
  const { runMigrations } = dist('database/migrate.js');
  const { startEmbeddedPostgres } = dist('database/embedded/embedded-postgres.js');
  const { AccessService } = dist('common/access/access.service.js');
  const pgUp = (await reachable(PG)) && process.env.BENCH_AUTHZ_PGLITE !== '1';
  const embedded = pgUp ? null : await startEmbeddedPostgres('memory://');
  const scratch = pgUp ? await scratchDatabase(PG, `verbatim_authz_${process.pid}`) : null;
  const url = scratch ? scratch.url : embedded.url;
  await runMigrations(url);
  const config = loadConfig({
    NODE_ENV: 'test',
    LOG_LEVEL: 'error',
    DATA_DIR: mkdtempSync(path.join(tmpdir(), 'verbatim-authz-')),
    DATABASE_URL: url,
  });
  const app = await createHttpApp(config, { url, poolSize: pgUp ? 10 : 1 });
  await app.listen(0, '127.0.0.1');
  const base = `http://127.0.0.1:${app.getHttpServer().address().port}`;
  const gql = async (query, variables, token) =>
    (
      await (
        await fetch(`${base}/graphql`, {
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            ...(token ? { authorization: `Bearer ${token}` } : {}),
          },
          body: JSON.stringify({ query, variables }),
        })
      ).json()
    ).data;
  const token = (
    await gql('mutation($i: SignUpInput!){ signUp(input:$i){ token } }', {
      i: { email: `authz${Date.now()}@example.com`, password: 'bench password 123', name: 'Bench' },
    })
  ).signUp.token;
  const ws = (await gql('mutation { createWorkspace(input: { name: "Bench" }) { id } }', {}, token))
    .createWorkspace.id;
  const projectId = (
    await gql(
      'mutation($i: CreateProjectInput!){ createProject(input:$i){ id } }',
      { i: { workspaceId: ws, name: 'Bench' } },
      token,
    )
  ).createProject.id;
  const query = 'query($id: ID!){ project(id: $id){ id name } }';
  const sample = async (n) => {
    const times = [];
    for (let i = 0; i < n; i++) {
      const t0 = performance.now();
      const d = await gql(query, { id: projectId }, token);
      times.push(performance.now() - t0);
      if (!d?.project) throw new Error('query failed');
    }
    return median(times);
  };
  await sample(200); // warm-up
  const access = app.get(AccessService);
  const original = access.require.bind(access);
  const rounds = [];
  for (let round = 0; round < 3; round++) {
    const withAuthz = await sample(300);
    access.require = async () => ({ workspaceId: ws, projectId, role: 'OWNER' });
    const without = await sample(300);
    access.require = original;
    rounds.push({ withAuthz, without });
  }
  await app.close();
  if (embedded) await embedded.stop();
  await scratch?.drop();
  const withAuthz = median(rounds.map((r) => r.withAuthz));
  const without = median(rounds.map((r) => r.without));
  results.authorization = {
    backend: pgUp ? 'PostgreSQL' : 'embedded PGlite',
    query: 'project(id) { id name }',
    p50WithMs: round(withAuthz, 2),
    p50WithoutMs: round(without, 2),
    ratio: round(withAuthz / without, 2),
  };
  console.table([results.authorization]);
}

// ---------------------------------------------------------------- memory
async function benchMemory() {
  let text = '';
  for (let seed = 1; Buffer.byteLength(text) < 50 * 2 ** 20; seed++)
    text +=
      (seed === 1 ? '' : '\n\n') +
      lib
        .makeSyntheticTranscript({ format: 'WEBVTT', minutes: 600, seed })
        .replace(/^WEBVTT\s*/, seed === 1 ? 'WEBVTT\n\n' : '');
  const bytes = Buffer.from(text, 'utf8');
  const parseInChildAbove = process.env.BENCH_MEMORY_PARSE_IN_CHILD_ABOVE;
  const server = await startServer({
    MAX_UPLOAD_BYTES: '60MB',
    ...(parseInChildAbove
      ? { PARSE_IN_CHILD_ABOVE: parseInChildAbove, WORKER_THREAD_MEMORY: '4GB' }
      : {}),
  });
  await sleep(2000);
  const before = (await server.health()).maxRssMb;
  const t0 = performance.now();
  await server.upload('50mb.vtt', bytes);
  const uploadedRss = (await server.health()).maxRssMb;
  await waitAllDone(server, 1);
  const seconds = (performance.now() - t0) / 1000;
  const health = await server.health();
  const after = health.maxRssMb;
  await server.stop();
  results.memory = {
    parsedIn: parseInChildAbove ? `PARSE_IN_CHILD_ABOVE=${parseInChildAbove}` : 'default',
    uploadMb: round(bytes.length / 2 ** 20, 1),
    peakRssBeforeMb: before,
    peakRssAfterUploadMb: uploadedRss,
    peakRssAfterParseMb: after,
    riseMb: after - before,
    secondsToReady: round(seconds, 1),
    eventLoopP99Ms: health.eventLoopDelayMs.p99,
    eventLoopMaxMs: health.eventLoopDelayMs.max,
  };
  console.table([results.memory]);
}

if (!skip.has('parse')) benchParse();
if (!skip.has('clustering'))
  results.clustering = await (await import('./bench-clustering.mjs')).benchClustering();
if (!skip.has('ingest')) {
  makeIngestFiles();
  // The api's embedded server is private to it, so the direct INSERT runs on a second PGlite.
  const { fork } = await import('node:child_process');
  const pglite = fork(
    path.resolve('dist/api/api/src/database/embedded/pglite-server.mjs'),
    ['memory://', '0'],
    {
      stdio: 'ignore',
    },
  );
  const pgliteUrl = await new Promise((r) =>
    pglite.on('message', (m) => m.type === 'ready' && r(m.url)),
  );
  await benchIngest('embedded PGlite, in-process jobs', {}, pgliteUrl);
  pglite.kill();
  if ((await reachable(PG)) && (await reachable(REDIS))) {
    const scratch = await scratchDatabase(PG, `verbatim_bench_${process.pid}`);
    await benchIngest(
      'PostgreSQL + Redis (BullMQ)',
      { DATABASE_URL: scratch.url, REDIS_URL: REDIS, QUEUE_PREFIX: `bench${process.pid}` },
      scratch.url,
    );
    await scratch.drop();
  } else console.log(`(PostgreSQL at ${PG} or Redis at ${REDIS} not reachable: skipped)`);
  console.table(results.ingest);
}
if (!skip.has('memory')) await benchMemory();
if (!skip.has('authz')) await benchAuthorization();
if (!skip.has('search')) results.search = await (await import('./bench-search.mjs')).benchSearch();
if (!skip.has('graphql'))
  results.graphql = await (await import('./bench-graphql.mjs')).benchGraphql();
if (!skip.has('reader')) results.reader = await (await import('./bench-reader.mjs')).benchReader();
if (!skip.has('analysis'))
  results.analysis = await (await import('./bench-analysis.mjs')).benchAnalysis();
if (!skip.has('eventloop'))
  results.eventLoop = await (await import('./bench-event-loop.mjs')).benchEventLoop();
if (!skip.has('boards')) results.boards = await (await import('./bench-boards.mjs')).benchBoards();
if (!skip.has('insights'))
  results.insights = await (await import('./bench-insights.mjs')).benchInsights();
if (!skip.has('collaboration'))
  results.collaboration = await (await import('./bench-collaboration.mjs')).benchCollaboration();
if (!skip.has('exports'))
  results.exports = await (await import('./bench-exports.mjs')).benchExports();
if (!skip.has('interchange'))
  results.interchange = await (await import('./bench-interchange.mjs')).benchInterchange();
if (!skip.has('reports'))
  results.reports = await (await import('./bench-reports.mjs')).benchReports();
if (!skip.has('explain'))
  results.explain = await (await import('./explain-queries.mjs')).explainQueries();
writeFileSync('bench-results.json', JSON.stringify(results, null, 2) + '\n');
console.log('wrote bench-results.json');
