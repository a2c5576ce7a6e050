#!/usr/bin/env node
// Index review of the api's list queries: every SELECT the api sends while answering each list
// query (captured from pg under the real service, auth included) is run again as
// EXPLAIN (ANALYZE, BUFFERS) on the bench corpus, and sequential scans of large tables are
// reported. PostgreSQL only (EXPLAIN_DATABASE_URL, BENCH_DATABASE_URL or
// postgres://postgres@127.0.0.1:5432/postgres); a fresh database is created and dropped.
//
//   node scripts/explain-queries.mjs        builds the api (unless BENCH_SKIP_BUILD=1), prints a table
//   (on a shared machine: flock /tmp/verbatim-build.lock sh -c 'npx nx run api:build && BENCH_SKIP_BUILD=1 node scripts/explain-queries.mjs')
//
// The corpus is scripts/bench-search.mjs's (1,000 one-hour transcripts, 600k turns, 20,000
// highlights, 50 tags) spread over four projects of one workspace (each with its own copy of the
// codebook), so that per-project queries are selective as on a shared server, plus per project
// two analysis runs of 15,000 suggestions each (PENDING, ACCEPTED, REJECTED; 120,000 in all),
// 100,000 activity events over two workspaces, 2,500 users and their memberships, and 200 more
// projects.
// Options: EXPLAIN_TRANSCRIPTS (default 1000), EXPLAIN_LARGE_ROWS (default 10000: a table with at
// least this many rows is large), EXPLAIN_PLANS=1 prints every plan, EXPLAIN_JSON=file writes
// them all, BENCH_KEEP_DB=1 keeps the database.
import { randomUUID } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { seed } from './bench-search.mjs';
import { runWhenStarted, scratchDatabase } from './bench-support.mjs';

const require = createRequire(import.meta.url);
const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const DIST = path.join(ROOT, 'dist/api/api/src');
const PROJECTS = 4;

const round = (x, d = 1) => Math.round(x * 10 ** d) / 10 ** d;

// ---------------------------------------------------------------- the api, in this process
async function startApp(url) {
  const { loadConfig } = require(path.join(DIST, 'config/env.js'));
  const { createHttpApp } = require(path.join(DIST, 'bootstrap.js'));
  const { runMigrations } = require(path.join(DIST, 'database/migrate.js'));
  await runMigrations(url);
  const config = loadConfig({
    NODE_ENV: 'test',
    LOG_LEVEL: 'error',
    DATA_DIR: mkdtempSync(path.join(tmpdir(), 'verbatim-explain-')),
    DATABASE_URL: url,
    DATABASE_STATEMENT_TIMEOUT: 'off',
    RATE_LIMIT_SIGNUP: 'off',
  });
  const app = await createHttpApp(config, { url, poolSize: 4 });
  await app.listen(0, '127.0.0.1');
  const base = `http://127.0.0.1:${app.getHttpServer().address().port}`;
  let token;
  const gql = async (query, variables = {}) => {
    const res = await fetch(`${base}/graphql`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        ...(token ? { authorization: `Bearer ${token}` } : {}),
      },
      body: JSON.stringify({ query, variables }),
    });
    const body = await res.json();
    if (body.errors) throw new Error(JSON.stringify(body.errors));
    return body.data;
  };
  const su = await gql('mutation($i: SignUpInput!){ signUp(input:$i){ token user { id } } }', {
    i: { email: `explain-${Date.now()}@example.com`, password: 'explain password 123', name: 'Ex' },
  });
  token = su.signUp.token;
  const workspace = async (name) =>
    (
      await gql('mutation($i: CreateWorkspaceInput!){ createWorkspace(input:$i){ id } }', {
        i: { name },
      })
    ).createWorkspace.id;
  const project = async (workspaceId, name) =>
    (
      await gql('mutation($i: CreateProjectInput!){ createProject(input:$i){ id } }', {
        i: { workspaceId, name },
      })
    ).createProject.id;
  const workspaceId = await workspace('Explain');
  const otherWorkspaceId = await workspace('Explain, another team');
  const projectIds = [];
  for (let i = 0; i < PROJECTS; i++) projectIds.push(await project(workspaceId, `Study ${i + 1}`));
  return { app, gql, userId: su.signUp.user.id, workspaceId, otherWorkspaceId, projectIds };
}

// ---------------------------------------------------------------- corpus
async function spreadAndAdd(pg, url, { userId, workspaceId, otherWorkspaceId, projectIds }) {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  const q = (sql, params) => c.query(sql, params);
  // Transcripts (with their turns' participants and highlights) round-robin over the projects.
  await q(
    `UPDATE transcript t SET project_id = ($1::uuid[])[1 + (o.n % $2)]
       FROM (SELECT id, row_number() OVER (ORDER BY created_at, id) AS n FROM transcript) o WHERE o.id = t.id`,
    [projectIds, PROJECTS],
  );
  await q(
    `UPDATE highlight h SET project_id = t.project_id FROM transcript t WHERE t.id = h.transcript_id`,
  );
  await q(
    `UPDATE participant p SET project_id = x.project_id
       FROM (SELECT DISTINCT s.participant_id, t.project_id FROM segment s JOIN transcript t ON t.id = s.transcript_id) x
      WHERE p.id = x.participant_id AND NOT p.is_interviewer`,
  );
  // Each project its own codebook: copies of the first project's tags, carried by its highlights.
  await q(
    `INSERT INTO tag (project_id, name, color)
     SELECT p, t.name, t.color FROM tag t CROSS JOIN unnest($2::uuid[]) p WHERE t.project_id = $1`,
    [projectIds[0], projectIds.slice(1)],
  );
  await q(
    `UPDATE highlight_tag ht SET tag_id = copy.id
       FROM highlight h, tag orig, tag copy
      WHERE ht.highlight_id = h.id AND orig.id = ht.tag_id AND copy.project_id = h.project_id
        AND copy.name = orig.name AND copy.id <> orig.id`,
  );
  // Two runs per project, each with a suggestion on every 10th turn (15,000 a run at 1,000 transcripts).
  for (const projectId of projectIds) {
    for (const [mode, every] of [
      ['DEDUCTIVE', 3],
      ['INDUCTIVE', 7],
    ]) {
      const run = randomUUID();
      await q(
        `INSERT INTO analysis_run (id, project_id, mode, provider, status, transcript_ids, redaction, created_by_id, chunks_total, chunks_done, created_at, started_at, finished_at)
         SELECT $1, $2, $3, 'OFFLINE', 'COMPLETED', coalesce(array_agg(id), '{}'), '{}'::jsonb, $4, 10, 10, now() - interval '1 day', now() - interval '1 day', now()
           FROM transcript WHERE project_id = $2`,
        [run, projectId, mode, userId],
      );
      const tags = (
        await q(`SELECT id FROM tag WHERE project_id = $1 ORDER BY name`, [projectId])
      ).rows.map((r) => r.id);
      await q(
        `INSERT INTO suggestion (run_id, project_id, transcript_id, chunk_index, start_segment_id, start_index, start_offset, end_segment_id, end_index, end_offset,
                                 quote, tag_ids, theme_name, rationale, confidence, fingerprint, status, created_at)
         SELECT $1, $2, s.transcript_id, s.index / 50, s.id, s.index, 0, s.id, s.index, length(s.text), s.text,
                CASE WHEN $3 = 'DEDUCTIVE' THEN ARRAY[($4::uuid[])[1 + s.index % array_length($4::uuid[], 1)]] ELSE '{}' END,
                CASE WHEN $3 = 'INDUCTIVE' THEN 'Theme ' || (s.index % 12) END,
                'Bench rationale', (s.index % 100) / 100.0, md5(s.id::text || $3),
                (CASE WHEN s.index % 20 < 12 THEN 'PENDING' WHEN s.index % 20 < 17 THEN 'ACCEPTED' ELSE 'REJECTED' END)::suggestion_status,
                now() - (s.index || ' seconds')::interval
           FROM segment s JOIN transcript t ON t.id = s.transcript_id
          WHERE t.project_id = $2 AND s.index % 20 IN ($5, $5 + 10) AND s.index % 2 = 1`,
        [run, projectId, mode, tags, every],
      );
    }
  }
  // 2,500 users: 500 in the workspace, all in the other one.
  await q(
    `INSERT INTO user_account (email, name, password_hash)
     SELECT 'member-' || n || '@example.com', 'Member ' || n, 'x' FROM generate_series(1, 2500) n`,
  );
  await q(
    `INSERT INTO membership (workspace_id, user_id, role)
     SELECT $1, id, 'VIEWER' FROM user_account WHERE email LIKE 'member-%'`,
    [otherWorkspaceId],
  );
  await q(
    `INSERT INTO membership (workspace_id, user_id, role)
     SELECT $1, id, 'VIEWER' FROM user_account WHERE email LIKE 'member-%' ORDER BY email LIMIT 500`,
    [workspaceId],
  );
  await q(
    `INSERT INTO project (workspace_id, name) SELECT $1, 'Other study ' || n FROM generate_series(1, 200) n`,
    [otherWorkspaceId],
  );
  // 100,000 activity events, a quarter of them in the workspace.
  await q(
    `INSERT INTO activity (workspace_id, project_id, actor_id, verb, summary, data, created_at)
     SELECT CASE WHEN n % 4 = 0 THEN $1::uuid ELSE $2::uuid END,
            CASE WHEN n % 4 = 0 THEN ($3::uuid[])[1 + n % $4] END, $5, 'highlight.created', 'Someone highlighted something', '{}',
            now() - (n || ' minutes')::interval
       FROM generate_series(1, 100000) n`,
    [workspaceId, otherWorkspaceId, projectIds, PROJECTS, userId],
  );
  await q(`VACUUM ANALYZE`);
  const counts = (
    await q(
      `SELECT relname AS table, n_live_tup::int AS rows FROM pg_stat_user_tables ORDER BY n_live_tup DESC`,
    )
  ).rows;
  await c.end();
  return counts;
}

// ---------------------------------------------------------------- capture and explain
/** The statements pg sent while `fn` ran (the api runs in this process). */
function capturer(pg) {
  const query = pg.Client.prototype.query;
  let log = null;
  pg.Client.prototype.query = function (text, values, callback) {
    if (log && typeof text === 'string')
      log.push({ text, values: Array.isArray(values) ? values : [] });
    return query.call(this, text, values, callback);
  };
  return {
    restore: () => (pg.Client.prototype.query = query),
    async capture(fn) {
      log = [];
      try {
        await fn();
        return log;
      } finally {
        log = null;
      }
    },
  };
}

const READ_ONLY = /^\s*(SELECT|WITH)\b/i;
const WRITES = /\b(INSERT|UPDATE|DELETE)\b\s+(INTO|\w+\s+SET|FROM)\b/i;

function walk(plan, visit) {
  visit(plan);
  for (const child of plan.Plans ?? []) walk(child, visit);
}

/** The plan of one statement: the fastest of `runs` executions, and its sequential scans. */
async function explain(client, statement, sizes, largeRows, runs = 3) {
  let best;
  for (let i = 0; i < runs; i++) {
    const [row] = (
      await client.query(
        `EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON) ${statement.text}`,
        statement.values,
      )
    ).rows;
    const top = row['QUERY PLAN'][0];
    if (!best || top['Execution Time'] < best['Execution Time']) best = top;
  }
  const seqScans = [];
  const indexes = new Set();
  walk(best.Plan, (node) => {
    if (node['Node Type'] === 'Seq Scan') {
      const rows = sizes.get(node['Relation Name']) ?? 0;
      if (rows >= largeRows)
        seqScans.push(`${node['Relation Name']} (${rows.toLocaleString('en')} rows)`);
    }
    if (node['Index Name']) indexes.add(node['Index Name']);
  });
  const text = (
    await client.query(`EXPLAIN (ANALYZE, BUFFERS) ${statement.text}`, statement.values)
  ).rows.map((r) => r['QUERY PLAN']);
  return {
    executionMs: round(best['Execution Time'], 2),
    planningMs: round(best['Planning Time'], 2),
    sharedBlocks: (best.Plan['Shared Hit Blocks'] ?? 0) + (best.Plan['Shared Read Blocks'] ?? 0),
    seqScans,
    indexes: [...indexes],
    plan: text.join('\n'),
  };
}

/** Median wall time of a GraphQL request, in ms. */
async function timed(fn, runs = 7) {
  const ms = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    await fn();
    ms.push(performance.now() - t0);
  }
  return round(ms.sort((a, b) => a - b)[Math.floor(runs / 2)], 1);
}

// ---------------------------------------------------------------- the list queries
const CONNECTION = (node) =>
  `totalCount edges { cursor node { ${node} } } pageInfo { hasNextPage endCursor }`;
const HIGHLIGHT =
  'id quote startIndex startMs transcript { id title } participant { id displayName } tags { id name color } author { id name }';
const SUGGESTION =
  'id quote status confidence tags { id } transcript { id title } start { segmentId offset } end { segmentId offset }';

function cases(ctx) {
  const p = ctx.projectIds[0];
  const f = (extra = {}) => ({ f: { projectId: p, ...extra } });
  const HL = `query($f: HighlightFilter!, $o: HighlightOrder) { highlights(filter: $f, first: 50, orderBy: $o) { ${CONNECTION(HIGHLIGHT)} } }`;
  const SG = `query($f: SuggestionFilter!) { suggestions(filter: $f, first: 50) { ${CONNECTION(SUGGESTION)} } }`;
  const SEARCH = `query($i: SearchInput!) { search(input: $i, first: 20) { totalCount totalCountCapped edges { node { kind snippet transcript { id } segment { id } highlight { id } } } tags { id } participants { id } } }`;
  return [
    ['highlights, recent', HL, f()],
    ['highlights, by tag (5,000 overall)', HL, f({ tagIds: [ctx.bigTag] })],
    ['highlights, two tags ALL', HL, f({ tagIds: [ctx.bigTag, ctx.otherTag], tagMatch: 'ALL' })],
    ['highlights, one transcript', HL, f({ transcriptId: ctx.transcriptId })],
    ['highlights, by participant order', HL, { ...f(), o: 'PARTICIPANT' }],
    ['highlights, by transcript order', HL, { ...f(), o: 'TRANSCRIPT' }],
    [
      'highlights, participant attribute',
      HL,
      f({ participantAttributes: [{ key: 'segment', value: 'enterprise' }] }),
    ],
    [
      'highlights, author and dates',
      HL,
      f({ authorIds: [ctx.userId], createdAfter: '2000-01-01T00:00:00Z' }),
    ],
    ['highlights, needing attention', HL, f({ needsAttention: true })],
    [
      'tagEvidence',
      `query($f: HighlightFilter!) { tagEvidence(filter: $f) { tag { id } highlightCount participantCount transcriptCount } }`,
      f(),
    ],
    [
      'tagMatrix by participant',
      `query($f: HighlightFilter!) { tagMatrix(filter: $f, by: PARTICIPANT) { max cells { count } columns { id } } }`,
      f(),
    ],
    [
      'tagMatrix by transcript',
      `query($f: HighlightFilter!) { tagMatrix(filter: $f, by: TRANSCRIPT) { max cells { count } columns { id } } }`,
      f(),
    ],
    ['search, rare word', SEARCH, { i: { projectId: p, query: ctx.rare } }],
    ['search, common word', SEARCH, { i: { projectId: p, query: ctx.common } }],
    [
      'search, common word + tag',
      SEARCH,
      { i: { projectId: p, query: ctx.common, tagIds: [ctx.bigTag] } },
    ],
    ['suggestions by project', SG, f()],
    ['suggestions by project, PENDING', SG, f({ status: 'PENDING' })],
    ['suggestions by project, tag', SG, f({ tagIds: [ctx.bigTag] })],
    ['suggestions by project, min confidence', SG, f({ minConfidence: 0.9 })],
    ['suggestions by run', SG, { f: { runId: ctx.runId } }],
    ['suggestions by run, REJECTED', SG, { f: { runId: ctx.runId, status: 'REJECTED' } }],
    ['suggestions by transcript', SG, { f: { transcriptId: ctx.transcriptId } }],
    [
      'analysisRuns',
      `query($p: ID!) { analysisRuns(projectId: $p) { ${CONNECTION('id status progress summary { pending accepted rejected }')} } }`,
      { p },
    ],
    [
      'activity',
      `query($w: ID!) { activity(workspaceId: $w) { ${CONNECTION('id verb summary actor { id }')} } }`,
      { w: ctx.workspaceId },
    ],
    [
      'members',
      `query($w: ID!) { members(workspaceId: $w) { ${CONNECTION('role joinedAt user { id name email }')} } }`,
      { w: ctx.workspaceId },
    ],
    [
      'invitations',
      `query($w: ID!) { invitations(workspaceId: $w) { id } }`,
      { w: ctx.workspaceId },
    ],
    [
      'projects',
      `query($w: ID!) { projects(workspaceId: $w) { ${CONNECTION('id name')} } }`,
      { w: ctx.workspaceId },
    ],
    ['workspaces', `query { workspaces { ${CONNECTION('id name')} } }`, {}],
    [
      'transcripts',
      `query($p: ID!) { transcripts(projectId: $p) { ${CONNECTION('id title status segmentCount durationMs')} } }`,
      { p },
    ],
    [
      'transcript reader window',
      `query($id: ID!) { transcript(id: $id) { id segments(from: 0, limit: 2000) { id index speaker startMs text participant { id displayName } } participants { id } } }`,
      { id: ctx.transcriptId },
    ],
    [
      'participants',
      `query($p: ID!) { participants(projectId: $p) { id displayName attributes { key value } } }`,
      { p },
    ],
    ['tags', `query($p: ID!) { tags(projectId: $p) { id name parentId usageCount } }`, { p }],
  ];
}

// ---------------------------------------------------------------- main
export async function explainQueries(options = {}) {
  const pg = require(path.join(ROOT, 'node_modules/pg'));
  const server =
    options.databaseUrl ??
    process.env.EXPLAIN_DATABASE_URL ??
    process.env.BENCH_DATABASE_URL ??
    'postgres://postgres@127.0.0.1:5432/postgres';
  const transcripts = Number(process.env.EXPLAIN_TRANSCRIPTS ?? 1000);
  const largeRows = Number(process.env.EXPLAIN_LARGE_ROWS ?? 10_000);
  const name = `verbatim_explain_${process.pid}`;
  const database = await scratchDatabase(server, name);
  const url = database.url;
  let ctx;
  let capture;
  let client;
  try {
    ctx = await startApp(url);
    const t0 = performance.now();
    console.log(`explain: seeding ${transcripts} transcripts over ${PROJECTS} projects…`);
    const data = await seed(pg, url, {
      projectId: ctx.projectIds[0],
      userId: ctx.userId,
      transcripts,
    });
    const tables = await spreadAndAdd(pg, url, ctx);
    console.log(`seeded in ${round((performance.now() - t0) / 1000, 0)} s`);
    console.table(tables.filter((t) => t.rows > 0));
    client = new pg.Client({ connectionString: url });
    await client.connect();
    const sizes = new Map(tables.map((t) => [t.table, t.rows]));
    const p = ctx.projectIds[0];
    const one = async (sql, params) => (await client.query(sql, params)).rows[0];
    Object.assign(ctx, {
      bigTag: data.bigTag,
      rare: data.rare,
      common: data.common,
      otherTag: (
        await one(`SELECT id FROM tag WHERE id <> $1 ORDER BY name LIMIT 1`, [data.bigTag])
      ).id,
      transcriptId: (
        await one(`SELECT id FROM transcript WHERE project_id = $1 ORDER BY created_at LIMIT 1`, [
          p,
        ])
      ).id,
      runId: (
        await one(`SELECT id FROM analysis_run WHERE project_id = $1 AND mode = 'DEDUCTIVE'`, [p])
      ).id,
    });

    capture = capturer(pg);
    const seen = new Map();
    const rows = [];
    const requests = [];
    for (const [label, query, variables] of cases(ctx)) {
      await ctx.gql(query, variables); // warm
      const statements = await capture.capture(() => ctx.gql(query, variables));
      const calls = new Map();
      for (const statement of statements) {
        if (!READ_ONLY.test(statement.text) || WRITES.test(statement.text)) continue;
        const key = statement.text.replace(/\s+/g, ' ').trim();
        calls.set(key, [...(calls.get(key) ?? []), statement]);
      }
      const scans = new Set();
      for (const [key, [statement]] of calls) {
        const known = seen.get(key);
        const result = known ?? (await explain(client, statement, sizes, largeRows));
        for (const scan of result.seqScans) scans.add(scan);
        if (known) continue;
        seen.set(key, { case: label, sql: key, calls: calls.get(key).length, ...result });
        rows.push({
          case: label,
          statement: key.slice(0, 80),
          calls: calls.get(key).length,
          ms: result.executionMs,
          blocks: result.sharedBlocks,
          seqScansOfLargeTables: result.seqScans.join(', '),
        });
        if (process.env.EXPLAIN_PLANS) console.log(`\n-- ${label}\n${key}\n${result.plan}`);
      }
      requests.push({
        case: label,
        requestMs: await timed(() => ctx.gql(query, variables)),
        statements: [...calls.values()].reduce((n, list) => n + list.length, 0),
        seqScansOfLargeTables: [...scans].join(', '),
      });
    }
    console.table(requests);
    console.table(rows);
    const flagged = [...seen.values()].filter((s) => s.seqScans.length);
    console.log(
      flagged.length
        ? `${flagged.length} statement(s) scan a large table sequentially:\n` +
            flagged
              .map(
                (s) =>
                  `- [${s.case}] ${s.seqScans.join(', ')} (${s.executionMs} ms)\n  ${s.sql.slice(0, 300)}`,
              )
              .join('\n')
        : 'No statement scans a large table sequentially.',
    );
    const results = { transcripts, largeRows, tables, requests, statements: [...seen.values()] };
    if (process.env.EXPLAIN_JSON)
      writeFileSync(process.env.EXPLAIN_JSON, JSON.stringify(results, null, 2) + '\n');
    return results;
  } finally {
    capture?.restore();
    await client?.end().catch(() => undefined);
    await ctx?.app.close().catch(() => undefined);
    await database.drop();
  }
}

runWhenStarted(import.meta.url, explainQueries);
