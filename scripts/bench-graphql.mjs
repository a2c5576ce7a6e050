#!/usr/bin/env node
// GraphQL cost fuzz: expensive shapes (aliases × segments windows × nested lists × connections ×
// searches and aggregations) sent to the api over HTTP on the bench corpus of
// scripts/bench-search.mjs (one-hour transcripts of 600 turns, 20,000 highlights) plus a few
// 5,000-turn transcripts. Every shape is priced with the api's own cost function; the ones the
// operation gate accepts are timed, and the slowest accepted request is reported with its cost,
// along with how long the api's event loop stalled meanwhile (a probe request's latency).
// Also: how long signUp takes for a new address and for a taken one (OWASP: similar timing).
// PostgreSQL only (BENCH_DATABASE_URL or postgres://postgres@127.0.0.1:5432).
//
//   node scripts/bench-graphql.mjs        builds the api (unless BENCH_SKIP_BUILD=1), prints tables
//   import { benchGraphql } from './bench-graphql.mjs'   (scripts/bench.mjs: results.graphql)
//
// Options: BENCH_GRAPHQL_TRANSCRIPTS (default 1000), BENCH_GRAPHQL_SHAPES (default 400 random
// shapes besides the fixed extremes), BENCH_GRAPHQL_MAX_COMPLEXITY (default: the api's default).
import { randomUUID } from 'node:crypto';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { psql, random, sentence, seed, startApi, vocabulary, write } from './bench-search.mjs';
import { runWhenStarted, scratchDatabase } from './bench-support.mjs';

const require = createRequire(import.meta.url);
const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const DIST = path.join(ROOT, 'dist/api');
const LONG_TRANSCRIPTS = 4;
const LONG_TURNS = 5200;
const TARGET_MS = 1000;

const round = (x, d = 1) => Math.round(x * 10 ** d) / 10 ** d;
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

// ---------------------------------------------------------------- corpus
/** A few interviews long enough for a full 5,000-turn window. */
async function seedLong(pg, url, { projectId, userId }) {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  const ids = Array.from({ length: LONG_TRANSCRIPTS }, () => randomUUID());
  const people = (
    await c.query(`SELECT id FROM participant WHERE project_id = $1 ORDER BY label LIMIT 2`, [
      projectId,
    ])
  ).rows.map((r) => r.id);
  await c.query(
    `INSERT INTO transcript (id, project_id, title, filename, format, status, progress, checksum, byte_size, storage_key, language, language_source, ts_config, duration_ms, segment_count, uploaded_by_id, created_at)
     SELECT id, $1, 'Long interview ' || ord, 'long-' || ord || '.vtt', 'WEBVTT', 'READY', 1, md5(id::text) || 'long', 900000, 'originals/bench/' || id,
            'en', 'FILE', 'english', 30000000, $3, $4, now() - (ord || ' minutes')::interval
       FROM unnest($2::uuid[]) WITH ORDINALITY AS t(id, ord)`,
    [projectId, ids, LONG_TURNS, userId],
  );
  const words = vocabulary();
  const rnd = random(11);
  await psql(
    url,
    `COPY segment (transcript_id, index, speaker, participant_id, start_ms, end_ms, text, ts_config) FROM STDIN`,
    async (stdin) => {
      for (const id of ids) {
        let chunk = '';
        for (let i = 0; i < LONG_TURNS; i++) {
          const text = sentence(rnd, words, 8 + Math.floor(rnd() * 20));
          const who = i % 2;
          chunk += `${id}\t${i}\t${who ? 'Participant' : 'Interviewer'}\t${people[who] ?? '\\N'}\t${i * 5000}\t${i * 5000 + 4000}\t${text}\tenglish\n`;
        }
        await write(stdin, chunk);
      }
    },
  );
  await c.query(`VACUUM ANALYZE segment`);
  await c.end();
  return ids;
}

// ---------------------------------------------------------------- shapes
const SEGMENT = {
  text: 'text',
  id: 'id',
  scalars: 'id index speaker startMs endMs text',
  full: 'id index speaker startMs endMs text participant { id displayName color attributes { key value } }',
};
const PARTICIPANT =
  'id label displayName color isInterviewer segmentCount attributes { key value }';
const HIGHLIGHT = `id quote note prefix suffix startIndex endIndex startMs needsAttention
  transcript { id title } participant { id displayName attributes { key value } } tags { id name color source }`;
const pick = (rnd, xs) => xs[Math.floor(rnd() * xs.length)];
const aliased = (n, field) => Array.from({ length: n }, (_, i) => `a${i}: ${field(i)}`).join(' ');

/** Every family of expensive shape, as (random) → { family, query, variables }. */
function families(ctx) {
  const { projectId, longIds, bigTag, words } = ctx;
  return {
    windows: (rnd) => {
      const n = pick(rnd, [1, 2, 3, 5, 8, 15]);
      const limit = pick(rnd, [500, 1000, 2000, 5000]);
      const fields = pick(rnd, Object.keys(SEGMENT));
      return {
        family: `windows ×${n} limit ${limit} {${fields}}`,
        query: `query($id: ID!) { transcript(id: $id) { id ${aliased(n, (i) => `segments(from: ${(i * 37) % 200}, limit: ${limit}) { ${SEGMENT[fields]} }`)} } }`,
        variables: { id: pick(rnd, longIds) },
      };
    },
    transcriptAliases: (rnd) => {
      const n = pick(rnd, [1, 2, 4, 8, 15]);
      const limit = pick(rnd, [600, 2000, 5000]);
      const fields = pick(rnd, Object.keys(SEGMENT));
      return {
        family: `transcript ×${n} segments(limit ${limit}) {${fields}} participants`,
        query: `query { ${aliased(n, (i) => `transcript(id: "${longIds[i % longIds.length]}") { title participants { ${PARTICIPANT} } segments(limit: ${limit}) { ${SEGMENT[fields]} } }`)} }`,
        variables: {},
      };
    },
    connections: (rnd) => {
      const n = pick(rnd, [1, 2, 4]);
      const first = pick(rnd, [1, 5, 10, 20, 50, 100]);
      const limit = pick(rnd, [10, 100, 600]);
      const fields = pick(rnd, ['text', 'scalars']);
      return {
        family: `transcripts(first ${first}) ×${n} with segments(limit ${limit}) {${fields}}`,
        query: `query($p: ID!) { ${aliased(n, () => `transcripts(projectId: $p, first: ${first}) { totalCount edges { cursor node { id title segmentCount participants { ${PARTICIPANT} } segments(limit: ${limit}) { ${SEGMENT[fields]} } } } }`)} }`,
        variables: { p: projectId },
      };
    },
    highlights: (rnd) => {
      const n = pick(rnd, [1, 3, 8, 15]);
      const first = pick(rnd, [20, 50, 100]);
      const order = pick(rnd, ['RECENT', 'TRANSCRIPT', 'PARTICIPANT']);
      const filter = rnd() < 0.5 ? `{ projectId: $p }` : `{ projectId: $p, tagIds: ["${bigTag}"] }`;
      return {
        family: `highlights(first ${first}, ${order}) ×${n}`,
        query: `query($p: ID!) { ${aliased(n, () => `highlights(filter: ${filter}, first: ${first}, orderBy: ${order}) { totalCount edges { cursor node { ${HIGHLIGHT} } } }`)} }`,
        variables: { p: projectId },
      };
    },
    search: (rnd) => {
      const n = pick(rnd, [1, 2, 4, 8, 15]);
      const first = pick(rnd, [20, 50, 100]);
      const query = pick(rnd, ['really', 'the', 'think', '"pricing checkout"', words[20_000]]);
      return {
        family: `search(${query}, first ${first}) ×${n}`,
        query: `query($p: ID!, $q: String!) { ${aliased(n, () => `search(input: { projectId: $p, query: $q }, first: ${first}) { totalCount edges { node { kind snippet rank transcript { id title } segment { id index } highlight { id } } } tags { id name } participants { id displayName } }`)} }`,
        variables: { p: projectId, q: query },
      };
    },
    aggregates: (rnd) => {
      const n = pick(rnd, [1, 2, 4, 8, 15]);
      const kind = pick(rnd, ['tags', 'tagEvidence', 'tagMatrixP', 'tagMatrixT', 'participants']);
      const field = {
        tags: `tags(projectId: $p) { id name description color parentId archived usageCount }`,
        tagEvidence: `tagEvidence(filter: { projectId: $p }) { highlightCount participantCount transcriptCount tag { id name } }`,
        tagMatrixP: `tagMatrix(filter: { projectId: $p }, by: PARTICIPANT) { max tags { id name } columns { id label } cells { tagId columnId count } }`,
        tagMatrixT: `tagMatrix(filter: { projectId: $p }, by: TRANSCRIPT) { max tags { id name } columns { id label } cells { tagId columnId count } }`,
        participants: `participants(projectId: $p) { ${PARTICIPANT} }`,
      }[kind];
      return {
        family: `${kind} ×${n}`,
        query: `query($p: ID!) { ${aliased(n, () => field)} }`,
        variables: { p: projectId },
      };
    },
  };
}

/** The fixed extremes of each family, then `count` random shapes. */
function shapes(ctx, count) {
  const f = families(ctx);
  const all = [];
  const rnd = random(2024);
  for (const make of Object.values(f)) for (let i = 0; i < 12; i++) all.push(make(rnd));
  for (let i = 0; i < count; i++) all.push(pick(rnd, Object.values(f))(rnd));
  const seen = new Set();
  return all.filter((s) => {
    const key = s.query + JSON.stringify(s.variables);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

// ---------------------------------------------------------------- timing
async function post(api, query, variables) {
  const t0 = performance.now();
  const res = await fetch(`${api.base}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${api.token}` },
    body: JSON.stringify({ query, variables }),
  });
  const text = await res.text();
  const ms = performance.now() - t0;
  const body = JSON.parse(text);
  return { ms, bytes: text.length, status: res.status, errors: body.errors };
}

/** The request's time, and the worst latency of a small request sent every 25 ms meanwhile. */
async function withProbe(api, query, variables) {
  let running = true;
  let stall = 0;
  const probe = (async () => {
    while (running) {
      const t0 = performance.now();
      await fetch(`${api.base}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: '{ __typename }' }),
      });
      stall = Math.max(stall, performance.now() - t0);
      await new Promise((r) => setTimeout(r, 25));
    }
  })();
  const result = await post(api, query, variables);
  running = false;
  await probe;
  return { ...result, stallMs: stall };
}

async function signUpTiming(api) {
  const password = 'bench password 123';
  const taken = `bench-taken-${Date.now()}@example.com`;
  const signUp = (email, pw) =>
    post(api, `mutation($i: SignUpInput!) { signUp(input: $i) { token user { id } } }`, {
      i: { email, password: pw, name: 'Bench' },
    });
  await signUp(taken, password);
  const cases = {
    'new address': () => signUp(`bench-${randomUUID()}@example.com`, password),
    'taken address, its password': () => signUp(taken, password),
    'taken address, another password': () => signUp(taken, 'not the password 123'),
  };
  const rows = [];
  for (const [label, fn] of Object.entries(cases)) {
    await fn();
    const ms = [];
    for (let i = 0; i < 15; i++) ms.push((await fn()).ms);
    rows.push({ signUp: label, medianMs: round(median(ms), 1) });
  }
  return rows;
}

// ---------------------------------------------------------------- bench
export async function benchGraphql(options = {}) {
  const pg = require(path.join(ROOT, 'node_modules/pg'));
  const { buildClientSchema, getIntrospectionQuery, parse } = require(
    path.join(ROOT, 'node_modules/graphql'),
  );
  const { complexityOf } = require(path.join(DIST, 'api/src/common/security/graphql-limits.js'));
  const server =
    options.databaseUrl ??
    process.env.BENCH_DATABASE_URL ??
    'postgres://postgres@127.0.0.1:5432/postgres';
  const transcripts = Number(process.env.BENCH_GRAPHQL_TRANSCRIPTS ?? 1000);
  const count = Number(process.env.BENCH_GRAPHQL_SHAPES ?? 400);
  const name = `verbatim_graphql_${process.pid}`;
  const database = await scratchDatabase(server, name);
  const url = database.url;
  let api;
  try {
    const env = {
      RATE_LIMIT_SIGNUP: 'off',
      RATE_LIMIT_LOGIN: 'off',
      RATE_LIMIT_LOGIN_IP: 'off',
      RATE_LIMIT_LOGIN_ACCOUNT: 'off',
      ...(process.env.BENCH_GRAPHQL_MAX_COMPLEXITY
        ? { GRAPHQL_MAX_COMPLEXITY: process.env.BENCH_GRAPHQL_MAX_COMPLEXITY }
        : {}),
    };
    api = await startApi(url, env);
    console.log(
      `graphql bench: seeding ${transcripts} transcripts and ${LONG_TRANSCRIPTS} long ones…`,
    );
    const data = await seed(pg, url, { projectId: api.projectId, userId: api.userId, transcripts });
    const longIds = await seedLong(pg, url, { projectId: api.projectId, userId: api.userId });
    const introspection = await api.gql(getIntrospectionQuery(), {});
    const schema = buildClientSchema(introspection);
    const max = Number(env.GRAPHQL_MAX_COMPLEXITY ?? 70_000);

    const ctx = { projectId: api.projectId, longIds, bigTag: data.bigTag, words: vocabulary() };
    const all = shapes(ctx, count);
    console.log(`graphql bench: ${all.length} shapes, maximum cost ${max}…`);
    const accepted = [];
    let refused = 0;
    let refusedMaxMs = 0;
    for (const s of all) {
      const cost = complexityOf(schema, parse(s.query), s.variables);
      const r = await post(api, s.query, s.variables);
      const code = r.errors?.[0]?.extensions?.code;
      if (code === 'BAD_USER_INPUT') {
        refused++;
        refusedMaxMs = Math.max(refusedMaxMs, r.ms);
        if (cost <= max)
          console.warn(`refused below the maximum (${cost}): ${r.errors[0].message}`);
        continue;
      }
      if (r.errors) throw new Error(`${s.family}: ${JSON.stringify(r.errors).slice(0, 300)}`);
      accepted.push({ ...s, cost, ms: r.ms, bytes: r.bytes });
    }
    // The slowest accepted shapes again, three times each, with the event-loop probe.
    const slowest = [...accepted].sort((a, b) => b.ms - a.ms).slice(0, 8);
    const rows = [];
    for (const s of slowest) {
      const runs = [];
      for (let i = 0; i < 3; i++) runs.push(await withProbe(api, s.query, s.variables));
      rows.push({
        shape: s.family,
        cost: s.cost,
        medianMs: round(median(runs.map((r) => r.ms))),
        maxMs: round(Math.max(...runs.map((r) => r.ms))),
        stallMs: round(Math.max(...runs.map((r) => r.stallMs))),
        mb: round(s.bytes / 2 ** 20, 2),
      });
    }
    rows.sort((a, b) => b.medianMs - a.medianMs);
    console.table(rows);
    const signUp = await signUpTiming(api);
    console.table(signUp);
    const worst = rows[0];
    const summary = {
      transcripts,
      longTranscripts: LONG_TRANSCRIPTS,
      maxComplexity: max,
      shapes: all.length,
      accepted: accepted.length,
      refused,
      refusedSlowestMs: round(refusedMaxMs),
      slowestAccepted: worst,
      targetMs: TARGET_MS,
      met: (worst?.maxMs ?? 0) < TARGET_MS,
    };
    console.table([
      {
        shapes: summary.shapes,
        accepted: summary.accepted,
        refused: summary.refused,
        'slowest accepted (median ms)': worst?.medianMs,
        'its cost': worst?.cost,
        'stall (ms)': worst?.stallMs,
        'target met (< 1 s)': summary.met,
      },
    ]);
    return { ...summary, slowest: rows, signUp };
  } finally {
    await api?.stop();
    await database.drop();
  }
}

runWhenStarted(import.meta.url, benchGraphql);
