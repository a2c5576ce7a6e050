import type {
  CorrectedSegmentFragment as CorrectedSegment,
  SegmentFragment as Segment,
} from '@verbatim/contracts';

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
