import { buildTurns, durationOf, type Utterance } from './build-turns';

const u = (
  speaker: string | null,
  startMs: number | null,
  endMs: number | null,
  text: string,
  extra: Partial<Utterance> = {},
): Utterance => ({
  speaker,
  startMs,
  endMs,
  text,
  ...extra,
});

describe('buildTurns', () => {
  it('merges consecutive utterances of one speaker, start of first to end of last', () => {
    expect(
      buildTurns([
        u('A', 0, 1000, 'one'),
        u('A', 1000, 2000, ' two '),
        u('B', 2000, 3000, 'three'),
      ]),
    ).toEqual([
      { speaker: 'A', startMs: 0, endMs: 2000, text: 'one two' },
      { speaker: 'B', startMs: 2000, endMs: 3000, text: 'three' },
    ]);
  });

  it('keeps paragraph breaks between merged paragraphs of a text source', () => {
    expect(
      buildTurns([u('A', null, null, 'one'), u('A', null, null, 'two', { paragraph: true })])[0]
        ?.text,
    ).toBe('one\n\ntwo');
  });

  it('starts a new turn at a marker even for the same speaker', () => {
    expect(
      buildTurns([u(null, 0, 1, 'a'), u(null, 1, 2, 'b', { breakBefore: true })]),
    ).toHaveLength(2);
  });

  it('breaks unlabelled text at a 2 s pause but not at a shorter one', () => {
    const turns = buildTurns([
      u(null, 0, 1000, 'a'),
      u(null, 2999, 3500, 'b'),
      u(null, 5500, 6000, 'c'),
    ]);
    expect(turns.map((t) => t.text)).toEqual(['a b', 'c']);
  });

  it('breaks unpunctuated unlabelled text at a hard length limit', () => {
    const words = Array.from({ length: 400 }, (_, i) => u(null, i * 100, i * 100 + 90, `word${i}`));
    const turns = buildTurns(words);
    expect(turns.length).toBeGreaterThan(1);
    expect(turns.every((t) => t.text.length <= 1510)).toBe(true);
  });

  it('orders timed utterances by start time, keeping source order for equal starts', () => {
    const turns = buildTurns([u('C', 5, 6, 'c'), u('A', 1, 2, 'a'), u('B', 1, 3, 'b')]);
    expect(turns.map((t) => t.speaker)).toEqual(['A', 'B', 'C']);
  });

  it('keeps source order when some utterances have no time', () => {
    expect(buildTurns([u('B', 5, 6, 'b'), u('A', null, null, 'a')]).map((t) => t.speaker)).toEqual([
      'B',
      'A',
    ]);
  });

  it('drops empty utterances', () => {
    expect(buildTurns([u('A', 0, 1, '   '), u('B', 1, 2, 'x')])).toEqual([
      { speaker: 'B', startMs: 1, endMs: 2, text: 'x' },
    ]);
  });
});

describe('durationOf', () => {
  it('is the last end time, falling back to start times, or null', () => {
    expect(
      durationOf([
        { speaker: null, startMs: 0, endMs: 5, text: 'a' },
        { speaker: null, startMs: 9, endMs: null, text: 'b' },
      ]),
    ).toBe(9);
    expect(durationOf([{ speaker: null, startMs: null, endMs: null, text: 'a' }])).toBeNull();
  });
});
