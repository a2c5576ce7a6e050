import { describe, expect, it } from 'vitest';
import {
  afterSectionId,
  describePosition,
  focusAfterRemoval,
  moveInOrder,
  stepIndex,
} from './report-order';

const IDS = ['a', 'b', 'c', 'd'];

describe('report order', () => {
  it('moves a section down and up, keeping the others in order', () => {
    expect(moveInOrder(IDS, 0, 2)).toEqual(['b', 'c', 'a', 'd']);
    expect(moveInOrder(IDS, 3, 0)).toEqual(['d', 'a', 'b', 'c']);
    expect(moveInOrder(IDS, 1, 1)).toEqual(IDS);
  });

  it('clamps a target past either end and ignores an unknown index', () => {
    expect(moveInOrder(IDS, 1, 99)).toEqual(['a', 'c', 'd', 'b']);
    expect(moveInOrder(IDS, 2, -5)).toEqual(['c', 'a', 'b', 'd']);
    expect(moveInOrder(IDS, 7, 0)).toEqual(IDS);
  });

  it('names the section a moved one follows, null when it goes first', () => {
    expect(afterSectionId(IDS, 0, 2)).toBe('c');
    expect(afterSectionId(IDS, 3, 0)).toBeNull();
    expect(afterSectionId(IDS, 2, 1)).toBe('a');
    expect(afterSectionId(IDS, 0, 3)).toBe('d');
  });

  it('steps up and down and stops at the ends', () => {
    expect(stepIndex(4, 0, -1)).toBeNull();
    expect(stepIndex(4, 3, 1)).toBeNull();
    expect(stepIndex(4, 1, 1)).toBe(2);
    expect(stepIndex(4, 1, -1)).toBe(0);
  });

  it('describes a position from 1', () => {
    expect(describePosition(0, 3)).toBe('position 1 of 3');
  });

  it('gives the focus to the next section after a removal, else the previous one', () => {
    expect(focusAfterRemoval(IDS, 'b')).toBe('c');
    expect(focusAfterRemoval(IDS, 'd')).toBe('c');
    expect(focusAfterRemoval(['a'], 'a')).toBeNull();
    expect(focusAfterRemoval(IDS, 'x')).toBeNull();
  });
});
