#!/usr/bin/env node
// Collaboration at the size a research team reaches:
//   fan-out — `notificationAdded` to 200 graphql-ws clients (200 members of one workspace, each
//             signed in once): rounds of four comments, each mentioning a different 50 of them
//             (the most one comment may mention), sent at once; the time from sending addComment
//             to each client receiving its notification; p50, p95 and max over every delivery.
//             On PostgreSQL + Redis the clients are split over two api processes and the comments
//             go to the first, so half the deliveries cross Redis (target p95 < 1 s).
//   digest  — `projectDigest` for a member whose marker is 7 days old, on a project with 100,000
//             activity events over 60 days, 20,000 highlights on 20 tags and 2,000 comments
//             (seeded in SQL from rows made through the api): median and p95 of repeated reads
//             through GraphQL (target p95 < 100 ms; PostgreSQL only).
// Needs the built api: `npx nx run api:build`.
//   node scripts/bench-collaboration.mjs          (or as part of `npm run bench`)
// Options: BENCH_FANOUT_CLIENTS (default 200), BENCH_FANOUT_ROUNDS (default 10),
//          BENCH_DIGEST_EVENTS (default 100000), BENCH_COLLAB_PARTS (default fanout,digest),
//          BENCH_DATABASE_URL, BENCH_REDIS_URL.
import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startApi } from './bench-analysis.mjs';
import { reachable, runWhenStarted, scratchDatabase } from './bench-support.mjs';

const require = createRequire(import.meta.url);
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const CLIENTS = Number(process.env.BENCH_FANOUT_CLIENTS ?? 200);
const ROUNDS = Number(process.env.BENCH_FANOUT_ROUNDS ?? 10);
const EVENTS = Number(process.env.BENCH_DIGEST_EVENTS ?? 100_000);
const PG = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const REDIS = process.env.BENCH_REDIS_URL ?? 'redis://127.0.0.1:6379';
const PARTS = new Set((process.env.BENCH_COLLAB_PARTS ?? 'fanout,digest').split(','));
const MENTIONS_PER_COMMENT = 50;
const FANOUT_TARGET_MS = 1000;
const DIGEST_TARGET_MS = 100;
const PASSWORD = 'bench password 123';

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const round = (x, d = 1) => Math.round(x * 10 ** d) / 10 ** d;
const quantile = (xs, q) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(q * s.length))];
};

/** Runs `fn` over `items` with at most `n` at a time; answers the results in order. */
async function pool(items, n, fn) {
  const out = new Array(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: n }, async () => {
      while (next < items.length) {
        const i = next++;
        out[i] = await fn(items[i], i);
      }
    }),
  );
  return out;
}

async function signUp(api, email, name) {
  const { signUp } = await api.gql(
    `mutation($i: SignUpInput!) { signUp(input: $i) { token user { id } } }`,
    { i: { email, password: PASSWORD, name } },
  );
  return { token: signUp.token, id: signUp.user.id };
}

/** An owner's workspace and project with `members` editors who accepted their invitations. */
async function seedTeam(api, members, label) {
  const stamp = Date.now();
  const owner = await signUp(api, `bench-${label}-owner-${stamp}@example.com`, 'Olga Owner');
  const call = (query, variables, token = owner.token) => api.gql(query, variables, token);
  const { createWorkspace } = await call(
    `mutation { createWorkspace(input: { name: "Bench team" }) { id } }`,
    {},
  );
  const workspaceId = createWorkspace.id;
  const { createProject } = await call(
    `mutation($i: CreateProjectInput!) { createProject(input: $i) { id } }`,
    { i: { workspaceId, name: 'Collaboration bench' } },
  );
  const people = await pool([...Array(members).keys()], 4, async (i) => {
    const email = `bench-${label}-${i}-${stamp}@example.com`;
    const person = await signUp(api, email, `Member ${i + 1}`);
    const { inviteMember } = await call(
      `mutation($i: InviteMemberInput!) { inviteMember(input: $i) { token } }`,
      { i: { workspaceId, email, role: 'EDITOR' } },
    );
    await call(
      `mutation($t: String!) { acceptInvitation(token: $t) { id } }`,
      { t: inviteMember.token },
      person.token,
    );
    return person;
  });
  return { owner, call, workspaceId, projectId: createProject.id, people };
}

/** One interview, READY, and a highlight on its first `n` turns; the highlights' ids. */
async function seedHighlights(call, projectId, n, tagIds = []) {
  const lib = require(path.join(root, 'dist/api/libs/transcript/src/index.js'));
  const content = lib.makeSyntheticTranscript({ format: 'WEBVTT', minutes: 60, seed: 7 });
  const { importTranscript } = await call(
    `mutation($i: ImportTranscriptInput!) { importTranscript(input: $i) { id } }`,
    { i: { projectId, filename: 'interview.vtt', title: 'Interview', content } },
  );
  let segments = [];
  for (let attempt = 0; attempt < 600 && !segments.length; attempt++) {
    const { transcript } = await call(
      `query($id: ID!) { transcript(id: $id) { status segments(limit: 500) { id text } } }`,
      { id: importTranscript.id },
    );
    if (transcript.status === 'FAILED') throw new Error('the bench interview failed to import');
    if (transcript.status === 'READY') segments = transcript.segments;
    else await sleep(250);
  }
  return pool(segments.slice(0, n), 4, async (turn, i) => {
    const { createHighlight } = await call(
      `mutation($i: CreateHighlightInput!) { createHighlight(input: $i) { id } }`,
      {
        i: {
          transcriptId: importTranscript.id,
          start: { segmentId: turn.id, offset: 0 },
          end: { segmentId: turn.id, offset: turn.text.length },
          tagIds: tagIds.length ? [tagIds[i % tagIds.length]] : [],
        },
      },
    );
    return createHighlight.id;
  });
}

async function benchFanOut(apis) {
  const { createClient } = require('graphql-ws');
  const WebSocket = require('ws');
  const [first] = apis;
  const t0 = performance.now();
  const team = await seedTeam(first, CLIENTS, 'fanout');
  const [highlightId] = await seedHighlights(team.call, team.projectId, 1);
  console.log(
    `collaboration: ${CLIENTS} members and a highlight in ${round((performance.now() - t0) / 1000)} s`,
  );

  // Each client is in one group of 50, which one comment per round mentions: once priming is
  // over, the notification a client receives is its group's comment of the current round.
  const groups = [];
  for (let i = 0; i < team.people.length; i += MENTIONS_PER_COMMENT)
    groups.push(team.people.slice(i, i + MENTIONS_PER_COMMENT).map((p) => p.id));
  const latencies = [];
  const sentAt = new Array(groups.length).fill(0);
  const primed = new Set();
  let measuring = false;
  let heard = 0;
  const clients = team.people.map((person, i) => {
    const api = apis[i % apis.length];
    const group = Math.floor(i / MENTIONS_PER_COMMENT);
    const client = createClient({
      url: `${api.base.replace('http', 'ws')}/graphql`,
      webSocketImpl: WebSocket,
      connectionParams: { authorization: `Bearer ${person.token}` },
      retryAttempts: 0,
    });
    client.subscribe(
      { query: `subscription { notificationAdded { id kind } }` },
      {
        next: () => {
          const at = performance.now();
          if (!measuring) primed.add(i);
          else {
            latencies.push(at - sentAt[group]);
            heard += 1;
          }
        },
        error: (e) => console.error('client', i, e),
        complete: () => undefined,
      },
    );
    return client;
  });

  const comment = (body, mentionIds) =>
    team.call(`mutation($i: AddCommentInput!) { addComment(input: $i) { id } }`, {
      i: { targetType: 'HIGHLIGHT', targetId: highlightId, body, mentionIds },
    });
  // Subscriptions start asynchronously: mention everyone until every client has heard.
  for (let i = 0; i < 40 && primed.size < clients.length; i++) {
    await Promise.all(groups.map((ids, g) => comment(`Priming ${i}.${g}`, ids)));
    await sleep(500);
  }
  if (primed.size < clients.length) throw new Error(`only ${primed.size} clients got mentions`);
  await sleep(2000); // the last priming notifications arrive
  measuring = true;

  for (let r = 0; r < ROUNDS; r++) {
    const target = heard + clients.length;
    await Promise.all(
      groups.map((ids, g) => {
        sentAt[g] = performance.now();
        return comment(`Round ${r}, group ${g}: does this match what you heard?`, ids);
      }),
    );
    for (let w = 0; w < 100 && heard < target; w++) await sleep(50);
    await sleep(200);
  }
  await Promise.all(clients.map((c) => c.dispose()));
  const expected = ROUNDS * clients.length;
  const p95 = quantile(latencies, 0.95);
  return {
    clients: clients.length,
    apiProcesses: apis.length,
    comments: ROUNDS * groups.length,
    delivered: latencies.length,
    missing: expected - latencies.length,
    p50Ms: round(quantile(latencies, 0.5)),
    p95Ms: round(p95),
    maxMs: round(Math.max(...latencies)),
    targetMs: FANOUT_TARGET_MS,
    meetsTarget: p95 < FANOUT_TARGET_MS && latencies.length === expected,
  };
}

const DIGEST = `query($p: ID!) { projectDigest(projectId: $p) { since
  newTranscripts { count items { id title } }
  newHighlights { count byTag { tag { id name } count } }
  newComments { count } mentions { count } newInsights { count items { id title } }
  boardMoves { count } } }`;

const VERBS = [
  ['highlight.created', 60],
  ['tag.created', 2],
  ['comment.added', 10],
  ['board.card_moved', 10],
  ['board.cards_added', 5],
  ['suggestion.accepted', 8],
  ['insight.created', 2],
  ['transcript.uploaded', 3],
];

/** Copies of a table's rows made through the api, `times` over, spread over the last 60 days. */
async function cloneRows(client, table, { where, times, overrides }) {
  const { rows } = await client.query(
    `SELECT column_name FROM information_schema.columns
      WHERE table_schema = 'public' AND table_name = $1 AND is_generated = 'NEVER'
      ORDER BY ordinal_position`,
    [table],
  );
  const columns = rows.map((r) => r.column_name).filter((c) => c !== 'id');
  const select = columns.map((c) => overrides[c] ?? `s.${c}`);
  await client.query(
    `INSERT INTO ${table} (${columns.join(', ')})
     SELECT ${select.join(', ')} FROM ${table} s, generate_series(1, ${times}) g WHERE ${where}`,
  );
}

async function benchDigest(api, databaseUrl) {
  const pg = require('pg');
  const t0 = performance.now();
  const team = await seedTeam(api, 1, 'digest');
  const reader = team.people[0];
  const tagIds = [];
  for (let i = 0; i < 20; i++) {
    const { createTag } = await team.call(
      `mutation($i: CreateTagInput!) { createTag(input: $i) { id } }`,
      { i: { projectId: team.projectId, name: `Theme ${i + 1}` } },
    );
    tagIds.push(createTag.id);
  }
  const highlightIds = await seedHighlights(team.call, team.projectId, 200, tagIds);
  for (let i = 0; i < 20; i++) {
    await team.call(`mutation($i: AddCommentInput!) { addComment(input: $i) { id } }`, {
      i: {
        targetType: 'HIGHLIGHT',
        targetId: highlightIds[i],
        body: `Is this the same as the others, @Member 1? (${i})`,
        mentionIds: i % 2 ? [reader.id] : [],
      },
    });
  }
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const project = `'${team.projectId}'::uuid`;
    const spread = `now() - random() * interval '60 days'`;
    // 200 highlights × 99 copies = 20,000, with their tags (highlight_tag copied by position).
    await client.query(
      `CREATE TEMP TABLE source AS SELECT id FROM highlight WHERE project_id = ${project}`,
    );
    await cloneRows(client, 'highlight', {
      where: `s.id IN (SELECT id FROM source)`,
      times: 99,
      overrides: { created_at: spread, updated_at: 'now()' },
    });
    await client.query(
      `INSERT INTO highlight_tag (highlight_id, tag_id, source)
       SELECT h.id, (SELECT id FROM tag WHERE project_id = ${project} ORDER BY random() + h.start_index * 0 LIMIT 1), 'HUMAN'
         FROM highlight h WHERE h.project_id = ${project} AND h.id NOT IN (SELECT id FROM source)`,
    );
    await cloneRows(client, 'comment', {
      where: `s.project_id = ${project}`,
      times: 99,
      overrides: { created_at: spread },
    });
    // The activity log: EVENTS events of the usual mix, by the owner, over 60 days.
    const total = VERBS.reduce((n, [, w]) => n + w, 0);
    for (const [verb, weight] of VERBS) {
      const n = Math.round((EVENTS * weight) / total);
      await client.query(
        `INSERT INTO activity (workspace_id, project_id, actor_id, verb, summary, data, created_at)
         SELECT p.workspace_id, p.id, $2, $3, 'Olga Owner did something', '{}'::jsonb, ${spread}
           FROM project p, generate_series(1, $4) WHERE p.id = $1`,
        [team.projectId, team.owner.id, verb, n],
      );
    }
    await client.query(
      `INSERT INTO read_marker (user_id, project_id, seen_at) VALUES ($1, $2, now() - interval '7 days')
       ON CONFLICT (user_id, project_id) DO UPDATE SET seen_at = EXCLUDED.seen_at`,
      [reader.id, team.projectId],
    );
    await client.query('ANALYZE');
    const counts = (
      await client.query(
        `SELECT (SELECT count(*)::int FROM activity WHERE project_id = $1) AS events,
                (SELECT count(*)::int FROM highlight WHERE project_id = $1) AS highlights,
                (SELECT count(*)::int FROM comment WHERE project_id = $1) AS comments`,
        [team.projectId],
      )
    ).rows[0];
    console.log(
      `collaboration: seeded ${counts.events} events, ${counts.highlights} highlights, ${counts.comments} comments in ${round((performance.now() - t0) / 1000)} s`,
    );

    const times = [];
    let digest = null;
    for (let i = 0; i < 51; i++) {
      const started = performance.now();
      ({ projectDigest: digest } = await api.gql(DIGEST, { p: team.projectId }, reader.token));
      if (i > 0) times.push(performance.now() - started); // the first read warms caches
    }
    const p95 = quantile(times, 0.95);
    return {
      ...counts,
      reads: times.length,
      newHighlights: digest.newHighlights.count,
      newComments: digest.newComments.count,
      boardChanges: digest.boardMoves.count,
      medianMs: round(quantile(times, 0.5)),
      p95Ms: round(p95),
      targetMs: DIGEST_TARGET_MS,
      meetsTarget: p95 < DIGEST_TARGET_MS,
    };
  } finally {
    await client.end();
  }
}

export async function benchCollaboration() {
  const onServers = (await reachable(PG)) && (await reachable(REDIS));
  let db = null;
  const env = { RATE_LIMIT_SIGNUP: 'off', RATE_LIMIT_INVITATION: 'off' };
  // Two api processes share their originals, as a deployment's share one volume.
  const dataDir = mkdtempSync(path.join(tmpdir(), 'verbatim-bench-collaboration-'));
  if (onServers) {
    db = await scratchDatabase(PG, 'verbatim_bench_collaboration');
    Object.assign(env, { DATABASE_URL: db.url, REDIS_URL: REDIS, DATA_DIR: dataDir });
  }
  const apis = [await startApi(env)];
  try {
    if (onServers) apis.push(await startApi(env));
    const result = {
      on: onServers
        ? 'PostgreSQL + Redis, two api processes'
        : 'embedded (PGlite, in-memory pub/sub)',
      fanOut: PARTS.has('fanout') ? await benchFanOut(apis) : null,
      digest: !PARTS.has('digest')
        ? null
        : onServers
          ? await benchDigest(apis[0], db.url)
          : { skipped: 'PostgreSQL only (seeded in SQL)' },
    };
    console.log('\ncollaboration');
    console.table({ 'notificationAdded fan-out': result.fanOut, projectDigest: result.digest });
    return result;
  } finally {
    await Promise.all(apis.map((api) => api.stop()));
    await db?.drop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

runWhenStarted(import.meta.url, benchCollaboration);
