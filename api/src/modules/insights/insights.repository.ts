import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { type AuthUser } from '../../common/auth/auth-user';
import { badInput, notFound } from '../../common/errors/domain-error';
import { type Edge, type PageInfo, pageSize } from '../../common/pagination/connection';
import { cursorFor, readCursor } from '../../common/pagination/cursor';
import { queryFirstRow, queryOneRow, queryRows, SqlParams } from '../../database/sql';
import { HighlightsService } from '../highlights/highlights.service';
import {
  type InsightEvidenceCountType,
  type InsightEvidenceType,
  type InsightFilter,
  type InsightStatus,
  type InsightTagType,
  type InsightType,
} from './insights.types';

interface InsightRow {
  id: string;
  project_id: string;
  theme_id: string | null;
  title: string;
  body: string;
  status: InsightStatus;
  version: number;
  published_at: Date | null;
  created_at: Date;
  updated_at: Date;
  author_id: string | null;
  author_email: string | null;
  author_name: string | null;
}

const COLUMNS = `i.id, i.project_id, i.theme_id, i.title, i.body, i.status, i.version, i.published_at,
  i.created_at, i.updated_at, u.id AS author_id, u.email AS author_email, u.name AS author_name`;
const AUTHOR = `LEFT JOIN user_account u ON u.id = i.created_by_id`;

/** `totalCount` counts at most this many matches; `totalCountCapped` says when there are more. */
export const INSIGHT_COUNT_CAP = 1000;

/**
 * A page of insights and, when the request asked for it, how many match: counted up to one past
 * INSIGHT_COUNT_CAP (a common word matches thousands, and counting them all cost more than the
 * page), in parallel with the page.
 */
export interface InsightPage {
  edges: Edge<InsightType>[];
  pageInfo: PageInfo;
  /** Matches, at most INSIGHT_COUNT_CAP + 1; null when not asked for. */
  matches: Promise<number> | null;
}

/** Cursors name their order: a ranked page's cursor is refused by the newest-first list. */
const RANKED = [{ equals: 'RANK' }, 'number', 'timestamptz', 'uuid'] as const;
const RECENT = [{ equals: 'RECENT' }, 'timestamptz', 'uuid'] as const;

/**
 * The SQL of insights: lists and full-text search across a workspace's projects, and the
 * evidence, tags and counts of many insights at once (for the request loaders).
 */
@Injectable()
export class InsightsRepository {
  constructor(
    private readonly db: DataSource,
    private readonly highlights: HighlightsService,
  ) {}

  async get(id: string): Promise<InsightType> {
    const row = (
      await queryRows<InsightRow>(
        this.db,
        `SELECT ${COLUMNS} FROM insight i ${AUTHOR} WHERE i.id = $1`,
        [id],
      )
    )[0];
    if (!row) throw notFound('Insight');
    return toInsight(row);
  }

  /** The insight promoted from (or written about) a theme, if it has one: at most one. */
  async idForTheme(themeId: string): Promise<string | null> {
    const row = await queryFirstRow<{ id: string }>(
      this.db,
      `SELECT id FROM insight WHERE theme_id = $1`,
      [themeId],
    );
    return row?.id ?? null;
  }

  /**
   * The insights of these themes, by theme id; only one of the theme's own project (as every
   * insight of a theme is), so a theme's readers read nothing of another project through it.
   */
  async ofThemes(themeIds: string[]): Promise<Map<string, InsightType>> {
    const rows = await queryRows<InsightRow>(
      this.db,
      `SELECT ${COLUMNS} FROM insight i
         JOIN board_theme t ON t.id = i.theme_id JOIN board b ON b.id = t.board_id AND b.project_id = i.project_id
         ${AUTHOR}
        WHERE i.theme_id = ANY($1::uuid[])`,
      [themeIds],
    );
    return new Map(rows.map((row) => [row.theme_id!, toInsight(row)]));
  }

  /**
   * A page of the insights the filter selects, among those of the projects the user can see
   * (restricted projects only for OWNERs and their listed members). With a query: matches of
   * the web-search query, each insight's text in its own configuration, best first (the title
   * weighs more than the body); else newest first. Keyset cursors either way. `count`: also
   * count the matches (capped, see InsightPage).
   */
  async list(
    user: AuthUser,
    filter: InsightFilter,
    first: number | null | undefined,
    after: string | null | undefined,
    count = true,
  ): Promise<InsightPage> {
    const limit = pageSize(first);
    const text = filter.query?.trim();
    const cursor = after ? readCursor(after, text ? RANKED : RECENT) : null;
    const params = new SqlParams();
    const visible = visibleProjects(user, filter, params);
    const visibleParams = params.clone();
    const where = [`i.project_id IN (SELECT id FROM visible)`];
    if (filter.status) where.push(`i.status = ${params.add(filter.status)}::insight_status`);
    if (filter.tagIds?.length)
      where.push(
        `EXISTS (SELECT 1 FROM insight_tag it WHERE it.insight_id = i.id AND it.tag_id = ANY(${params.add(filter.tagIds)}::uuid[]))`,
      );
    if (!text) return this.newest(visible, where, params, limit, cursor, count);
    const queries = await this.parse(visible, visibleParams, text);
    // A query of stop words only matches nothing in any language.
    if (!queries.length) return { edges: [], pageInfo: NO_PAGE, matches: count ? zero() : null };
    return this.ranked(visible, where, params, queries, limit, cursor, count);
  }

  /**
   * Newest first: (created_at, id) walked backwards stops after a page. The count, when asked
   * for, runs beside it and stops one past the cap instead of reading every insight.
   */
  private async newest(
    visible: string,
    where: string[],
    params: SqlParams,
    limit: number,
    cursor: readonly unknown[] | null,
    count: boolean,
  ): Promise<InsightPage> {
    const matching = `insight i WHERE ${where.join(' AND ')}`;
    const page = params.clone();
    const afterSql = cursor
      ? `AND (i.created_at, i.id) < (${page.add(cursor[1])}::timestamptz, ${page.add(cursor[2])}::uuid)`
      : '';
    const matches = count
      ? queryOneRow<{ n: number }>(
          this.db,
          `WITH ${visible} SELECT count(*)::int AS n
             FROM (SELECT 1 FROM ${matching} LIMIT ${INSIGHT_COUNT_CAP + 1}) c`,
          params.values,
        ).then((r) => r.n)
      : null;
    // Awaited together, so a failed count fails the request instead of going unhandled.
    const [rows] = await Promise.all([
      queryRows<InsightRow>(
        this.db,
        `WITH ${visible}, hits AS (SELECT i.id FROM ${matching} ${afterSql}
                                   ORDER BY i.created_at DESC, i.id DESC LIMIT ${limit + 1})
         SELECT ${COLUMNS} FROM hits JOIN insight i ON i.id = hits.id ${AUTHOR}
          ORDER BY i.created_at DESC, i.id DESC`,
        page.values,
      ),
      matches,
    ]);
    return toPage(rows, limit, matches, (row) => cursorFor(['RECENT', row.created_at, row.id]));
  }

  /**
   * The text-search configurations the visible insights use (found by skipping through
   * (project_id, ts_config), not by reading every insight), each with the query parsed in it;
   * those where it has no words left (stop words only) are left out.
   *
   * Read first, on their own, so the search statement names each configuration and its query
   * as values: the planner then estimates the matches from the column's statistics. Computed
   * inside that statement instead, they were a row source it guessed at 200 rows, which put the
   * plan's cost past jit_above_cost: JIT compilation then took longer than the search.
   */
  private async parse(
    visible: string,
    params: SqlParams,
    text: string,
  ): Promise<{ cfg: string; tsq: string }[]> {
    const query = params.add(text);
    return queryRows<{ cfg: string; tsq: string }>(
      this.db,
      `WITH RECURSIVE ${visible},
         cfgs AS (
           SELECT v.id AS project_id, (SELECT min(ts_config) FROM insight WHERE project_id = v.id) AS cfg
             FROM visible v
           UNION ALL
           SELECT c.project_id,
                  (SELECT min(ts_config) FROM insight WHERE project_id = c.project_id AND ts_config > c.cfg)
             FROM cfgs c WHERE c.cfg IS NOT NULL),
         parsed AS (SELECT u.cfg, websearch_to_tsquery(u.cfg::regconfig, ${query}) AS tsq
                      FROM (SELECT DISTINCT cfg FROM cfgs WHERE cfg IS NOT NULL) u)
       SELECT cfg, tsq::text AS tsq FROM parsed WHERE numnode(tsq) > 0 ORDER BY cfg`,
      params.values,
    );
  }

  /**
   * Best first: every match is ranked (the GIN index finds them), then sorted. The matches are
   * read for the ranking anyway, so when the count is asked for it comes from the same rows.
   */
  private async ranked(
    visible: string,
    where: string[],
    params: SqlParams,
    queries: { cfg: string; tsq: string }[],
    limit: number,
    cursor: readonly unknown[] | null,
    count: boolean,
  ): Promise<InsightPage> {
    const matchParams = params.clone();
    const each = queries.map((q) => ({
      cfg: matchParams.add(q.cfg),
      tsq: `${matchParams.add(q.tsq)}::tsquery`,
    }));
    const match = each.map((q) => `(i.ts_config = ${q.cfg} AND i.tsv @@ ${q.tsq})`).join(' OR ');
    const tsq =
      each.length === 1
        ? each[0]!.tsq
        : `CASE i.ts_config ${each.map((q) => `WHEN ${q.cfg} THEN ${q.tsq}`).join(' ')} END`;
    const matching = `insight i WHERE (${match}) AND ${where.join(' AND ')}`;
    const page = matchParams.clone();
    const afterSql = cursor
      ? `WHERE (hits.rank, hits.created_at, hits.id) < (${page.add(cursor[1])}::float8, ${page.add(cursor[2])}::timestamptz, ${page.add(cursor[3])}::uuid)`
      : '';
    const order = 'hits.rank DESC, hits.created_at DESC, hits.id DESC';
    const rows = await queryRows<InsightRow & { rank: number; matched: number | null }>(
      this.db,
      `WITH ${visible},
         hits AS (SELECT i.id, i.created_at, ts_rank(i.tsv, ${tsq})::float8 AS rank FROM ${matching}),
         page AS (SELECT hits.* FROM hits ${afterSql} ORDER BY ${order} LIMIT ${limit + 1})
       SELECT ${COLUMNS}, hits.rank, ${count ? '(SELECT count(*) FROM hits)::int' : 'NULL::int'} AS matched
         FROM page hits JOIN insight i ON i.id = hits.id ${AUTHOR}
        ORDER BY ${order}`,
      page.values,
    );
    // A page past the last match has no row to carry the count: counted on its own then.
    const matches = !count
      ? null
      : rows[0]
        ? Promise.resolve(rows[0].matched ?? 0)
        : cursor
          ? queryOneRow<{ n: number }>(
              this.db,
              `WITH ${visible} SELECT count(*)::int AS n FROM ${matching}`,
              matchParams.values,
            ).then((r) => r.n)
          : zero();
    return toPage(rows, limit, matches, (row) =>
      cursorFor(['RANK', row.rank, row.created_at, row.id]),
    );
  }

  /** The evidence of these insights, each in the order it was added (highlights read at once). */
  async evidence(insightIds: string[]): Promise<Map<string, InsightEvidenceType[]>> {
    const rows = await queryRows<{ insight_id: string; highlight_id: string; created_at: Date }>(
      this.db,
      `SELECT insight_id, highlight_id, created_at FROM insight_evidence
        WHERE insight_id = ANY($1::uuid[]) ORDER BY insight_id, position`,
      [insightIds],
    );
    const highlights = new Map(
      (await this.highlights.getMany([...new Set(rows.map((r) => r.highlight_id))])).map((h) => [
        h.id,
        h,
      ]),
    );
    const result = new Map<string, InsightEvidenceType[]>();
    for (const row of rows) {
      const highlight = highlights.get(row.highlight_id);
      if (!highlight) continue;
      const list = result.get(row.insight_id) ?? [];
      list.push({ highlight, addedAt: row.created_at });
      result.set(row.insight_id, list);
    }
    return result;
  }

  /** Highlights, distinct participants and distinct interviews of each insight's evidence. */
  async counts(insightIds: string[]): Promise<Map<string, InsightEvidenceCountType>> {
    const rows = await queryRows<InsightEvidenceCountType & { insight_id: string }>(
      this.db,
      `SELECT e.insight_id, count(*)::int AS highlights,
              count(DISTINCT h.participant_id)::int AS participants,
              count(DISTINCT h.transcript_id)::int AS transcripts
         FROM insight_evidence e JOIN highlight h ON h.id = e.highlight_id
        WHERE e.insight_id = ANY($1::uuid[]) GROUP BY e.insight_id`,
      [insightIds],
    );
    return new Map(
      rows.map(({ insight_id, ...counts }) => [insight_id, counts] as [string, typeof counts]),
    );
  }

  /** The tags of these insights, by name. */
  async tags(insightIds: string[]): Promise<Map<string, InsightTagType[]>> {
    const rows = await queryRows<InsightTagType & { insight_id: string }>(
      this.db,
      `SELECT it.insight_id, t.id, t.name, t.color FROM insight_tag it JOIN tag t ON t.id = it.tag_id
        WHERE it.insight_id = ANY($1::uuid[]) ORDER BY lower(t.name), t.id`,
      [insightIds],
    );
    const result = new Map<string, InsightTagType[]>();
    for (const { insight_id, ...tag } of rows) {
      const list = result.get(insight_id) ?? [];
      list.push(tag);
      result.set(insight_id, list);
    }
    return result;
  }
}

const NO_PAGE: PageInfo = { hasNextPage: false, endCursor: null };
const zero = () => Promise.resolve(0);

/**
 * The `visible` CTE: the projects of the filter's workspace or project the user can see
 * (restricted ones only for OWNERs and their listed members).
 */
function visibleProjects(user: AuthUser, filter: InsightFilter, params: SqlParams): string {
  const userId = params.add(user.id);
  const scope: string[] = [];
  if (filter.workspaceId) scope.push(`p.workspace_id = ${params.add(filter.workspaceId)}::uuid`);
  if (filter.projectId) scope.push(`p.id = ${params.add(filter.projectId)}::uuid`);
  if (!scope.length) throw badInput('The filter must name a workspaceId or a projectId.');
  return `visible AS (
    SELECT p.id FROM project p JOIN membership m ON m.workspace_id = p.workspace_id AND m.user_id = ${userId}::uuid
     WHERE ${scope.join(' AND ')}
       AND (m.role = 'OWNER' OR NOT p.restricted
            OR EXISTS (SELECT 1 FROM project_member pm WHERE pm.project_id = p.id AND pm.user_id = ${userId}::uuid)))`;
}

/** `limit + 1` rows as a page of `limit`, each with its cursor. */
function toPage<R extends InsightRow>(
  rows: R[],
  limit: number,
  matches: Promise<number> | null,
  cursorOf: (row: R) => string,
): InsightPage {
  const edges = rows
    .slice(0, limit)
    .map((row) => ({ cursor: cursorOf(row), node: toInsight(row) }));
  return {
    edges,
    pageInfo: { hasNextPage: rows.length > limit, endCursor: edges.at(-1)?.cursor ?? null },
    matches,
  };
}

function toInsight(row: InsightRow): InsightType {
  return {
    id: row.id,
    projectId: row.project_id,
    themeId: row.theme_id,
    title: row.title,
    body: row.body,
    status: row.status,
    version: row.version,
    author: row.author_id
      ? { id: row.author_id, email: row.author_email!, name: row.author_name! }
      : null,
    publishedAt: row.published_at,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}
