import type { TurnText } from '../types';
import { chunkTurns, estimateTokens, renderTurnLine } from './chunk-turns';

function makeTurns(n: number, words = 20): TurnText[] {
  return Array.from({ length: n }, (_, index) => ({
    index,
    text: `Turn ${index}: ` + Array.from({ length: words }, (_, w) => `word${w}`).join(' ') + '.',
    speaker: index % 2 === 0 ? 'Interviewer' : 'Maria',
    isInterviewer: index % 2 === 0,
  }));
}

const turnsIn = (text: string): number[] =>
  [...text.matchAll(/^\[T(\d+)\]/gm)].map((m) => Number(m[1]));

describe('estimateTokens', () => {
  it('uses ~4 chars per token for Latin text and 1 per CJK char', () => {
    expect(estimateTokens('')).toBe(0);
    expect(estimateTokens('abcd')).toBe(1);
    expect(estimateTokens('abcde')).toBe(2);
    expect(estimateTokens('The quick brown fox jumps over the lazy dog.')).toBe(11);
    expect(estimateTokens('价格太贵了')).toBe(5);
    expect(estimateTokens('価格は高い abc')).toBe(5 + 1);
  });
});

describe('chunkTurns', () => {
  it('renders each turn with index and speaker context', () => {
    const [chunk] = chunkTurns(
      [
        { index: 3, text: 'How was it?', speaker: 'Ana', isInterviewer: true },
        { index: 4, text: 'Fine,\nmostly.', speaker: null, isInterviewer: false },
      ],
      { maxTokens: 1000, overlapTokens: 100 },
    );
    expect(chunk).toEqual({
      index: 0,
      firstTurn: 3,
      lastTurn: 4,
      text: '[T3] Ana (interviewer): How was it?\n[T4] Unknown: Fine, mostly.',
      tokens: estimateTokens('[T3] Ana (interviewer): How was it?\n[T4] Unknown: Fine, mostly.'),
    });
  });

  it('returns nothing for an empty transcript', () => {
    expect(chunkTurns([], { maxTokens: 100, overlapTokens: 10 })).toEqual([]);
    expect(
      chunkTurns([{ index: 0, text: '  ', speaker: null, isInterviewer: false }], {
        maxTokens: 100,
        overlapTokens: 10,
      }),
    ).toEqual([]);
  });

  it('splits on turn boundaries within budget, covers every turn, and overlaps by whole turns', () => {
    const turns = makeTurns(60);
    // a pair of turns (one interviewer, one participant line; +1 for the newline each)
    const pair =
      estimateTokens(renderTurnLine(turns[10]!)) + estimateTokens(renderTurnLine(turns[11]!)) + 2;
    const chunks = chunkTurns(turns, { maxTokens: 400, overlapTokens: pair });
    expect(chunks.length).toBeGreaterThan(3);
    const seen = new Set<number>();
    chunks.forEach((c, i) => {
      expect(c.index).toBe(i);
      expect(c.tokens).toBeLessThanOrEqual(400);
      expect(c.tokens).toBe(estimateTokens(c.text));
      const ids = turnsIn(c.text);
      expect(ids[0]).toBe(c.firstTurn);
      expect(ids[ids.length - 1]).toBe(c.lastTurn);
      ids.forEach((id) => seen.add(id));
      if (i > 0) {
        const prev = chunks[i - 1]!;
        // about two turns of overlap, and progress
        expect(prev.lastTurn - c.firstTurn + 1).toBe(2);
        expect(c.lastTurn).toBeGreaterThan(prev.lastTurn);
      }
    });
    expect(seen.size).toBe(60);
    expect(chunks[chunks.length - 1]!.lastTurn).toBe(59);
  });

  it('does not overlap when overlapTokens is 0', () => {
    const chunks = chunkTurns(makeTurns(30), { maxTokens: 300, overlapTokens: 0 });
    for (let i = 1; i < chunks.length; i++)
      expect(chunks[i]!.firstTurn).toBe(chunks[i - 1]!.lastTurn + 1);
  });

  it('gives an over-long turn chunks of its own, split by sentences, never dropped', () => {
    const turns = makeTurns(6);
    const long = Array.from(
      { length: 80 },
      (_, i) => `This is sentence number ${i} of a long answer.`,
    ).join(' ');
    turns[3] = { index: 3, text: long, speaker: 'Maria', isInterviewer: false };
    const chunks = chunkTurns(turns, { maxTokens: 200, overlapTokens: 60 });
    const own = chunks.filter((c) => c.firstTurn === 3 && c.lastTurn === 3);
    expect(own.length).toBeGreaterThan(1);
    own.forEach((c) => {
      expect(c.tokens).toBeLessThanOrEqual(200);
      expect(c.text.startsWith('[T3] Maria: ')).toBe(true);
    });
    const rebuilt = own.map((c) => c.text.slice('[T3] Maria: '.length)).join(' ');
    expect(rebuilt).toBe(long);
    expect(own[0]!.text).toContain('sentence number 0 of');
    // no chunk mixes the long turn with others, and all turns are covered
    const covered = new Set(chunks.flatMap((c) => turnsIn(c.text)));
    expect([...covered].sort()).toEqual([0, 1, 2, 3, 4, 5]);
    chunks.forEach((c) => expect(c.tokens).toBeLessThanOrEqual(200));
  });

  it('hard-cuts a single huge sentence without breaking surrogate pairs', () => {
    const text = '😀'.repeat(3000);
    const chunks = chunkTurns([{ index: 0, text, speaker: 'X', isInterviewer: false }], {
      maxTokens: 100,
      overlapTokens: 10,
    });
    expect(chunks.length).toBeGreaterThan(5);
    const rebuilt = chunks.map((c) => c.text.slice('[T0] X: '.length)).join('');
    expect(rebuilt).toBe(text);
    chunks.forEach((c) => expect(c.tokens).toBeLessThanOrEqual(100));
  });

  it('terminates with hostile budgets', () => {
    const turns = makeTurns(50, 40);
    expect(chunkTurns(turns, { maxTokens: 0, overlapTokens: 1000 }).length).toBeGreaterThan(50);
    expect(chunkTurns(turns, { maxTokens: 100, overlapTokens: 100 }).length).toBeGreaterThan(0);
    expect(
      chunkTurns(turns, { maxTokens: Number.MAX_SAFE_INTEGER, overlapTokens: 0 }),
    ).toHaveLength(1);
  });
});
