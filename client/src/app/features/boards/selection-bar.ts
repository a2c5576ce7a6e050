import { ChangeDetectionStrategy, Component, inject, input, output, signal } from '@angular/core';
import { plural } from '../../shared/format';
import { UNSORTED, cardsOf } from './board-state';
import { BoardStore } from './board-store';

/** With cards selected: move them all to a column at once, or take them off the board. */
@Component({
  selector: 'vb-selection-bar',
  template: `
    <div class="bar" role="region" aria-label="Selected cards" data-testid="selection-bar">
      <strong>{{ plural(ids().length, 'card') }} selected</strong>
      <label for="move-selected">Move to</label>
      <select
        id="move-selected"
        class="input input--compact"
        [value]="target()"
        (change)="target.set($any($event.target).value)"
      >
        <option value="unsorted">Unsorted</option>
        @for (t of store.state()?.themes ?? []; track t.id) {
          <option [value]="t.id" [selected]="t.id === target()">{{ t.title }}</option>
        }
      </select>
      <button type="button" class="button button--small" (click)="move()">Move</button>
      @if (confirming()) {
        <button type="button" class="button button--danger button--small" (click)="remove()">
          Remove {{ plural(ids().length, 'card') }}
        </button>
        <button
          type="button"
          class="button button--quiet button--small"
          (click)="confirming.set(false)"
        >
          Keep
        </button>
      } @else {
        <button
          type="button"
          class="button button--quiet button--small"
          (click)="confirming.set(true)"
        >
          Remove from board…
        </button>
      }
      <button type="button" class="button button--quiet button--small" (click)="cleared.emit()">
        Clear selection
      </button>
    </div>
  `,
  styles: `
    .bar {
      position: sticky;
      top: calc(var(--header-height) + 0.5rem);
      z-index: 5;
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: 0.5rem;
      margin-bottom: 0.75rem;
      padding: 0.5rem 0.75rem;
      background: var(--accent-soft);
      border: 1px solid var(--accent);
      border-radius: var(--radius);
    }
    label {
      font-size: 0.875rem;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class SelectionBar {
  protected readonly store = inject(BoardStore);

  /** The selected cards in board order. */
  readonly ids = input.required<readonly string[]>();
  readonly cleared = output<void>();
  readonly moved = output<string>();

  protected readonly target = signal(UNSORTED);
  protected readonly confirming = signal(false);
  protected readonly plural = plural;

  /** To the end of the chosen column, in board order. */
  protected move(): void {
    const state = this.store.state();
    const column = this.target();
    if (!state || !state.columns.has(column)) return;
    const moving = new Set(this.ids());
    const rest = cardsOf(state, column).filter((c) => !moving.has(c.id));
    this.store.moveCards(this.ids(), column, rest[rest.length - 1]?.id ?? null);
    this.moved.emit(this.store.columnTitle(column));
  }

  protected async remove(): Promise<void> {
    this.confirming.set(false);
    try {
      await this.store.removeCards(this.ids());
      this.cleared.emit();
    } catch (err) {
      this.store.notify({
        kind: 'error',
        text: `Some cards could not be removed: ${err instanceof Error ? err.message : ''}`,
      });
    }
  }
}
