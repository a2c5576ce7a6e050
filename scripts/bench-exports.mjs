#!/usr/bin/env node
// `node scripts/bench-exports.mjs` (or BENCH_ONLY=exports npm run bench): the highlights export of
// a project with 20,000 highlights, as XLSX and as CSV, end to end (exportHighlights → READY →
// the file downloaded through its signed link), with the api's peak RSS and its event-loop delay
// meanwhile. The api runs the export job itself (in-process jobs, as on the embedded defaults) on
// PostgreSQL, so the corpus is seeded with SQL; each format gets a freshly started api, so its
// /health histogram and peak RSS are of that export (and the api's start). `pingP99Ms` is the
// p99 latency of `{ __typename }` sent back to back during the export: what a user would feel.
// The CPU the export took on the api's main thread and on its other threads (from /proc) tells
// how much of the work stays off the event loop whatever the machine's load.
// Options: BENCH_EXPORT_HIGHLIGHTS (default 20000), BENCH_EXPORT_FORMATS (default XLSX,CSV),
//          BENCH_DATABASE_URL.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startApi } from './bench-analysis.mjs';
import { reachable, runWhenStarted, scratchDatabase } from './bench-support.mjs';

const require = createRequire(import.meta.url);
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const PG = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const HIGHLIGHTS = Number(process.env.BENCH_EXPORT_HIGHLIGHTS ?? 20_000);
const FORMATS = (process.env.BENCH_EXPORT_FORMATS ?? 'XLSX,CSV').split(',').filter(Boolean);
const TARGET_SECONDS = 10;
const PASSWORD = 'bench password 123';
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const round = (x, d = 1) => Math.round(x * 10 ** d) / 10 ** d;
/** CPU seconds (user + system) of a process's main thread, and of all its threads, from /proc. */
function cpuSeconds(pid) {
  const ticks = (file) => {
    try {
      const fields = readFileSync(file, 'utf8').split(') ')[1].split(' ');
      return (Number(fields[11]) + Number(fields[12])) / 100;
    } catch {
      return NaN;
    }
  };
  return { main: ticks(`/proc/${pid}/task/${pid}/stat`), all: ticks(`/proc/${pid}/stat`) };
}
const p99 = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length * 0.99)] ?? 0;

/** An account, a project and 20 one-hour transcripts through the api (which migrates the database). */
async function prepare(env) {
  const lib = require(path.join(root, 'dist/api/libs/transcript/src/index.js'));
  const api = await startApi(env);
  try {
    const email = `bench-exports-${Date.now()}@example.com`;
    const { signUp } = await api.gql(
      `mutation($i: SignUpInput!) { signUp(input: $i) { token user { id } } }`,
      { i: { email, password: PASSWORD, name: 'Bench Researcher' } },
    );
    const ws = await api.gql(
      `mutation { createWorkspace(input: { name: "Bench" }) { id } }`,
      {},
      signUp.token,
    );
    const { createProject } = await api.gql(
      `mutation($i: CreateProjectInput!) { createProject(input: $i) { id } }`,
      { i: { workspaceId: ws.createWorkspace.id, name: 'Étude export' } },
      signUp.token,
    );
    const projectId = createProject.id;
    for (let i = 0; i < 20; i++) {
      const form = new FormData();
      const text = lib.makeSyntheticTranscript({ format: 'WEBVTT', minutes: 60, seed: 9000 + i });
      form.append('file', new Blob([text]), `interview-${i}.vtt`);
      const r = await fetch(`${api.base}/api/projects/${projectId}/transcripts`, {
        method: 'POST',
        headers: { authorization: `Bearer ${signUp.token}` },
        body: form,
      });
      if (r.status !== 201) throw new Error(`upload: ${r.status} ${await r.text()}`);
    }
    for (;;) {
      const { transcripts } = await api.gql(
        `query($p: ID!) { transcripts(projectId: $p, first: 100) { edges { node { status error } } } }`,
        { p: projectId },
        signUp.token,
      );
      const nodes = transcripts.edges.map((e) => e.node);
      const failed = nodes.find((n) => n.status === 'FAILED');
      if (failed) throw new Error(`a transcript FAILED: ${failed.error}`);
      if (nodes.filter((n) => n.status === 'READY').length === 20) break;
      await sleep(200);
    }
    return { email, userId: signUp.user.id, projectId };
  } finally {
    await api.stop();
  }
}

/** Participant attributes, 50 tags and HIGHLIGHTS highlights (one or two tags each), in SQL. */
async function seed(url, { userId, projectId }) {
  const pg = require('pg');
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    await c.query(
      `UPDATE participant SET attributes = jsonb_build_array(
          jsonb_build_object('key', 'segment', 'value', CASE WHEN random() < 0.5 THEN 'SMB' ELSE 'Entreprise' END),
          jsonb_build_object('key', 'company', 'value', 'Société ' || left(id::text, 4)))
        WHERE project_id = $1`,
      [projectId],
    );
    const tags = await c.query(
      `INSERT INTO tag (project_id, name, color) SELECT $1, 'Thème ' || n, '#d62728'
         FROM generate_series(1, 50) n RETURNING id`,
      [projectId],
    );
    const turns = (
      await c.query(
        `SELECT count(*)::int AS n FROM segment s JOIN transcript t ON t.id = s.transcript_id WHERE t.project_id = $1`,
        [projectId],
      )
    ).rows[0].n;
    // Each turn is highlighted whole, as often as needed to reach HIGHLIGHTS.
    await c.query(
      `INSERT INTO highlight (transcript_id, project_id, start_segment_id, start_offset, start_index,
                              end_segment_id, end_offset, quote, prefix, suffix, note, author_id,
                              participant_id, created_at)
       SELECT s.transcript_id, $1, s.id, 0, s.index, s.id, length(s.text), s.text, '', '',
              CASE WHEN g % 5 = 0 THEN '=HYPERLINK("http://evil.example","Note ' || g || '")' END,
              $2, s.participant_id, now() - make_interval(secs => $3 - g)
         FROM generate_series(1, $3) g
         JOIN (SELECT s.*, row_number() OVER (ORDER BY s.transcript_id, s.index) - 1 AS ord
                 FROM segment s JOIN transcript t ON t.id = s.transcript_id WHERE t.project_id = $1) s
           ON s.ord = g % $4`,
      [projectId, userId, HIGHLIGHTS, turns],
    );
    const tagIds = tags.rows.map((r) => r.id);
    await c.query(
      `INSERT INTO highlight_tag (highlight_id, tag_id)
       SELECT id, ($2::uuid[])[1 + ord % 50] FROM (SELECT id, row_number() OVER (ORDER BY id) AS ord FROM highlight WHERE project_id = $1) h
       UNION ALL
       SELECT id, ($2::uuid[])[1 + (ord * 7 + 3) % 50] FROM (SELECT id, row_number() OVER (ORDER BY id) AS ord FROM highlight WHERE project_id = $1) h WHERE ord % 2 = 0
       ON CONFLICT DO NOTHING`,
      [projectId, tagIds],
    );
    await c.query('VACUUM ANALYZE');
    return (
      await c.query(`SELECT count(*)::int AS n FROM highlight WHERE project_id = $1`, [projectId])
    ).rows[0].n;
  } finally {
    await c.end();
  }
}

async function exportOnce(env, corpus, format) {
  const api = await startApi(env);
  try {
    const { logIn } = await api.gql(`mutation($i: LogInInput!) { logIn(input: $i) { token } }`, {
      i: { email: corpus.email, password: PASSWORD },
    });
    const token = logIn.token;
    await sleep(2000);
    const idle = await (await fetch(`${api.base}/health`)).json();
    const cpu0 = cpuSeconds(api.pid);
    const t0 = performance.now();
    const { exportHighlights } = await api.gql(
      `mutation($i: ExportHighlightsInput!) { exportHighlights(input: $i) { id } }`,
      { i: { projectId: corpus.projectId, format } },
      token,
    );
    const pings = [];
    let done = false;
    const pinger = (async () => {
      while (!done) {
        const p0 = performance.now();
        await fetch(`${api.base}/graphql`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
          body: JSON.stringify({ query: '{ __typename }' }),
        });
        pings.push(performance.now() - p0);
        await sleep(10);
      }
    })();
    let exp;
    for (;;) {
      ({ export: exp } = await api.gql(
        `query($id: ID!) { export(id: $id) { status error downloadUrl } }`,
        { id: exportHighlights.id },
        token,
      ));
      if (exp.status === 'FAILED') throw new Error(`export FAILED: ${exp.error}`);
      if (exp.status === 'READY') break;
      await sleep(100);
    }
    const ready = performance.now();
    const cpu1 = cpuSeconds(api.pid);
    done = true;
    await pinger;
    const link = new URL(exp.downloadUrl);
    const res = await fetch(`${api.base}${link.pathname}${link.search}`);
    const bytes = Buffer.from(await res.arrayBuffer());
    if (res.status !== 200) throw new Error(`download: ${res.status} ${bytes.toString()}`);
    const seconds = (performance.now() - t0) / 1000;
    const health = await (await fetch(`${api.base}/health`)).json();
    return {
      format,
      highlights: corpus.highlights,
      renderSeconds: round((ready - t0) / 1000, 2),
      endToEndSeconds: round(seconds, 2),
      fileMb: round(bytes.length / 2 ** 20, 2),
      peakRssMb: health.maxRssMb,
      // CPU the export took on the api's event-loop thread (with the pings and polls), and on
      // its other threads (worker pool, libuv, GC helpers): load-independent, unlike the delays.
      mainThreadCpuS: round(cpu1.main - cpu0.main, 2),
      otherThreadsCpuS: round(cpu1.all - cpu0.all - (cpu1.main - cpu0.main), 2),
      eventLoopP99Ms: health.eventLoopDelayMs.p99,
      eventLoopMaxMs: health.eventLoopDelayMs.max,
      idleEventLoopP99Ms: idle.eventLoopDelayMs.p99,
      pingP99Ms: round(p99(pings)),
      pings: pings.length,
      meetsTarget: seconds < TARGET_SECONDS,
    };
  } finally {
    await api.stop();
  }
}

export async function benchExports() {
  if (!(await reachable(PG))) {
    console.log(`(PostgreSQL at ${PG} not reachable: exports skipped)`);
    return null;
  }
  const scratch = await scratchDatabase(PG, `verbatim_bench_exports_${process.pid}`);
  const env = { DATABASE_URL: scratch.url, REDIS_URL: '' };
  try {
    const prepared = await prepare(env);
    const highlights = await seed(scratch.url, prepared);
    const corpus = { ...prepared, highlights };
    const rows = [];
    for (const format of FORMATS) rows.push(await exportOnce(env, corpus, format));
    console.log(`\nexports: ${highlights} highlights (target < ${TARGET_SECONDS} s each)`);
    console.table(rows);
    return rows;
  } finally {
    await scratch.drop();
  }
}

runWhenStarted(import.meta.url, benchExports);
