#!/usr/bin/env node
// REFI-QDA interchange at size: a project of 40 one-hour transcripts (24,000 turns) and 20,000
// highlights on 50 tags, seeded with SQL as the search bench does, exported as a .qdpx by the
// api's ProjectRenderer in this process (`render`: time, RSS growth, this process's event-loop
// delay while it renders), then through the api as a user does it (`export`: exportProject until
// READY, then the download) and imported again through POST /api/workspaces/:id/imports until
// READY (`import`). For the api: time, peak RSS, and the slowest /health answer meanwhile (its
// event loop's longest stall, roughly). Target: < 10 s each. PostgreSQL only.
//   node scripts/bench-interchange.mjs        (or BENCH_ONLY=interchange npm run bench)
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { mkdtempSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { seed, startApi } from './bench-search.mjs';
import { reachable, runWhenStarted, scratchDatabase } from './bench-support.mjs';

const require = createRequire(import.meta.url);
const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const DIST = path.join(ROOT, 'dist/api');
const PG = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const TRANSCRIPTS = Number(process.env.BENCH_INTERCHANGE_TRANSCRIPTS ?? 40);
const TARGET_MS = 10_000;

const round = (x, d = 1) => Math.round(x * 10 ** d) / 10 ** d;
const mb = (bytes) => round(bytes / 2 ** 20, 1);
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** VmHWM (peak resident set) and VmRSS of a process, in bytes (Linux). */
function memoryOf(pid) {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (name) => Number(new RegExp(`${name}:\\s+(\\d+)`).exec(status)?.[1] ?? 0) * 1024;
  return { peak: kb('VmHWM'), rss: kb('VmRSS') };
}

async function renderExport(url, projectId, outPath) {
  const { DataSource } = require(path.join(ROOT, 'node_modules/typeorm'));
  const { dataSourceOptions } = require(path.join(DIST, 'api/src/database/data-source-options.js'));
  const { ProjectRows } = require(
    path.join(DIST, 'api/src/modules/interchange/export/project-rows.js'),
  );
  const { ProjectRenderer } = require(
    path.join(DIST, 'api/src/modules/interchange/export/refi-renderers.js'),
  );
  const { WorkerPool } = require(path.join(DIST, 'api/src/common/workers/worker-pool.js'));
  const { loadConfig } = require(path.join(DIST, 'api/src/config/env.js'));
  const ds = new DataSource(dataSourceOptions(url, 2));
  await ds.initialize();
  // The archive is written in a worker thread, as in the api.
  const workers = new WorkerPool(loadConfig({ ...process.env, DATA_DIR: path.dirname(outPath) }));
  try {
    const renderer = new ProjectRenderer(new ProjectRows(ds), workers);
    const delay = monitorEventLoopDelay({ resolution: 10 });
    const rssBefore = process.memoryUsage().rss;
    let rssPeak = rssBefore;
    const sampler = setInterval(() => {
      rssPeak = Math.max(rssPeak, process.memoryUsage().rss);
    }, 20);
    delay.enable();
    const t0 = performance.now();
    await renderer.render({
      exportId: 'bench',
      kind: 'PROJECT',
      format: 'QDPX',
      projectId,
      subjectId: null,
      params: {},
      requestedBy: 'bench',
      outPath,
      progress: () => Promise.resolve(),
      signal: new AbortController().signal,
    });
    const ms = performance.now() - t0;
    delay.disable();
    clearInterval(sampler);
    return {
      ms: Math.round(ms),
      fileMb: mb(statSync(outPath).size),
      rssGrowthMb: mb(rssPeak - rssBefore),
      eventLoopP99Ms: round(delay.percentile(99) / 1e6),
      eventLoopMaxMs: round(delay.max / 1e6),
    };
  } finally {
    await workers.onApplicationShutdown();
    await ds.destroy();
  }
}

/** Samples `/health` every 50 ms while `work` runs: the slowest answer, the api's loop stall. */
async function whileProbing(api, work) {
  let slowest = 0;
  let probing = true;
  const probe = (async () => {
    while (probing) {
      const t0 = performance.now();
      await fetch(`${api.base}/health`).catch(() => undefined);
      slowest = Math.max(slowest, performance.now() - t0);
      await sleep(50);
    }
  })();
  try {
    return { result: await work(), slowestHealthMs: () => Math.round(slowest) };
  } finally {
    probing = false;
    await probe;
  }
}

/** exportProject through GraphQL, the job until READY, and the download, as a user does it. */
async function exportThrough(api, projectId, file) {
  const before = memoryOf(api.pid);
  const t0 = performance.now();
  const { result: state, slowestHealthMs } = await whileProbing(api, async () => {
    const { exportProject } = await api.gql(
      `mutation($i: ExportProjectInput!) { exportProject(input: $i) { id } }`,
      { i: { projectId, format: 'QDPX' } },
    );
    for (;;) {
      const { export: e } = await api.gql(
        `query($id: ID!) { export(id: $id) { id status error } }`,
        {
          id: exportProject.id,
        },
      );
      if (e.status === 'READY' || e.status === 'FAILED') return e;
      await sleep(100);
    }
  });
  if (state.status !== 'READY') throw new Error(`export failed: ${state.error}`);
  const readyMs = performance.now() - t0;
  const res = await fetch(`${api.base}/api/exports/${state.id}/download`, {
    headers: { authorization: `Bearer ${api.token}` },
  });
  writeFileSync(file, Buffer.from(await res.arrayBuffer()));
  return {
    ms: Math.round(readyMs),
    fileMb: mb(statSync(file).size),
    apiRssBeforeMb: mb(before.rss),
    apiPeakRssMb: mb(memoryOf(api.pid).peak),
    slowestHealthMs: slowestHealthMs(),
  };
}

async function importThrough(api, workspaceId, file) {
  const before = memoryOf(api.pid);
  let slowestHealth = 0;
  let probing = true;
  const probe = (async () => {
    while (probing) {
      const t0 = performance.now();
      await fetch(`${api.base}/health`).catch(() => undefined);
      slowestHealth = Math.max(slowestHealth, performance.now() - t0);
      await sleep(50);
    }
  })();
  const t0 = performance.now();
  const form = new FormData();
  form.append('file', new Blob([readFileSync(file)]), 'bench.qdpx');
  const res = await fetch(`${api.base}/api/workspaces/${workspaceId}/imports`, {
    method: 'POST',
    headers: { authorization: `Bearer ${api.token}` },
    body: form,
  });
  if (res.status !== 201) throw new Error(`import: ${res.status} ${await res.text()}`);
  const { id } = await res.json();
  let state;
  for (;;) {
    state = (
      await api.gql(
        `query($id: ID!) { projectImport(id: $id) { status error warnings { code } counts { transcripts codes codings } } }`,
        { id },
      )
    ).projectImport;
    if (state.status === 'READY' || state.status === 'FAILED') break;
    await sleep(100);
  }
  const ms = performance.now() - t0;
  probing = false;
  await probe;
  if (state.status !== 'READY') throw new Error(`import failed: ${state.error}`);
  const after = memoryOf(api.pid);
  return {
    ms: Math.round(ms),
    counts: state.counts,
    warnings: state.warnings.map((w) => w.code),
    apiRssBeforeMb: mb(before.rss),
    apiPeakRssMb: mb(after.peak),
    slowestHealthMs: Math.round(slowestHealth),
  };
}

export async function benchInterchange() {
  if (!(await reachable(PG))) {
    console.log(`(PostgreSQL at ${PG} not reachable: interchange skipped)`);
    return null;
  }
  const pg = require('pg');
  const scratch = await scratchDatabase(PG, 'interchange');
  const api = await startApi(
    scratch.url,
    process.env.BENCH_INTERCHANGE_LOG ? { LOG_LEVEL: 'log' } : {},
  );
  try {
    const seeded = await seed(pg, scratch.url, {
      projectId: api.projectId,
      userId: api.userId,
      transcripts: TRANSCRIPTS,
    });
    const { project } = await api.gql(`query($id: ID!) { project(id: $id) { workspaceId } }`, {
      id: api.projectId,
    });
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'verbatim-bench-refi-')), 'bench.qdpx');
    const rendered = await renderExport(scratch.url, api.projectId, `${file}.direct`);
    const exported = await exportThrough(api, api.projectId, file);
    const imported = await importThrough(api, project.workspaceId, file);
    const result = {
      corpus: {
        transcripts: TRANSCRIPTS,
        turns: seeded.counts.turns,
        highlights: seeded.counts.highlights,
      },
      render: rendered,
      export: { ...exported, targetMs: TARGET_MS },
      import: { ...imported, targetMs: TARGET_MS },
    };
    console.log('REFI-QDA interchange');
    console.table({
      render: result.render,
      export: result.export,
      import: {
        ...result.import,
        counts: JSON.stringify(result.import.counts),
        warnings: result.import.warnings.join(' '),
      },
    });
    return result;
  } finally {
    await api.stop();
    await scratch.drop();
  }
}

runWhenStarted(import.meta.url, benchInterchange);
