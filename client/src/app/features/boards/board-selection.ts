import { type Signal, computed, signal } from '@angular/core';
import type { ColumnView } from './board-column';
import { type BoardState, cardsOf, columnKeys } from './board-state';

/**
 * The cards selected on the board: by checkbox, Ctrl/Cmd-click, or Shift-click for a range
 * within a column; in board order for moving them together.
 */
export class BoardSelection {
  readonly ids = signal<ReadonlySet<string>>(new Set());
  private last: string | null = null;

  constructor(
    private readonly state: Signal<BoardState | null>,
    private readonly shown: Signal<readonly ColumnView[]>,
  ) {}

  /** The selected cards in board order (column by column, top to bottom). */
  readonly inOrder = computed(() => {
    const s = this.state();
    const selected = this.ids();
    if (!s || !selected.size) return [];
    return columnKeys(s).flatMap((k) =>
      cardsOf(s, k)
        .filter((c) => selected.has(c.id))
        .map((c) => c.id),
    );
  });

  toggle(cardId: string, event: MouseEvent | Event): void {
    const range = event instanceof MouseEvent && event.shiftKey ? this.rangeTo(cardId) : null;
    this.ids.update((all) => {
      const next = new Set(all);
      if (range) range.forEach((id) => next.add(id));
      else if (next.has(cardId)) next.delete(cardId);
      else next.add(cardId);
      return next;
    });
    this.last = cardId;
  }

  private rangeTo(cardId: string): string[] | null {
    const from = this.last;
    const column = this.shown().find((c) => c.ids.includes(cardId));
    if (!from || !column || !column.ids.includes(from)) return null;
    const [a, b] = [column.ids.indexOf(from), column.ids.indexOf(cardId)].sort((x, y) => x - y);
    return column.ids.slice(a, b! + 1);
  }

  clear(): void {
    this.ids.set(new Set());
  }

  /** Cards that left the board are no longer selected. */
  keepOnBoard(s: BoardState): void {
    const selected = this.ids();
    if ([...selected].some((id) => !s.where.has(id)))
      this.ids.set(new Set([...selected].filter((id) => s.where.has(id))));
  }
}
