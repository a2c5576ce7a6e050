import { describe, expect, it } from 'vitest';
import type {
  ParticipantFragment as Participant,
  SegmentFragment as Segment,
} from '@verbatim/contracts';
import { scrollKeyTarget } from './scroll-keys';
import { UNKNOWN_SPEAKER, toTurns } from './turns';

const participant = (id: string, displayName: string, isInterviewer = false): Participant => ({
  id,
  projectId: 'p1',
  transcriptId: null,
  transcriptTitle: null,
  label: id,
  displayName,
  color: '#336699',
  isInterviewer,
  segmentCount: 1,
  attributes: [],
});

const segment = (index: number, speaker: string | null, participantId: string | null): Segment => ({
  id: `s${index}`,
  index,
  speaker,
  startMs: index * 61_000,
  endMs: null,
  text: `turn ${index}`,
  participant: participantId ? { id: participantId } : null,
});

describe('toTurns', () => {
  it('names a speaker by display name, then raw label, then "Unknown speaker"', () => {
    const turns = toTurns(
      [segment(0, 'SPEAKER_00', 'a'), segment(1, 'Conor Healy', null), segment(2, null, null)],
      [participant('a', 'Maya (PM)', true)],
    );
    expect(turns.map((t) => t.speaker)).toEqual(['Maya (PM)', 'Conor Healy', UNKNOWN_SPEAKER]);
    expect(turns.map((t) => t.interviewer)).toEqual([true, false, false]);
    expect(turns[1]!.time).toBe('0:01:01');
  });
});

describe('scrollKeyTarget', () => {
  it('pages by most of the viewport and stops at both ends', () => {
    expect(scrollKeyTarget('PageDown', 0, 1000, 50_000)).toBe(900);
    expect(scrollKeyTarget('PageUp', 300, 1000, 50_000)).toBe(0);
    expect(scrollKeyTarget('End', 0, 1000, 50_000)).toBe(49_000);
    expect(scrollKeyTarget('Home', 7_000, 1000, 50_000)).toBe(0);
    expect(scrollKeyTarget('a', 0, 1000, 50_000)).toBeNull();
  });
});
