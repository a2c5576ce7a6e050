import type {
  CorrectedSegmentFragment as CorrectedSegment,
  SegmentFragment as Segment,
  TurnChangedSubscription,
} from '@verbatim/contracts';

export type TurnChange = TurnChangedSubscription['turnChanged'];

/** The loaded turns after an edit, and by how much the transcript's turn count changed. */
export interface Patched {
  segments: Segment[];
  countDelta: number;
}

// The reader's loaded turns after a split or merge, patched from the api's answer instead of
// loading the transcript again (a long one arrives in windows).

const asSegment = (s: CorrectedSegment): Segment => ({
  id: s.id,
  index: s.index,
  speaker: s.speaker,
  startMs: s.startMs,
  endMs: s.endMs,
  text: s.text,
  participant: s.participant,
});

/** `first` now ends at the cut and `second` follows it; every later turn is numbered one higher. */
export function afterSplit(
  segments: readonly Segment[],
  first: CorrectedSegment,
  second: CorrectedSegment,
): Segment[] {
  return segments.flatMap((s) => {
    if (s.id === first.id) return [asSegment(first), asSegment(second)];
    return s.index > first.index ? [{ ...s, index: s.index + 1 }] : [s];
  });
}

/** `merged` holds both texts, the turn `removedId` is gone; every later turn is numbered one lower. */
export function afterMerge(
  segments: readonly Segment[],
  merged: CorrectedSegment,
  removedId: string,
): Segment[] {
  return segments.flatMap((s) => {
    if (s.id === removedId) return [];
    if (s.id === merged.id) return [asSegment(merged)];
    return s.index > merged.index ? [{ ...s, index: s.index - 1 }] : [s];
  });
}

/** A split, once: when the first part is loaded and the second is not yet (else null). */
export function splitOnce(
  segments: readonly Segment[],
  first: CorrectedSegment,
  second: CorrectedSegment,
): Patched | null {
  if (!segments.some((s) => s.id === first.id) || segments.some((s) => s.id === second.id))
    return null;
  return { segments: afterSplit(segments, first, second), countDelta: 1 };
}

/** A merge, once: while the merged-away turn is still loaded (else null). */
export function mergeOnce(
  segments: readonly Segment[],
  merged: CorrectedSegment,
  removedId: string,
): Patched | null {
  if (!segments.some((s) => s.id === removedId)) return null;
  return { segments: afterMerge(segments, merged, removedId), countDelta: -1 };
}

/**
 * What an event about the turns (made by anyone, this reader's own edits included, which are then
 * already applied) does to the loaded turns: patched turns, nothing to do (null), or 'reload'
 * when many turns changed speaker.
 */
export function applyTurnChange(
  segments: readonly Segment[],
  event: TurnChange,
): Patched | null | 'reload' {
  const [first, second] = event.segments;
  switch (event.kind) {
    case 'CORRECTED': {
      const fixed = new Map(event.segments.map((s) => [s.id, s]));
      if (!segments.some((s) => fixed.has(s.id))) return null;
      return {
        segments: segments.map((s) => {
          const f = fixed.get(s.id);
          return f ? { ...s, text: f.text, speaker: f.speaker, participant: f.participant } : s;
        }),
        countDelta: 0,
      };
    }
    case 'SPLIT':
      return first && second ? splitOnce(segments, first, second) : null;
    case 'MERGED':
      return first && event.removedSegmentId
        ? mergeOnce(segments, first, event.removedSegmentId)
        : null;
    case 'SPEAKERS_CHANGED':
      return 'reload';
  }
}
