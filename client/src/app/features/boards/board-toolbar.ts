import {
  ChangeDetectionStrategy,
  Component,
  inject,
  input,
  model,
  output,
  signal,
} from '@angular/core';
import { toAppError } from '../../core/errors/app-error';
import { BoardStore } from './board-store';
import type { CardFilter, ColourBy } from './card-filter';

/**
 * Above the board: a new theme, theme suggestions, and what the board shows — cards filtered by
 * words, tag or participant attribute, coloured by tag or attribute, evidence broken down by an
 * attribute.
 */
@Component({
  selector: 'vb-board-toolbar',
  templateUrl: './board-toolbar.html',
  styleUrl: './board-toolbar.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class BoardToolbar {
  protected readonly store = inject(BoardStore);

  readonly canEdit = input(false);
  readonly tags = input<readonly { id: string; name: string }[]>([]);
  readonly attributes = input<readonly { key: string; values: string[] }[]>([]);
  readonly filter = model.required<CardFilter>();
  readonly colourBy = model.required<ColourBy>();
  readonly suggestRequested = output<void>();

  protected readonly newTheme = signal('');
  protected readonly busy = signal(false);
  protected readonly error = signal<string | null>(null);

  protected async addTheme(): Promise<void> {
    const title = this.newTheme().trim();
    if (!title) {
      this.error.set('Give the theme a title.');
      return;
    }
    this.busy.set(true);
    this.error.set(null);
    try {
      await this.store.createTheme(title);
      this.newTheme.set('');
    } catch (err) {
      this.error.set(toAppError(err).message);
    } finally {
      this.busy.set(false);
    }
  }

  protected setFilter(patch: Partial<CardFilter>): void {
    this.filter.set({ ...this.filter(), ...patch });
  }

  protected setEvidenceAttribute(key: string): void {
    this.store.evidenceAttribute.set(key);
    this.store.refreshEvidenceSoon(0);
  }
}
