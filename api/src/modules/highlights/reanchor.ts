import {
  cleanupSemantic,
  DIFF_EQUAL,
  DIFF_INSERT,
  type Diff,
  makeDiff,
} from '@sanity/diff-match-patch';
import { distance } from 'fastest-levenshtein';

/**
 * Re-anchoring a highlight after one turn's text was corrected. Pure: the caller passes the old
 * and new text of the turn and the highlight's ends that fall in it.
 *
 * 1. By the exact quote: the highlight's text in this turn is looked for in the new text (the
 *    occurrence whose stored prefix/suffix match, then the one nearest the old position carried
 *    through the diff). A part that runs to the turn's end (or from its start) must still end
 *    (or start) the turn.
 * 2. Else by position: both ends are carried through a character diff of old -> new, and the
 *    result is accepted only when its text is close to the old one (normalised similarity).
 * Otherwise the highlight cannot be re-anchored; the carried positions are a best guess.
 *
 * diff-match-patch gives the diff (Myers with semantic clean-up, in UTF-16 code units like our
 * offsets) and a Levenshtein distance computed from it, which stays fast for long turns where a
 * plain O(n·m) distance would not.
 */

/** Below this normalised similarity, a span carried through the diff is not the same text. */
export const MIN_SIMILARITY = 0.8;

export interface SpanInTurn {
  /** The highlight's start offset in this turn, or null when it starts in an earlier turn. */
  start: number | null;
  /** The highlight's end offset in this turn, or null when it ends in a later turn. */
  end: number | null;
  /** Stored text-quote context, used to choose between repeated occurrences. */
  prefix: string;
  suffix: string;
}

export interface Reanchored {
  ok: boolean;
  /** New offsets in the corrected turn (null where the span continues into another turn). */
  start: number | null;
  end: number | null;
}

/** What changed between two versions of a turn, in human-sized pieces (at most 1 s of work). */
export function diffTexts(oldText: string, newText: string): Diff[] {
  return cleanupSemantic(makeDiff(oldText, newText, { timeout: 1 }));
}

export function reanchorInTurn(oldText: string, newText: string, span: SpanInTurn): Reanchored {
  if (span.start === null && span.end === null) return { ok: true, start: null, end: null };
  const diffs = diffTexts(oldText, newText);
  const guess = carry(diffs, span, oldText, newText);
  const oldPart = oldText.slice(span.start ?? 0, span.end ?? oldText.length);
  const exact = findExact(newText, oldPart, span, guess);
  if (exact) return { ok: true, ...exact };
  const from = guess.start ?? 0;
  const to = guess.end ?? newText.length;
  if (to > from && similarity(oldPart, newText.slice(from, to)) >= MIN_SIMILARITY)
    return { ok: true, ...guess };
  return { ok: false, ...guess };
}

/**
 * Where a quote that was lost by an earlier correction now stands, if its exact text is back in
 * the turn (single-turn highlights only): the occurrence whose context matches, then the nearest.
 */
export function findQuote(
  text: string,
  quote: string,
  context: { prefix: string; suffix: string },
  near: number,
): number | null {
  if (!quote) return null;
  let best: { at: number; score: number; distance: number } | null = null;
  for (
    let at = text.indexOf(quote), seen = 0;
    at !== -1 && seen < 1000;
    at = text.indexOf(quote, at + 1), seen++
  ) {
    const before = text.slice(0, at);
    const after = text.slice(at + quote.length);
    const score = Number(tail(context.prefix, before)) + Number(head(context.suffix, after));
    const distance = Math.abs(at - near);
    if (!best || score > best.score || (score === best.score && distance < best.distance))
      best = { at, score, distance };
  }
  return best?.at ?? null;
}

/**
 * Both ends carried through the diff. An end that was on a word boundary stays on one (a
 * character diff of "teh" -> "the" would otherwise cut the corrected word), and no end falls in
 * the middle of a surrogate pair.
 */
export function carry(
  diffs: Diff[],
  span: { start: number | null; end: number | null },
  oldText: string,
  newText: string,
): { start: number | null; end: number | null } {
  let start: number | null = null;
  let end: number | null = null;
  if (span.start !== null) {
    start = mapStart(diffs, span.start);
    if (onBoundary(oldText, span.start)) while (start > 0 && !onBoundary(newText, start)) start--;
    start = outOfPair(newText, start, -1);
  }
  if (span.end !== null) {
    end = mapEnd(diffs, span.end);
    if (onBoundary(oldText, span.end))
      while (end < newText.length && !onBoundary(newText, end)) end++;
    end = outOfPair(newText, end, +1);
  }
  return { start, end: end !== null && start !== null ? Math.max(start, end) : end };
}

const WORD = /[\p{L}\p{N}_'’]/u;
const isWord = (c: string | undefined) => c !== undefined && WORD.test(c);

/** Is `offset` not between two word characters? */
function onBoundary(text: string, offset: number): boolean {
  return !isWord(text[offset - 1]) || !isWord(text[offset]);
}

/** 0..1: one minus the edit distance over the longer length, ignoring case and spacing. */
export function similarity(a: string, b: string): number {
  const x = normalise(a);
  const y = normalise(b);
  const longest = Math.max(x.length, y.length);
  if (!longest) return 1;
  return 1 - distance(x, y) / longest;
}

function findExact(
  newText: string,
  oldPart: string,
  span: SpanInTurn,
  guess: { start: number | null; end: number | null },
): { start: number | null; end: number | null } | null {
  if (span.start !== null && span.end !== null) {
    const at = findQuote(newText, oldPart, span, guess.start ?? 0);
    return at === null ? null : { start: at, end: at + oldPart.length };
  }
  // The highlight continues into the next turn: its part here must still end this turn.
  if (span.start !== null)
    return newText.endsWith(oldPart) ? { start: newText.length - oldPart.length, end: null } : null;
  // It began in an earlier turn: its part here must still start this turn.
  return newText.startsWith(oldPart) ? { start: null, end: oldPart.length } : null;
}

/**
 * A start inside replaced text moves to the start of the replacement; text inserted exactly at
 * the start stays outside the highlight.
 */
function mapStart(diffs: Diff[], offset: number): number {
  let oldAt = 0;
  let newAt = 0;
  for (const [op, text] of diffs) {
    const length = text.length;
    if (op === DIFF_INSERT) {
      newAt += length;
      continue;
    }
    if (offset < oldAt + length) return op === DIFF_EQUAL ? newAt + (offset - oldAt) : newAt;
    oldAt += length;
    if (op === DIFF_EQUAL) newAt += length;
  }
  return newAt;
}

/**
 * An end inside (or right after) replaced text moves to the end of the replacement; text
 * inserted exactly at the end stays outside the highlight.
 */
function mapEnd(diffs: Diff[], offset: number): number {
  if (offset === 0) return 0;
  let oldAt = 0;
  let newAt = 0;
  for (let i = 0; i < diffs.length; i++) {
    const [op, text] = diffs[i]!;
    const length = text.length;
    if (op === DIFF_INSERT) {
      newAt += length;
      continue;
    }
    if (offset <= oldAt + length) {
      if (op === DIFF_EQUAL) return newAt + (offset - oldAt);
      const next = diffs[i + 1];
      return next && next[0] === DIFF_INSERT ? newAt + next[1].length : newAt;
    }
    oldAt += length;
    if (op === DIFF_EQUAL) newAt += length;
  }
  return newAt;
}

const isLowSurrogate = (code: number) => code >= 0xdc00 && code <= 0xdfff;

function outOfPair(text: string, offset: number, direction: -1 | 1): number {
  return offset > 0 && offset < text.length && isLowSurrogate(text.charCodeAt(offset))
    ? offset + direction
    : offset;
}

function normalise(s: string): string {
  return s.normalize('NFKC').toLowerCase().replace(/\s+/g, ' ').trim();
}

/** Does the text before an occurrence match the stored prefix (empty: the turn's start)? */
function tail(prefix: string, before: string): boolean {
  return prefix ? before.endsWith(prefix) : before.length === 0;
}

function head(suffix: string, after: string): boolean {
  return suffix ? after.startsWith(suffix) : after.length === 0;
}
