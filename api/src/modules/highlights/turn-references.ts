import { type EntityManager } from 'typeorm';
import { executeSql, queryRows } from '../../database/sql';
import { type AnchorSegment } from './anchor';
import { follow, type AnchoredRow, type Span } from './turn-edits';

/**
 * What points at a transcript's turns, kept right when turns are split or merged, inside the
 * caller's transaction (which holds the transcript and the edited turns locked):
 * - highlights and analysis suggestions (any status) are moved to the new turns and re-anchored,
 *   or flagged (highlights) / left with their old quote (suggestions, which accepting then
 *   refuses: it checks that the words at the suggestion's positions are still its quote);
 * - the denormalised turn indexes of highlights, suggestions and analysis chunks follow the turns;
 * - speaker mappings list the turns they moved, so undoing one moves a split-off part too.
 * The tables belong to the analysis and participants modules, which depend on this one; they
 * are written here in plain SQL rather than through those modules' services.
 */

interface TouchingRow extends AnchoredRow {
  id: string;
  start_index: number;
  end_index: number;
}

interface TouchingHighlight extends TouchingRow {
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

/**
 * Moves every turn of the transcript after index `after` by `by` (+1 or -1). The unique index on
 * (transcript, index) is checked row by row, so the turns are first parked at their negated
 * index (distinct, below zero) and then put at their new one.
 */
export async function shiftTurns(
  tx: EntityManager,
  transcriptId: string,
  after: number,
  by: 1 | -1,
): Promise<void> {
  await executeSql(
    tx,
    `UPDATE segment SET index = -index WHERE transcript_id = $1 AND index > $2`,
    [transcriptId, after],
  );
  await executeSql(
    tx,
    `UPDATE segment SET index = -index + $3::int WHERE transcript_id = $1 AND index < -($2::int)`,
    [transcriptId, after, by],
  );
}

/** Locks the highlights and suggestions touching the edit (after the turns, as corrections do). */
export async function lockTouching(
  tx: EntityManager,
  transcriptId: string,
  touching: Touching,
): Promise<{ highlights: TouchingHighlight[]; suggestions: TouchingRow[] }> {
  const columns = `x.id, x.start_segment_id, x.start_offset, x.end_segment_id, x.end_offset, x.quote,
                   s1.index AS start_index, s2.index AS end_index`;
  const joins = `JOIN segment s1 ON s1.id = x.start_segment_id JOIN segment s2 ON s2.id = x.end_segment_id`;
  const where = `x.transcript_id = $1 AND (${touching.where})`;
  const params = [transcriptId, ...touching.params];
  const highlights = await queryRows<TouchingHighlight>(
    tx,
    `SELECT ${columns}, x.needs_attention FROM highlight x ${joins} WHERE ${where} ORDER BY x.id FOR UPDATE OF x`,
    params,
  );
  const suggestions = await queryRows<TouchingRow>(
    tx,
    `SELECT ${columns} FROM suggestion x ${joins} WHERE ${where} ORDER BY x.id FOR UPDATE OF x`,
    params,
  );
  return { highlights, suggestions };
}

/** The transcript's turns from index `from` to `to`, as they are now, in order. */
export async function turnsBetween(
  tx: EntityManager,
  transcriptId: string,
  from: number,
  to: number,
): Promise<AnchorSegment[]> {
  return queryRows<AnchorSegment>(
    tx,
    `SELECT id, index, text FROM segment WHERE transcript_id = $1 AND index BETWEEN $2 AND $3 ORDER BY index`,
    [transcriptId, Math.max(0, from), to],
  );
}

/**
 * Moves the touching highlights and suggestions with `move` and anchors them on `turns` (the
 * edited turns and every turn they cover, as they are now).
 */
export async function followEdit(
  tx: EntityManager,
  rows: { highlights: TouchingHighlight[]; suggestions: TouchingRow[] },
  turns: AnchorSegment[],
  move: (span: Span) => Span,
): Promise<Followed> {
  const reanchored: string[] = [];
  for (const h of rows.highlights) {
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
  for (const x of rows.suggestions) {
    const { span, anchor } = follow(x, turns, move, false);
    await executeSql(
      tx,
      `UPDATE suggestion SET start_segment_id = $2, start_offset = $3, end_segment_id = $4, end_offset = $5,
              quote = coalesce($6, quote)
        WHERE id = $1`,
      [
        x.id,
        span.start.segmentId,
        span.start.offset,
        span.end.segmentId,
        span.end.offset,
        anchor?.quote ?? null,
      ],
    );
  }
  return { reanchored, touching: rows.highlights.map((h) => h.id) };
}

/** How a split or merge moved the turns: split `index` in two, or merged `index` with the next. */
export interface TurnEdit {
  kind: 'split' | 'merge';
  index: number;
}

/**
 * After turns moved: the denormalised turn indexes of highlights and suggestions, the turn ranges
 * of analysis chunks (a chunk keeps covering the same words, however far its work has got), and
 * the transcript's turn count.
 */
export async function refreshTurnIndexes(
  tx: EntityManager,
  transcriptId: string,
  edit: TurnEdit,
): Promise<void> {
  await executeSql(
    tx,
    `UPDATE highlight h SET start_index = s.index FROM segment s
      WHERE h.transcript_id = $1 AND s.id = h.start_segment_id AND h.start_index <> s.index`,
    [transcriptId],
  );
  await executeSql(
    tx,
    `UPDATE suggestion x SET start_index = s1.index, end_index = s2.index FROM segment s1, segment s2
      WHERE x.transcript_id = $1 AND s1.id = x.start_segment_id AND s2.id = x.end_segment_id
        AND (x.start_index <> s1.index OR x.end_index <> s2.index)`,
    [transcriptId],
  );
  // A chunk ending on the split turn now ends on its second part; one ending on the second of two
  // merged turns ends on the merged turn.
  await executeSql(
    tx,
    edit.kind === 'split'
      ? `UPDATE analysis_chunk SET first_turn = first_turn + (first_turn > $2)::int, last_turn = last_turn + (last_turn >= $2)::int
          WHERE transcript_id = $1 AND last_turn >= $2`
      : `UPDATE analysis_chunk SET first_turn = first_turn - (first_turn > $2)::int, last_turn = last_turn - (last_turn > $2)::int
          WHERE transcript_id = $1 AND last_turn > $2`,
    [transcriptId, edit.index],
  );
  await executeSql(
    tx,
    `UPDATE transcript SET segment_count = segment_count + $2, updated_at = now() WHERE id = $1`,
    [transcriptId, edit.kind === 'split' ? 1 : -1],
  );
}
