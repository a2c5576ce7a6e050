import { resolveAnchor } from './anchor';
import {
  follow,
  planMerge,
  planSplit,
  sameWords,
  type Span,
  spanAfterMerge,
  spanAfterSplit,
} from './turn-edits';

const at = (segmentId: string, offset: number) => ({ segmentId, offset });
const span = (start: [string, number], end: [string, number]): Span => ({
  start: at(...start),
  end: at(...end),
});
const untimed = (text: string) => ({ text, startMs: null, endMs: null });

describe('planSplit', () => {
  const text = 'We plan on Mondays.  Then the interviews start.';
  const cut = text.indexOf('  Then');

  it('keeps the text before the cut and gives the rest to a new turn, trimming the seam', () => {
    const plan = planSplit(untimed(text), cut + 1);
    expect(plan.first.text).toBe('We plan on Mondays.');
    expect(plan.second.text).toBe('Then the interviews start.');
    expect(plan.firstEnd).toBe(cut);
    expect(plan.secondStart).toBe(cut + 2);
  });

  it('splits start and end times in proportion to the cut', () => {
    const plan = planSplit({ text: 'abcdefghij', startMs: 1000, endMs: 2000 }, 3);
    expect(plan.first).toMatchObject({ startMs: 1000, endMs: 1300 });
    expect(plan.second).toMatchObject({ startMs: 1300, endMs: 2000 });
    const startOnly = planSplit({ text: 'abcdefghij', startMs: 1000, endMs: null }, 3);
    expect(startOnly.first).toMatchObject({ startMs: 1000, endMs: null });
    expect(startOnly.second).toMatchObject({ startMs: null, endMs: null });
  });

  it('refuses a cut at either end, inside a character, or with no words on one side', () => {
    expect(() => planSplit(untimed(text), 0)).toThrow(/between 1 and/);
    expect(() => planSplit(untimed(text), text.length)).toThrow(/between 1 and/);
    expect(() => planSplit(untimed(text), 2.5)).toThrow(/between 1 and/);
    expect(() => planSplit(untimed('Good 👍 idea'), 6)).toThrow(/inside a character/);
    expect(() => planSplit(untimed('Hi   '), 3)).toThrow(/no words after/);
    expect(() => planSplit(untimed('   Hi'), 2)).toThrow(/no words before/);
  });
});

describe('spanAfterSplit', () => {
  // "one two | three four", cut at the space before "three".
  const text = 'one two three four';
  const plan = planSplit(untimed(text), text.indexOf(' three'));
  const ids = { first: 'a', second: 'b' };
  const move = (s: Span) => spanAfterSplit(plan, ids, s);

  it('leaves a span in the first part where it is and moves one in the second part', () => {
    expect(move(span(['a', 0], ['a', 7]))).toEqual(span(['a', 0], ['a', 7]));
    expect(move(span(['a', 8], ['a', 13]))).toEqual(span(['b', 0], ['b', 5]));
  });

  it('carries a span across the cut onto both turns, and leaves other turns alone', () => {
    expect(move(span(['a', 4], ['a', 13]))).toEqual(span(['a', 4], ['b', 5]));
    expect(move(span(['z', 3], ['y', 1]))).toEqual(span(['z', 3], ['y', 1]));
  });

  it('keeps an end on the whitespace of the cut in the first part, a start there in the second', () => {
    expect(move(span(['a', 4], ['a', 8]))).toEqual(span(['a', 4], ['a', 7]));
    expect(move(span(['a', 7], ['a', 13]))).toEqual(span(['b', 0], ['b', 5]));
  });
});

describe('planMerge and spanAfterMerge', () => {
  const plan = planMerge(untimed('one two '), untimed(' three four'));
  const ids = { first: 'a', second: 'b' };
  const move = (s: Span) => spanAfterMerge(plan, ids, s);

  it('joins the texts with one space, from the first start time to the second end time', () => {
    expect(planMerge(untimed('one two'), untimed('three')).merged.text).toBe('one two three');
    expect(plan.merged.text).toBe('one two three four');
    const timed = planMerge(
      { text: 'a', startMs: 10, endMs: 20 },
      { text: 'b', startMs: 20, endMs: 35 },
    );
    expect(timed.merged).toMatchObject({ startMs: 10, endMs: 35 });
  });

  it('moves spans of the second turn behind the first and keeps spans across both', () => {
    expect(move(span(['a', 0], ['a', 3]))).toEqual(span(['a', 0], ['a', 3]));
    expect(move(span(['b', 1], ['b', 6]))).toEqual(span(['a', 8], ['a', 13]));
    expect(move(span(['a', 4], ['b', 6]))).toEqual(span(['a', 4], ['a', 13]));
    expect(move(span(['a', 4], ['b', 0]))).toEqual(span(['a', 4], ['a', 7]));
    expect(move(span(['a', 8], ['b', 6]))).toEqual(span(['a', 8], ['a', 13]));
  });
});

describe('follow', () => {
  it('re-anchors a quote across a split, which then differs only by the line break', () => {
    const text = 'one two three four';
    const plan = planSplit(untimed(text), text.indexOf(' three'));
    const turns = [
      { id: 'a', index: 0, text: plan.first.text },
      { id: 'b', index: 1, text: plan.second.text },
    ];
    const row = {
      start_segment_id: 'a',
      start_offset: 4,
      end_segment_id: 'a',
      end_offset: 13,
      quote: 'two three',
    };
    const moved = follow(
      row,
      turns,
      (s) => spanAfterSplit(plan, { first: 'a', second: 'b' }, s),
      false,
    );
    expect(moved.span).toEqual(span(['a', 4], ['b', 5]));
    expect(moved.anchor?.quote).toBe('two\nthree');
    expect(moved.anchor).toEqual(resolveAnchor(turns, moved.span.start, moved.span.end));
  });

  it('gives no anchor when the words differ, or an exact quote was asked for and only the words match', () => {
    const turns = [{ id: 'a', index: 0, text: 'one two three four' }];
    const same = (s: Span) => s;
    const row = {
      start_segment_id: 'a',
      start_offset: 4,
      end_segment_id: 'a',
      end_offset: 13,
      quote: 'two\nthree',
    };
    expect(follow(row, turns, same, false).anchor?.quote).toBe('two three');
    expect(follow(row, turns, same, true).anchor).toBeNull();
    expect(follow({ ...row, quote: 'two thre' }, turns, same, false).anchor).toBeNull();
    expect(follow({ ...row, end_offset: 4 }, turns, same, false).anchor).toBeNull();
  });

  it('compares words with whitespace set aside', () => {
    expect(sameWords('two three', 'two\nthree')).toBe(true);
    expect(sameWords('two three ', 'two three')).toBe(true);
    expect(sameWords('two three', 'two tree')).toBe(false);
  });
});
