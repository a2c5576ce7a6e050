import {
  type Carry,
  type KeyOutcome,
  type ShownColumn,
  afterCardOf,
  describeSpot,
  isMoveKey,
  isUnmoved,
  keyboardStep,
} from './keyboard-move';

/** What the keyboard path needs from the board page. */
export interface KeyboardHost {
  canEdit(): boolean;
  columnsForKeys(): readonly (ShownColumn & { matched: number })[];
  carrying(): Carry | null;
  setCarry(carry: Carry | null): void;
  showMore(column: string): void;
  focusCard(cardId: string): void;
  announce(message: string): void;
  store: {
    moveCards(cardIds: readonly string[], column: string, afterCardId: string | null): void;
  };
}

/**
 * Keys on a focused card: Space or Enter picks it up and drops it, the arrows carry it, Escape
 * cancels; each step is announced (CDK LiveAnnouncer). Without a card carried the arrows move the
 * focus between cards.
 */
export class KeyboardMover {
  constructor(private readonly host: KeyboardHost) {}

  onKey(event: KeyboardEvent): void {
    const target = event.target as HTMLElement | null;
    if (!target?.matches?.('vb-board-card')) return;
    const cardId = target.dataset['cardId'];
    if (!cardId) return;
    const carry = this.host.carrying();
    if (!this.host.canEdit() || !isMoveKey(event.key, carry !== null)) {
      if (!carry && this.navigate(event.key, cardId)) event.preventDefault();
      return;
    }
    event.preventDefault();
    const columns = this.host.columnsForKeys();
    this.apply(keyboardStep(carry, event.key, cardId, columns), columns);
  }

  /** Puts a carried card back (focus left the board, the board changed under it). */
  cancel(): void {
    const carry = this.host.carrying();
    if (!carry) return;
    this.host.setCarry(null);
    this.host.announce('Move cancelled.');
  }

  private apply(out: KeyOutcome, columns: readonly (ShownColumn & { matched: number })[]): void {
    switch (out.kind) {
      case 'ignored':
        return;
      case 'picked':
        this.host.setCarry(out.carry);
        this.host.announce(
          `Picked up. ${describeSpot(columns, out.carry)}. Arrow keys move it, Space or Enter drops it, Escape cancels.`,
        );
        return;
      case 'edge':
        this.host.announce(`Cannot go further. ${describeSpot(columns, out.carry)}.`);
        return;
      case 'moved': {
        this.host.setCarry(out.carry);
        this.widenIfAtEnd(columns, out.carry);
        this.host.announce(`${describeSpot(columns, out.carry)}.`);
        this.host.focusCard(out.carry.cardId);
        return;
      }
      case 'dropped': {
        this.host.setCarry(null);
        if (isUnmoved(out.carry)) this.host.announce('Dropped where it was.');
        else {
          const after = afterCardOf(columns, out.carry);
          this.host.store.moveCards([out.carry.cardId], out.carry.to.column, after);
          this.host.announce(`Dropped. ${describeSpot(columns, out.carry)}.`);
        }
        this.host.focusCard(out.carry.cardId);
        return;
      }
      case 'cancelled':
        this.host.setCarry(null);
        this.host.announce(
          `Move cancelled. Back in ${describeSpot(columns, { ...out.carry, to: out.carry.from })}.`,
        );
        this.host.focusCard(out.carry.cardId);
        return;
    }
  }

  /** Carried to the end of a column's window: the column shows more, so the card can go on. */
  private widenIfAtEnd(
    columns: readonly (ShownColumn & { matched: number })[],
    carry: Carry,
  ): void {
    const column = columns.find((c) => c.key === carry.to.column);
    if (!column) return;
    const shown = column.ids.filter((id) => id !== carry.cardId).length;
    const total = column.matched - (column.ids.includes(carry.cardId) ? 1 : 0);
    if (carry.to.index >= shown && total > shown) {
      this.host.showMore(column.key);
      this.host.announce(`${column.title} shows more cards now.`);
    }
  }

  /** Arrow keys between cards: up and down in a column, left and right to the neighbours. */
  private navigate(key: string, cardId: string): boolean {
    const columns = this.host.columnsForKeys();
    const at = columns.findIndex((c) => c.ids.includes(cardId));
    const column = columns[at];
    if (!column) return false;
    const index = column.ids.indexOf(cardId);
    let next: string | undefined;
    if (key === 'ArrowUp') next = column.ids[index - 1];
    if (key === 'ArrowDown') next = column.ids[index + 1];
    if (key === 'ArrowLeft' || key === 'ArrowRight') {
      const step = key === 'ArrowLeft' ? -1 : 1;
      for (let i = at + step; i >= 0 && i < columns.length && !next; i += step) {
        const ids = columns[i]!.ids;
        next = ids[Math.min(index, ids.length - 1)];
      }
    }
    if (!next) return false;
    this.host.focusCard(next);
    return true;
  }
}
