import { describe, expect, it } from 'vitest';
import type { SuggestionStatus } from '@verbatim/contracts';
import { nextPendingIndex, reviewCommand } from './review-keys';

const items = (...statuses: SuggestionStatus[]) => statuses.map((status) => ({ status }));
const three = items('PENDING', 'PENDING', 'PENDING');

describe('reviewCommand', () => {
  it('moves to the next item with j or ↓ and stops at the last', () => {
    expect(reviewCommand({ key: 'j' }, three, 0, true)).toEqual({ kind: 'focus', index: 1 });
    expect(reviewCommand({ key: 'ArrowDown' }, three, 1, true)).toEqual({
      kind: 'focus',
      index: 2,
    });
    expect(reviewCommand({ key: 'j' }, three, 2, true)).toEqual({ kind: 'focus', index: 2 });
  });

  it('moves to the previous item with k or ↑ and stops at the first', () => {
    expect(reviewCommand({ key: 'k' }, three, 2, true)).toEqual({ kind: 'focus', index: 1 });
    expect(reviewCommand({ key: 'ArrowUp' }, three, 0, true)).toEqual({ kind: 'focus', index: 0 });
  });

  it('starts at the first item when nothing has focus yet', () => {
    expect(reviewCommand({ key: 'j' }, three, null, true)).toEqual({ kind: 'focus', index: 0 });
    expect(reviewCommand({ key: 'k' }, three, null, true)).toEqual({ kind: 'focus', index: 0 });
  });

  it('accepts, rejects and edits the focused pending item', () => {
    expect(reviewCommand({ key: 'a' }, three, 1, true)).toEqual({ kind: 'accept', index: 1 });
    expect(reviewCommand({ key: 'r' }, three, 1, true)).toEqual({ kind: 'reject', index: 1 });
    expect(reviewCommand({ key: 'e' }, three, 1, true)).toEqual({ kind: 'edit', index: 1 });
  });

  it('does not act on an item already reviewed, or without the right to review', () => {
    const reviewed = items('ACCEPTED', 'REJECTED');
    expect(reviewCommand({ key: 'a' }, reviewed, 0, true)).toEqual({ kind: 'none' });
    expect(reviewCommand({ key: 'r' }, reviewed, 1, true)).toEqual({ kind: 'none' });
    expect(reviewCommand({ key: 'a' }, three, 0, false)).toEqual({ kind: 'none' });
    expect(reviewCommand({ key: 'a' }, three, null, true)).toEqual({ kind: 'none' });
  });

  it('ignores keys typed into fields or with modifiers, and unknown keys', () => {
    expect(reviewCommand({ key: 'a', inField: true }, three, 0, true)).toEqual({ kind: 'none' });
    expect(reviewCommand({ key: 'j', ctrlKey: true }, three, 0, true)).toEqual({ kind: 'none' });
    expect(reviewCommand({ key: 'r', metaKey: true }, three, 0, true)).toEqual({ kind: 'none' });
    expect(reviewCommand({ key: 'x' }, three, 0, true)).toEqual({ kind: 'none' });
    expect(reviewCommand({ key: 'j' }, [], null, true)).toEqual({ kind: 'none' });
  });
});

describe('nextPendingIndex', () => {
  it('goes to the next pending item after the one just reviewed', () => {
    expect(nextPendingIndex(items('ACCEPTED', 'REJECTED', 'PENDING'), 0)).toBe(2);
  });

  it('goes back to an earlier pending item when none follows', () => {
    expect(nextPendingIndex(items('PENDING', 'ACCEPTED', 'ACCEPTED'), 2)).toBe(0);
  });

  it('stays when nothing is pending', () => {
    expect(nextPendingIndex(items('ACCEPTED', 'REJECTED'), 1)).toBe(1);
  });
});
