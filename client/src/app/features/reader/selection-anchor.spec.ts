import { describe, expect, it } from 'vitest';
import { layoutTurn, spansByTurn } from './highlight-layout';
import {
  domPoint,
  nextWordBoundary,
  normalizeSelection,
  offsetIn,
  quoteOf,
  rangeToPoints,
  toAnchor,
} from './selection-anchor';

const turns = [
  { id: 'a', index: 10, text: 'We tried the export. 😅 It was odd.' },
  { id: 'b', index: 11, text: 'Then the team gave up.' },
  { id: 'c', index: 12, text: 'Right.' },
];
const texts = turns.map((t) => t.text);

/** Renders turns the way the reader does: runs as text nodes and spans, with a speaker line. */
function render(): HTMLElement {
  const root = document.createElement('div');
  const spans = spansByTurn(turns, [
    {
      id: 'h1',
      start: { segmentId: 'a', offset: 3 },
      end: { segmentId: 'a', offset: 19 },
      color: '#f00',
      needsAttention: false,
    },
    {
      id: 'h2',
      start: { segmentId: 'a', offset: 9 },
      end: { segmentId: 'b', offset: 8 },
      color: '#00f',
      needsAttention: false,
    },
  ]);
  for (const turn of turns) {
    const article = document.createElement('article');
    article.dataset['index'] = String(turn.index);
    const head = document.createElement('header');
    head.textContent = 'Speaker 0:01';
    const p = document.createElement('p');
    p.setAttribute('data-turn-text', '');
    for (const run of layoutTurn(turn.text, spans.get(turn.id) ?? []).runs) {
      if (!run.highlightIds.length) p.append(document.createTextNode(run.text));
      else {
        const span = document.createElement('span');
        span.textContent = run.text;
        p.append(span);
      }
    }
    article.append(head, p);
    root.append(article);
  }
  document.body.append(root);
  return root;
}

const position = (index: number) => turns.findIndex((t) => t.index === index);

describe('DOM offsets', () => {
  it('map exactly to text offsets with highlight spans inside, emoji included', () => {
    const root = render();
    const p = root.querySelector('[data-turn-text]')!;
    for (const offset of [0, 3, 9, 12, 19, 21, 23, 24, texts[0]!.length]) {
      const point = domPoint(p, offset);
      expect(offsetIn(p, point.node, point.offset)).toBe(offset);
    }
    root.remove();
  });

  it('turn a selection across two turns into start and end points', () => {
    const root = render();
    const [pa, pb] = Array.from(root.querySelectorAll('[data-turn-text]'));
    const range = document.createRange();
    const s = domPoint(pa!, 13);
    const e = domPoint(pb!, 8);
    range.setStart(s.node, s.offset);
    range.setEnd(e.node, e.offset);
    expect(rangeToPoints(range, root, position)).toEqual({
      start: { turn: 0, offset: 13 },
      end: { turn: 1, offset: 8 },
    });
    root.remove();
  });

  it('count a boundary on a speaker line as the start of that turn', () => {
    const root = render();
    const heads = root.querySelectorAll('header');
    const range = document.createRange();
    range.setStart(heads[1]!.firstChild!, 2);
    range.setEnd(heads[2]!.firstChild!, 3);
    expect(rangeToPoints(range, root, position)).toEqual({
      start: { turn: 1, offset: 0 },
      end: { turn: 2, offset: 0 },
    });
    root.remove();
  });
});

describe('normalizeSelection', () => {
  it('takes cut words whole and drops spaces at the ends', () => {
    expect(normalizeSelection(texts, { turn: 0, offset: 5 }, { turn: 0, offset: 15 })).toEqual({
      start: { turn: 0, offset: 3 },
      end: { turn: 0, offset: 19 },
    });
    expect(normalizeSelection(texts, { turn: 0, offset: 8 }, { turn: 0, offset: 13 })).toEqual({
      start: { turn: 0, offset: 9 },
      end: { turn: 0, offset: 12 },
    });
  });

  it('moves an end at the start of the next turn back to the end of the previous one', () => {
    const tidy = normalizeSelection(texts, { turn: 0, offset: 24 }, { turn: 1, offset: 0 });
    expect(tidy).toEqual({
      start: { turn: 0, offset: 24 },
      end: { turn: 0, offset: texts[0]!.length },
    });
  });

  it('accepts a backwards selection and refuses one of only spaces', () => {
    expect(normalizeSelection(texts, { turn: 1, offset: 4 }, { turn: 0, offset: 30 })).toEqual({
      start: { turn: 0, offset: 31 },
      end: { turn: 1, offset: 4 },
    });
    expect(normalizeSelection(texts, { turn: 0, offset: 2 }, { turn: 0, offset: 3 })).toBeNull();
  });
});

describe('anchors and quotes', () => {
  it('join turns with a line break, as the api stores the quote', () => {
    expect(quoteOf(texts, { turn: 0, offset: 27 }, { turn: 2, offset: 5 })).toBe(
      'was odd.\nThen the team gave up.\nRight',
    );
    expect(toAnchor(turns, { turn: 0, offset: 3 }, { turn: 1, offset: 4 })).toEqual({
      start: { segmentId: 'a', offset: 3 },
      end: { segmentId: 'b', offset: 4 },
      quote: 'tried the export. 😅 It was odd.\nThen',
    });
  });

  it('steps by words for shift+arrow selection', () => {
    expect(nextWordBoundary(texts[1]!, 0, true)).toBe(4);
    expect(nextWordBoundary(texts[1]!, 4, true)).toBe(8);
    expect(nextWordBoundary(texts[1]!, 8, false)).toBe(5);
  });
});
