#!/usr/bin/env node
// Offline clustering of 5,000 highlights: the theme suggester of libs/analysis (TF-IDF, LSA,
// k-means micro-clusters, average-linkage tree, silhouette, c-TF-IDF titles) run directly on a
// synthetic board made from the labelled highlights (syntheticHighlights), each run in a child
// process of its own, as the job's worker thread runs it. Reports wall and CPU time (median of the
// runs), the time of each stage, and the adjusted Rand index against the topics the highlights
// were made from. Target: < 5,000 ms. Needs the built api (dist/api): `npx nx run api:build`.
//   node scripts/bench-clustering.mjs          (or as part of `npm run bench`; BENCH_SKIP=clustering leaves it out)
// Options: BENCH_CLUSTERING_HIGHLIGHTS (default 5000), BENCH_CLUSTERING_RUNS (default 3),
//          BENCH_CLUSTERING_NOISY=1 (the harder variant of the synthetic board),
//          BENCH_API_DIST (another build of the api, e.g. of an older commit; default dist/api).
import { fork } from 'node:child_process';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { runWhenStarted } from './bench-support.mjs';

const require = createRequire(import.meta.url);
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const HIGHLIGHTS = Number(process.env.BENCH_CLUSTERING_HIGHLIGHTS ?? 5000);
const RUNS = Number(process.env.BENCH_CLUSTERING_RUNS ?? 3);
const NOISY = process.env.BENCH_CLUSTERING_NOISY === '1';
const TARGET_MS = 5000;
const DIST = path.resolve(root, process.env.BENCH_API_DIST ?? 'dist/api');
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** One clustering in this process (the child's side): what it measured. */
function measure() {
  const lib = path.join(DIST, 'libs/analysis/src');
  const { suggestThemesOffline, adjustedRandIndex } = require(path.join(lib, 'index.js'));
  const { syntheticHighlights, LABELLED_PARTICIPANTS } = require(
    path.join(lib, 'lib/clustering/synthetic-highlights.js'),
  );
  const items = syntheticHighlights(HIGHLIGHTS, { noisy: NOISY });
  const cpu = () => {
    const u = process.cpuUsage();
    return (u.user + u.system) / 1000;
  };
  const stages = {};
  const names = { 0.3: 'vectors', 0.5: 'microClusters', 0.6: 'tree', 0.8: 'cut', 1: 'labels' };
  const cpu0 = cpu();
  const wall0 = performance.now();
  let last = wall0;
  const proposals = suggestThemesOffline(items, {
    excludeWords: LABELLED_PARTICIPANTS,
    onProgress: (fraction) => {
      const now = performance.now();
      stages[names[fraction] ?? String(fraction)] = Math.round(now - last);
      last = now;
    },
  });
  const wallMs = performance.now() - wall0;
  const cpuMs = cpu() - cpu0;
  const themeOf = new Map();
  proposals.forEach((p, c) => p.ids.forEach((id) => themeOf.set(id, c)));
  return {
    wallMs,
    cpuMs,
    stages,
    themes: proposals.length,
    ari: adjustedRandIndex(
      items.map((i) => i.topic),
      items.map((i) => themeOf.get(i.id) ?? -1),
    ),
    titles: proposals.map((p) => `${p.title} (${p.ids.length})`),
    heapMb: Math.round(process.memoryUsage().heapUsed / 2 ** 20),
  };
}

function runChild() {
  return new Promise((resolve, reject) => {
    const child = fork(fileURLToPath(import.meta.url), [], {
      env: { ...process.env, BENCH_CLUSTERING_CHILD: '1' },
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    child.once('message', resolve);
    child.once('error', reject);
    child.once('exit', (code) => code && reject(new Error(`clustering child exited with ${code}`)));
  });
}

export async function benchClustering() {
  const runs = [];
  for (let i = 0; i < RUNS; i++) runs.push(await runChild());
  const round = (x) => Math.round(x);
  const result = {
    highlights: HIGHLIGHTS,
    synthetic: NOISY ? 'noisy' : 'plain',
    runs: RUNS,
    medianWallMs: round(median(runs.map((r) => r.wallMs))),
    medianCpuMs: round(median(runs.map((r) => r.cpuMs))),
    wallMsEach: runs.map((r) => round(r.wallMs)),
    targetMs: TARGET_MS,
    meetsTarget: median(runs.map((r) => r.wallMs)) < TARGET_MS,
    themes: runs[0].themes,
    ari: Math.round(runs[0].ari * 1000) / 1000,
    heapMb: runs[0].heapMb,
  };
  console.log(`offline clustering of ${HIGHLIGHTS.toLocaleString('en')} highlights`);
  console.table([result]);
  console.table(runs.map((r) => r.stages));
  console.log(`titles: ${runs[0].titles.join('; ')}`);
  return { ...result, stagesMs: runs.map((r) => r.stages), titles: runs[0].titles };
}

if (process.env.BENCH_CLUSTERING_CHILD === '1') process.send(measure(), () => process.exit(0));
else runWhenStarted(import.meta.url, benchClustering);
