#!/usr/bin/env node
// Search and tag-view latency on a seeded project: 1,000 one-hour transcripts (600 turns each,
// 600k turns of English-like text with a Zipf-like vocabulary) and 20,000 highlights, one tag
// carrying 5,000 of them. PostgreSQL only (BENCH_DATABASE_URL or postgres://postgres@127.0.0.1:5432).
//
//   node scripts/bench-search.mjs          builds the api (unless BENCH_SKIP_BUILD=1), prints a table
//   (on a shared machine, hold the build lock so nobody rebuilds dist/ under the running api:
//    flock /tmp/verbatim-build.lock sh -c 'npx nx run api:build && BENCH_SKIP_BUILD=1 node scripts/bench-search.mjs')
//   import { benchSearch } from './bench-search.mjs'   (scripts/bench.mjs: results.search)
//
// A fresh database is created, migrated by the api itself, given a user, workspace and project
// through GraphQL, seeded with SQL (COPY), measured and dropped. Each case is timed through
// GraphQL over HTTP and as the same SQL: the statements the service ran for that request
// (captured from TypeORM), replayed with pg in the same order and concurrency.
// Options: BENCH_SEARCH_TRANSCRIPTS (default 1000), BENCH_SEARCH_RUNS (default 40), BENCH_KEEP_DB=1.
// The corpus (seed) and the api starter are shared with scripts/bench-graphql.mjs.
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort, runWhenStarted, scratchDatabase } from './bench-support.mjs';

const require = createRequire(import.meta.url);
const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const DIST = path.join(ROOT, 'dist/api');

const TURNS_PER_TRANSCRIPT = 600;
const HIGHLIGHTS = 20_000;
const BIG_TAG_HIGHLIGHTS = 5_000;
const TARGETS = { rareP95Ms: 20, commonP95Ms: 150, graphqlToSql: 1.5, tagViewMs: 50 };

// ---------------------------------------------------------------- text
/** mulberry32: the same seed, the same corpus. */
export function random(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// Most frequent first: function words, then everyday interview words, then product words.
const COMMON = `the i and to a it that you of was in we like so just is they but really it's have
know think be for on with my this not what do there um all about because when if at one can would
had people were get time going more work team use some them out how or very go lot our make much
things then been could thing us first also well way see want new need actually which those week
feel said who say pretty something still maybe where only day other different back found data
tool always probably users right never kind problem easy start into every trying idea next better
manager hard everyone together usually whole part sure already enough until quite`.split(/\s+/);
const DOMAIN =
  `onboarding dashboard export report spreadsheet pricing checkout calendar sync settings
notification invoice search filter template workflow integration permission password login account
mobile desktop browser upload download sharing comments feedback survey interview customer support
ticket release feature roadmap sprint backlog deadline budget analytics metrics chart meeting email
slack document folder archive tag label insight research persona journey friction churn retention
trial subscription renewal discount contract procurement security compliance audit privacy consent
migration backup latency outage bug crash freeze glitch tutorial documentation training webinar`.split(
    /\s+/,
  );
const SYLLABLES =
  'ba be bi bo bu da de di do du fa fe fi fo ka ke ki ko la le li lo lu ma me mi mo mu na ne ni no nu pa pe pi po ra re ri ro ru sa se si so ta te ti to tu va ve vi vo za ze zi zo bra dre gri klo pru sta tre vro'.split(
    ' ',
  );
const ENDINGS = ['', 'n', 'r', 's', 'x', 'l', 'nd', 'st', 'rk', 'th'];
const VOCABULARY_SIZE = 30_000;
/** Injected into a few turns: the "rare phrase" case. */
const RARE_PHRASE = 'quarterly churn spreadsheet';

export function vocabulary() {
  const rnd = random(42);
  const words = [...new Set([...COMMON, ...DOMAIN])];
  const seen = new Set(words);
  while (words.length < VOCABULARY_SIZE) {
    const n = 2 + Math.floor(rnd() * 3);
    let w = '';
    for (let i = 0; i < n; i++) w += SYLLABLES[Math.floor(rnd() * SYLLABLES.length)];
    w += ENDINGS[Math.floor(rnd() * ENDINGS.length)];
    if (!seen.has(w)) {
      seen.add(w);
      words.push(w);
    }
  }
  return words;
}

/** Zipf with s = 1: a log-uniform rank has density ∝ 1/rank. */
const zipf = (rnd, words) =>
  words[Math.min(words.length - 1, Math.floor(Math.exp(rnd() * Math.log(words.length + 1))) - 1)];

export function sentence(rnd, words, length) {
  const out = [];
  for (let i = 0; i < length; i++) out.push(zipf(rnd, words));
  const s = out.join(' ');
  return `${s.charAt(0).toUpperCase()}${s.slice(1)}${rnd() < 0.2 ? '?' : '.'}`;
}

// ---------------------------------------------------------------- helpers
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const round = (x, d = 1) => Math.round(x * 10 ** d) / 10 ** d;
const pct = (xs, p) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)];
};

/** Both ways in turn, run after run, so that a busy moment of the machine weighs on both alike. */
async function timedPair(graphqlFn, sqlFn, runs, warmup = 3) {
  for (let i = 0; i < warmup; i++) (await graphqlFn(), await sqlFn());
  const g = [];
  const q = [];
  for (let i = 0; i < runs; i++) {
    let t0 = performance.now();
    await graphqlFn();
    g.push(performance.now() - t0);
    t0 = performance.now();
    await sqlFn();
    q.push(performance.now() - t0);
  }
  const stats = (ms) => ({ p50: round(pct(ms, 50), 2), p95: round(pct(ms, 95), 2) });
  return { graphql: stats(g), sql: stats(q) };
}

async function timed(fn, runs, warmup = 3) {
  for (let i = 0; i < warmup; i++) await fn();
  const ms = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    await fn();
    ms.push(performance.now() - t0);
  }
  return { p50: round(pct(ms, 50), 2), p95: round(pct(ms, 95), 2) };
}

export function psql(url, sql, input) {
  return new Promise((resolve, reject) => {
    const child = spawn('psql', [url, '-v', 'ON_ERROR_STOP=1', '-q', '-c', sql], {
      stdio: ['pipe', 'inherit', 'inherit'],
    });
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`psql exited ${code}`))));
    if (input) input(child.stdin).then(() => child.stdin.end(), reject);
    else child.stdin.end();
  });
}

export async function write(stream, chunk) {
  if (!stream.write(chunk)) await new Promise((r) => stream.once('drain', r));
}

// ---------------------------------------------------------------- server
export async function startApi(databaseUrl, env = {}) {
  const port = await freePort();
  const child = spawn(process.execPath, [path.join(DIST, 'main.js')], {
    cwd: ROOT,
    env: {
      ...process.env,
      NODE_ENV: 'test',
      LOG_LEVEL: 'warn',
      PORT: String(port),
      DATA_DIR: mkdtempSync(path.join(tmpdir(), 'verbatim-bench-search-')),
      DATABASE_URL: databaseUrl,
      REDIS_URL: '',
      ...env,
    },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  const base = `http://127.0.0.1:${port}`;
  for (let i = 0; ; i++) {
    if (
      await fetch(`${base}/health`).then(
        (r) => r.ok,
        () => false,
      )
    )
      break;
    if (i > 240 || child.exitCode !== null) throw new Error('the api did not start');
    await sleep(500);
  }
  let token;
  const gql = async (query, variables) => {
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
  const su = await gql('mutation($i: SignUpInput!){ signUp(input:$i){ token user { id } } }', {
    i: {
      email: `bench-search-${Date.now()}@example.com`,
      password: 'bench password 123',
      name: 'Bench',
    },
  });
  token = su.signUp.token;
  const ws = await gql('mutation($i: CreateWorkspaceInput!){ createWorkspace(input:$i){ id } }', {
    i: { name: 'Search bench' },
  });
  const pr = await gql('mutation($i: CreateProjectInput!){ createProject(input:$i){ id } }', {
    i: { workspaceId: ws.createWorkspace.id, name: 'Search bench' },
  });
  const stop = () =>
    new Promise((r) => {
      child.once('exit', r);
      child.kill('SIGTERM');
      setTimeout(() => child.kill('SIGKILL'), 10_000).unref();
    });
  return {
    gql,
    stop,
    base,
    token,
    pid: child.pid,
    userId: su.signUp.user.id,
    projectId: pr.createProject.id,
  };
}

// ---------------------------------------------------------------- seed
export async function seed(pg, url, { projectId, userId, transcripts }) {
  const words = vocabulary();
  const c = new pg.Client({ connectionString: url });
  c.on('error', () => undefined); // the database may be dropped under it after a failure
  await c.connect();
  const ids = Array.from({ length: transcripts }, () => randomUUID());
  const people = Array.from({ length: transcripts }, () => randomUUID());
  const interviewer = randomUUID();
  await c.query(
    `INSERT INTO participant (id, project_id, label, display_name, is_interviewer, color, attributes)
     SELECT id, $1, label, label, interviewer, '#1f77b4', CASE WHEN interviewer THEN '[]'::jsonb ELSE jsonb_build_array(jsonb_build_object('key', 'segment', 'value', CASE WHEN ord % 3 = 0 THEN 'enterprise' ELSE 'smb' END)) END
       FROM unnest($2::uuid[], $3::text[], $4::boolean[]) WITH ORDINALITY AS p(id, label, interviewer, ord)`,
    [
      projectId,
      [interviewer, ...people],
      ['Interviewer', ...people.map((_, i) => `Participant ${i + 1}`)],
      [true, ...people.map(() => false)],
    ],
  );
  await c.query(
    `INSERT INTO transcript (id, project_id, title, filename, format, status, progress, checksum, byte_size, storage_key, language, language_source, ts_config, duration_ms, segment_count, uploaded_by_id, created_at)
     SELECT id, $1, 'Interview ' || ord, 'interview-' || ord || '.vtt', 'WEBVTT', 'READY', 1, md5(id::text) || md5(ord::text), 80000, 'originals/bench/' || id,
            'en', 'FILE', 'english', 3600000, $3, $4, now() - (ord || ' hours')::interval
       FROM unnest($2::uuid[]) WITH ORDINALITY AS t(id, ord)`,
    [projectId, ids, TURNS_PER_TRANSCRIPT, userId],
  );
  // Bulk load: the full-text index is built once afterwards.
  await c.query(`DROP INDEX "IDX_segment_tsv"`);
  const rnd = random(7);
  await psql(
    url,
    `COPY segment (transcript_id, index, speaker, participant_id, start_ms, end_ms, text, ts_config) FROM STDIN`,
    async (stdin) => {
      for (let t = 0; t < transcripts; t++) {
        let chunk = '';
        let ms = 1000;
        for (let i = 0; i < TURNS_PER_TRANSCRIPT; i++) {
          const asks = i % 2 === 0;
          const sentences = asks ? 1 : 1 + Math.floor(rnd() * rnd() * 4);
          let text = Array.from({ length: sentences }, () =>
            sentence(rnd, words, asks ? 6 + Math.floor(rnd() * 8) : 8 + Math.floor(rnd() * 14)),
          ).join(' ');
          if (rnd() < 0.00005) text += ` We track it in a ${RARE_PHRASE}.`;
          const duration = Math.round((text.split(' ').length / 2.4) * 1000);
          const [speaker, participant] = asks
            ? ['Interviewer', interviewer]
            : [`Participant ${t + 1}`, people[t]];
          chunk += `${ids[t]}\t${i}\t${speaker}\t${participant}\t${ms}\t${ms + duration}\t${text}\tenglish\n`;
          ms += duration + 600;
        }
        await write(stdin, chunk);
      }
    },
  );
  await c.query(`SET maintenance_work_mem = '512MB'`);
  await c.query(`CREATE INDEX "IDX_segment_tsv" ON "segment" USING GIN ("tsv")`);

  // Tags: one big one (5,000 highlights), 49 others; every highlight has one or two tags.
  const tags = await c.query(
    `INSERT INTO tag (project_id, name, color) SELECT $1, CASE WHEN n = 0 THEN 'Onboarding friction' ELSE 'Theme ' || n END, '#d62728'
       FROM generate_series(0, 49) n RETURNING id, name`,
    [projectId],
  );
  const big = tags.rows.find((r) => r.name === 'Onboarding friction').id;
  const others = tags.rows.filter((r) => r.id !== big).map((r) => r.id);
  // 20,000 highlights: every 30th turn of each transcript (the participant's), quoting it whole.
  const every = Math.max(1, Math.floor((transcripts * TURNS_PER_TRANSCRIPT) / HIGHLIGHTS));
  const columns = (
    await c.query(
      `SELECT column_name FROM information_schema.columns WHERE table_name = 'highlight'`,
    )
  ).rows.map((r) => r.column_name);
  const startIndex = columns.includes('start_index') ? [', start_index', ', s.index'] : ['', ''];
  await c.query(
    `INSERT INTO highlight (transcript_id, project_id, start_segment_id, start_offset, end_segment_id, end_offset, quote, prefix, suffix, note, author_id, participant_id, created_at${startIndex[0]})
     SELECT s.transcript_id, $1, s.id, 0, s.id, length(s.text), s.text, '', '', CASE WHEN s.index % 7 = 1 THEN 'Follow up on ' || split_part(s.text, ' ', 3) END,
            $2, s.participant_id, now() - (s.index || ' minutes')::interval${startIndex[1]}
       FROM segment s WHERE s.index % $3 = least(1, $3 - 1) ORDER BY s.transcript_id, s.index LIMIT $4`,
    [projectId, userId, every, HIGHLIGHTS],
  );
  await c.query(
    `INSERT INTO highlight_tag (highlight_id, tag_id)
     SELECT id, CASE WHEN ord % $3 = 0 THEN $1::uuid ELSE ($2::uuid[])[1 + ord % 49] END FROM (SELECT id, row_number() OVER (ORDER BY id) AS ord FROM highlight) h
     UNION ALL
     SELECT id, ($2::uuid[])[1 + (ord * 7) % 49] FROM (SELECT id, row_number() OVER (ORDER BY id) AS ord FROM highlight) h WHERE ord % 3 = 0 AND ord % $3 <> 0
     ON CONFLICT DO NOTHING`,
    [big, others, Math.round(HIGHLIGHTS / BIG_TAG_HIGHLIGHTS)],
  );
  await c.query(`VACUUM ANALYZE`);
  const rare = words[20_000];
  const common = 'really';
  const counts = await c.query(
    `SELECT (SELECT count(*) FROM segment)::int AS turns, (SELECT count(*) FROM highlight)::int AS highlights,
            (SELECT count(*) FROM highlight_tag WHERE tag_id = $1)::int AS big_tag,
            (SELECT count(*) FROM segment WHERE tsv @@ websearch_to_tsquery('english', $2))::int AS rare,
            (SELECT count(*) FROM segment WHERE tsv @@ websearch_to_tsquery('english', $3))::int AS rare_phrase,
            (SELECT count(*) FROM segment WHERE tsv @@ websearch_to_tsquery('english', $4))::int AS common,
            pg_size_pretty(pg_total_relation_size('segment')) AS segment_size`,
    [big, rare, `"${RARE_PHRASE}"`, common],
  );
  await c.end();
  return { bigTag: big, rare, common, counts: counts.rows[0] };
}

// ---------------------------------------------------------------- SQL capture and replay
/**
 * A TypeORM DataSource for the services, and `capture(fn)`: the statements a service call sent
 * through pg (the driver under TypeORM), each with its start and end, grouped in waves of
 * statements that ran at the same time, so they can be replayed with the same concurrency.
 */
function capturingDataSource(pg, url) {
  const { DataSource } = require(path.join(ROOT, 'node_modules/typeorm'));
  const { dataSourceOptions } = require(path.join(DIST, 'api/src/database/data-source-options.js'));
  let log = null;
  const query = pg.Client.prototype.query;
  pg.Client.prototype.query = function (text, values, callback) {
    if (!log || typeof text !== 'string' || typeof values === 'function' || callback)
      return query.call(this, text, values, callback);
    const entry = {
      query: text,
      parameters: values ?? [],
      start: performance.now(),
      end: Infinity,
    };
    log.push(entry);
    const done = () => (entry.end = performance.now());
    return query.call(this, text, values).finally(done);
  };
  const ds = new DataSource(dataSourceOptions(url, 4));
  return {
    ds,
    restore: () => (pg.Client.prototype.query = query),
    async capture(fn) {
      log = [];
      await fn();
      const statements = log;
      log = null;
      const waves = [];
      for (const s of statements) {
        const wave = waves.at(-1);
        if (wave && s.start < Math.max(...wave.map((x) => x.end))) wave.push(s);
        else waves.push([s]);
      }
      return waves.map((w) => w.map(({ query, parameters }) => ({ query, parameters })));
    },
  };
}

const replay = (pool, waves) => async () => {
  for (const wave of waves) await Promise.all(wave.map((s) => pool.query(s.query, s.parameters)));
};

// ---------------------------------------------------------------- bench
const SEARCH = `query($i: SearchInput!) { search(input: $i, first: 20) {
  totalCount totalCountCapped
  edges { cursor node { kind snippet rank transcript { id title } segment { id index speaker startMs } highlight { id } } }
  pageInfo { hasNextPage endCursor } tags { id name similarity } participants { id displayName similarity } } }`;
const TAG_VIEW = `query($f: HighlightFilter!) { highlights(filter: $f, first: 50) {
  totalCount edges { cursor node { id quote note startIndex startMs transcript { id title } participant { id displayName } tags { id name color } } }
  pageInfo { hasNextPage endCursor } } }`;

export async function benchSearch(options = {}) {
  const pg = require(path.join(ROOT, 'node_modules/pg'));
  const server =
    options.databaseUrl ??
    process.env.BENCH_DATABASE_URL ??
    'postgres://postgres@127.0.0.1:5432/postgres';
  const transcripts = Number(process.env.BENCH_SEARCH_TRANSCRIPTS ?? 1000);
  const runs = Number(process.env.BENCH_SEARCH_RUNS ?? 40);
  const name = `verbatim_search_${process.pid}`;
  const database = await scratchDatabase(server, name);
  const url = database.url;
  let api;
  let capture;
  let pool;
  try {
    api = await startApi(url); // migrates the fresh database
    const t0 = performance.now();
    console.log(
      `search bench: seeding ${transcripts} transcripts × ${TURNS_PER_TRANSCRIPT} turns and ${HIGHLIGHTS} highlights…`,
    );
    const data = await seed(pg, url, { projectId: api.projectId, userId: api.userId, transcripts });
    const seedSeconds = round((performance.now() - t0) / 1000, 0);
    console.log(`seeded in ${seedSeconds} s:`, data.counts);

    capture = capturingDataSource(pg, url);
    await capture.ds.initialize();
    const { SearchService } = require(path.join(DIST, 'api/src/modules/search/search.service.js'));
    const { HighlightsService } = require(
      path.join(DIST, 'api/src/modules/highlights/highlights.service.js'),
    );
    const { ParticipantsService } = require(
      path.join(DIST, 'api/src/modules/participants/participants.service.js'),
    );
    const search = new SearchService(capture.ds);
    const highlights = new HighlightsService(capture.ds, new ParticipantsService(capture.ds));
    pool = new pg.Pool({ connectionString: url, max: 4 });

    const cases = [
      { case: 'rare word', query: data.rare, target: TARGETS.rareP95Ms },
      { case: 'rare phrase', query: `"${RARE_PHRASE}"`, target: TARGETS.rareP95Ms },
      {
        case: 'common word (top 20 + capped count)',
        query: data.common,
        target: TARGETS.commonP95Ms,
      },
    ];
    const rows = [];
    for (const c of cases) {
      const input = { projectId: api.projectId, query: c.query };
      const first = await api.gql(SEARCH, { i: input });
      const waves = await capture.capture(() => search.search(input, 20, null));
      c.statements = waves.map((w) => w.length).join('+');
      const { graphql, sql } = await timedPair(
        () => api.gql(SEARCH, { i: input }),
        replay(pool, waves),
        runs,
      );
      rows.push({
        case: c.case,
        query: c.query,
        matches: `${first.search.totalCount}${first.search.totalCountCapped ? '+' : ''}`,
        graphqlP50: graphql.p50,
        graphqlP95: graphql.p95,
        sqlP50: sql.p50,
        sqlP95: sql.p95,
        ratioP50: round(graphql.p50 / sql.p50, 2),
        statements: c.statements,
        targetP95: c.target,
        p95Met: graphql.p95 < c.target,
        ratioMet: graphql.p50 <= TARGETS.graphqlToSql * sql.p50,
      });
    }
    // For scale: the fixed cost of any authorised GraphQL request over HTTP.
    const baseline = await timed(
      () => api.gql(`query($id: ID!) { project(id: $id) { id } }`, { id: api.projectId }),
      runs,
    );
    rows.push({
      case: 'baseline: project(id) round trip',
      query: '',
      matches: '',
      graphqlP50: baseline.p50,
      graphqlP95: baseline.p95,
    });
    const filter = { projectId: api.projectId, tagIds: [data.bigTag] };
    const page = await api.gql(TAG_VIEW, { f: filter });
    const waves = await capture.capture(() => highlights.list(filter, { first: 50 }));
    const { graphql, sql } = await timedPair(
      () => api.gql(TAG_VIEW, { f: filter }),
      replay(pool, waves),
      runs,
    );
    rows.push({
      case: 'tag view, first page of 50',
      query: 'highlights(filter {tagIds: [big tag]})',
      matches: String(page.highlights.totalCount),
      graphqlP50: graphql.p50,
      graphqlP95: graphql.p95,
      sqlP50: sql.p50,
      sqlP95: sql.p95,
      ratioP50: round(graphql.p50 / sql.p50, 2),
      statements: waves.map((w) => w.length).join('+'),
      targetP95: TARGETS.tagViewMs,
      p95Met: graphql.p95 < TARGETS.tagViewMs,
      ratioMet: graphql.p50 <= TARGETS.graphqlToSql * sql.p50,
    });
    console.table(rows);
    return {
      transcripts,
      turns: data.counts.turns,
      highlights: data.counts.highlights,
      seedSeconds,
      runs,
      counts: data.counts,
      cases: rows,
    };
  } finally {
    await pool?.end().catch(() => undefined);
    await capture?.ds.destroy().catch(() => undefined);
    capture?.restore();
    await api?.stop();
    await database.drop();
  }
}

runWhenStarted(import.meta.url, benchSearch);
