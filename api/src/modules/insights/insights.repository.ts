import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { type AuthUser } from '../../common/auth/auth-user';
import { badInput, notFound } from '../../common/errors/domain-error';
import { type Connection, pageSize } from '../../common/pagination/connection';
import { cursorFor, readCursor } from '../../common/pagination/cursor';
import { queryOneRow, queryRows, SqlParams } from '../../database/sql';
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

  /**
   * A page of the insights the filter selects, among those of the projects the user can see
   * (restricted projects only for OWNERs and their listed members). With a query: matches of
   * the web-search query, each insight's text in its own configuration, best first (the title
   * weighs more than the body); else newest first. Keyset cursors either way.
   */
  async list(
    user: AuthUser,
    filter: InsightFilter,
    first: number | null | undefined,
    after: string | null | undefined,
  ): Promise<Connection<InsightType>> {
    const limit = pageSize(first);
    const params = new SqlParams();
    const userId = params.add(user.id);
    const scope: string[] = [];
    if (filter.workspaceId) scope.push(`p.workspace_id = ${params.add(filter.workspaceId)}::uuid`);
    if (filter.projectId) scope.push(`p.id = ${params.add(filter.projectId)}::uuid`);
    if (!scope.length) throw badInput('The filter must name a workspaceId or a projectId.');
    const ctes = [
      `visible AS (
         SELECT p.id FROM project p JOIN membership m ON m.workspace_id = p.workspace_id AND m.user_id = ${userId}::uuid
          WHERE ${scope.join(' AND ')}
            AND (m.role = 'OWNER' OR NOT p.restricted
                 OR EXISTS (SELECT 1 FROM project_member pm WHERE pm.project_id = p.id AND pm.user_id = ${userId}::uuid)))`,
    ];
    const where = [`i.project_id IN (SELECT id FROM visible)`];
    if (filter.status) where.push(`i.status = ${params.add(filter.status)}::insight_status`);
    if (filter.tagIds?.length)
      where.push(
        `EXISTS (SELECT 1 FROM insight_tag it WHERE it.insight_id = i.id AND it.tag_id = ANY(${params.add(filter.tagIds)}::uuid[]))`,
      );
    const text = filter.query?.trim();
    let from = 'insight i';
    let rank = 'NULL::float8';
    if (text) {
      // The query parsed once per configuration the visible insights use (found by skipping
      // through (project_id, ts_config), not by reading every insight), and each configuration's
      // query matched against its own rows through the GIN index (the LATERAL keeps the planner
      // from joining on ts_config after a scan of the table; OFFSET 0 keeps it from being flattened).
      ctes.push(
        `cfgs AS (
           SELECT v.id AS project_id, (SELECT min(ts_config) FROM insight WHERE project_id = v.id) AS cfg
             FROM visible v
           UNION ALL
           SELECT c.project_id,
                  (SELECT min(ts_config) FROM insight WHERE project_id = c.project_id AND ts_config > c.cfg)
             FROM cfgs c WHERE c.cfg IS NOT NULL)`,
        `q AS MATERIALIZED (
           SELECT u.cfg, websearch_to_tsquery(u.cfg::regconfig, ${params.add(text)}) AS tsq
             FROM (SELECT DISTINCT cfg FROM cfgs WHERE cfg IS NOT NULL) u)`,
      );
      from = `q CROSS JOIN LATERAL (SELECT * FROM insight i WHERE i.ts_config = q.cfg AND i.tsv @@ q.tsq OFFSET 0) i`;
      rank = 'ts_rank(i.tsv, q.tsq)::float8';
    }
    const matches = `${from} WHERE ${where.join(' AND ')}`;

    const pageParams = params.clone();
    let afterSql = '';
    if (after && text) {
      const [, r, at, id] = readCursor(after, RANKED);
      afterSql = `WHERE (hits.rank, hits.created_at, hits.id) < (${pageParams.add(r)}::float8, ${pageParams.add(at)}::timestamptz, ${pageParams.add(id)}::uuid)`;
    } else if (after) {
      const [, at, id] = readCursor(after, RECENT);
      afterSql = `WHERE (hits.created_at, hits.id) < (${pageParams.add(at)}::timestamptz, ${pageParams.add(id)}::uuid)`;
    }
    const order = text
      ? 'hits.rank DESC, hits.created_at DESC, hits.id DESC'
      : 'hits.created_at DESC, hits.id DESC';
    const [counted, rows] = await Promise.all([
      queryOneRow<{ n: number }>(
        this.db,
        `WITH RECURSIVE ${ctes.join(', ')} SELECT count(*)::int AS n FROM ${matches}`,
        params.values,
      ),
      queryRows<InsightRow & { rank: number | null }>(
        this.db,
        `WITH RECURSIVE ${ctes.join(', ')},
           hits AS (SELECT i.id, i.created_at, ${rank} AS rank FROM ${matches}),
           page AS (SELECT hits.* FROM hits ${afterSql} ORDER BY ${order} LIMIT ${limit + 1})
         SELECT ${COLUMNS}, hits.rank FROM page hits JOIN insight i ON i.id = hits.id ${AUTHOR}
          ORDER BY ${order}`,
        pageParams.values,
      ),
    ]);
    const edges = rows.slice(0, limit).map((row) => ({
      cursor: text
        ? cursorFor(['RANK', row.rank ?? 0, row.created_at, row.id])
        : cursorFor(['RECENT', row.created_at, row.id]),
      node: toInsight(row),
    }));
    return {
      totalCount: counted.n,
      edges,
      pageInfo: { hasNextPage: rows.length > limit, endCursor: edges.at(-1)?.cursor ?? null },
    };
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
