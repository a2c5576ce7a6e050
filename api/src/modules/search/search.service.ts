import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { badInput } from '../../common/errors/domain-error';
import { pageSize } from '../../common/pagination/connection';
import { cursorFor, readCursor } from '../../common/pagination/cursor';
import { queryOneRow, queryRows, SqlParams } from '../../database/sql';
import { highlightFilterSql } from '../highlights/highlight-filter';
import { isConfigName } from '../transcripts/text-search-config';
import {
  type SearchConnection,
  SearchHitKind,
  type SearchInput,
  type SearchParticipantRef,
  type SearchTagRef,
} from './search.types';

export const COUNT_CAP = 1000;
/**
 * Hits ranked per kind: a query matching more turns (or highlights) than this ranks the first
 * this many the database finds (in storage order, roughly upload order) instead of all of them.
 * Ranking reads each candidate's row (its tsvector), and a word in one turn of twelve matches
 * 50,000 of 600,000 turns; every query with fewer matches is ranked exactly as before.
 */
export const RANK_CANDIDATES = 10_000;
/** Tag and participant names: at most this many, best first. */
export const NAME_MATCHES = 10;

interface HitRow {
  kind: SearchHitKind;
  rank: number;
  snippet: string;
  transcript_id: string;
  title: string;
  segment_id: string;
  index: number;
  speaker: string | null;
  start_ms: number | null;
  highlight_id: string | null;
}

/** The statements of one search: `search` runs count, page and names at once (the bench replays them). */
export interface SearchPlan {
  /** Capped count of all hits: `SELECT count(*) AS n`; null when no hit can match (e.g. no transcripts). */
  count: { sql: string; params: unknown[] } | null;
  /** One page of hits, best first, with snippets. */
  page: { sql: string; params: unknown[] } | null;
  tags: { sql: string; params: unknown[] } | null;
  participants: { sql: string; params: unknown[] } | null;
}

const HEADLINE_OPTIONS = `'StartSel=<mark>, StopSel=</mark>, MaxWords=35, MinWords=12, MaxFragments=2, FragmentDelimiter=" … "'`;

/**
 * A headline of `body` with `<mark>` around the matches and the text HTML-escaped. The text's
 * < > & are swapped for private-use characters first: ts_headline would drop what looks like a
 * tag or an entity, and escaping after it would also escape its marks.
 */
const headline = (config: string, body: string, query: string) =>
  `replace(replace(replace(
     ts_headline(${config}, translate(${body}, '<>&', U&'\\E000\\E001\\E002'), ${query}, ${HEADLINE_OPTIONS}),
     U&'\\E000', '&lt;'), U&'\\E001', '&gt;'), U&'\\E002', '&amp;')`;

/**
 * Project search: turns and highlight quotes/notes by PostgreSQL full-text search in web-search
 * syntax, each in its own transcript's text-search configuration (so "interviews" finds
 * "interviewing" in English transcripts); tag and participant names by trigram similarity.
 */
@Injectable()
export class SearchService {
  constructor(private readonly db: DataSource) {}

  async search(
    input: SearchInput,
    first: number | null | undefined,
    after: string | null | undefined,
  ): Promise<SearchConnection> {
    const plan = await this.plan(input, first, after);
    const limit = pageSize(first);
    const offset = after ? decodeOffset(after) : 0;
    const [{ n }, rows, tags, participants] = await Promise.all([
      plan.count
        ? queryOneRow<{ n: number }>(this.db, plan.count.sql, plan.count.params)
        : { n: 0 },
      plan.page ? queryRows<HitRow>(this.db, plan.page.sql, plan.page.params) : [],
      plan.tags ? queryRows<SearchTagRef>(this.db, plan.tags.sql, plan.tags.params) : [],
      plan.participants
        ? queryRows<SearchParticipantRef>(this.db, plan.participants.sql, plan.participants.params)
        : [],
    ]);
    const edges = rows.slice(0, limit).map((r, i) => ({
      cursor: encodeOffset(offset + i + 1),
      node: {
        kind: r.kind,
        rank: r.rank,
        snippet: r.snippet,
        transcript: { id: r.transcript_id, title: r.title },
        segment: { id: r.segment_id, index: r.index, speaker: r.speaker, startMs: r.start_ms },
        highlight: r.highlight_id ? { id: r.highlight_id } : null,
      },
    }));
    return {
      totalCount: Math.min(n, COUNT_CAP),
      totalCountCapped: n > COUNT_CAP,
      edges,
      pageInfo: { hasNextPage: rows.length > limit, endCursor: edges.at(-1)?.cursor ?? null },
      tags: tags.map((t) => ({ ...t, similarity: Number(t.similarity) })),
      participants: participants.map((p) => ({ ...p, similarity: Number(p.similarity) })),
    };
  }

  /**
   * The SQL for a search. Each text-search configuration used in the project contributes
   * `(ts_config = 'cfg' AND tsv @@ websearch_to_tsquery('cfg', $1))`, ORed, so the GIN indexes
   * answer every branch and an -excluded word is excluded in each language's own stemming.
   */
  async plan(
    input: SearchInput,
    first: number | null | undefined,
    after: string | null | undefined,
  ): Promise<SearchPlan> {
    const text = input.query.trim();
    if (!text) throw badInput('query must not be empty: type a word or "a phrase".');
    const limit = pageSize(first);
    const offset = after ? decodeOffset(after) : 0;
    const configs = (
      await queryRows<{ ts_config: string }>(
        this.db,
        `SELECT DISTINCT ts_config FROM transcript WHERE project_id = $1 ORDER BY ts_config`,
        [input.projectId],
      )
    )
      .map((r) => r.ts_config)
      .filter(isConfigName);

    const params = new SqlParams([text]);
    const query = (cfg: string) => `websearch_to_tsquery('${cfg}', $1)`;
    /** The row's own configuration's query (a CASE only when the project mixes languages). */
    const queryOf = (alias: string) =>
      configs.length === 1
        ? query(configs[0]!)
        : `CASE ${alias}.ts_config ${configs.map((c) => `WHEN '${c}' THEN ${query(c)}`).join(' ')} END`;
    const matches = (alias: string) =>
      `(${configs.map((c) => `(${alias}.ts_config = '${c}' AND ${alias}.tsv @@ ${query(c)})`).join(' OR ')})`;

    const kinds = new Set(
      input.kinds?.length ? input.kinds : [SearchHitKind.SEGMENT, SearchHitKind.HIGHLIGHT],
    );
    // Turns carry neither tags nor an author: those filters leave only highlights.
    if (input.tagIds?.length || input.authorIds?.length) kinds.delete(SearchHitKind.SEGMENT);
    if (!configs.length)
      return { count: null, page: null, ...this.namePlans(input.projectId, text) };

    // Each branch is built only when wanted, so every parameter is used.
    const branches: { hit: string; from: string }[] = [];
    if (kinds.has(SearchHitKind.SEGMENT)) {
      // Turns: the same filters as highlights, read from the turn's speaker and its transcript.
      const project = params.add(input.projectId);
      const where = [`t.project_id = ${project}::uuid`, matches('s')];
      if (input.transcriptIds?.length)
        where.push(`s.transcript_id = ANY(${params.add(input.transcriptIds)}::uuid[])`);
      if (input.participantIds?.length)
        where.push(`s.participant_id = ANY(${params.add(input.participantIds)}::uuid[])`);
      const attributes = (input.participantAttributes ?? []).map(({ key, value }) => ({
        key: key.trim(),
        value: value.trim(),
      }));
      if (attributes.length) {
        where.push(
          `s.participant_id IN (SELECT p.id FROM participant p WHERE p.project_id = ${project}::uuid AND p.attributes @> ${params.add(JSON.stringify(attributes))}::jsonb)`,
        );
      }
      if (input.createdAfter)
        where.push(`t.created_at >= ${params.add(input.createdAfter)}::timestamptz`);
      if (input.createdBefore)
        where.push(`t.created_at < ${params.add(input.createdBefore)}::timestamptz`);
      branches.push({
        hit: `SELECT 'SEGMENT' AS kind, s.id AS segment_id, NULL::uuid AS highlight_id, s.transcript_id, ts_rank(s.tsv, ${queryOf('s')}) AS rank, s.index, s.ts_config`,
        from: `FROM segment s JOIN transcript t ON t.id = s.transcript_id WHERE ${where.join(' AND ')}`,
      });
    }
    if (kinds.has(SearchHitKind.HIGHLIGHT)) {
      // Highlights: exactly the tag view's filter (tags with descendants, any/all, …).
      branches.push({
        hit: `SELECT 'HIGHLIGHT' AS kind, h.start_segment_id AS segment_id, h.id AS highlight_id, h.transcript_id, ts_rank(hs.tsv, ${queryOf('hs')}) AS rank, -1 AS index, hs.ts_config`,
        from: `FROM highlight_search hs JOIN highlight h ON h.id = hs.highlight_id WHERE ${highlightFilterSql(input, params, 'h')} AND ${matches('hs')}`,
      });
    }
    if (!branches.length)
      return { count: null, page: null, ...this.namePlans(input.projectId, text) };
    const union = (select: (b: { hit: string }) => string) =>
      branches.map((b) => `${select(b)} ${b.from}`).join(' UNION ALL ');

    const count = {
      sql: `SELECT count(*)::int AS n FROM (${union(() => 'SELECT 1')} LIMIT ${COUNT_CAP + 1}) c`,
      params: params.values,
    };
    // Each branch is bounded before ranking (RANK_CANDIDATES): the sort reads only those rows.
    const hits = branches
      .map((b) => `(${b.hit} ${b.from} LIMIT ${RANK_CANDIDATES})`)
      .join(' UNION ALL ');
    // limit and offset are integers (pageSize, decodeOffset).
    const page = {
      sql: `WITH hits AS (${hits}),
           page AS (SELECT * FROM hits ORDER BY rank DESC, transcript_id, index, highlight_id LIMIT ${limit + 1} OFFSET ${offset})
           SELECT page.kind, page.rank, page.transcript_id, page.segment_id, page.highlight_id, t.title, s.index, s.speaker, s.start_ms,
                  ${headline(
                    'page.ts_config::regconfig',
                    `CASE WHEN page.kind = 'SEGMENT' THEN s.text ELSE h.quote || coalesce(' — ' || h.note, '') END`,
                    queryOf('page'),
                  )} AS snippet
             FROM page JOIN transcript t ON t.id = page.transcript_id JOIN segment s ON s.id = page.segment_id
                  LEFT JOIN highlight h ON h.id = page.highlight_id
            ORDER BY page.rank DESC, page.transcript_id, page.index, page.highlight_id`,
      params: params.values,
    };
    return { count, page, ...this.namePlans(input.projectId, text) };
  }

  /**
   * Tag and participant names similar to the query or to one of its words (pg_trgm similarity
   * ≥ 0.3 or word similarity ≥ 0.6, the extension's defaults), or containing it.
   */
  private namePlans(projectId: string, text: string): Pick<SearchPlan, 'tags' | 'participants'> {
    const phrase = text
      .toLowerCase()
      .replace(/"/g, ' ')
      .split(/\s+/)
      .filter((w) => w && w !== 'or' && !w.startsWith('-'))
      .join(' ');
    const terms = [...new Set([phrase, ...phrase.split(' ')])].filter(
      (t) => t.length >= 3 || (t === phrase && t.length >= 2),
    );
    if (!terms.length) return { tags: null, participants: null };
    // `LIKE '%term%'`, `%` and `<%` are all answered by the trigram indexes on lower(name).
    const patterns = terms.map((t) => `%${t.replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
    const near = (column: string) =>
      `(${column} % q.w OR q.w <% ${column} OR ${column} LIKE q.pattern)`;
    const score = (column: string) =>
      `greatest(similarity(${column}, q.w), word_similarity(q.w, ${column}))`;
    return {
      tags: {
        sql: `SELECT t.id, t.name, t.color, t.archived, max(${score('lower(t.name)')})::float8 AS similarity
                FROM unnest($2::text[], $3::text[]) AS q(w, pattern), tag t
               WHERE t.project_id = $1 AND ${near('lower(t.name)')}
               GROUP BY t.id
               ORDER BY similarity DESC, t.archived, lower(t.name)
               LIMIT ${NAME_MATCHES}`,
        params: [projectId, terms, patterns],
      },
      participants: {
        sql: `SELECT p.id, p.display_name AS "displayName", p.label,
                     max(greatest(${score('lower(p.display_name)')}, ${score('lower(p.label)')}))::float8 AS similarity
                FROM unnest($2::text[], $3::text[]) AS q(w, pattern), participant p
               WHERE p.project_id = $1 AND (${near('lower(p.display_name)')} OR ${near('lower(p.label)')})
               GROUP BY p.id
               ORDER BY similarity DESC, lower(p.display_name)
               LIMIT ${NAME_MATCHES}`,
        params: [projectId, terms, patterns],
      },
    };
  }
}

/** Hits are ordered by rank, which has no keyset: a cursor is the position after a page. */
const encodeOffset = (n: number) => cursorFor([n]);

function decodeOffset(cursor: string): number {
  const [offset] = readCursor(cursor, ['offset']);
  return offset;
}
