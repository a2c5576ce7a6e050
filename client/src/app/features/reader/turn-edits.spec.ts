import { describe, expect, it } from 'vitest';
import type { SegmentFragment as Segment } from '@verbatim/contracts';
import { afterMerge, afterSplit, applyTurnChange, type TurnChange } from './turn-edits';

const segment = (index: number, text: string): Segment => ({
  id: `s${index}`,
  index,
  speaker: 'Ana',
  startMs: index * 1000,
  endMs: index * 1000 + 1000,
  text,
  participant: { id: 'ana' },
});
const edited = (s: Segment) => ({ ...s, editedAt: '2026-01-01T00:00:00.000Z' });

describe('turn edits in the reader', () => {
  const turns = [segment(0, 'Hello.'), segment(1, 'We plan. It works.'), segment(2, 'Bye.')];

  it('puts the new turn after the split one and numbers later turns one higher', () => {
    const first = edited({ ...turns[1]!, text: 'We plan.', endMs: 1500 });
    const second = edited({ ...turns[1]!, id: 'new', index: 2, text: 'It works.', startMs: 1500 });
    const after = afterSplit(turns, first, second);
    expect(after.map((s) => [s.id, s.index, s.text])).toEqual([
      ['s0', 0, 'Hello.'],
      ['s1', 1, 'We plan.'],
      ['new', 2, 'It works.'],
      ['s2', 3, 'Bye.'],
    ]);
    expect(after[1]).not.toHaveProperty('editedAt');
  });

  it('drops the merged-in turn and numbers later turns one lower', () => {
    const merged = edited({ ...turns[0]!, text: 'Hello. We plan. It works.', endMs: 2000 });
    const after = afterMerge(turns, merged, 's1');
    expect(after.map((s) => [s.id, s.index, s.text])).toEqual([
      ['s0', 0, 'Hello. We plan. It works.'],
      ['s2', 1, 'Bye.'],
    ]);
  });

  describe("colleagues' edits arriving live", () => {
    const first = edited({ ...turns[1]!, text: 'We plan.', endMs: 1500 });
    const second = edited({ ...turns[1]!, id: 'new', index: 2, text: 'It works.', startMs: 1500 });
    const event = (e: Partial<TurnChange>): TurnChange => ({
      kind: 'CORRECTED',
      segmentIds: [],
      removedSegmentId: null,
      segments: [],
      ...e,
    });

    it("applies a split once: the event of one's own split, or a second delivery, changes nothing", () => {
      const split = event({ kind: 'SPLIT', segments: [first, second] });
      const once = applyTurnChange(turns, split);
      expect(once).not.toBe('reload');
      expect(once && once !== 'reload' && once.countDelta).toBe(1);
      const after = once && once !== 'reload' ? once.segments : [];
      expect(after.map((s) => s.id)).toEqual(['s0', 's1', 'new', 's2']);
      expect(applyTurnChange(after, split)).toBeNull();
    });

    it('applies a merge once, and ignores one of turns not loaded', () => {
      const merged = edited({ ...turns[0]!, text: 'Hello. We plan. It works.' });
      const merge = event({ kind: 'MERGED', segments: [merged], removedSegmentId: 's1' });
      const once = applyTurnChange(turns, merge);
      const after = once && once !== 'reload' ? once.segments : [];
      expect(after.map((s) => [s.id, s.index])).toEqual([
        ['s0', 0],
        ['s2', 1],
      ]);
      expect(once && once !== 'reload' && once.countDelta).toBe(-1);
      expect(applyTurnChange(after, merge)).toBeNull();
    });

    it("patches a corrected turn's text and speaker, and reloads when speakers were mapped", () => {
      const fixed = edited({ ...turns[2]!, text: 'Goodbye.', participant: { id: 'bo' } });
      const patched = applyTurnChange(turns, event({ segments: [fixed] }));
      expect(patched && patched !== 'reload' && patched.segments[2]).toMatchObject({
        text: 'Goodbye.',
        participant: { id: 'bo' },
      });
      expect(applyTurnChange(turns, event({ kind: 'SPEAKERS_CHANGED' }))).toBe('reload');
    });
  });
});
