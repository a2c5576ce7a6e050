import { badInput } from '../../common/errors/domain-error';
import {
  type AnchorSegment,
  type ResolvedAnchor,
  resolveAnchorOrNull,
  type TextPosition,
} from './anchor';

/**
 * Splitting a turn in two and merging a turn with the next: what the turns' texts and times
 * become, and where a position in the old turns lands in the new ones. Pure; the service writes
 * the result. Only the whitespace at the seam changes: the words of every part stay as they were.
 */

export interface TimedText {
  text: string;
  startMs: number | null;
  endMs: number | null;
}

export interface SplitPlan {
  /** The old text up to the cut, without trailing whitespace: the first turn's new text. */
  first: TimedText;
  /** The old text after the cut, without leading whitespace: the new turn's text. */
  second: TimedText;
  /** Where the first part ends in the old text. */
  firstEnd: number;
  /** Where the second part starts in the old text (firstEnd plus the whitespace at the cut). */
  secondStart: number;
}

export interface MergePlan {
  merged: TimedText;
  /** Where the first turn's text (without trailing whitespace) ends in the merged text. */
  firstEnd: number;
  /** Leading whitespace of the second turn's text, dropped in the merged text. */
  secondLead: number;
  /** Where the second turn's text starts in the merged text. */
  secondAt: number;
}

/** A highlight's or suggestion's two ends. */
export interface Span {
  start: TextPosition;
  end: TextPosition;
}

const isLowSurrogate = (code: number) => code >= 0xdc00 && code <= 0xdfff;
const leadingSpace = (s: string) => s.length - s.trimStart().length;

/**
 * Cuts `turn` at `offset` (UTF-16 code units). With both a start and an end time, the cut's time
 * is proportional to the offset in the text; otherwise the first part keeps the turn's start and
 * the second part has no times.
 */
export function planSplit(turn: TimedText, offset: number): SplitPlan {
  const { text } = turn;
  if (!Number.isInteger(offset) || offset <= 0 || offset >= text.length)
    throw badInput(
      `offset must be between 1 and ${text.length - 1}: a turn is split inside its text, with words on both sides.`,
    );
  if (isLowSurrogate(text.charCodeAt(offset)))
    throw badInput('offset falls inside a character; move it by one.');
  const firstText = text.slice(0, offset).trimEnd();
  const rest = text.slice(offset);
  const secondText = rest.trimStart();
  if (!firstText) throw badInput('There are no words before this point to keep in the turn.');
  if (!secondText) throw badInput('There are no words after this point to make a new turn of.');
  const cut = cutTime(turn, offset / text.length);
  return {
    first: { text: firstText, startMs: turn.startMs, endMs: cut ?? turn.endMs },
    second: { text: secondText, startMs: cut, endMs: cut === null ? null : turn.endMs },
    firstEnd: firstText.length,
    secondStart: offset + leadingSpace(rest),
  };
}

function cutTime(turn: TimedText, fraction: number): number | null {
  if (turn.startMs === null || turn.endMs === null || turn.endMs < turn.startMs) return null;
  return Math.round(turn.startMs + (turn.endMs - turn.startMs) * fraction);
}

/**
 * Joins a turn and the next with a single space; the merged turn starts when the first did and
 * ends when the second did.
 */
export function planMerge(first: TimedText, second: TimedText): MergePlan {
  const head = first.text.trimEnd();
  const tail = second.text.trimStart();
  return {
    merged: { text: `${head} ${tail}`, startMs: first.startMs, endMs: second.endMs },
    firstEnd: head.length,
    secondLead: second.text.length - tail.length,
    secondAt: head.length + 1,
  };
}

/**
 * Where a span lands after turn `ids.first` was split into it and `ids.second`. An end in the
 * whitespace at the cut stays with the first part, a start there moves to the second part.
 */
export function spanAfterSplit(
  plan: SplitPlan,
  ids: { first: string; second: string },
  span: Span,
): Span {
  const { start, end } = span;
  const moved = {
    start:
      start.segmentId !== ids.first
        ? start
        : start.offset < plan.firstEnd
          ? start
          : { segmentId: ids.second, offset: Math.max(0, start.offset - plan.secondStart) },
    end:
      end.segmentId !== ids.first
        ? end
        : end.offset > plan.secondStart
          ? { segmentId: ids.second, offset: end.offset - plan.secondStart }
          : { segmentId: ids.first, offset: Math.min(end.offset, plan.firstEnd) },
  };
  // Both ends inside the whitespace of the cut (only a highlight already needing attention can
  // be there): an empty span at the end of the first part.
  if (moved.start.segmentId === ids.second && moved.end.segmentId === ids.first)
    return { start: moved.end, end: moved.end };
  return moved;
}

/** Where a span lands after turn `ids.second` was merged into `ids.first`. */
export function spanAfterMerge(
  plan: MergePlan,
  ids: { first: string; second: string },
  span: Span,
): Span {
  const place = (p: TextPosition, isStart: boolean): TextPosition => {
    if (p.segmentId === ids.first)
      return isStart && p.offset >= plan.firstEnd
        ? { segmentId: ids.first, offset: plan.secondAt }
        : { segmentId: ids.first, offset: Math.min(p.offset, plan.firstEnd) };
    if (p.segmentId === ids.second)
      return !isStart && p.offset <= plan.secondLead
        ? { segmentId: ids.first, offset: plan.firstEnd }
        : {
            segmentId: ids.first,
            offset: plan.secondAt + Math.max(0, p.offset - plan.secondLead),
          };
    return p;
  };
  const start = place(span.start, true);
  const end = place(span.end, false);
  // Only possible for a highlight already needing attention whose ends were left crossed.
  if (start.segmentId === end.segmentId && start.offset > end.offset) return { start: end, end };
  return { start, end };
}

/**
 * Whether a quote read after a split or merge says the same as the old one: the same characters
 * once whitespace is set aside (the seam's space becomes a line break and back, and whitespace
 * at the cut falls away).
 */
export function sameWords(before: string, after: string): boolean {
  return before.replace(/\s+/g, '') === after.replace(/\s+/g, '');
}

/** A highlight or suggestion as stored: its two ends and its quote. */
export interface AnchoredRow {
  start_segment_id: string;
  start_offset: number;
  end_segment_id: string;
  end_offset: number;
  quote: string;
}

/**
 * Where a stored span lands after a split or merge (`move`), and its anchor there when it still
 * says the same: the same words, or with `exact` (a highlight already needing attention, whose
 * quote is the text it was made on) the same characters. `turns` are the transcript's turns
 * after the edit, in order, covering the span.
 */
export function follow(
  row: AnchoredRow,
  turns: AnchorSegment[],
  move: (span: Span) => Span,
  exact: boolean,
): { span: Span; anchor: ResolvedAnchor | null } {
  const span = move({
    start: { segmentId: row.start_segment_id, offset: row.start_offset },
    end: { segmentId: row.end_segment_id, offset: row.end_offset },
  });
  const from = turns.findIndex((t) => t.id === span.start.segmentId);
  const to = turns.findIndex((t) => t.id === span.end.segmentId);
  const anchor =
    from >= 0 && to >= from
      ? resolveAnchorOrNull(turns.slice(from, to + 1), span.start, span.end)
      : null;
  const same = anchor && (exact ? anchor.quote === row.quote : sameWords(row.quote, anchor.quote));
  return { span, anchor: same ? anchor : null };
}
