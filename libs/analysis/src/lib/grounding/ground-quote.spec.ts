import type { TurnText } from '../types';
import { approximateMatch, levenshtein } from './fuzzy';
import { groundQuote, locateQuote, type GroundedQuote } from './ground-quote';
import { meaningChange, meaningMarkers } from './meaning';
import { normalizeWithMap } from './normalize';

function turns(...texts: (string | [string, boolean])[]): TurnText[] {
  return texts.map((t, index) => {
    const [text, isInterviewer] = typeof t === 'string' ? [t, false] : t;
    return { index, text, speaker: isInterviewer ? 'Interviewer' : 'Maria', isInterviewer };
  });
}

/** The invariant every result must satisfy: its quote is the transcript's text between the offsets. */
function sliceOf(ts: TurnText[], g: GroundedQuote): string {
  const byIndex = new Map(ts.map((t) => [t.index, t]));
  if (g.startIndex === g.endIndex)
    return byIndex.get(g.startIndex)!.text.slice(g.startOffset, g.endOffset);
  const parts: string[] = [byIndex.get(g.startIndex)!.text.slice(g.startOffset)];
  for (const t of ts) if (t.index > g.startIndex && t.index < g.endIndex) parts.push(t.text);
  parts.push(byIndex.get(g.endIndex)!.text.slice(0, g.endOffset));
  return parts.join('\n');
}

function expectConsistent(ts: TurnText[], g: GroundedQuote | null): GroundedQuote {
  expect(g).not.toBeNull();
  expect(sliceOf(ts, g!)).toBe(g!.quote);
  expect(g!.quote).toBe(g!.quote.trim());
  return g!;
}

const transcript = turns(
  ['So tell me about the first week with the product.', true],
  'Honestly the setup was painful. I had to invite my whole team by hand, one by one.',
  ['What did you do then?', true],
  "We gave up on the import and I wrote a script. It's not something I'd expect a normal user to do.",
  'The pricing page — it was confusing, we couldn’t tell which plan had SSO.',
);

describe('groundQuote', () => {
  it('finds an exact quote with offsets', () => {
    const g = expectConsistent(transcript, groundQuote('the setup was painful', transcript));
    expect(g).toMatchObject({
      method: 'exact',
      similarity: 1,
      startIndex: 1,
      endIndex: 1,
      startOffset: 9,
      endOffset: 30,
    });
  });

  it('matches despite curly quotes, case, dashes and extra spaces', () => {
    const g = expectConsistent(
      transcript,
      groundQuote(
        '"THE PRICING PAGE - it was   confusing, we couldn\'t tell which plan had SSO"',
        transcript,
      ),
    );
    expect(g.method).toBe('normalized');
    expect(g.quote).toBe(
      'The pricing page — it was confusing, we couldn’t tell which plan had SSO.',
    );
    expect(g.startIndex).toBe(4);
  });

  it('finds a quote crossing two turns (turns joined by a newline, model used a space)', () => {
    const g = expectConsistent(
      transcript,
      groundQuote('one by one. What did you do then?', transcript),
    );
    expect(g).toMatchObject({ method: 'normalized', startIndex: 1, endIndex: 2, endOffset: 21 });
    expect(g.quote).toBe('one by one.\nWhat did you do then?');
  });

  it('strips speaker labels the model copied from the chunk text', () => {
    const g = expectConsistent(
      transcript,
      groundQuote('one by one. [T2] Interviewer (interviewer): What did you do then?', transcript),
    );
    expect(g.startIndex).toBe(1);
    expect(g.endIndex).toBe(2);
  });

  it('accepts a one-word typo through the fuzzy stage', () => {
    const g = expectConsistent(
      transcript,
      groundQuote('We gave up on the imports and I wrote a script', transcript),
    );
    expect(g.method).toBe('fuzzy');
    expect(g.similarity).toBeGreaterThanOrEqual(0.85);
    expect(g.similarity).toBeLessThan(1);
    expect(g.quote).toBe('We gave up on the import and I wrote a script');
  });

  it('returns null for a hallucinated sentence', () => {
    expect(
      groundQuote('The onboarding emails were really helpful and friendly', transcript),
    ).toBeNull();
    expect(groundQuote('I love the new dashboard', transcript)).toBeNull();
  });

  it('prefers the occurrence inside the hint range', () => {
    const ts = turns(
      'I think it was fine.',
      'Something else entirely.',
      'Later on: I think it was fine.',
    );
    expect(groundQuote('I think it was fine', ts)!.startIndex).toBe(0);
    const g = expectConsistent(
      ts,
      groundQuote('I think it was fine', ts, { firstTurn: 1, lastTurn: 2 }),
    );
    expect(g.startIndex).toBe(2);
    expect(g.startOffset).toBe(10);
    // normalised stage too
    expect(groundQuote('i think it was FINE', ts, { firstTurn: 2, lastTurn: 2 })!.startIndex).toBe(
      2,
    );
  });

  it('falls back outside the hint unless strict', () => {
    const ts = turns('The export is broken.', 'Nothing here.');
    expect(groundQuote('The export is broken', ts, { firstTurn: 1, lastTurn: 1 })!.startIndex).toBe(
      0,
    );
    expect(
      groundQuote('The export is broken', ts, { firstTurn: 1, lastTurn: 1, strict: true }),
    ).toBeNull();
  });

  it('keeps UTF-16 offsets right around emoji and surrogate pairs', () => {
    const ts = turns('Great 👍🏽 really 😀 — the 𝒻ancy part was the sync.', 'Ünïcödé ok');
    const g = expectConsistent(ts, groundQuote('the 𝒻ancy part was the sync', ts));
    expect(g.startOffset).toBe(ts[0]!.text.indexOf('the 𝒻ancy'));
    const n = expectConsistent(ts, groundQuote('really 😀 - the 𝒻ancy part', ts));
    expect(n.quote).toBe('really 😀 — the 𝒻ancy part');
    const d = expectConsistent(ts, groundQuote('unicode OK', ts));
    expect(d.quote).toBe('Ünïcödé ok');
    expect(d.startIndex).toBe(1);
  });

  it('handles text written without spaces (CJK)', () => {
    const ts = turns('我觉得这个功能很好用，但是价格太贵了。');
    const g = expectConsistent(ts, groundQuote('价格太贵了', ts));
    expect(g.quote).toBe('价格太贵了');
  });

  it('widens fuzzy windows to whole words and never starts or ends in whitespace', () => {
    const g = expectConsistent(
      transcript,
      groundQuote('  had to invite my whole tem by hand  ', transcript),
    );
    expect(g.quote).toBe('had to invite my whole team by hand');
  });

  it('does not try fuzzy matching for very long quotes', () => {
    const long = 'word '.repeat(200) + 'end';
    const ts = turns(long.replace('word word', 'word wurd'));
    expect(groundQuote(long, ts)).toBeNull();
    expect(groundQuote(long, turns(long))!.method).toBe('exact');
  });

  it('does not fuzzy-match short quotes', () => {
    expect(groundQuote('setup wsa', transcript)).toBeNull();
  });

  it('survives hostile input', () => {
    expect(groundQuote('', transcript)).toBeNull();
    expect(groundQuote('   \n ', transcript)).toBeNull();
    expect(groundQuote('anything', [])).toBeNull();
    expect(groundQuote('anything', turns('', ''))).toBeNull();
    expect(groundQuote('x'.repeat(1_000_000), transcript)).toBeNull();
    expect(groundQuote('?!…—'.repeat(100), transcript)).toBeNull();
    const bigTranscript = turns(
      ...Array.from(
        { length: 400 },
        (_, i) =>
          `Turn ${i} says something about item ${i % 17} and more ${'lorem ipsum '.repeat(20)}`,
      ),
    );
    const g = expectConsistent(
      bigTranscript,
      groundQuote('Turn 399 says something about item 8 and mroe lorem', bigTranscript),
    );
    expect(g.startIndex).toBe(399);
    expect(groundQuote('a'.repeat(500), bigTranscript)).toBeNull();
    const huge = turns('lorem ipsum '.repeat(1_000_000 / 12));
    expect(groundQuote('lorem ipsum '.repeat(40), huge)!.method).toBe('exact');
    // fuzzy over 1 MB (no hint): candidate regions are voted, not scanned exhaustively
    expect(groundQuote('lorem ipsom dolor sit amet lorem ipsum', huge)).toBeNull();
    expect(groundQuote('lorem ipsum lorem ipsim lorem ipsum', huge)!.method).toBe('fuzzy');
  });
});

describe('match kind and meaning', () => {
  const staff = turns(
    ['How was the visit?', true],
    'Honestly the staff were not awful at all, and we waited 2 weeks for the refund.',
    'I never had to call them twice about it.',
  );

  it('says how each quote was matched, with its similarity', () => {
    expect(groundQuote('the staff were not awful', staff)).toMatchObject({
      matchKind: 'EXACT',
      similarity: 1,
    });
    expect(groundQuote('THE STAFF were NOT awful!', staff)).toMatchObject({
      matchKind: 'NORMALISED',
      similarity: 1,
    });
    const fuzzy = groundQuote('the staf were not aweful at all', staff)!;
    expect(fuzzy.matchKind).toBe('FUZZY');
    expect(fuzzy.similarity).toBeGreaterThanOrEqual(0.85);
    expect(fuzzy.similarity).toBeLessThan(1);
    expect(fuzzy.quote).toBe('the staff were not awful at all');
  });

  it.each([
    ['the staff were awful at all, and we waited', 'drops a "not"'],
    ['the staff were not awful at all, and we never waited', 'adds a "never"'],
    ['and we waited 3 weeks for the refund', 'changes a number'],
    ['and we waited three weeks for the refund', 'writes a number in words that differs'],
    ['I had to call them twice about it.', 'drops "never"'],
    ['I not had to call them twice about it.', 'another negation than "never"'],
    ['I never had to call them once about it.', 'changes "twice" to "once"'],
  ])('refuses a fuzzy match that changes the meaning: %s (%s)', (quote) => {
    const outcome = locateQuote(quote, staff);
    expect(outcome.grounded).toBeNull();
    expect(outcome.failure).toBe('MEANING_CHANGED');
    expect(groundQuote(quote, staff)).toBeNull();
  });

  it('accepts a fuzzy match that keeps negations and numbers in another spelling', () => {
    const ts = turns('We do not use it, it takes 1,000 clicks and two hours.');
    expect(groundQuote("We don't use it, it takes 1000 clicks and 2 hours", ts)).toMatchObject({
      matchKind: 'FUZZY',
    });
    expect(groundQuote('and we waited two weeks for the refund', staff)).toMatchObject({
      matchKind: 'FUZZY',
      quote: 'and we waited 2 weeks for the refund',
    });
  });

  it('says a quote that is nowhere in the transcript was not found', () => {
    expect(locateQuote('The onboarding emails were helpful', staff)).toEqual({
      grounded: null,
      failure: 'NOT_FOUND',
    });
  });

  it.each([
    ['Das war nicht gut', 'Das war gut', 'NEGATION'],
    ["Je n'aime pas ça", "J'aime ça", 'NEGATION'],
    ['No me gusta nada', 'Me gusta', 'NEGATION'],
    ['Non mi piace', 'Mi piace', 'NEGATION'],
    ['Dat werkt niet', 'Dat werkt', 'NEGATION'],
    ['Não funciona', 'Funciona', 'NEGATION'],
    ['It took 15 minutes', 'It took 1.5 minutes', 'NUMBER'],
    ['It cost $1,200', 'It cost $1200', null],
    ["can't", 'cannot', null],
    ['hardly ever', 'ever', 'NEGATION'],
    ['without the export', 'with the export', 'NEGATION'],
  ])('tells "%s" from "%s" (%s)', (a, b, change) => {
    expect(meaningChange(a, b)).toBe(change);
  });

  it('lists negations and numbers as markers', () => {
    expect(meaningMarkers("We didn't pay twelve dollars, not 12.")).toEqual({
      negations: ['not', 'not'],
      numbers: ['12', '12'],
    });
  });
});

describe('grounding internals', () => {
  it('maps normalised characters back to original offsets', () => {
    const n = normalizeWithMap('  Don’t  STOP—now!');
    expect(n.text).toBe('dont stop now ');
    expect(n.starts[0]).toBe(2);
    expect(n.starts[5]).toBe(9);
  });

  it('finds approximate substrings', () => {
    const m = approximateMatch('quick brwn fox', 'the quick brown fox jumps')!;
    expect(m.distance).toBe(1);
    expect('the quick brown fox jumps'.slice(m.start, m.end)).toBe('quick brown fox');
    expect(levenshtein('kitten', 'sitting')).toBe(3);
  });
});
