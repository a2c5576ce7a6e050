import { describe, expect, it } from 'vitest';
import { type LaidHighlight, layoutTurn, layoutTurns, spansByTurn } from './highlight-layout';

const turns = [
  { id: 'a', index: 0, text: 'We tried the export.' },
  { id: 'b', index: 1, text: 'It was confusing 😅 honestly.' },
  { id: 'c', index: 2, text: 'Then we gave up.' },
];

const hl = (
  id: string,
  s: [string, number],
  e: [string, number],
  attention = false,
): LaidHighlight => ({
  id,
  start: { segmentId: s[0], offset: s[1] },
  end: { segmentId: e[0], offset: e[1] },
  color: `#${id.repeat(6).slice(0, 6)}`,
  needsAttention: attention,
});

describe('spansByTurn', () => {
  it('splits a highlight across turns into the part of each turn it covers', () => {
    const spans = spansByTurn(turns, [hl('1', ['a', 9], ['c', 4])]);
    expect(spans.get('a')).toMatchObject([{ id: '1', start: 9, end: 20 }]);
    expect(spans.get('b')).toMatchObject([{ id: '1', start: 0, end: turns[1]!.text.length }]);
    expect(spans.get('c')).toMatchObject([{ id: '1', start: 0, end: 4 }]);
  });

  it('leaves out a turn the highlight ends at offset 0 of', () => {
    const spans = spansByTurn(turns, [hl('1', ['a', 3], ['b', 0])]);
    expect(spans.has('b')).toBe(false);
  });

  it('shows the loaded part of a highlight whose end turn has not arrived yet', () => {
    const spans = spansByTurn(turns.slice(0, 2), [hl('1', ['b', 3], ['c', 4])]);
    expect(spans.get('b')).toMatchObject([{ start: 3, end: turns[1]!.text.length }]);
  });

  it('puts overlapping highlights on separate underline lanes and reuses free ones', () => {
    const spans = spansByTurn(turns, [
      hl('1', ['a', 0], ['a', 12]),
      hl('2', ['a', 3], ['a', 19]),
      hl('3', ['a', 13], ['a', 19]),
    ]);
    const lanes = Object.fromEntries(spans.get('a')!.map((s) => [s.id, s.lane]));
    expect(lanes).toEqual({ '1': 0, '2': 1, '3': 0 });
  });
});

describe('layoutTurn', () => {
  const text = turns[1]!.text;

  it('cuts the text into runs that join back to exactly the turn text', () => {
    const spans = spansByTurn(turns, [
      hl('1', ['b', 3], ['b', 16]),
      hl('2', ['b', 7], ['b', 19]),
    ]).get('b')!;
    const layout = layoutTurn(text, spans, [[17, 19]]);
    expect(layout.runs.map((r) => r.text).join('')).toBe(text);
    expect(layout.runs.map((r) => [r.start, r.end, r.highlightIds.join('+'), r.match])).toEqual([
      [0, 3, '', false],
      [3, 7, '1', false],
      [7, 16, '1+2', false],
      [16, 17, '2', false],
      [17, 19, '2', true],
      [19, text.length, '', false],
    ]);
  });

  it('gives every highlight of a run its own underline and tint, dashed when it needs attention', () => {
    const spans = spansByTurn(turns, [
      hl('1', ['b', 0], ['b', 10]),
      hl('2', ['b', 5], ['b', 10], true),
    ]).get('b')!;
    const overlap = layoutTurn(text, spans).runs.find((r) => r.highlightIds.length === 2)!;
    expect(overlap.style).toContain('padding-bottom: 6px');
    expect(overlap.style.match(/linear-gradient\(color-mix/g)).toHaveLength(2);
    expect(overlap.style).toContain('repeating-linear-gradient(90deg, #222222');
    expect(layoutTurn(text, []).runs).toEqual([
      { start: 0, end: text.length, text, highlightIds: [], match: false, style: '' },
    ]);
  });
});

describe('layoutTurns', () => {
  it('lays out only the turns something marks', () => {
    const layouts = layoutTurns(turns, [hl('1', ['a', 0], ['a', 2])], (t) =>
      t.index === 2 ? [[0, 4]] : [],
    );
    expect([...layouts.keys()]).toEqual(['a', 'c']);
    expect(layouts.get('c')!.runs[0]).toMatchObject({ text: 'Then', match: true });
  });

  it('handles a three-hour transcript with 500 highlights', () => {
    const many = Array.from({ length: 3900 }, (_, i) => ({
      id: `s${i}`,
      index: i,
      text: `Turn ${i}: we tried the new onboarding flow and the export step was confusing.`,
    }));
    const highlights = Array.from({ length: 500 }, (_, i) =>
      hl(`h${i}`, [`s${i * 7}`, 2], [`s${i * 7 + (i % 3)}`, 30]),
    );
    const layouts = layoutTurns(many, highlights, () => []);
    expect(layouts.size).toBeGreaterThanOrEqual(500);
    for (const [id, layout] of layouts)
      expect(layout.runs.map((r) => r.text).join('')).toBe(many[Number(id.slice(1))]!.text);
  });
});

describe('suggestions in the layout', () => {
  const text = turns[1]!.text;

  it('outlines a suggestion with dashed lines above and below and no tint', () => {
    const suggestion: LaidHighlight = { ...hl('9', ['b', 0], ['b', 6]), suggested: true };
    const run = layoutTurn(text, spansByTurn(turns, [suggestion]).get('b')!).runs[0]!;
    expect(run.suggested).toBe(true);
    expect(run.style).not.toContain('color-mix');
    expect(run.style.match(/repeating-linear-gradient/g)).toHaveLength(2);
    expect(run.style).toContain('background-position: 0 calc(100% - 0px), 0 0');
  });

  it('keeps a real highlight filled where a suggestion overlaps it', () => {
    const suggestion: LaidHighlight = { ...hl('9', ['b', 0], ['b', 10]), suggested: true };
    const spans = spansByTurn(turns, [hl('1', ['b', 0], ['b', 10]), suggestion]).get('b')!;
    const run = layoutTurn(text, spans).runs[0]!;
    expect(run.highlightIds).toEqual(['1', '9']);
    expect(run.style.match(/linear-gradient\(color-mix/g)).toHaveLength(1);
    expect(run.suggested).toBe(true);
  });
});
