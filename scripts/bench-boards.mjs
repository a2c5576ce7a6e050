#!/usr/bin/env node
// Theme boards at the size the product promises (2,000 cards, several editors at once):
//   read    — `board(id)` with 2,000 cards through GraphQL: median and p95 of repeated reads;
//   browser — the board page in Chromium (the built client): navigation to every column drawn,
//             then to a card picked up from the keyboard (interactive); median of 5 (target 1.5 s);
//             then, with every card drawn, what a drag, a filter change and a colleague's move
//             cost (scripts/bench-board-interactions.mjs);
//   fan-out — `boardUpdated(boardId)` to 100 graphql-ws subscribers: for each of a series of card
//             moves, the time from sending moveCard to each subscriber receiving the event;
//             p50, p95 and max over every delivery (target: everyone sees a move within a second).
// On PostgreSQL + Redis when both are reachable (pub/sub through Redis, as with several api
// processes), else on the embedded defaults. Needs the built api: `npx nx run api:build`.
//   node scripts/bench-boards.mjs          (or as part of `npm run bench`)
// Options: BENCH_BOARD_CARDS (default 2000), BENCH_BOARD_SUBSCRIBERS (default 100),
//          BENCH_BOARD_MOVES (default 30), BENCH_DATABASE_URL, BENCH_REDIS_URL,
//          BENCH_BOARD_PARTS (default read,browser,interactions,fanout).
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startApi } from './bench-analysis.mjs';
import { reachable, runWhenStarted, scratchDatabase } from './bench-support.mjs';
import { seedBoard as seedSharedBoard } from './seed-board.mjs';
import { benchInteractions } from './bench-board-interactions.mjs';

const require = createRequire(import.meta.url);
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const CARDS = Number(process.env.BENCH_BOARD_CARDS ?? 2000);
const SUBSCRIBERS = Number(process.env.BENCH_BOARD_SUBSCRIBERS ?? 100);
const MOVES = Number(process.env.BENCH_BOARD_MOVES ?? 30);
const PG = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const REDIS = process.env.BENCH_REDIS_URL ?? 'redis://127.0.0.1:6379';
const FANOUT_TARGET_MS = 1000;
const PARTS = new Set(
  (process.env.BENCH_BOARD_PARTS ?? 'read,browser,interactions,fanout').split(','),
);
const PASSWORD = 'bench password 123';

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const round = (x, d = 1) => Math.round(x * 10 ** d) / 10 ** d;
const quantile = (xs, q) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(q * s.length))];
};

/** An owner's project with a board of `cards` cards (a quarter unsorted, the rest in 12 themes),
 *  seeded as the browser test of large boards does (scripts/seed-board.mjs). */
export async function seedBoard(api, cards = CARDS) {
  const lib = require(path.join(root, 'dist/api/libs/transcript/src/index.js'));
  const email = `bench-boards-${Date.now()}@example.com`;
  const { signUp } = await api.gql(`mutation($i: SignUpInput!) { signUp(input: $i) { token } }`, {
    i: { email, password: PASSWORD, name: 'Bench' },
  });
  const token = signUp.token;
  const call = (query, variables) => api.gql(query, variables, token);
  const { createWorkspace } = await call(
    `mutation { createWorkspace(input: { name: "Bench" }) { id } }`,
    {},
  );
  const { createProject } = await call(
    `mutation($i: CreateProjectInput!) { createProject(input: $i) { id } }`,
    { i: { workspaceId: createWorkspace.id, name: 'Board bench' } },
  );
  const projectId = createProject.id;
  const { boardId, themeIds } = await seedSharedBoard(call, {
    projectId,
    cards,
    themes: 12,
    makeTranscript: (seed) => lib.makeSyntheticTranscript({ format: 'WEBVTT', minutes: 120, seed }),
  });
  return { email, password: PASSWORD, token, projectId, boardId, themeIds };
}

const BOARD = `query($id: ID!) { board(id: $id) { id version
  themes { id title color position cards { id position version highlight { id quote } text } }
  unsorted { id position version highlight { id quote } text } } }`;

async function benchRead(api, seeded) {
  const times = [];
  let cards = 0;
  for (let i = 0; i < 21; i++) {
    const t0 = performance.now();
    const { board } = await api.gql(BOARD, { id: seeded.boardId }, seeded.token);
    if (i > 0) times.push(performance.now() - t0); // the first read warms caches
    cards = board.unsorted.length + board.themes.reduce((n, t) => n + t.cards.length, 0);
  }
  return {
    cards,
    reads: times.length,
    medianMs: round(quantile(times, 0.5)),
    p95Ms: round(quantile(times, 0.95)),
  };
}

const BROWSER_RUNS = 5;
const INTERACTIVE_TARGET_MS = 1500;

/** Navigation start to every column drawn (rendered), then to a card picked up (interactive). */
async function openBoard(context, base, seeded, columns) {
  const page = await context.newPage();
  const t0 = Date.now();
  await page.goto(`${base}/p/${seeded.projectId}/boards/${seeded.boardId}`);
  await page.waitForFunction(
    (n) =>
      document.querySelectorAll('section.column').length === n &&
      document.querySelectorAll('section.column[data-column="unsorted"] vb-board-card').length > 0,
    columns,
    { timeout: 60_000, polling: 'raf' },
  );
  const rendered = Date.now() - t0;
  await page.locator('section.column[data-column="unsorted"] vb-board-card').first().focus();
  await page.keyboard.press('Space');
  await page.waitForSelector('vb-board-card.carried', { timeout: 10_000 });
  const interactive = Date.now() - t0;
  const cards = await page.locator('vb-board-card').count();
  await page.keyboard.press('Escape');
  await page.close();
  return { rendered, interactive, cards };
}

async function benchBrowser(api, seeded) {
  const { existsSync } = await import('node:fs');
  if (!existsSync(path.join(root, 'dist/client')))
    return { skipped: 'needs the built client: npx nx run client:build' };
  const { chromium } = require('playwright-core');
  const browser = await chromium.launch({
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
  try {
    const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
    const login = await context.newPage();
    await login.goto(`${api.base}/login`);
    await login.getByLabel('Email').fill(seeded.email);
    await login.getByLabel('Password').fill(seeded.password);
    await login.getByRole('button', { name: 'Log in' }).click();
    await login.waitForURL('**/workspaces');
    await login.close();
    const columns = seeded.themeIds.length + 1;
    await openBoard(context, api.base, seeded, columns); // warm-up: caches, JIT
    const runs = [];
    for (let i = 0; i < BROWSER_RUNS; i++)
      runs.push(await openBoard(context, api.base, seeded, columns));
    const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
    const interactive = median(runs.map((r) => r.interactive));
    const interactions = PARTS.has('interactions')
      ? await benchInteractions(context, api.base, seeded, api)
      : null;
    return {
      runs: runs.length,
      cardsDrawn: runs[0].cards,
      renderedMedianMs: median(runs.map((r) => r.rendered)),
      interactiveMedianMs: interactive,
      interactiveMaxMs: Math.max(...runs.map((r) => r.interactive)),
      targetMs: INTERACTIVE_TARGET_MS,
      meetsTarget: interactive < INTERACTIVE_TARGET_MS,
      interactions,
    };
  } finally {
    await browser.close();
  }
}

async function benchFanOut(api, seeded) {
  const { createClient } = require('graphql-ws');
  const WebSocket = require('ws');
  const url = `${api.base.replace('http', 'ws')}/graphql`;
  const received = new Map(); // cardId → [ms]
  let sentAt = new Map();
  let primedCount = 0;
  const clients = [];
  for (let i = 0; i < SUBSCRIBERS; i++) {
    const client = createClient({
      url,
      webSocketImpl: WebSocket,
      connectionParams: { authorization: `Bearer ${seeded.token}` },
      retryAttempts: 0,
    });
    let primed = false;
    client.subscribe(
      {
        query: `subscription($b: ID!) { boardUpdated(boardId: $b) { kind cardIds } }`,
        variables: { b: seeded.boardId },
      },
      {
        next: ({ data }) => {
          const at = performance.now();
          if (!primed) {
            primed = true;
            primedCount += 1;
          }
          for (const id of data?.boardUpdated.cardIds ?? []) {
            if (!sentAt.has(id)) continue;
            received.get(id)?.push(at - sentAt.get(id));
          }
        },
        error: (e) => console.error('subscriber', i, e),
        complete: () => undefined,
      },
    );
    clients.push(client);
  }
  // Subscriptions start asynchronously: change the board until every subscriber has seen a change.
  for (let i = 0; i < 100 && primedCount < SUBSCRIBERS; i++) {
    await api.gql(
      `mutation($i: UpdateBoardInput!) { updateBoard(input: $i) { id } }`,
      { i: { id: seeded.boardId, name: `Synthesis ${i}` } },
      seeded.token,
    );
    await sleep(300);
  }
  if (primedCount < SUBSCRIBERS) throw new Error(`only ${primedCount} subscribers got events`);

  const { board } = await api.gql(BOARD, { id: seeded.boardId }, seeded.token);
  const cards = board.unsorted.slice(0, MOVES);
  sentAt = new Map();
  for (const [i, card] of cards.entries()) {
    received.set(card.id, []);
    sentAt.set(card.id, performance.now());
    await api.gql(
      `mutation($i: MoveCardInput!) { moveCard(input: $i) { id } }`,
      {
        i: {
          cardId: card.id,
          themeId: seeded.themeIds[i % seeded.themeIds.length],
          afterCardId: null,
          version: card.version,
        },
      },
      seeded.token,
    );
    // Wait until every subscriber has the move (or 5 s), then pause as people do between moves.
    for (let w = 0; w < 100 && received.get(card.id).length < SUBSCRIBERS; w++) await sleep(50);
    await sleep(100);
  }
  await Promise.all(clients.map((c) => c.dispose()));
  const latencies = [...received.values()].flat();
  const expected = cards.length * SUBSCRIBERS;
  const p95 = quantile(latencies, 0.95);
  return {
    subscribers: SUBSCRIBERS,
    moves: cards.length,
    delivered: latencies.length,
    missing: expected - latencies.length,
    p50Ms: round(quantile(latencies, 0.5)),
    p95Ms: round(p95),
    maxMs: round(Math.max(...latencies)),
    targetMs: FANOUT_TARGET_MS,
    meetsTarget: p95 < FANOUT_TARGET_MS && latencies.length === expected,
  };
}

export async function benchBoards() {
  const onServers = (await reachable(PG)) && (await reachable(REDIS));
  let db = null;
  const env = { RATE_LIMIT_SIGNUP: 'off' };
  if (onServers) {
    db = await scratchDatabase(PG, 'verbatim_bench_boards');
    Object.assign(env, { DATABASE_URL: db.url, REDIS_URL: REDIS });
  }
  const api = await startApi(env);
  try {
    const t0 = performance.now();
    const seeded = await seedBoard(api);
    console.log(`boards: seeded ${CARDS} cards in ${round((performance.now() - t0) / 1000)} s`);
    const result = {
      on: onServers ? 'PostgreSQL + Redis' : 'embedded (PGlite, in-memory pub/sub)',
      read: PARTS.has('read') ? await benchRead(api, seeded) : null,
      browser: PARTS.has('browser') ? await benchBrowser(api, seeded) : null,
      fanOut: PARTS.has('fanout') ? await benchFanOut(api, seeded) : null,
    };
    console.log('\nboards');
    console.table({ 'board(id) read': result.read, 'boardUpdated fan-out': result.fanOut });
    const { interactions, ...page } = result.browser ?? {};
    console.table({ 'board page in Chromium': page });
    if (interactions) {
      const { cardsDrawn, ...costs } = interactions;
      console.log(`board page with every card drawn (${cardsDrawn})`);
      console.table(costs);
    }
    return result;
  } finally {
    await api.stop();
    await db?.drop();
  }
}

runWhenStarted(import.meta.url, benchBoards);
