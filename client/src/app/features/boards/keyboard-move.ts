// Moving a card with the keyboard: Space or Enter picks the focused card up, the arrow keys
// carry it (up and down within a column, left and right to the neighbouring columns), Space or
// Enter puts it down there, Escape puts it back. A pure state machine over the columns as shown;
// the board page renders the preview, sends the move and announces each step.

export interface ShownColumn {
  key: string;
  title: string;
  /** The ids of the cards shown, in order (the carried card included, where it really is). */
  ids: readonly string[];
}

export interface Spot {
  column: string;
  /** Where the card goes in the column's shown cards without it: 0 is first. */
  index: number;
}

export interface Carry {
  cardId: string;
  from: Spot;
  to: Spot;
}

export type KeyOutcome =
  | { kind: 'ignored' }
  | { kind: 'picked'; carry: Carry }
  | { kind: 'moved'; carry: Carry }
  /** An arrow key at the edge of the board or a column: nothing moved. */
  | { kind: 'edge'; carry: Carry }
  | { kind: 'dropped'; carry: Carry }
  | { kind: 'cancelled'; carry: Carry };

const PICK_OR_DROP = new Set([' ', 'Spacebar', 'Enter']);
const ARROWS = new Set(['ArrowUp', 'ArrowDown', 'ArrowLeft', 'ArrowRight']);

/** Whether the key means something to a card (so the page prevents its default). */
export function isMoveKey(key: string, carrying: boolean): boolean {
  return PICK_OR_DROP.has(key) || (carrying && (ARROWS.has(key) || key === 'Escape'));
}

function without(column: ShownColumn | undefined, cardId: string): readonly string[] {
  return column ? column.ids.filter((id) => id !== cardId) : [];
}

export function keyboardStep(
  carry: Carry | null,
  key: string,
  focusedCardId: string,
  columns: readonly ShownColumn[],
): KeyOutcome {
  if (!carry) {
    if (!PICK_OR_DROP.has(key)) return { kind: 'ignored' };
    const column = columns.find((c) => c.ids.includes(focusedCardId));
    if (!column) return { kind: 'ignored' };
    const from = { column: column.key, index: column.ids.indexOf(focusedCardId) };
    return { kind: 'picked', carry: { cardId: focusedCardId, from, to: from } };
  }
  if (PICK_OR_DROP.has(key)) return { kind: 'dropped', carry };
  if (key === 'Escape') return { kind: 'cancelled', carry };
  if (!ARROWS.has(key)) return { kind: 'ignored' };

  const at = columns.findIndex((c) => c.key === carry.to.column);
  const here = without(columns[at], carry.cardId);
  let to: Spot = carry.to;
  if (key === 'ArrowUp') to = { ...to, index: Math.max(0, to.index - 1) };
  if (key === 'ArrowDown') to = { ...to, index: Math.min(here.length, to.index + 1) };
  if (key === 'ArrowLeft' || key === 'ArrowRight') {
    const next = columns[at + (key === 'ArrowLeft' ? -1 : 1)];
    if (next)
      to = {
        column: next.key,
        index: Math.min(to.index, without(next, carry.cardId).length),
      };
  }
  const same = to.column === carry.to.column && to.index === carry.to.index;
  const moved = { ...carry, to };
  return same ? { kind: 'edge', carry: moved } : { kind: 'moved', carry: moved };
}

/** The columns as shown while a card is carried: the card out of its place, in its new one. */
export function previewColumns<C extends ShownColumn>(
  columns: readonly C[],
  carry: Carry | null,
): readonly C[] {
  if (!carry) return columns;
  return columns.map((c) => {
    const has = c.ids.includes(carry.cardId);
    const target = c.key === carry.to.column;
    if (!has && !target) return c;
    const ids = [...without(c, carry.cardId)];
    if (target) ids.splice(carry.to.index, 0, carry.cardId);
    return { ...c, ids };
  });
}

/** The card the carried card lands after (null: first in the column). */
export function afterCardOf(columns: readonly ShownColumn[], carry: Carry): string | null {
  const target = without(
    columns.find((c) => c.key === carry.to.column),
    carry.cardId,
  );
  return carry.to.index > 0 ? (target[carry.to.index - 1] ?? null) : null;
}

/** "Pricing, position 2 of 5": where a spot is, for the screen reader. */
export function describeSpot(columns: readonly ShownColumn[], carry: Carry): string {
  const column = columns.find((c) => c.key === carry.to.column);
  const count = without(column, carry.cardId).length + 1;
  return `${column?.title ?? 'Column'}, position ${carry.to.index + 1} of ${count}`;
}

export function isUnmoved(carry: Carry): boolean {
  return carry.from.column === carry.to.column && carry.from.index === carry.to.index;
}
