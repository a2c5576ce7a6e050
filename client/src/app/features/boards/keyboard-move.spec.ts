import { describe, expect, it } from 'vitest';
import {
  type Carry,
  type ShownColumn,
  afterCardOf,
  describeSpot,
  isMoveKey,
  keyboardStep,
  previewColumns,
} from './keyboard-move';

const COLUMNS: ShownColumn[] = [
  { key: 'unsorted', title: 'Unsorted', ids: ['a', 'b', 'c'] },
  { key: 'T1', title: 'Pricing', ids: ['x'] },
  { key: 'T2', title: 'Empty', ids: [] },
];

function carrying(key: string, from = 'b'): Carry {
  const picked = keyboardStep(null, key, from, COLUMNS);
  if (picked.kind !== 'picked') throw new Error(picked.kind);
  return picked.carry;
}

function press(carry: Carry, ...keys: string[]): Carry {
  for (const key of keys) {
    const out = keyboardStep(carry, key, carry.cardId, COLUMNS);
    if (out.kind === 'ignored') throw new Error(`${key} ignored`);
    carry = out.carry;
  }
  return carry;
}

describe('moving a card with the keyboard', () => {
  it('picks the focused card up with Space or Enter, where it is', () => {
    expect(carrying(' ')).toEqual({
      cardId: 'b',
      from: { column: 'unsorted', index: 1 },
      to: { column: 'unsorted', index: 1 },
    });
    expect(carrying('Enter').cardId).toBe('b');
    expect(keyboardStep(null, 'ArrowDown', 'b', COLUMNS).kind).toBe('ignored');
  });

  it('carries it up and down within the column, stopping at the ends', () => {
    const carry = carrying(' ');
    expect(press(carry, 'ArrowUp').to.index).toBe(0);
    expect(keyboardStep(press(carry, 'ArrowUp'), 'ArrowUp', 'b', COLUMNS).kind).toBe('edge');
    expect(press(carry, 'ArrowDown').to.index).toBe(2);
    expect(press(carry, 'ArrowDown', 'ArrowDown').to.index).toBe(2);
  });

  it('carries it left and right across columns, keeping the row where it can', () => {
    const carry = carrying(' ');
    const right = press(carry, 'ArrowRight');
    expect(right.to).toEqual({ column: 'T1', index: 1 });
    expect(press(right, 'ArrowRight').to).toEqual({ column: 'T2', index: 0 });
    expect(keyboardStep(carry, 'ArrowLeft', 'b', COLUMNS).kind).toBe('edge');
  });

  it('drops with Space or Enter, and cancels with Escape', () => {
    const carry = press(carrying(' '), 'ArrowRight');
    expect(keyboardStep(carry, ' ', 'b', COLUMNS)).toEqual({ kind: 'dropped', carry });
    expect(keyboardStep(carry, 'Enter', 'b', COLUMNS).kind).toBe('dropped');
    expect(keyboardStep(carry, 'Escape', 'b', COLUMNS).kind).toBe('cancelled');
    expect(keyboardStep(carry, 'x', 'b', COLUMNS).kind).toBe('ignored');
  });

  it('shows the card at its new place while it is carried', () => {
    const carry = press(carrying(' '), 'ArrowRight', 'ArrowUp');
    const shown = previewColumns(COLUMNS, carry);
    expect(shown.map((c) => c.ids)).toEqual([['a', 'c'], ['b', 'x'], []]);
    expect(shown[2]).toBe(COLUMNS[2]);
  });

  it('places the card after the card before its new spot', () => {
    expect(afterCardOf(COLUMNS, press(carrying(' '), 'ArrowRight'))).toBe('x');
    expect(afterCardOf(COLUMNS, press(carrying(' '), 'ArrowRight', 'ArrowUp'))).toBeNull();
    expect(afterCardOf(COLUMNS, press(carrying(' '), 'ArrowDown'))).toBe('c');
  });

  it('describes where the card is for the screen reader', () => {
    expect(describeSpot(COLUMNS, carrying(' '))).toBe('Unsorted, position 2 of 3');
    expect(describeSpot(COLUMNS, press(carrying(' '), 'ArrowRight'))).toBe(
      'Pricing, position 2 of 2',
    );
  });

  it('claims arrows and Escape only while a card is carried', () => {
    expect(isMoveKey('ArrowDown', false)).toBe(false);
    expect(isMoveKey('ArrowDown', true)).toBe(true);
    expect(isMoveKey(' ', false)).toBe(true);
    expect(isMoveKey('Escape', false)).toBe(false);
  });
});
