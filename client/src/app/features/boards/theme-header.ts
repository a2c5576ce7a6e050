import {
  ChangeDetectionStrategy,
  Component,
  type ElementRef,
  computed,
  inject,
  input,
  output,
  signal,
  viewChild,
} from '@angular/core';
import { CdkDragHandle } from '@angular/cdk/drag-drop';
import { plural } from '../../shared/format';
import { inlineEdit } from '../../shared/inline-edit/inline-edit';
import type { Evidence, Theme } from './board-state';
import { BoardStore } from './board-store';

/**
 * A theme's head: its colour, title and description (editable in place), how strong its
 * evidence is, and the moves and deletion an editor can make with buttons (the keyboard path
 * for reordering themes; dragging the grip is the pointer's).
 */
@Component({
  selector: 'vb-theme-header',
  imports: [CdkDragHandle],
  templateUrl: './theme-header.html',
  styleUrl: './theme-header.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ThemeHeader {
  private readonly store = inject(BoardStore);
  private readonly titleField = viewChild<ElementRef<HTMLInputElement>>('titleField');
  private readonly editButton = viewChild<ElementRef<HTMLButtonElement>>('editButton');

  readonly theme = input.required<Theme>();
  readonly evidence = input<Evidence | undefined>();
  readonly canEdit = input(false);
  readonly first = input(false);
  readonly last = input(false);
  readonly cardCount = input(0);
  /** -1: one place to the left, 1: to the right. */
  readonly moveBy = output<-1 | 1>();
  readonly deleteRequested = output<void>();

  protected readonly form = inlineEdit({ field: this.titleField, edit: this.editButton });
  protected readonly title = signal('');
  protected readonly description = signal('');
  protected readonly color = signal('#000000');
  protected readonly confirming = signal(false);
  protected readonly plural = plural;
  protected readonly strength = computed(() => {
    const e = this.evidence();
    if (!e) return null;
    return `${plural(e.highlights, 'highlight')} · ${plural(e.participants, 'participant')} · ${plural(e.transcripts, 'interview')}`;
  });

  protected open(): void {
    const t = this.theme();
    this.title.set(t.title);
    this.description.set(t.description);
    this.color.set(t.color);
    this.form.open();
  }

  protected async save(): Promise<void> {
    const t = this.theme();
    const title = this.title().trim();
    const patch = {
      ...(title !== t.title ? { title } : {}),
      ...(this.description().trim() !== t.description
        ? { description: this.description().trim() }
        : {}),
      ...(this.color() !== t.color ? { color: this.color() } : {}),
    };
    await this.form.save(title ? null : 'A theme needs a title.', async () => {
      if (Object.keys(patch).length) await this.store.updateTheme(t, patch);
    });
  }
}
