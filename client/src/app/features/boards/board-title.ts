import { ChangeDetectionStrategy, Component, inject, input, signal } from '@angular/core';
import { BoardStore } from './board-store';

/** The board's name as the page's heading, renamed in place by those who may edit. */
@Component({
  selector: 'vb-board-title',
  template: `
    @if (renaming() !== null) {
      <form class="rename" (submit)="$event.preventDefault(); save()">
        <label for="board-name">Board name</label>
        <input
          id="board-name"
          class="input"
          maxlength="200"
          [value]="renaming()"
          (input)="renaming.set($any($event.target).value)"
          (keydown.escape)="renaming.set(null)"
        />
        <button type="submit" class="button button--small">Save</button>
        <button
          type="button"
          class="button button--quiet button--small"
          (click)="renaming.set(null)"
        >
          Cancel
        </button>
      </form>
    } @else {
      <h1>
        {{ store.state()?.name ?? 'Board' }}
        @if (canEdit() && store.state(); as state) {
          <button
            type="button"
            class="button button--quiet button--small"
            aria-label="Rename board"
            (click)="renaming.set(state.name)"
          >
            Rename
          </button>
        }
      </h1>
    }
    @if (error(); as message) {
      <p class="alert alert--error" role="alert">{{ message }}</p>
    }
  `,
  styleUrl: './board-title.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class BoardTitle {
  protected readonly store = inject(BoardStore);
  readonly canEdit = input(false);
  /** The board's name being typed, while renaming. */
  protected readonly renaming = signal<string | null>(null);
  protected readonly error = signal<string | null>(null);

  protected async save(): Promise<void> {
    const name = this.renaming()?.trim();
    if (!name) return;
    this.error.set(null);
    try {
      await this.store.rename(name);
      this.renaming.set(null);
    } catch (err) {
      this.error.set(err instanceof Error ? err.message : 'The board could not be renamed.');
    }
  }
}
