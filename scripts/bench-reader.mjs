#!/usr/bin/env node
// The reader with a 3-hour transcript (~3,900 turns) and 500 highlights, in headless Chromium:
// time from navigation to the reader showing its first turns with their highlights, and from
// there to answering a keypress (j moves to the next turn). Median of a few runs.
//
// Needs the built api and client (dist/api, dist/client): `npx nx run-many -t build -p api client`.
// Runs on the api's embedded PGlite (or BENCH_READER_DATABASE_URL).
//   node scripts/bench-reader.mjs          (or as part of `npm run bench`)
// Options: BENCH_READER_RUNS (default 5), BENCH_READER_HIGHLIGHTS (default 500).
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort } from './bench-support.mjs';

const require = createRequire(import.meta.url);
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const RUNS = Number(process.env.BENCH_READER_RUNS ?? 5);
const HIGHLIGHTS = Number(process.env.BENCH_READER_HIGHLIGHTS ?? 500);
const PASSWORD = 'bench password 123';
const TARGET_MS = 1500;

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const round = (x) => Math.round(x);

async function startApi() {
  const port = await freePort();
  const dataDir = mkdtempSync(path.join(tmpdir(), 'verbatim-bench-reader-'));
  const child = spawn(process.execPath, ['dist/api/main.js'], {
    cwd: root,
    env: {
      ...process.env,
      NODE_ENV: 'test',
      LOG_LEVEL: 'warn',
      PORT: String(port),
      DATA_DIR: dataDir,
      DATABASE_URL: process.env.BENCH_READER_DATABASE_URL ?? '',
      REDIS_URL: '',
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
  const stop = () =>
    new Promise((r) => {
      child.once('exit', r);
      child.kill('SIGTERM');
      setTimeout(() => child.kill('SIGKILL'), 10_000).unref();
    }).then(() => rmSync(dataDir, { recursive: true, force: true }));
  return { base, stop };
}

function client(base) {
  return async (query, variables, token) => {
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
}

/** A user, a project, a 3-hour transcript and `HIGHLIGHTS` highlights with a few tags. */
async function seed(base) {
  const gql = client(base);
  const email = `reader${Date.now()}@example.com`;
  const { signUp } = await gql('mutation($i: SignUpInput!){ signUp(input:$i){ token } }', {
    i: { email, password: PASSWORD, name: 'Bench Reader' },
  });
  const token = signUp.token;
  const ws = await gql('mutation{ createWorkspace(input:{ name: "Bench" }){ id } }', {}, token);
  const { createProject } = await gql(
    'mutation($i: CreateProjectInput!){ createProject(input:$i){ id } }',
    {
      i: { workspaceId: ws.createWorkspace.id, name: 'Reader bench' },
    },
    token,
  );
  const projectId = createProject.id;
  const lib = require(path.join(root, 'dist/api/libs/transcript/src/index.js'));
  const text = lib.makeSyntheticTranscript({ format: 'WEBVTT', minutes: 180, seed: 11 });
  const form = new FormData();
  form.append('file', new Blob([text]), 'three-hours.vtt');
  const up = await fetch(`${base}/api/projects/${projectId}/transcripts`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}` },
    body: form,
  });
  if (up.status !== 201) throw new Error(`upload: ${up.status} ${await up.text()}`);
  const transcriptId = (await up.json()).id;
  for (;;) {
    const { transcript } = await gql(
      'query($id: ID!){ transcript(id:$id){ status error } }',
      { id: transcriptId },
      token,
    );
    if (transcript.status === 'READY') break;
    if (transcript.status === 'FAILED') throw new Error(transcript.error);
    await sleep(200);
  }
  const segments = [];
  for (let from = 0; ; from += 5000) {
    const { transcript } = await gql(
      'query($id: ID!, $from: Int!){ transcript(id:$id){ segments(from:$from, limit:5000){ id text } } }',
      { id: transcriptId, from },
      token,
    );
    segments.push(...transcript.segments);
    if (transcript.segments.length < 5000) break;
  }
  const tagIds = [];
  for (const name of ['Pain point', 'Workaround', 'Delight', 'Pricing', 'Onboarding', 'Trust']) {
    const { createTag } = await gql(
      'mutation($i: CreateTagInput!){ createTag(input:$i){ id } }',
      { i: { projectId, name } },
      token,
    );
    tagIds.push(createTag.id);
  }
  // Spread over the transcript; every fifth spans two turns, every seventh overlaps the previous.
  const step = Math.max(1, Math.floor((segments.length - 2) / HIGHLIGHTS));
  const create = (i) => {
    const at = Math.min(segments.length - 2, i * step);
    const s = segments[at];
    const crossing = i % 5 === 0;
    const end = crossing ? segments[at + 1] : s;
    const startOffset = i % 7 === 0 ? 0 : Math.min(4, s.text.length - 2);
    const endOffset = crossing ? Math.min(10, end.text.length) : s.text.length;
    return gql(
      'mutation($i: CreateHighlightInput!){ createHighlight(input:$i){ id } }',
      {
        i: {
          transcriptId,
          start: { segmentId: s.id, offset: startOffset },
          end: { segmentId: end.id, offset: endOffset },
          tagIds: [
            tagIds[i % tagIds.length],
            ...(i % 4 === 0 ? [tagIds[(i + 1) % tagIds.length]] : []),
          ],
        },
      },
      token,
    );
  };
  for (let i = 0; i < HIGHLIGHTS; i += 10)
    await Promise.all(
      Array.from({ length: Math.min(10, HIGHLIGHTS - i) }, (_, k) => create(i + k)),
    );
  // A handful of overlapping ones at the top, where the reader opens.
  for (let i = 0; i < 3; i++) {
    const s = segments[1];
    await gql(
      'mutation($i: CreateHighlightInput!){ createHighlight(input:$i){ id } }',
      {
        i: {
          transcriptId,
          start: { segmentId: s.id, offset: i * 3 },
          end: { segmentId: s.id, offset: s.text.length - i },
          tagIds: [tagIds[i]],
        },
      },
      token,
    );
  }
  return { email, transcriptId, turns: segments.length };
}

/** Navigation start to: first turns rendered with highlights; then a keypress answered. */
async function measure(context, base, transcriptId) {
  const page = await context.newPage();
  const t0 = Date.now();
  await page.goto(`${base}/t/${transcriptId}`);
  await page.waitForFunction(
    () => {
      const v = document.querySelector('cdk-virtual-scroll-viewport');
      return (
        !!v &&
        v.getAttribute('data-highlights-loaded') === 'true' &&
        v.querySelector('.run--hl') !== null
      );
    },
    undefined,
    { timeout: 30_000, polling: 'raf' },
  );
  const rendered = Date.now() - t0;
  await page.locator('cdk-virtual-scroll-viewport').focus();
  await page.keyboard.press('j');
  await page.waitForSelector('article.turn--current', { timeout: 10_000 });
  const interactive = Date.now() - t0;
  const counts = await page.evaluate(() => ({
    turnsRendered: document.querySelectorAll('article.turn').length,
    highlightRuns: document.querySelectorAll('.run--hl').length,
  }));
  await page.close();
  return { rendered, interactive, ...counts };
}

export async function benchReader() {
  if (
    !existsSync(path.join(root, 'dist/client')) ||
    !existsSync(path.join(root, 'dist/api/main.js'))
  )
    throw new Error(
      'bench-reader needs the built api and client: npx nx run-many -t build -p api client',
    );
  const { chromium } = require('playwright-core');
  const api = await startApi();
  let browser;
  try {
    const { email, transcriptId, turns } = await seed(api.base);
    browser = await chromium.launch({
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      headless: true,
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-dev-shm-usage',
        '--disable-background-networking',
      ],
    });
    const context = await browser.newContext({ viewport: { width: 1360, height: 900 } });
    const login = await context.newPage();
    await login.goto(`${api.base}/login`);
    await login.getByLabel('Email').fill(email);
    await login.getByLabel('Password').fill(PASSWORD);
    await login.getByRole('button', { name: 'Log in' }).click();
    await login.waitForURL('**/workspaces');
    await login.close();
    await measure(context, api.base, transcriptId); // warm-up: caches, JIT
    const runs = [];
    for (let i = 0; i < RUNS; i++) runs.push(await measure(context, api.base, transcriptId));
    const result = {
      turns,
      highlights: HIGHLIGHTS + 3,
      runs: runs.length,
      renderedMedianMs: round(median(runs.map((r) => r.rendered))),
      interactiveMedianMs: round(median(runs.map((r) => r.interactive))),
      interactiveMaxMs: round(Math.max(...runs.map((r) => r.interactive))),
      turnsInDom: runs[0].turnsRendered,
      highlightRunsInDom: runs[0].highlightRuns,
      targetMs: TARGET_MS,
    };
    result.withinTarget = result.interactiveMedianMs < TARGET_MS;
    console.table([result]);
    return result;
  } finally {
    await browser?.close();
    await api.stop();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  benchReader().then(
    (r) => process.exit(r.withinTarget ? 0 : 1),
    (err) => {
      console.error(err);
      process.exit(1);
    },
  );
}
