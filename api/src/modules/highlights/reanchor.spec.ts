import { findQuote, reanchorInTurn, similarity } from './reanchor';

const span = (text: string, quote: string, from = 0) => {
  const start = text.indexOf(quote, from);
  if (start < 0) throw new Error(`${quote} not in ${text}`);
  const end = start + quote.length;
  return {
    start,
    end,
    prefix: text.slice(Math.max(0, start - 32), start),
    suffix: text.slice(end, end + 32),
  };
};

const quoted = (text: string, r: { start: number | null; end: number | null }) =>
  text.slice(r.start ?? 0, r.end ?? text.length);

describe('reanchorInTurn', () => {
  const old = 'We plan on Mondays. Scheduling across time zones is the hardest part, honestly.';

  it('follows the quote when text before it changes', () => {
    const next =
      'Well, we usually plan on Monday mornings. Scheduling across time zones is the hardest part, honestly.';
    const r = reanchorInTurn(old, next, span(old, 'Scheduling across time zones'));
    expect(r.ok).toBe(true);
    expect(quoted(next, r)).toBe('Scheduling across time zones');
  });

  it('keeps a highlight whose typo was fixed, with the corrected words', () => {
    const typo = 'We plan on Mondays. Schedulling acros time zones is the hardest part, honestly.';
    const fixed = 'We plan on Mondays. Scheduling across time zones is the hardest part, honestly.';
    const r = reanchorInTurn(typo, fixed, span(typo, 'Schedulling acros time zones'));
    expect(r.ok).toBe(true);
    expect(quoted(fixed, r)).toBe('Scheduling across time zones');
  });

  it('includes a corrected first or last word in the highlight', () => {
    const typo = 'The calender sharing was teh worst bit.';
    const fixed = 'The calendar sharing was the worst bit.';
    const r = reanchorInTurn(typo, fixed, span(typo, 'calender sharing was teh'));
    expect(quoted(fixed, r)).toBe('calendar sharing was the');
  });

  it('cannot re-anchor when the quoted words were deleted', () => {
    const next = 'We plan on Mondays. That is all.';
    const r = reanchorInTurn(
      old,
      next,
      span(old, 'Scheduling across time zones is the hardest part'),
    );
    expect(r.ok).toBe(false);
    expect(r.start).toBeGreaterThanOrEqual(0);
    expect(r.end).toBeLessThanOrEqual(next.length);
  });

  it('cannot re-anchor when the quoted words were rewritten beyond recognition', () => {
    const next = 'We plan on Mondays. Coordinating calendars worldwide is painful, honestly.';
    expect(
      reanchorInTurn(old, next, span(old, 'Scheduling across time zones is the hardest part')).ok,
    ).toBe(false);
  });

  it('prefers the occurrence whose context matches, then the nearest one', () => {
    const text = 'Yes. I said yes to the plan, and then yes again.';
    const next = 'Oh, yes. I said yes to the plan, and then yes again.';
    const r = reanchorInTurn(text, next, span(text, 'yes', 10));
    expect(r.start).toBe(next.indexOf('yes to'));
  });

  it('keeps the part of a cross-turn highlight that ends or starts the turn', () => {
    const next =
      'We plan on Mondays (mostly). Scheduling across time zones is the hardest part, honestly.';
    const startsHere = reanchorInTurn(old, next, {
      start: old.indexOf('honestly'),
      end: null,
      prefix: '',
      suffix: '',
    });
    expect(startsHere).toEqual({ ok: true, start: next.indexOf('honestly'), end: null });
    const endsHere = reanchorInTurn(old, 'So: We plan on Mondays. Scheduling…', {
      start: null,
      end: 7,
      prefix: '',
      suffix: '',
    });
    expect(endsHere.ok).toBe(false);
    const endsHereTypo = reanchorInTurn('Wee plan on Mondays.', 'We plan on Mondays.', {
      start: null,
      end: 19,
      prefix: '',
      suffix: '',
    });
    expect(endsHereTypo).toEqual({ ok: true, start: null, end: 18 });
  });

  it('never splits a surrogate pair', () => {
    const text = 'Good idea 👍 really';
    const next = 'Good idea 👍👍 really';
    const r = reanchorInTurn(text, next, {
      start: 5,
      end: text.indexOf(' really'),
      prefix: 'Good ',
      suffix: ' really',
    });
    expect(r.ok).toBe(true);
    const q = quoted(next, r);
    expect(q.startsWith('idea')).toBe(true);
    expect([...q].every((c) => c.length === 1 || c.codePointAt(0)! > 0xffff)).toBe(true);
  });
});

describe('similarity and findQuote', () => {
  it('ignores case and spacing', () => {
    expect(similarity('Time  Zones', 'time zones')).toBe(1);
    expect(similarity('abc', '')).toBe(0);
  });

  it('finds a lost quote again only where its exact text is', () => {
    expect(findQuote('a b c a b', 'a b', { prefix: 'c ', suffix: '' }, 0)).toBe(6);
    expect(findQuote('a b c', 'x', { prefix: '', suffix: '' }, 0)).toBeNull();
  });
});
