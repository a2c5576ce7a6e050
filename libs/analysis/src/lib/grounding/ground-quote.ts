import type { TurnSpan, TurnText } from '../types';
import { approximateMatch } from './fuzzy';
import { meaningChange } from './meaning';
import { normalizeText, normalizeWithMap, type NormalizedText } from './normalize';

/**
 * How a quote was found: EXACT (the same characters), NORMALISED (the same words once case,
 * punctuation, quotes, dashes, whitespace and accents are set aside) or FUZZY (close enough,
 * similarity ≥ 0.85, with the same negations and numbers).
 */
export type MatchKind = 'EXACT' | 'NORMALISED' | 'FUZZY';

/** A quote located in a transcript; `quote` is the transcript's own text between the offsets. */
export interface GroundedQuote extends TurnSpan {
  quote: string;
  matchKind: MatchKind;
  /** The same as `matchKind`, in lower case (kept for existing callers). */
  method: 'exact' | 'normalized' | 'fuzzy';
  /** 1 for exact and normalised matches; 1 − editDistance/length (normalised text) for fuzzy ones. */
  similarity: number;
}

/** Why a quote was not grounded: not found at all, or found only with another meaning. */
export type GroundingFailure = 'NOT_FOUND' | 'MEANING_CHANGED';

export type GroundingOutcome =
  | { grounded: GroundedQuote; failure: null }
  | { grounded: null; failure: GroundingFailure; detail?: string };

const MATCH_KIND: Record<GroundedQuote['method'], MatchKind> = {
  exact: 'EXACT',
  normalized: 'NORMALISED',
  fuzzy: 'FUZZY',
};

export interface GroundQuoteOptions {
  /** Turn index range (inclusive) the quote is expected in, e.g. the chunk the model saw. */
  firstTurn?: number;
  lastTurn?: number;
  /**
   * When true, only the hint range is searched. Default false: exact and normalised matches
   * anywhere in the transcript are accepted (the one inside / nearest the hint range wins);
   * the fuzzy stage always stays within the hint range (plus a margin) when one is given.
   */
  strict?: boolean;
}

/** Fuzzy matching is only tried for quotes up to this many characters (normalised). */
export const MAX_FUZZY_QUOTE_LENGTH = 600;
/** Fuzzy matching needs at least this many characters: short quotes match too easily. */
export const MIN_FUZZY_QUOTE_LENGTH = 12;
/** Minimum similarity of a fuzzy match. */
export const FUZZY_THRESHOLD = 0.85;
/** A single region searched exhaustively by the fuzzy stage is at most this many cells. */
const MAX_FUZZY_CELLS = 3_000_000;
const MAX_OCCURRENCES = 2000;

const WORD_CHAR = /[\p{L}\p{N}\p{M}]/u;
const NO_SPACE_SCRIPT = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Thai}]/u;
/** Speaker labels of chunk text (`[T12] Maria (interviewer): `) a model may copy into a quote. */
const TURN_LABEL = /\[T\d{1,7}\][^\n:]{0,80}?:[ \t]*/g;

interface Doc {
  turns: TurnText[];
  text: string;
  /** Joined offset where each turn starts. */
  starts: number[];
  normalized?: NormalizedText;
}

function buildDoc(turns: TurnText[]): Doc {
  const sorted = turns.every((t, i) => i === 0 || (turns[i - 1] as TurnText).index < t.index)
    ? turns
    : [...turns].sort((a, b) => a.index - b.index);
  const starts: number[] = [];
  let offset = 0;
  for (const t of sorted) {
    starts.push(offset);
    offset += t.text.length + 1;
  }
  return { turns: sorted, text: sorted.map((t) => t.text).join('\n'), starts };
}

function normalizedDoc(doc: Doc): NormalizedText {
  doc.normalized ??= normalizeWithMap(doc.text);
  return doc.normalized;
}

/** Joined-text range [start, end) of the turns inside the hint, or null when no hint applies. */
function hintRange(doc: Doc, options: GroundQuoteOptions): [number, number] | null {
  if (options.firstTurn === undefined && options.lastTurn === undefined) return null;
  const lo = options.firstTurn ?? -Infinity;
  const hi = options.lastTurn ?? Infinity;
  let start = -1;
  let end = -1;
  doc.turns.forEach((t, k) => {
    if (t.index < lo || t.index > hi) return;
    const s = doc.starts[k] as number;
    if (start < 0) start = s;
    end = s + t.text.length;
  });
  return start < 0 ? [0, 0] : [start, end];
}

function turnAt(doc: Doc, pos: number): number {
  let lo = 0;
  let hi = doc.starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if ((doc.starts[mid] as number) <= pos) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

function codePointBefore(text: string, pos: number): string {
  if (pos <= 0) return '';
  const c = text.charCodeAt(pos - 1);
  if (c >= 0xdc00 && c <= 0xdfff && pos >= 2) return text.slice(pos - 2, pos);
  return text.charAt(pos - 1);
}

function codePointAt(text: string, pos: number): string {
  const cp = text.codePointAt(pos);
  return cp === undefined ? '' : String.fromCodePoint(cp);
}

function isWordChar(cp: string): boolean {
  return cp !== '' && WORD_CHAR.test(cp) && !NO_SPACE_SCRIPT.test(cp);
}

/**
 * Trims whitespace at both ends, then widens a span that starts or ends in the middle of a
 * word to the whole word (at most 40 chars each way; never for scripts written without spaces).
 */
function tidySpan(text: string, start: number, end: number): [number, number] | null {
  while (start < end && /\s/.test(text.charAt(start))) start++;
  while (end > start && /\s/.test(text.charAt(end - 1))) end--;
  if (end <= start) return null;
  for (
    let n = 0;
    n < 40 && isWordChar(codePointBefore(text, start)) && isWordChar(codePointAt(text, start));
    n++
  ) {
    start -= codePointBefore(text, start).length;
  }
  for (
    let n = 0;
    n < 40 && isWordChar(codePointAt(text, end)) && isWordChar(codePointBefore(text, end));
    n++
  ) {
    end += codePointAt(text, end).length;
  }
  return [start, end];
}

const PUNCT = /[\p{P}\p{S}]/u;

function toResult(
  doc: Doc,
  start: number,
  end: number,
  method: GroundedQuote['method'],
  sim: number,
  asked?: string,
): GroundedQuote | null {
  const tidy = tidySpan(doc.text, start, end);
  if (!tidy) return null;
  let [s, e] = tidy;
  // The model's quote ended/started with punctuation ("… then?"): keep the transcript's own.
  if (asked && PUNCT.test(codePointBefore(asked, asked.length))) {
    for (let n = 0; n < 3 && PUNCT.test(codePointAt(doc.text, e)); n++)
      e += codePointAt(doc.text, e).length;
  }
  if (asked && PUNCT.test(codePointAt(asked, 0))) {
    for (let n = 0; n < 3 && PUNCT.test(codePointBefore(doc.text, s)); n++)
      s -= codePointBefore(doc.text, s).length;
  }
  const sk = turnAt(doc, s);
  const ek = turnAt(doc, e - 1);
  return {
    startIndex: (doc.turns[sk] as TurnText).index,
    startOffset: s - (doc.starts[sk] as number),
    endIndex: (doc.turns[ek] as TurnText).index,
    endOffset: e - (doc.starts[ek] as number),
    quote: doc.text.slice(s, e),
    matchKind: MATCH_KIND[method],
    method,
    similarity: sim,
  };
}

/** Ranks an occurrence [s, e): inside the hint first, then overlapping, then nearest; earlier wins ties. */
function rank(s: number, e: number, hint: [number, number] | null, wholeWord: boolean): number[] {
  if (!hint) return [0, wholeWord ? 0 : 1, s];
  const [hs, he] = hint;
  const cls = s >= hs && e <= he ? 0 : s < he && e > hs ? 1 : 2;
  const distance = e <= hs ? hs - e : s >= he ? s - he : 0;
  return [cls, wholeWord ? 0 : 1, distance, s];
}

function better(a: number[], b: number[]): boolean {
  for (let i = 0; i < a.length; i++) {
    if ((a[i] as number) !== (b[i] as number)) return (a[i] as number) < (b[i] as number);
  }
  return false;
}

/** The best occurrence of `needle` in `hay` (all occurrences ranked by `rank`). */
function bestOccurrence(
  hay: string,
  needle: string,
  toJoined: (s: number, e: number) => [number, number],
  hint: [number, number] | null,
  strict: boolean,
): [number, number] | null {
  let best: [number, number] | null = null;
  let bestRank: number[] | null = null;
  let from = 0;
  for (let n = 0; n < MAX_OCCURRENCES; n++) {
    const at = hay.indexOf(needle, from);
    if (at < 0) break;
    from = at + 1;
    const [s, e] = toJoined(at, at + needle.length);
    if (strict && hint && (s < hint[0] || e > hint[1])) continue;
    const wholeWord =
      !(isWordChar(codePointBefore(hay, at)) && isWordChar(codePointAt(hay, at))) &&
      !(
        isWordChar(codePointAt(hay, at + needle.length)) &&
        isWordChar(codePointBefore(hay, at + needle.length))
      );
    const r = rank(s, e, hint, wholeWord);
    if (!bestRank || better(r, bestRank)) {
      best = [s, e];
      bestRank = r;
    }
  }
  return best;
}

/** Normalised offset of the first char whose original start is ≥ `joined`. */
function lowerBound(arr: Int32Array, value: number): number {
  let lo = 0;
  let hi = arr.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((arr[mid] as number) < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Candidate window starts (normalised offsets) voted by the quote's words. */
function candidateRegions(
  nq: string,
  hay: string,
  from: number,
  to: number,
  limit: number,
): [number, number][] {
  const qWords = new Map<string, number[]>();
  const wordRe = /\S+/g;
  const all: { w: string; off: number }[] = [];
  for (let m = wordRe.exec(nq); m; m = wordRe.exec(nq)) all.push({ w: m[0], off: m.index });
  const useShort = all.length <= 4;
  for (const { w, off } of all) {
    if (!useShort && w.length <= 2) continue;
    const list = qWords.get(w) ?? [];
    list.push(off);
    qWords.set(w, list);
  }
  const m = nq.length;
  const bucketSize = Math.max(8, Math.floor(m / 4));
  const votes = new Map<number, number>();
  const re = /\S+/g;
  re.lastIndex = from;
  let budget = 500_000;
  for (let w = re.exec(hay); w && w.index < to && budget > 0; w = re.exec(hay)) {
    const offs = qWords.get(w[0]);
    if (!offs) continue;
    for (const off of offs) {
      const b = Math.floor((w.index - off) / bucketSize);
      votes.set(b, (votes.get(b) ?? 0) + 1);
      budget--;
    }
  }
  const scored = [...votes.keys()].map((b) => ({
    b,
    score: (votes.get(b) ?? 0) + 0.5 * ((votes.get(b - 1) ?? 0) + (votes.get(b + 1) ?? 0)),
  }));
  scored.sort((x, y) => y.score - x.score || x.b - y.b);
  const picked: number[] = [];
  for (const { b } of scored) {
    if (picked.length >= limit) break;
    if (picked.some((p) => Math.abs(p - b) <= 2)) continue;
    picked.push(b);
  }
  return picked.map((b) => [
    Math.max(from, b * bucketSize - Math.ceil(m / 2)),
    Math.min(to, (b + 1) * bucketSize + Math.ceil(m * 1.5)),
  ]);
}

function fuzzyStage(
  doc: Doc,
  q: string,
  nq: string,
  hint: [number, number] | null,
  strict: boolean,
): GroundingOutcome {
  const notFound: GroundingOutcome = { grounded: null, failure: 'NOT_FOUND' };
  if (nq.length < MIN_FUZZY_QUOTE_LENGTH || nq.length > MAX_FUZZY_QUOTE_LENGTH) return notFound;
  const nd = normalizedDoc(doc);
  let from = 0;
  let to = nd.text.length;
  if (hint) {
    const margin = strict ? 0 : nq.length;
    from = Math.max(0, lowerBound(nd.starts, hint[0]) - margin);
    to = Math.min(nd.text.length, lowerBound(nd.starts, hint[1]) + margin);
  }
  if (to - from < Math.floor(nq.length * FUZZY_THRESHOLD)) return notFound;
  const regions: [number, number][] =
    (to - from) * nq.length <= MAX_FUZZY_CELLS
      ? [[from, to]]
      : candidateRegions(nq, nd.text, from, to, 3);
  let best: { start: number; end: number; sim: number } | null = null;
  for (const [rs, re] of regions) {
    const match = approximateMatch(nq, nd.text, rs, re);
    if (!match || match.end <= match.start) continue;
    const sim = 1 - match.distance / Math.max(nq.length, match.end - match.start);
    if (!best || sim > best.sim) best = { start: match.start, end: match.end, sim };
  }
  if (!best || best.sim < FUZZY_THRESHOLD) return notFound;
  let { start, end } = best;
  while (start < end && nd.text.charAt(start) === ' ') start++;
  while (end > start && nd.text.charAt(end - 1) === ' ') end--;
  if (end <= start) return notFound;
  const result = toResult(
    doc,
    nd.starts[start] as number,
    nd.ends[end - 1] as number,
    'fuzzy',
    Math.round(best.sim * 1000) / 1000,
    q,
  );
  if (!result) return notFound;
  // Close in characters is not close in meaning when a negation or a number differs, in the
  // words matched or in the words next to them that the quote's first or last word stood for.
  const asked = q.replace(TURN_LABEL, ' ');
  const change =
    meaningChange(asked, result.quote) ?? meaningChange(asked, edgeContext(doc, result, nq));
  if (change) {
    return {
      grounded: null,
      failure: 'MEANING_CHANGED',
      detail: `${change === 'NEGATION' ? 'a negation' : 'a number'} differs from the transcript's words: “${clipText(result.quote, 120)}”`,
    };
  }
  return { grounded: result, failure: null };
}

/**
 * The matched words, widened by up to two words (same turn) on a side where the quote's edge
 * word is not the match's: "I had to call" matched in "I never had to call" starts at "had",
 * and the "never" it skipped is taken in.
 */
function edgeContext(doc: Doc, result: GroundedQuote, nq: string): string {
  const k = doc.turns.findIndex((t) => t.index === result.startIndex);
  if (k < 0) return result.quote;
  let from = (doc.starts[k] as number) + result.startOffset;
  let to = from + result.quote.length;
  const qWords = nq.split(' ');
  const mWords = normalizeText(result.quote).split(' ');
  if (qWords[0] !== mWords[0]) {
    const line =
      doc.text
        .slice(Math.max(0, from - 80), from)
        .split('\n')
        .at(-1) ?? '';
    from -= /(?:\S+[ \t]+){0,2}$/u.exec(line)?.[0].length ?? 0;
  }
  if (qWords.at(-1) !== mWords.at(-1)) {
    const line = doc.text.slice(to, to + 80).split('\n')[0] ?? '';
    to += /^(?:[ \t]*\S+){0,2}/u.exec(line)?.[0].length ?? 0;
  }
  return doc.text.slice(from, to);
}

function clipText(text: string, max: number): string {
  const t = text.replace(/\s+/g, ' ').trim();
  return t.length <= max ? t : `${t.slice(0, max - 1)}…`;
}

/**
 * Locates a quote (typically returned by a model) in a transcript: exact match, then a
 * normalised match (case, whitespace incl. turn breaks, quotes/dashes, punctuation,
 * diacritics), then — for quotes of 12..600 normalised chars — a bounded fuzzy match with
 * similarity ≥ 0.85 that keeps the quote's negations and numbers. The result's `quote` is
 * always the transcript's own text between the returned offsets (turns joined with '\n'),
 * trimmed, and widened to whole words. Returns null when nothing meets the bar.
 */
export function groundQuote(
  quote: string,
  turns: TurnText[],
  options: GroundQuoteOptions = {},
): GroundedQuote | null {
  return locateQuote(quote, turns, options).grounded;
}

/** `groundQuote`, saying why a quote was not grounded. */
export function locateQuote(
  quote: string,
  turns: TurnText[],
  options: GroundQuoteOptions = {},
): GroundingOutcome {
  const notFound: GroundingOutcome = { grounded: null, failure: 'NOT_FOUND' };
  if (typeof quote !== 'string' || !turns.length) return notFound;
  const q = quote.trim();
  if (!q) return notFound;
  const doc = buildDoc(turns);
  if (!doc.text.trim()) return notFound;
  const hint = hintRange(doc, options);
  const strict = options.strict === true && hint !== null;

  // (a) exact
  if (q.length <= doc.text.length) {
    const hit = bestOccurrence(doc.text, q, (s, e) => [s, e], hint, strict);
    if (hit) {
      const res = toResult(doc, hit[0], hit[1], 'exact', 1);
      if (res) return { grounded: res, failure: null };
    }
  }

  // A quote far longer than the whole transcript cannot match even after normalisation.
  if (q.length > doc.text.length * 4 + 1000) return notFound;

  // (b) normalised
  const nq = normalizeText(q.replace(TURN_LABEL, ' '));
  if (!nq) return notFound;
  const nd = normalizedDoc(doc);
  if (nq.length <= nd.text.length) {
    const hit = bestOccurrence(
      nd.text,
      nq,
      (s, e) => [nd.starts[s] as number, nd.ends[e - 1] as number],
      hint,
      strict,
    );
    if (hit) {
      const res = toResult(doc, hit[0], hit[1], 'normalized', 1, q);
      if (res) return { grounded: res, failure: null };
    }
  }

  // (c) bounded fuzzy
  return fuzzyStage(doc, q, nq, hint, strict);
}
