import { ChangeDetectionStrategy, Component, inject, input, signal } from '@angular/core';
import { RenameForm } from '../../shared/rename-form';
import { BoardStore } from './board-store';

/** The board's name as the page's heading, renamed in place by those who may edit. */
@Component({
  selector: 'vb-board-title',
  imports: [RenameForm],
  template: `
    @if (renaming(); as name) {
      <vb-rename-form
        label="Board name"
        [value]="name"
        (saved)="save($event)"
        (cancelled)="renaming.set(null)"
      />
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

  protected async save(name: string): Promise<void> {
    this.error.set(null);
    try {
      await this.store.rename(name);
      this.renaming.set(null);
    } catch (err) {
      this.error.set(err instanceof Error ? err.message : 'The board could not be renamed.');
    }
  }
}
