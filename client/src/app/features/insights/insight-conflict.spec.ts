import { describe, expect, it } from 'vitest';
import type { AppError } from '../../core/errors/app-error';
import { conflictSnapshot, rebaseTags, textChanged } from './insight-conflict';

const CURRENT = {
  id: 'i1',
  title: 'Their title',
  body: 'Their body',
  status: 'DRAFT',
  version: 4,
  tagIds: ['a'],
  updatedAt: '2026-01-01T00:00:00.000Z',
};

function conflict(insight: unknown): AppError {
  return { code: 'CONFLICT', message: 'Someone changed this insight.', details: { insight } };
}

describe('an insight CONFLICT answer', () => {
  it('carries the insight as it is now', () => {
    expect(conflictSnapshot(conflict(CURRENT))).toEqual({
      id: 'i1',
      title: 'Their title',
      body: 'Their body',
      status: 'DRAFT',
      version: 4,
      tagIds: ['a'],
    });
  });

  it('is not one when the code is another or the insight is missing or malformed', () => {
    expect(
      conflictSnapshot({ code: 'BAD_USER_INPUT', message: 'x', details: { insight: CURRENT } }),
    ).toBeNull();
    expect(conflictSnapshot({ code: 'CONFLICT', message: 'x' })).toBeNull();
    expect(conflictSnapshot(conflict({ ...CURRENT, version: '4' }))).toBeNull();
    expect(conflictSnapshot(conflict({ ...CURRENT, status: 'ARCHIVED' }))).toBeNull();
    expect(conflictSnapshot(conflict({ ...CURRENT, tagIds: [1] }))).toBeNull();
    expect(conflictSnapshot(conflict('nope'))).toBeNull();
  });
});

describe('textChanged', () => {
  it('tells a change of the text from a change of status or tags only', () => {
    const base = { title: 'T', body: 'B' };
    expect(textChanged(base, { title: 'T', body: 'B' })).toBe(false);
    expect(textChanged(base, { title: 'T2', body: 'B' })).toBe(true);
    expect(textChanged(base, { title: 'T', body: 'B\n' })).toBe(true);
  });
});

describe('rebaseTags', () => {
  it('replays what the user added and removed on a colleague’s newer tags', () => {
    // The user added c and removed a; meanwhile a colleague added d.
    expect(rebaseTags(['a', 'b'], ['b', 'c'], ['a', 'b', 'd'])).toEqual(['b', 'd', 'c']);
  });

  it('keeps a tag once when both added it, and drops one the colleague removed', () => {
    expect(rebaseTags(['a'], ['a', 'c'], ['c'])).toEqual(['c']);
  });
});
