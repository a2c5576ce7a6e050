import { describe, expect, it } from 'vitest';
import { evidenceLine, insightCount } from './insight-text';

describe('evidence line', () => {
  it('counts highlights, participants and interviews', () => {
    expect(evidenceLine({ highlights: 1, participants: 2, transcripts: 0 })).toBe(
      '1 highlight · 2 participants · 0 interviews',
    );
  });
});

describe('count of a list of insights', () => {
  it('says how many insights or matches there are', () => {
    expect(insightCount(1, false, false)).toBe('1 insight');
    expect(insightCount(4190, false, false)).toBe('4,190 insights');
    expect(insightCount(1, false, true)).toBe('1 match');
    expect(insightCount(0, false, true)).toBe('0 matches');
  });

  it('says "1,000+" when the count stopped at its cap', () => {
    expect(insightCount(1000, true, false)).toBe('1,000+ insights');
    expect(insightCount(1000, true, true)).toBe('1,000+ matches');
  });
});
