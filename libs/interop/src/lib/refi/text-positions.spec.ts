import { TextPositions } from './text-positions';

describe('TextPositions', () => {
  it('counts code points where JavaScript counts UTF-16 units: each emoji is one character', () => {
    const text = 'a😅b𝒻c';
    const positions = new TextPositions(text);
    expect(text.length).toBe(7);
    expect(positions.codePointLength).toBe(5);
    expect([...Array(text.length + 1).keys()].map((i) => positions.toCodePoint(i))).toEqual([
      0, 1, 1, 2, 3, 3, 4, 5,
    ]);
    expect([0, 1, 2, 3, 4, 5].map((p) => positions.toUtf16(p))).toEqual([0, 1, 3, 4, 6, 7]);
  });

  it('converts there and back without loss at every character boundary', () => {
    const text = '🧑‍🤝‍🧑 team 👩🏽‍💻 and 𝓯𝓪𝓷𝓬𝔂 words';
    const positions = new TextPositions(text);
    for (let p = 0; p <= positions.codePointLength; p++) {
      expect(positions.toCodePoint(positions.toUtf16(p))).toBe(p);
    }
    expect(positions.codePointLength).toBe([...text].length);
  });

  it('widens an index inside a surrogate pair to the whole character: start down, end up', () => {
    const positions = new TextPositions('x😅y');
    expect(positions.toCodePoint(2, 'floor')).toBe(1);
    expect(positions.toCodePoint(2, 'ceil')).toBe(2);
  });

  it('is the identity for text without characters outside the Basic Multilingual Plane', () => {
    const positions = new TextPositions('Ünïcödé — “quotes” 中文');
    expect(positions.codePointLength).toBe(positions.utf16Length);
    expect(positions.toCodePoint(10)).toBe(10);
    expect(positions.toUtf16(10)).toBe(10);
  });

  it('counts a lone surrogate as one character, as its replacement in UTF-8 is', () => {
    const positions = new TextPositions('a\ud800b');
    expect(positions.codePointLength).toBe(3);
    expect(positions.toUtf16(2)).toBe(2);
  });
});
