import { resolveAnchor } from './anchor';

const seg = (id: string, index: number, text: string) => ({ id, index, text });

describe('resolveAnchor', () => {
  const a = seg('a', 0, 'We plan research on Mondays, mostly.');
  const b = seg('b', 1, 'Then the interviews start.');
  const c = seg('c', 2, 'Scheduling across time zones is hard.');

  it('quotes exactly the text between two offsets of one turn, with context', () => {
    const r = resolveAnchor([a], { segmentId: 'a', offset: 3 }, { segmentId: 'a', offset: 16 });
    expect(r.quote).toBe(a.text.slice(3, 16));
    expect(r.prefix).toBe('We ');
    expect(r.suffix).toBe(a.text.slice(16, 48));
  });

  it('joins turns of a cross-turn highlight with line breaks and keeps middle turns whole', () => {
    const r = resolveAnchor(
      [a, b, c],
      { segmentId: 'a', offset: 29 },
      { segmentId: 'c', offset: 10 },
    );
    expect(r.quote).toBe('mostly.\nThen the interviews start.\nScheduling');
  });

  it('counts offsets in UTF-16 code units and refuses one inside a surrogate pair', () => {
    const e = seg('e', 0, 'Good 👍 idea');
    expect(
      resolveAnchor([e], { segmentId: 'e', offset: 5 }, { segmentId: 'e', offset: 7 }).quote,
    ).toBe('👍');
    expect(() =>
      resolveAnchor([e], { segmentId: 'e', offset: 6 }, { segmentId: 'e', offset: 8 }),
    ).toThrow(/inside a character/);
  });

  it('refuses a highlight that ends before it starts, is empty, or runs past the turn', () => {
    expect(() =>
      resolveAnchor([a], { segmentId: 'a', offset: 10 }, { segmentId: 'a', offset: 4 }),
    ).toThrow(/end after it starts/);
    expect(() =>
      resolveAnchor([a], { segmentId: 'a', offset: 2 }, { segmentId: 'a', offset: 3 }),
    ).toThrow(/some text/);
    expect(() =>
      resolveAnchor([a], { segmentId: 'a', offset: 0 }, { segmentId: 'a', offset: 999 }),
    ).toThrow(/between 0 and/);
    expect(() =>
      resolveAnchor([a], { segmentId: 'a', offset: -1 }, { segmentId: 'a', offset: 3 }),
    ).toThrow(/between 0 and/);
  });

  it('refuses positions whose turns are not the first and last given', () => {
    expect(() =>
      resolveAnchor([a, b], { segmentId: 'b', offset: 0 }, { segmentId: 'a', offset: 3 }),
    ).toThrow(/start first/);
  });
});
