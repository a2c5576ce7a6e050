import { type EntityManager } from 'typeorm';
import { executeSql, queryRows } from '../../database/sql';
import { type AnchorSegment } from './anchor';
import { follow, type AnchoredRow, type Span } from './turn-edits';

/**
 * What points at a transcript's turns, kept right when turns are split or merged, inside the
 * caller's transaction (which holds the transcript and the edited turns locked). Highlights are
 * moved to the new turns and re-anchored, or flagged when they no longer say the same, never
 * dropped; their denormalised turn indexes follow the turns. Other modules' rows (analysis
 * suggestions and chunks) follow through TurnEditHook, with the helpers exported here.
 */

/** A row touching the edited turns, with the current indexes of its first and last turns. */
export interface TouchingRow extends AnchoredRow {
  id: string;
  start_index: number;
  end_index: number;
}

export interface TouchingHighlight extends TouchingRow {
  needs_attention: boolean;
}

/** Which rows touch the edited turns: SQL over `s1`/`s2` (a row's first and last turns) with its params. */
export interface Touching {
  where: string;
  params: unknown[];
}

export interface Followed {
  /** Highlights touching the edit that quote exactly what they cover. */
  reanchored: string[];
  /** Every highlight touching the edit, re-anchored or flagged. */
  touching: string[];
}

/** How a split or merge moved the turns: split `index` in two, or merged `index` with the next. */
export interface TurnEdit {
  kind: 'split' | 'merge';
  index: number;
}

/**
 * Locks the rows of `table` (highlight or suggestion: anchored on turns, with `transcript_id`)
 * that touch the edit, after the turns (the order corrections take), in id order.
 */
export async function lockTouching<T extends TouchingRow>(
  tx: EntityManager,
  table: 'highlight' | 'suggestion',
  transcriptId: string,
  touching: Touching,
  extraColumns = '',
): Promise<T[]> {
  return queryRows<T>(
    tx,
    `SELECT x.id, x.start_segment_id, x.start_offset, x.end_segment_id, x.end_offset, x.quote,
            s1.index AS start_index, s2.index AS end_index ${extraColumns}
       FROM ${table} x JOIN segment s1 ON s1.id = x.start_segment_id JOIN segment s2 ON s2.id = x.end_segment_id
      WHERE x.transcript_id = $1 AND (${touching.where})
      ORDER BY x.id FOR UPDATE OF x`,
    [transcriptId, ...touching.params],
  );
}

/**
 * The transcript's turns, as they are now and in order, that the rows and the edited turns
 * `from`..`to` cover (a parked turn, index -1, is left out).
 */
export async function turnsCovering(
  tx: EntityManager,
  transcriptId: string,
  rows: TouchingRow[],
  edited: { from: number; to: number },
): Promise<AnchorSegment[]> {
  const from = Math.min(edited.from, ...rows.map((r) => r.start_index).filter((i) => i >= 0));
  const to = Math.max(edited.to, ...rows.map((r) => r.end_index));
  return queryRows<AnchorSegment>(
    tx,
    `SELECT id, index, text FROM segment WHERE transcript_id = $1 AND index BETWEEN $2 AND $3 ORDER BY index`,
    [transcriptId, Math.max(0, from), to],
  );
}

/** Moves the touching highlights with `move` and anchors them on `turns`, or flags them. */
export async function followHighlights(
  tx: EntityManager,
  highlights: TouchingHighlight[],
  turns: AnchorSegment[],
  move: (span: Span) => Span,
): Promise<Followed> {
  const reanchored: string[] = [];
  for (const h of highlights) {
    const { span, anchor } = follow(h, turns, move, h.needs_attention);
    if (anchor) reanchored.push(h.id);
    await executeSql(
      tx,
      `UPDATE highlight SET start_segment_id = $2, start_offset = $3, end_segment_id = $4, end_offset = $5,
              quote = coalesce($6, quote), prefix = coalesce($7, prefix), suffix = coalesce($8, suffix),
              needs_attention = $9, updated_at = now()
        WHERE id = $1`,
      [
        h.id,
        span.start.segmentId,
        span.start.offset,
        span.end.segmentId,
        span.end.offset,
        anchor?.quote ?? null,
        anchor?.prefix ?? null,
        anchor?.suffix ?? null,
        !anchor,
      ],
    );
  }
  return { reanchored, touching: highlights.map((h) => h.id) };
}

/** After turns moved: the denormalised start turn index of the transcript's highlights. */
export async function refreshHighlightIndexes(
  tx: EntityManager,
  transcriptId: string,
): Promise<void> {
  await executeSql(
    tx,
    `UPDATE highlight h SET start_index = s.index FROM segment s
      WHERE h.transcript_id = $1 AND s.id = h.start_segment_id AND h.start_index <> s.index`,
    [transcriptId],
  );
}
