import { splitLongTurns } from './ingest.service';

describe('splitLongTurns', () => {
  const turn = (text: string) => ({ speaker: 'P1', startMs: 0, endMs: 1000, text });

  it('leaves ordinary turns alone', () => {
    const turns = [turn('Short answer.'), turn('Another one.')];
    expect(splitLongTurns(turns, 100)).toEqual(turns);
  });

  it('splits an over-long turn at sentence ends into turns of the same speaker, losing no words', () => {
    const text = Array.from({ length: 40 }, (_, i) => `Sentence number ${i} is here.`).join(' ');
    const parts = splitLongTurns([turn(text)], 200);
    expect(parts.length).toBeGreaterThan(1);
    expect(parts.every((p) => p.text.length <= 200 && p.speaker === 'P1')).toBe(true);
    expect(parts.every((p) => p.text.endsWith('.'))).toBe(true);
    expect(parts.map((p) => p.text).join(' ')).toBe(text);
  });

  it('cuts text without spaces at the limit', () => {
    const parts = splitLongTurns([turn('x'.repeat(450))], 200);
    expect(parts.map((p) => p.text.length)).toEqual([200, 200, 50]);
  });
});
