#!/usr/bin/env node
// The api's event loop under CPU-heavy work, on the embedded defaults (PGlite, in-process jobs):
//   ingest  — one-hour interviews uploaded back to back, a third of them Word documents (.docx),
//             until all are READY;
//   offline — an offline DEDUCTIVE run (a 5-tag codebook learnt from two coded interviews) over the
//             project's other interviews, on an api restarted after seeding so that only the run counts.
// Reports the event-loop delay p99 and max the api measured meanwhile (GET /health, since the
// process started; an idle api's figures are shown as the baseline) and its peak RSS.
// Target: p99 < 100 ms. Needs the built api (dist/api): `npx nx run api:build`.
//   node scripts/bench-event-loop.mjs          (or as part of `npm run bench`)
// Options: BENCH_EVENT_LOOP_VTT (default 60), BENCH_EVENT_LOOP_DOCX (default 30),
//          BENCH_EVENT_LOOP_TRANSCRIPTS (offline run: interviews in the project, default 20),
//          BENCH_API_DIST (another build of the api, e.g. of an older commit, to compare; default dist/api),
//          BENCH_EVENT_LOOP_SKIP=idle,ingest,offline.
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { API_MAIN, runAnalysis, seed, startApi } from './bench-analysis.mjs';

const require = createRequire(import.meta.url);
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const VTT = Number(process.env.BENCH_EVENT_LOOP_VTT ?? 60);
const DOCX = Number(process.env.BENCH_EVENT_LOOP_DOCX ?? 30);
const TRANSCRIPTS = Number(process.env.BENCH_EVENT_LOOP_TRANSCRIPTS ?? 20);
const TARGET_P99_MS = 100;
const EMBEDDED = { DATABASE_URL: '', REDIS_URL: '' };
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

const health = async (api) => (await fetch(`${api.base}/health`)).json();
const figures = (h) => ({
  eventLoopP99Ms: h.eventLoopDelayMs.p99,
  eventLoopMaxMs: h.eventLoopDelayMs.max,
  peakRssMb: h.maxRssMb,
  meetsTarget: h.eventLoopDelayMs.p99 < TARGET_P99_MS,
});

function files() {
  const lib = require(path.join(root, 'dist/api/libs/transcript/src/index.js'));
  const { makeDocx } = require(
    path.join(root, 'dist/api/libs/transcript/src/testing/zip-files.js'),
  );
  const out = [];
  for (let i = 0; i < VTT + DOCX; i++) {
    // Every third upload is a Word document, spread through the burst.
    const docx = i % 3 === 2 && out.filter((f) => f.name.endsWith('.docx')).length < DOCX;
    const seedNo = 7000 + i;
    if (docx) {
      const text = lib.makeSyntheticTranscript({ format: 'TEXT', minutes: 60, seed: seedNo });
      out.push({ name: `interview-${i}.docx`, bytes: makeDocx(text.split('\n').filter(Boolean)) });
    } else {
      const text = lib.makeSyntheticTranscript({ format: 'WEBVTT', minutes: 60, seed: seedNo });
      out.push({ name: `interview-${i}.vtt`, bytes: Buffer.from(text) });
    }
  }
  return out;
}

async function account(api) {
  const { signUp } = await api.gql(`mutation($i: SignUpInput!) { signUp(input: $i) { token } }`, {
    i: { email: `bench-loop-${Date.now()}@example.com`, password: 'bench password 123', name: 'B' },
  });
  const ws = await api.gql(
    `mutation { createWorkspace(input: { name: "Bench" }) { id } }`,
    {},
    signUp.token,
  );
  const { createProject } = await api.gql(
    `mutation($i: CreateProjectInput!) { createProject(input: $i) { id } }`,
    { i: { workspaceId: ws.createWorkspace.id, name: 'Event loop' } },
    signUp.token,
  );
  return { token: signUp.token, projectId: createProject.id };
}

async function waitDone(api, token, projectId, n) {
  for (;;) {
    const { transcripts } = await api.gql(
      `query($p: ID!) { transcripts(projectId: $p, first: 100) { totalCount edges { node { status error } } } }`,
      { p: projectId },
      token,
    );
    const nodes = transcripts.edges.map((e) => e.node);
    const failed = nodes.find((t) => t.status === 'FAILED');
    if (failed) throw new Error(`a transcript FAILED: ${failed.error}`);
    if (nodes.filter((t) => t.status === 'READY').length >= n) return;
    await sleep(200);
  }
}

async function idleBaseline() {
  const api = await startApi(EMBEDDED);
  try {
    await account(api);
    await sleep(3000);
    return figures(await health(api));
  } finally {
    await api.stop();
  }
}

async function ingestBurst() {
  const burst = files();
  const api = await startApi(EMBEDDED);
  try {
    const { token, projectId } = await account(api);
    const t0 = performance.now();
    for (const f of burst) {
      const form = new FormData();
      form.append('file', new Blob([f.bytes]), f.name);
      const r = await fetch(`${api.base}/api/projects/${projectId}/transcripts`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}` },
        body: form,
      });
      if (r.status !== 201) throw new Error(`upload ${f.name}: ${r.status} ${await r.text()}`);
    }
    await waitDone(api, token, projectId, burst.length);
    const seconds = (performance.now() - t0) / 1000;
    return {
      phase: `ingest burst: ${VTT} WebVTT + ${DOCX} DOCX one-hour interviews`,
      seconds: Math.round(seconds * 10) / 10,
      ...figures(await health(api)),
    };
  } finally {
    await api.stop();
  }
}

async function offlineRun() {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'verbatim-bench-loop-'));
  try {
    const seeding = await startApi({ ...EMBEDDED, DATA_DIR: dataDir });
    let seeded;
    try {
      seeded = await seed(seeding, TRANSCRIPTS);
    } finally {
      await seeding.stop();
    }
    // A fresh process on the same data: its event-loop figures cover the run only.
    const api = await startApi({ ...EMBEDDED, DATA_DIR: dataDir });
    try {
      const run = await runAnalysis(
        api,
        seeded.token,
        seeded.projectId,
        seeded.ids.slice(2),
        'OFFLINE',
      );
      return {
        phase: `offline DEDUCTIVE run: ${TRANSCRIPTS - 2} interviews, ${run.chunksTotal} chunks, ${seeded.highlights} human highlights`,
        seconds: Math.round(run.seconds * 10) / 10,
        suggestions: run.summary.total,
        ...figures(await health(api)),
      };
    } finally {
      await api.stop();
    }
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}

export async function benchEventLoop() {
  if (!existsSync(API_MAIN))
    throw new Error('bench-event-loop needs the built api: npx nx run api:build');
  const skip = new Set((process.env.BENCH_EVENT_LOOP_SKIP ?? '').split(','));
  const rows = [];
  if (!skip.has('idle')) rows.push({ phase: 'idle api (baseline)', ...(await idleBaseline()) });
  if (!skip.has('ingest')) rows.push(await ingestBurst());
  if (!skip.has('offline')) rows.push(await offlineRun());
  console.table(rows);
  return { backend: 'embedded PGlite, in-process jobs', targetP99Ms: TARGET_P99_MS, rows };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  benchEventLoop().then(
    (r) => console.log(JSON.stringify(r, null, 2)),
    (err) => {
      console.error(err);
      process.exit(1);
    },
  );
}
