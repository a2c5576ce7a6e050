import type { ReaderHighlightFragment } from '@verbatim/contracts';

type TextPosition = ReaderHighlightFragment['start'];

/** A position by turn order (index into the loaded turns) and UTF-16 offset. */
export interface TurnPoint {
  turn: number;
  offset: number;
}

export interface TurnAnchor {
  start: TextPosition;
  end: TextPosition;
  /** Exactly what the api will store as the quote: turns joined with a line break. */
  quote: string;
}

const WORD_CHAR = /[\p{L}\p{N}'’_-]/u;
const isLowSurrogate = (code: number) => code >= 0xdc00 && code <= 0xdfff;

/** Offset of a DOM point within a turn's text element: the length of the text before it. */
export function offsetIn(textElement: Element, node: Node, offset: number): number {
  const range = textElement.ownerDocument.createRange();
  range.setStart(textElement, 0);
  range.setEnd(node, offset);
  return range.toString().length;
}

/**
 * The turns a DOM range touches, as turn points: a boundary outside a turn's text (on the
 * speaker line, between turns) counts as that text's start or end. Turns are `article` elements
 * with `data-index` holding a `[data-turn-text]` element.
 */
export function rangeToPoints(
  range: Range,
  root: Element,
  positionOf: (index: number) => number | undefined,
): { start: TurnPoint; end: TurnPoint } | null {
  const articles = Array.from(root.querySelectorAll('article[data-index]')).filter((a) =>
    range.intersectsNode(a),
  );
  const first = articles[0];
  const last = articles.at(-1);
  if (!first || !last) return null;
  const point = (article: Element, node: Node, offset: number, atEnd: boolean) => {
    const text = article.querySelector('[data-turn-text]');
    const turn = positionOf(Number(article.getAttribute('data-index')));
    if (!text || turn === undefined) return null;
    let at: number;
    if (text.contains(node)) at = offsetIn(text, node, offset);
    else if (article.contains(node))
      at =
        text.compareDocumentPosition(node) & Node.DOCUMENT_POSITION_PRECEDING
          ? 0
          : textLength(text);
    else at = atEnd ? textLength(text) : 0;
    return { turn, offset: at };
  };
  const start = point(first, range.startContainer, range.startOffset, false);
  const end = point(last, range.endContainer, range.endOffset, true);
  return start && end ? { start, end } : null;
}

const textLength = (el: Element) => (el.textContent ?? '').length;

/**
 * A selection made tidy for a highlight: boundaries on the edge of a turn move into the turn
 * that has the text, spaces at either end are dropped, and words cut in half are taken whole.
 * `texts` are the turns' texts in order. Null when nothing but spaces is left.
 */
export function normalizeSelection(
  texts: readonly string[],
  from: TurnPoint,
  to: TurnPoint,
): { start: TurnPoint; end: TurnPoint } | null {
  let start = { ...from };
  let end = { ...to };
  if (end.turn < start.turn || (end.turn === start.turn && end.offset < start.offset))
    [start, end] = [end, start];
  const text = (p: TurnPoint) => texts[p.turn] ?? '';
  for (;;) {
    while (start.offset < text(start).length && /\s/.test(text(start)[start.offset]!))
      start.offset++;
    if (start.offset < text(start).length || start.turn >= end.turn) break;
    start = { turn: start.turn + 1, offset: 0 };
  }
  for (;;) {
    while (end.offset > 0 && /\s/.test(text(end)[end.offset - 1]!)) end.offset--;
    if (end.offset > 0 || end.turn <= start.turn) break;
    end = { turn: end.turn - 1, offset: text({ turn: end.turn - 1, offset: 0 }).length };
  }
  const s = text(start);
  while (
    start.offset > 0 &&
    WORD_CHAR.test(s[start.offset - 1]!) &&
    WORD_CHAR.test(s[start.offset]!)
  )
    start.offset--;
  const e = text(end);
  while (
    end.offset < e.length &&
    WORD_CHAR.test(e[end.offset]!) &&
    WORD_CHAR.test(e[end.offset - 1] ?? '')
  )
    end.offset++;
  if (start.offset > 0 && isLowSurrogate(s.charCodeAt(start.offset))) start.offset--;
  if (end.offset < e.length && isLowSurrogate(e.charCodeAt(end.offset))) end.offset++;
  if (start.turn > end.turn || (start.turn === end.turn && end.offset <= start.offset)) return null;
  return { start, end };
}

/** The quote the api stores for these points, as anchor.ts resolves it. */
export function quoteOf(texts: readonly string[], start: TurnPoint, end: TurnPoint): string {
  if (start.turn === end.turn) return (texts[start.turn] ?? '').slice(start.offset, end.offset);
  const middle = texts.slice(start.turn + 1, end.turn);
  return [
    (texts[start.turn] ?? '').slice(start.offset),
    ...middle,
    (texts[end.turn] ?? '').slice(0, end.offset),
  ].join('\n');
}

/** Turn points to the api's anchor, by segment id. */
export function toAnchor(
  turns: readonly { id: string; text: string }[],
  start: TurnPoint,
  end: TurnPoint,
): TurnAnchor | null {
  const a = turns[start.turn];
  const b = turns[end.turn];
  if (!a || !b) return null;
  const texts = turns.map((t) => t.text);
  return {
    start: { segmentId: a.id, offset: start.offset },
    end: { segmentId: b.id, offset: end.offset },
    quote: quoteOf(texts, start, end),
  };
}

/** The DOM point (text node and offset) at a text offset inside a turn's text element. */
export function domPoint(textElement: Element, offset: number): { node: Node; offset: number } {
  const walker = textElement.ownerDocument.createTreeWalker(textElement, NodeFilter.SHOW_TEXT);
  let left = offset;
  let last: Text | null = null;
  for (let node = walker.nextNode() as Text | null; node; node = walker.nextNode() as Text | null) {
    if (left <= node.data.length) return { node, offset: left };
    left -= node.data.length;
    last = node;
  }
  return last ? { node: last, offset: last.data.length } : { node: textElement, offset: 0 };
}

/** The next word boundary from `offset` in `text`, forwards or backwards (for shift+arrows). */
export function nextWordBoundary(text: string, offset: number, forward: boolean): number {
  let i = offset;
  if (forward) {
    while (i < text.length && !WORD_CHAR.test(text[i]!)) i++;
    while (i < text.length && WORD_CHAR.test(text[i]!)) i++;
  } else {
    while (i > 0 && !WORD_CHAR.test(text[i - 1]!)) i--;
    while (i > 0 && WORD_CHAR.test(text[i - 1]!)) i--;
  }
  return i;
}
