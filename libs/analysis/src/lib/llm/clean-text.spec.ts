import fc from 'fast-check';
import { cleanOptionalText, cleanText } from './clean-text';

describe('cleanText', () => {
  it('removes NUL characters', () => {
    expect(cleanText('Price\u0000 is high\u0000')).toBe('Price is high');
  });

  it('replaces lone surrogates and keeps pairs', () => {
    expect(cleanText('a\uD800b')).toBe('a\uFFFDb');
    expect(cleanText('a\uDC00b')).toBe('a\uFFFDb');
    expect(cleanText('end\uD83D')).toBe('end\uFFFD');
    expect(cleanText('emoji 😀 stays')).toBe('emoji 😀 stays');
  });

  it('leaves ordinary text alone, line breaks and tabs included', () => {
    const text = 'Line one\n\tLine two — “quoted” ü ß 中文';
    expect(cleanText(text)).toBe(text);
  });

  it('cuts to the limit with an ellipsis, never inside a surrogate pair', () => {
    expect(cleanText('abcdef', 4)).toBe('abc…');
    expect(cleanText('abcd', 4)).toBe('abcd');
    expect(cleanText('ab😀cd', 4)).toBe('ab…');
    expect(cleanText('abc', 0)).toBe('');
  });

  it('turns any string into one PostgreSQL accepts in text and jsonb, within the limit', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), fc.integer({ min: 1, max: 50 }), (s, max) => {
        const clean = cleanText(s, max);
        expect(clean.length).toBeLessThanOrEqual(max);
        expect(clean).not.toContain('\u0000');
        // well formed: encoding to UTF-8 and back changes nothing
        expect(Buffer.from(clean, 'utf8').toString('utf8')).toBe(clean);
        expect(JSON.stringify(clean)).not.toMatch(/\\ud[89a-f]/i);
      }),
    );
  });

  it('keeps null as null', () => {
    expect(cleanOptionalText(null)).toBeNull();
    expect(cleanOptionalText(undefined)).toBeNull();
    expect(cleanOptionalText('x\u0000')).toBe('x');
  });
});
