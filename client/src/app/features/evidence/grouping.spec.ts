import { describe, expect, it } from 'vitest';
import type { EvidenceHighlightsQuery } from '@verbatim/contracts';
import { formatClock, groupConsecutive, readerLink } from './grouping';

type EvidenceHighlight = EvidenceHighlightsQuery['highlights']['edges'][number]['node'];

const ANA = { id: 'p-ana', displayName: 'Ana Lima', color: '#1f77b4' };
const BO = { id: 'p-bo', displayName: 'Bo Chen', color: '#ff7f0e' };
const ONE = { id: 't1', title: 'Interview 1' };
const TWO = { id: 't2', title: 'Interview 2' };

function highlight(
  id: string,
  transcript: { id: string; title: string },
  participant: typeof ANA | null,
): EvidenceHighlight {
  return {
    id,
    quote: `quote ${id}`,
    note: null,
    createdAt: '2024-01-01T00:00:00Z',
    author: null,
    tags: [],
    transcript,
    participant,
    startIndex: 3,
    startMs: 61_000,
    needsAttention: false,
  };
}

describe('groupConsecutive', () => {
  it('groups runs of the same participant, in the order the api sent them', () => {
    const rows = [
      highlight('a', ONE, ANA),
      highlight('b', TWO, ANA),
      highlight('c', ONE, BO),
      highlight('d', TWO, null),
    ];
    const groups = groupConsecutive(rows, 'participant');
    expect(groups.map((g) => [g.label, g.highlights.map((h) => h.id)])).toEqual([
      ['Ana Lima', ['a', 'b']],
      ['Bo Chen', ['c']],
      ['No speaker', ['d']],
    ]);
    expect(groups[0]?.color).toBe('#1f77b4');
  });

  it('groups by transcript title', () => {
    const rows = [highlight('a', ONE, ANA), highlight('b', ONE, BO), highlight('c', TWO, BO)];
    expect(
      groupConsecutive(rows, 'transcript').map((g) => [g.key, g.label, g.highlights.length]),
    ).toEqual([
      ['t1', 'Interview 1', 2],
      ['t2', 'Interview 2', 1],
    ]);
  });

  it('lets the next page continue the last group instead of repeating its heading', () => {
    const first = [highlight('a', ONE, ANA), highlight('b', ONE, BO)];
    const second = [highlight('c', ONE, BO), highlight('d', TWO, BO)];
    const groups = groupConsecutive([...first, ...second], 'participant');
    expect(groups.map((g) => g.highlights.map((h) => h.id))).toEqual([['a'], ['b', 'c', 'd']]);
  });

  it('returns no groups for no highlights', () => {
    expect(groupConsecutive([], 'transcript')).toEqual([]);
  });
});

describe('formatClock', () => {
  it('shows mm:ss, and the hour only when there is one', () => {
    expect(formatClock(0)).toBe('00:00');
    expect(formatClock(83_400)).toBe('01:23');
    expect(formatClock(4_000_000)).toBe('1:06:40');
  });

  it('is empty without a time', () => {
    expect(formatClock(null)).toBe('');
    expect(formatClock(-1)).toBe('');
  });
});

describe('readerLink', () => {
  it('opens the reader at the highlight’s first turn with the highlight focused', () => {
    expect(readerLink(highlight('h1', TWO, ANA))).toEqual({
      commands: ['/t', 't2'],
      queryParams: { turn: 3, highlight: 'h1' },
    });
  });
});
