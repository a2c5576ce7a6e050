import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { badInput } from '../../common/errors/domain-error';
import { pageSize } from '../../common/pagination/connection';
import { type SearchConnection, type SearchHitKind } from './search.types';

export const COUNT_CAP = 1000;

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

/** Matching turns and highlight quotes/notes of a project's transcripts, best first. */
const HITS = `
  WITH q AS (SELECT websearch_to_tsquery('simple', $2) AS q),
  hits AS (
    SELECT 'SEGMENT' AS kind, s.id AS segment_id, NULL::uuid AS highlight_id, s.transcript_id,
           ts_rank(s.tsv, q.q) AS rank, s.index, s.text AS body
      FROM segment s JOIN transcript t ON t.id = s.transcript_id, q
     WHERE t.project_id = $1 AND s.tsv @@ q.q
    UNION ALL
    SELECT 'HIGHLIGHT', h.start_segment_id, h.id, h.transcript_id,
           ts_rank(to_tsvector('simple', h.quote || ' ' || coalesce(h.note, '')), q.q), -1,
           h.quote || coalesce(' — ' || h.note, '')
      FROM highlight h, q
     WHERE h.project_id = $1 AND to_tsvector('simple', h.quote || ' ' || coalesce(h.note, '')) @@ q.q
  )`;

const escapeHtml = (column: string) => `replace(replace(replace(${column}, '&', '&amp;'), '<', '&lt;'), '>', '&gt;')`;

@Injectable()
export class SearchService {
  constructor(private readonly db: DataSource) {}

  async search(projectId: string, text: string, first: number | null | undefined, after: string | null | undefined): Promise<SearchConnection> {
    const limit = pageSize(first);
    const offset = after ? decodeOffset(after) : 0;
    const [{ n }] = (await this.db.query(`${HITS} SELECT count(*)::int AS n FROM (SELECT 1 FROM hits LIMIT ${COUNT_CAP + 1}) c`, [
      projectId,
      text,
    ])) as [{ n: number }];
    const rows: HitRow[] = await this.db.query(
      `${HITS}, page AS (SELECT * FROM hits ORDER BY rank DESC, transcript_id, index, highlight_id LIMIT $3 OFFSET $4)
       SELECT page.kind, page.rank, page.transcript_id, page.segment_id, page.highlight_id,
              t.title, s.index, s.speaker, s.start_ms,
              ts_headline('simple', ${escapeHtml('page.body')}, q.q,
                          'StartSel=<mark>, StopSel=</mark>, MaxWords=35, MinWords=12, MaxFragments=2, FragmentDelimiter=" … "') AS snippet
         FROM page JOIN transcript t ON t.id = page.transcript_id JOIN segment s ON s.id = page.segment_id, q
        ORDER BY page.rank DESC, page.transcript_id, page.index, page.highlight_id`,
      [projectId, text, limit + 1, offset],
    );
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
    };
  }
}

const encodeOffset = (n: number) => Buffer.from(`o:${n}`).toString('base64url');

function decodeOffset(cursor: string): number {
  const match = /^o:(\d{1,7})$/.exec(Buffer.from(cursor, 'base64url').toString('utf8'));
  if (!match) throw badInput('The `after` cursor is not valid; use a cursor from a previous page.');
  return Number(match[1]);
}
