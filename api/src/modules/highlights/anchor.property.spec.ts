import fc from 'fast-check';
import { DomainError } from '../../common/errors/domain-error';
import { type AnchorSegment, resolveAnchor, TURN_SEPARATOR } from './anchor';
import { MIN_SIMILARITY, reanchorInTurn, similarity } from './reanchor';

/**
 * Property tests of anchoring (fast-check): random turns, random positions and random
 * corrections. A highlight either re-anchors, with its quote exactly the text between its new
 * positions, or is flagged; positions stay inside the text and never split a character; no
 * input makes either function throw anything but a BAD_USER_INPUT domain error.
 */

/** Text from a small alphabet (so quotes repeat), with emoji (surrogate pairs), accents, breaks. */
const text = (maxLength = 60) =>
  fc.string({
    unit: fc.oneof(
      { weight: 6, arbitrary: fc.constantFrom('a', 'b', 'c', ' ', '.', 'é') },
      { weight: 1, arbitrary: fc.constantFrom('😀', '👍🏽', 'e\u0301', '\n', '中') },
      { weight: 1, arbitrary: fc.string({ unit: 'grapheme', minLength: 1, maxLength: 1 }) },
    ),
    maxLength,
  });

const isLow = (code: number) => code >= 0xdc00 && code <= 0xdfff;
/** True when `offset` does not fall between the two halves of a surrogate pair. */
const onCharacter = (s: string, offset: number) =>
  offset <= 0 || offset >= s.length || !isLow(s.charCodeAt(offset));

/** An offset into `s` that is on a character boundary (code point), from a raw number. */
function boundary(s: string, raw: number): number {
  let at = raw % (s.length + 1);
  while (!onCharacter(s, at)) at--;
  return at;
}

type Edit = { at: number; remove: number; insert: string };
const edits = fc.array(fc.record({ at: fc.nat(), remove: fc.nat({ max: 12 }), insert: text(10) }), {
  maxLength: 4,
});

/** Applies edits at character boundaries (as a person correcting the turn would). */
function applyEdits(s: string, list: readonly Edit[]): string {
  let out = s;
  for (const e of list) {
    const from = boundary(out, e.at);
    const to = boundary(out, Math.min(out.length, from + e.remove));
    out = out.slice(0, from) + e.insert + out.slice(Math.max(from, to));
  }
  return out;
}

function expectDomainError(run: () => unknown): void {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(DomainError);
    expect((error as DomainError).kind).toBe('BAD_USER_INPUT');
    return;
  }
  throw new Error('expected a BAD_USER_INPUT domain error');
}

describe('resolveAnchor (property)', () => {
  it('quotes exactly the text between valid positions, across any number of turns', () => {
    fc.assert(
      fc.property(
        fc.array(text(), { minLength: 1, maxLength: 4 }),
        fc.nat(),
        fc.nat(),
        (texts, a, b) => {
          const segments: AnchorSegment[] = texts.map((t, i) => ({
            id: `s${i}`,
            index: i,
            text: t,
          }));
          const first = segments[0]!;
          const last = segments.at(-1)!;
          const start = boundary(first.text, a);
          const end = boundary(last.text, b);
          const expected =
            segments.length === 1
              ? first.text.slice(start, end)
              : [
                  first.text.slice(start),
                  ...segments.slice(1, -1).map((s) => s.text),
                  last.text.slice(0, end),
                ].join(TURN_SEPARATOR);
          const valid = (segments.length > 1 || end > start) && expected.trim() !== '';
          const run = () =>
            resolveAnchor(
              segments,
              { segmentId: first.id, offset: start },
              { segmentId: last.id, offset: end },
            );
          if (!valid) return expectDomainError(run);
          const anchor = run();
          expect(anchor.quote).toBe(expected);
          expect(first.text.slice(0, start).endsWith(anchor.prefix)).toBe(true);
          expect(last.text.slice(end).startsWith(anchor.suffix)).toBe(true);
        },
      ),
      { numRuns: 500 },
    );
  });

  it('refuses any other position with BAD_USER_INPUT, never another error', () => {
    fc.assert(
      fc.property(
        fc.array(text(), { minLength: 1, maxLength: 3 }),
        fc.oneof(fc.integer({ min: -5, max: 80 }), fc.double()),
        fc.oneof(fc.integer({ min: -5, max: 80 }), fc.double()),
        fc.boolean(),
        (texts, a, b, swap) => {
          const segments = texts.map((t, i) => ({ id: `s${i}`, index: i, text: t }));
          const ids = [segments[0]!.id, segments.at(-1)!.id];
          if (swap) ids.reverse();
          try {
            const anchor = resolveAnchor(
              segments,
              { segmentId: ids[0]!, offset: a },
              { segmentId: ids[1]!, offset: b },
            );
            expect(anchor.quote.trim()).not.toBe('');
            expect(Number.isInteger(a) && Number.isInteger(b)).toBe(true);
            expect(onCharacter(segments[0]!.text, a)).toBe(true);
            expect(onCharacter(segments.at(-1)!.text, b)).toBe(true);
          } catch (error) {
            expect(error).toBeInstanceOf(DomainError);
          }
        },
      ),
      { numRuns: 500 },
    );
  });
});

describe('reanchorInTurn (property)', () => {
  /** A highlight's part in one turn: both ends, only its start, or only its end. */
  const kind = fc.constantFrom('whole', 'starts-here', 'ends-here' as const);

  it('re-anchors with a quote equal to the text between the new positions, or flags it; positions stay in the text', () => {
    fc.assert(
      fc.property(text(), edits, fc.nat(), fc.nat(), kind, (oldText, list, a, b, part) => {
        const x = boundary(oldText, a);
        const y = boundary(oldText, b);
        const [lo, hi] = x <= y ? [x, y] : [y, x];
        if (part === 'whole' && lo === hi) return;
        const span = {
          start: part === 'ends-here' ? null : lo,
          end: part === 'starts-here' ? null : part === 'ends-here' ? lo : hi,
          prefix: oldText.slice(Math.max(0, lo - 32), lo),
          suffix: oldText.slice(hi, hi + 32),
        };
        const oldPart = oldText.slice(span.start ?? 0, span.end ?? oldText.length);
        const newText = applyEdits(oldText, list);
        const r = reanchorInTurn(oldText, newText, span);

        for (const offset of [r.start, r.end]) {
          if (offset === null) continue;
          expect(Number.isInteger(offset)).toBe(true);
          expect(offset).toBeGreaterThanOrEqual(0);
          expect(offset).toBeLessThanOrEqual(newText.length);
          expect(onCharacter(newText, offset)).toBe(true);
        }
        expect(r.start === null).toBe(span.start === null);
        expect(r.end === null).toBe(span.end === null);
        const from = r.start ?? 0;
        const to = r.end ?? newText.length;
        expect(from).toBeLessThanOrEqual(to);

        const newPart = newText.slice(from, to);
        if (r.ok)
          expect(newPart === oldPart || similarity(oldPart, newPart) >= MIN_SIMILARITY).toBe(true);
        // Where the exact text is still there (in its place for a part that reaches the turn's
        // end or start), the highlight is never lost.
        const stillThere =
          part === 'whole'
            ? newText.includes(oldPart)
            : part === 'starts-here'
              ? newText.endsWith(oldPart)
              : newText.startsWith(oldPart);
        if (stillThere) {
          expect(r.ok).toBe(true);
          expect(newPart).toBe(oldPart);
        }
        if (r.ok && part === 'whole' && newPart.trim() !== '') {
          const anchor = resolveAnchor(
            [{ id: 't', index: 0, text: newText }],
            { segmentId: 't', offset: from },
            { segmentId: 't', offset: to },
          );
          expect(anchor.quote).toBe(newPart);
        }
      }),
      { numRuns: 1000 },
    );
  });

  it('leaves a highlight where it was when the turn is corrected elsewhere', () => {
    fc.assert(
      fc.property(text(), text(), text(), text(), text(), (before, quote, after, added, cut) => {
        fc.pre(quote.trim() !== '' && !(before + after).includes(quote));
        const oldText = before + quote + after;
        const start = before.length;
        const end = start + quote.length;
        const span = {
          start,
          end,
          prefix: before.slice(-32),
          suffix: after.slice(0, 32),
        };
        // Words added before the highlight and some removed after it.
        const newText = added + before + quote + after.slice(boundary(after, cut.length));
        fc.pre(newText.indexOf(quote) === added.length + before.length);
        const r = reanchorInTurn(oldText, newText, span);
        expect(r.ok).toBe(true);
        expect([r.start, r.end]).toEqual([added.length + start, added.length + end]);
      }),
      { numRuns: 500 },
    );
  });
});
