// Where a section goes when it is moved, by drag and drop or by the keyboard: pure functions over
// the ids in the order shown, so the page can show the new order at once and send the move.

/** The ids with the one at `from` taken out and put back at `to` (both clamped to the list). */
export function moveInOrder<T>(items: readonly T[], from: number, to: number): T[] {
  const result = [...items];
  if (from < 0 || from >= items.length) return result;
  const target = Math.max(0, Math.min(items.length - 1, to));
  const [moved] = result.splice(from, 1);
  result.splice(target, 0, moved as T);
  return result;
}

/** The section the moved one follows once at `to` (null: first), as moveReportSection wants it. */
export function afterSectionId(ids: readonly string[], from: number, to: number): string | null {
  const next = moveInOrder(ids, from, to);
  const at = next.indexOf(ids[from] ?? '');
  return at > 0 ? (next[at - 1] ?? null) : null;
}

/** The index a section goes to with one step up (-1) or down (+1); null at either end. */
export function stepIndex(length: number, index: number, step: -1 | 1): number | null {
  const to = index + step;
  return index < 0 || to < 0 || to >= length ? null : to;
}

/** "Section 2 of 5": where a section is now, for the announcement after a move. */
export function describePosition(index: number, length: number): string {
  return `position ${index + 1} of ${length}`;
}

/**
 * Which section takes the focus after one is removed: the one now in its place, else the one
 * before it; null when the report is empty (the page focuses the "Add a section" control).
 */
export function focusAfterRemoval(ids: readonly string[], removedId: string): string | null {
  const at = ids.indexOf(removedId);
  if (at < 0) return null;
  const rest = ids.filter((id) => id !== removedId);
  return rest[Math.min(at, rest.length - 1)] ?? null;
}
