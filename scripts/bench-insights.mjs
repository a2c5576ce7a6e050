#!/usr/bin/env node
// The insight repository at size: 50,000 insights in five projects of one workspace (titles and
// bodies of English-like text with a Zipf-like vocabulary, three highlights of evidence each),
// searched through GraphQL the way the repository page asks: the first 20 with author, tags and
// evidence counts. Cases: newest first, a common word, a rare word, a word within published ones.
// Target: p95 < 50 ms per request. PostgreSQL only (BENCH_DATABASE_URL or
// postgres://postgres@127.0.0.1:5432). Needs the built api: `npx nx run api:build`.
//   node scripts/bench-insights.mjs          (or as part of `npm run bench`)
// Options: BENCH_INSIGHTS (default 50000), BENCH_INSIGHTS_RUNS (default 40), BENCH_KEEP_DB=1.
import { randomUUID } from 'node:crypto';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  random,
  seed as seedTranscripts,
  sentence,
  startApi,
  vocabulary,
} from './bench-search.mjs';
import { runWhenStarted, scratchDatabase } from './bench-support.mjs';

const require = createRequire(import.meta.url);
const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const INSIGHTS = Number(process.env.BENCH_INSIGHTS ?? 50_000);
const RUNS = Number(process.env.BENCH_INSIGHTS_RUNS ?? 40);
const PROJECTS = 5;
const TARGET_P95_MS = 50;
const RARE = 'zeppelin';

const round = (x, d = 1) => Math.round(x * 10 ** d) / 10 ** d;
const pct = (xs, p) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)];
};

const LIST = `query($f: InsightFilter!) { insights(filter: $f, first: 20) {
  totalCount pageInfo { hasNextPage endCursor }
  edges { cursor node { id projectId title body status createdAt author { id name }
    tags { id name color } evidenceCount { highlights participants transcripts } } } } }`;

async function seedInsights(pg, url, { workspaceId, projectIds, userId }) {
  const words = vocabulary();
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    const highlights = (
      await c.query(`SELECT id FROM highlight WHERE project_id = $1 ORDER BY id`, [projectIds[0]])
    ).rows.map((r) => r.id);
    const rnd = random(11);
    const BATCH = 5_000;
    for (let from = 0; from < INSIGHTS; from += BATCH) {
      const ids = [];
      const projects = [];
      const titles = [];
      const bodies = [];
      const statuses = [];
      const ages = [];
      for (let i = from; i < Math.min(INSIGHTS, from + BATCH); i++) {
        ids.push(randomUUID());
        projects.push(projectIds[i % projectIds.length]);
        titles.push(sentence(rnd, words, 6 + Math.floor(rnd() * 6)).replace(/[.?]$/, ''));
        let body = Array.from({ length: 3 + Math.floor(rnd() * 4) }, () =>
          sentence(rnd, words, 12 + Math.floor(rnd() * 12)),
        ).join(' ');
        if (i % 1000 === 7) body += ` The ${RARE} came up again.`;
        bodies.push(body);
        statuses.push(rnd() < 0.4 ? 'PUBLISHED' : 'DRAFT');
        ages.push(i);
      }
      await c.query(
        `INSERT INTO insight (id, project_id, title, body, status, created_by_id, ts_config, published_at, created_at, updated_at)
         SELECT id, project_id, title, body, status::insight_status, $6, 'english',
                CASE WHEN status = 'PUBLISHED' THEN now() END,
                now() - (age || ' minutes')::interval, now() - (age || ' minutes')::interval
           FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::text[], $5::text[], $7::int[])
             AS x(id, project_id, title, body, status, age)`,
        [ids, projects, titles, bodies, statuses, userId, ages],
      );
      // Three highlights of evidence each (all from the first project's interviews: only the
      // counts are read here).
      const evidenceInsights = [];
      const evidenceHighlights = [];
      const positions = [];
      for (const id of ids)
        for (let k = 0; k < 3; k++) {
          evidenceInsights.push(id);
          evidenceHighlights.push(highlights[Math.floor(rnd() * highlights.length)]);
          positions.push(k);
        }
      await c.query(
        `INSERT INTO insight_evidence (insight_id, highlight_id, position)
         SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::int[]) ON CONFLICT DO NOTHING`,
        [evidenceInsights, evidenceHighlights, positions],
      );
    }
    await c.query('ANALYZE insight; ANALYZE insight_evidence');
    const common = (
      await c.query(
        `SELECT word FROM ts_stat('SELECT tsv FROM insight') ORDER BY ndoc DESC OFFSET 40 LIMIT 1`,
      )
    ).rows[0].word;
    return { workspaceId, common };
  } finally {
    await c.end();
  }
}

export async function benchInsights() {
  const pg = require(path.join(ROOT, 'node_modules/pg'));
  const server = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  const database = await scratchDatabase(server, `verbatim_insights_${process.pid}`);
  let api;
  try {
    api = await startApi(database.url, { RATE_LIMIT_SIGNUP: 'off' });
    const { project } = await api.gql(`query($id: ID!) { project(id: $id) { workspaceId } }`, {
      id: api.projectId,
    });
    const projectIds = [api.projectId];
    for (let i = 1; i < PROJECTS; i++) {
      const { createProject } = await api.gql(
        `mutation($i: CreateProjectInput!) { createProject(input: $i) { id } }`,
        { i: { workspaceId: project.workspaceId, name: `Study ${i + 1}` } },
      );
      projectIds.push(createProject.id);
    }
    const t0 = performance.now();
    console.log(`insights bench: seeding ${INSIGHTS} insights in ${PROJECTS} projects…`);
    await seedTranscripts(pg, database.url, {
      projectId: api.projectId,
      userId: api.userId,
      transcripts: 40,
    });
    const data = await seedInsights(pg, database.url, {
      workspaceId: project.workspaceId,
      projectIds,
      userId: api.userId,
    });
    console.log(`seeded in ${round((performance.now() - t0) / 1000, 0)} s`);

    const cases = [
      { case: 'newest first, whole workspace', filter: {} },
      { case: `common word (“${data.common}”)`, filter: { query: data.common } },
      { case: `rare word (“${RARE}”)`, filter: { query: RARE } },
      {
        case: 'two words, published only',
        filter: { query: `${data.common} onboarding`, status: 'PUBLISHED' },
      },
    ];
    const rows = [];
    for (const c of cases) {
      const filter = { workspaceId: data.workspaceId, ...c.filter };
      let total = 0;
      for (let i = 0; i < 3; i++) total = (await api.gql(LIST, { f: filter })).insights.totalCount;
      const times = [];
      for (let i = 0; i < RUNS; i++) {
        const s = performance.now();
        await api.gql(LIST, { f: filter });
        times.push(performance.now() - s);
      }
      const p95 = pct(times, 95);
      rows.push({
        case: c.case,
        matches: total,
        p50Ms: round(pct(times, 50)),
        p95Ms: round(p95),
        targetMs: TARGET_P95_MS,
        meetsTarget: p95 < TARGET_P95_MS,
      });
    }
    console.log(`\ninsight search, ${INSIGHTS} insights, first 20 through GraphQL`);
    console.table(rows);
    return { insights: INSIGHTS, projects: PROJECTS, runs: RUNS, cases: rows };
  } finally {
    await api?.stop();
    await database.drop();
  }
}

runWhenStarted(import.meta.url, benchInsights);
