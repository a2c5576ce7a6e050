import { Inject, Injectable } from '@nestjs/common';
import { type HighlightRecord } from '@verbatim/interop';
import { DataSource } from 'typeorm';
import { APP_CONFIG } from '../../../config/config.module';
import { type AppConfig } from '../../../config/env';
import { queryOneRow, queryRows, SqlParams } from '../../../database/sql';
import { highlightFilterSql, type HighlightFilterSpec } from '../../highlights/highlight-filter';

/** Rows read per statement: memory stays bounded whatever the number of highlights. */
export const PAGE_SIZE = 1_000;

interface Row {
  id: string;
  quote: string;
  note: string | null;
  created_at: Date;
  transcript_id: string;
  start_segment_id: string;
  transcript: string;
  start_ms: number | null;
  end_ms: number | null;
  participant: string | null;
  attributes: { key: string; value: string }[] | null;
  author: string | null;
  tags: string[];
}

/**
 * The highlights of an export, read as the tag views filter them (highlightFilterSql), oldest
 * first, in keyset pages of PAGE_SIZE: never all in memory.
 */
@Injectable()
export class HighlightExportRows {
  constructor(
    private readonly db: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async count(filter: HighlightFilterSpec): Promise<number> {
    const params = new SqlParams();
    const where = highlightFilterSql(filter, params);
    const row = await queryOneRow<{ n: number }>(
      this.db,
      `SELECT count(*)::int AS n FROM highlight h WHERE ${where}`,
      params.values,
    );
    return row.n;
  }

  /** The attribute keys of the participants of the filtered highlights. */
  async attributeKeys(filter: HighlightFilterSpec): Promise<string[]> {
    const params = new SqlParams();
    const where = highlightFilterSql(filter, params);
    const rows = await queryRows<{ key: string }>(
      this.db,
      `SELECT DISTINCT a->>'key' AS key
         FROM participant p CROSS JOIN LATERAL jsonb_array_elements(p.attributes) a
        WHERE p.project_id = $1::uuid AND jsonb_typeof(p.attributes) = 'array'
          AND p.id IN (SELECT h.participant_id FROM highlight h WHERE ${where})`,
      params.values,
    );
    return rows.map((r) => r.key).filter((k): k is string => typeof k === 'string');
  }

  /** The filtered highlights, page by page. */
  async *pages(filter: HighlightFilterSpec): AsyncGenerator<HighlightRecord[]> {
    let after: { createdAt: Date; id: string } | null = null;
    for (;;) {
      const params = new SqlParams();
      const where = [highlightFilterSql(filter, params)];
      if (after)
        where.push(
          `(h.created_at, h.id) > (${params.add(after.createdAt)}::timestamptz, ${params.add(after.id)}::uuid)`,
        );
      const rows = await queryRows<Row>(
        this.db,
        `SELECT h.id, h.quote, h.note, h.created_at, h.transcript_id, h.start_segment_id,
                t.title AS transcript, ss.start_ms, es.end_ms,
                COALESCE(p.display_name, ss.speaker) AS participant, p.attributes,
                u.name AS author,
                ARRAY(SELECT tg.name FROM highlight_tag ht JOIN tag tg ON tg.id = ht.tag_id
                       WHERE ht.highlight_id = h.id ORDER BY lower(tg.name), tg.id) AS tags
           FROM highlight h
           JOIN transcript t ON t.id = h.transcript_id
           JOIN segment ss ON ss.id = h.start_segment_id
           JOIN segment es ON es.id = h.end_segment_id
           LEFT JOIN participant p ON p.id = h.participant_id
           LEFT JOIN user_account u ON u.id = h.author_id
          WHERE ${where.join(' AND ')}
          ORDER BY h.created_at, h.id
          LIMIT ${PAGE_SIZE}`,
        params.values,
      );
      if (!rows.length) return;
      yield rows.map((r) => this.record(r));
      if (rows.length < PAGE_SIZE) return;
      const last = rows[rows.length - 1]!;
      after = { createdAt: last.created_at, id: last.id };
    }
  }

  private record(r: Row): HighlightRecord {
    return {
      quote: r.quote,
      tags: r.tags,
      note: r.note,
      participant: r.participant,
      attributes: Array.isArray(r.attributes) ? r.attributes : [],
      transcript: r.transcript,
      startMs: r.start_ms,
      endMs: r.end_ms,
      author: r.author,
      createdAt: r.created_at,
      link: `${this.config.mail.publicUrl}/t/${r.transcript_id}?segment=${r.start_segment_id}`,
    };
  }
}
