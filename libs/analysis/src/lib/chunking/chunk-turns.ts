import type { TurnText } from '../types';

/** A piece of a transcript sent to a model in one request. */
export interface Chunk {
  index: number;
  /** First and last turn index (TurnText.index) the chunk covers, inclusive. */
  firstTurn: number;
  lastTurn: number;
  /** One line per turn: `[T{index}] {speaker} (interviewer): {text}`. */
  text: string;
  /** estimateTokens(text). */
  tokens: number;
}

export interface ChunkOptions {
  maxTokens: number;
  overlapTokens: number;
}

const WIDE =
  /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}\p{Script=Thai}\u3000-\u303f\uff00-\uffef]/u;
const WIDE_GLOBAL = new RegExp(WIDE.source, 'gu');

/**
 * Rough token count without a tokenizer (none is installed): one token per CJK / Hangul / Thai
 * character (BPE vocabularies rarely merge them) plus one token per 4 UTF-16 units of the rest
 * (OpenAI's rule of thumb for English; errs high for plain English, low for code). Good enough
 * for budgeting chunks with a safety margin; never use it for billing.
 */
export function estimateTokens(text: string): number {
  if (!text) return 0;
  let wide = 0;
  if (WIDE.test(text)) wide = text.match(WIDE_GLOBAL)?.length ?? 0;
  const rest = text.length - wide;
  return wide + Math.ceil(rest / 4);
}

/** The line a turn becomes in a chunk; newlines inside the turn become spaces. */
export function renderTurnLine(turn: TurnText, text: string = turn.text): string {
  const speaker = (turn.speaker ?? '').replace(/\s+/g, ' ').trim() || 'Unknown';
  return `[T${turn.index}] ${speaker}${turn.isInterviewer ? ' (interviewer)' : ''}: ${text.replace(/\s*[\r\n]+\s*/g, ' ')}`;
}

/** Sentence-ish pieces of `text`, each ≤ maxTokens (hard-cut when a sentence alone is too long). */
function splitLongText(text: string, maxTokens: number): string[] {
  const sentences = text.match(/[^.!?。！？\n]+(?:[.!?。！？]+|\n+|$)\s*/gu) ?? [text];
  const pieces: string[] = [];
  let current = '';
  const flush = (): void => {
    if (current.trim()) pieces.push(current.trim());
    current = '';
  };
  for (const sentence of sentences) {
    if (estimateTokens(current + sentence) <= maxTokens) {
      current += sentence;
      continue;
    }
    flush();
    if (estimateTokens(sentence) <= maxTokens) {
      current = sentence;
      continue;
    }
    // A single over-long sentence: cut on whitespace near the budget, or hard-cut.
    let rest = sentence;
    while (estimateTokens(rest) > maxTokens) {
      let cut = Math.max(1, Math.floor(rest.length * (maxTokens / estimateTokens(rest))));
      while (cut > 1 && estimateTokens(rest.slice(0, cut)) > maxTokens) cut = Math.floor(cut * 0.9);
      const space = rest.lastIndexOf(' ', cut);
      if (space > cut / 2) cut = space;
      // never split a surrogate pair
      const code = rest.charCodeAt(cut - 1);
      if (code >= 0xd800 && code <= 0xdbff) cut--;
      if (cut < 1) cut = 1;
      pieces.push(rest.slice(0, cut).trim());
      rest = rest.slice(cut);
    }
    current = rest;
  }
  flush();
  return pieces.filter((p) => p.length > 0);
}

/**
 * Splits a transcript into chunks of at most `maxTokens` (estimated, including the speaker
 * labels) on turn boundaries. Consecutive chunks share up to `overlapTokens` worth of whole
 * turns (at least one turn when overlapTokens > 0 and the turn fits) so a passage cut by a
 * boundary is seen whole at least once. A turn longer than maxTokens on its own becomes one or
 * more chunks of its own (split by sentences) with firstTurn = lastTurn = that turn; nothing is
 * dropped. Whitespace-only turns are skipped.
 */
export function chunkTurns(turns: TurnText[], options: ChunkOptions): Chunk[] {
  const maxTokens = Math.max(16, Math.floor(options.maxTokens));
  const overlapTokens = Math.max(
    0,
    Math.min(Math.floor(options.overlapTokens), Math.floor(maxTokens / 2)),
  );
  const items = turns
    .filter((t) => t.text.trim().length > 0)
    .map((turn) => {
      const line = renderTurnLine(turn);
      return { turn, line, tokens: estimateTokens(line) + 1 };
    });
  const chunks: Chunk[] = [];
  const push = (first: number, last: number, text: string): void => {
    chunks.push({
      index: chunks.length,
      firstTurn: first,
      lastTurn: last,
      text,
      tokens: estimateTokens(text),
    });
  };

  let i = 0;
  while (i < items.length) {
    const head = items[i]!;
    if (head.tokens > maxTokens) {
      const labelTokens = estimateTokens(renderTurnLine(head.turn, '')) + 1;
      for (const piece of splitLongText(head.turn.text, Math.max(8, maxTokens - labelTokens))) {
        push(head.turn.index, head.turn.index, renderTurnLine(head.turn, piece));
      }
      i++;
      continue;
    }
    let j = i;
    let total = 0;
    while (
      j < items.length &&
      items[j]!.tokens <= maxTokens &&
      total + items[j]!.tokens <= maxTokens
    ) {
      total += items[j]!.tokens;
      j++;
    }
    // items[i..j-1] form the chunk
    push(
      head.turn.index,
      items[j - 1]!.turn.index,
      items
        .slice(i, j)
        .map((it) => it.line)
        .join('\n'),
    );
    if (j >= items.length) break;
    // Next chunk starts with the last whole turns worth ≤ overlapTokens, but always moves forward.
    // The overlap leaves room for the next new turn, so every chunk brings something new.
    const room = Math.min(overlapTokens, maxTokens - items[j]!.tokens);
    let k = j;
    let overlap = 0;
    while (k - 1 > i && overlap + items[k - 1]!.tokens <= room) {
      overlap += items[k - 1]!.tokens;
      k--;
    }
    // Don't start with overlap if the next turn is oversized (it gets chunks of its own).
    i = items[j]!.tokens > maxTokens ? j : k;
  }
  return chunks;
}
