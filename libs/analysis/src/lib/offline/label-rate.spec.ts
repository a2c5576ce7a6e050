import { labelBudget, labelRate } from './label-rate';
import type { Unit } from './deductive-scoring';
import type { TrainingTexts } from './deductive-training';

const words = (n: number): string[] => Array.from({ length: n }, (_v, i) => `w${i}`);

const texts = (background: number): TrainingTexts => ({
  examples: [
    { quote: { text: 'a', tags: new Set([0, 1]) }, tokens: words(5) },
    { quote: { text: 'b', tags: new Set([0]) }, tokens: words(5) },
  ],
  descriptions: [],
  negatives: [],
  counters: [],
  background: Array.from({ length: background }, (_v, i) => ({
    text: `s${i}`,
    tokens: words(10),
  })),
});

describe('people’s label rate', () => {
  it('is their labels per content word of examples and background', () => {
    // 3 labels over 10 example words and 2 × 10 background words
    expect(labelRate(texts(2))).toBeCloseTo(3 / 30);
  });

  it('counts the whole background when the tagger read only a sample of it', () => {
    // the 2 sentences read are a quarter of the background: 8 × 10 words
    expect(labelRate(texts(2), 0.25)).toBeCloseTo(3 / 90);
  });

  it('is unknown, not zero, before anyone has coded', () => {
    expect(labelRate({ ...texts(3), examples: [] })).toBeNull();
    expect(labelBudget(1, null, [])).toBe(Infinity);
  });

  it('gives a call of a few words one label at least', () => {
    const unit: Unit = {
      turn: 0,
      start: 0,
      end: 20,
      tokens: words(3).map((term, i) => ({ term, word: term, start: i, end: i + 1 })),
      vec: new Map(),
      wordVec: new Map(),
    };
    expect(labelBudget(1, 0.05, [{ unit }])).toBe(1);
    expect(labelBudget(0, 0.05, [{ unit }])).toBe(Infinity);
  });
});
