import {
  ChangeDetectionStrategy,
  Component,
  type ElementRef,
  Injector,
  afterNextRender,
  computed,
  inject,
  input,
  output,
  signal,
  viewChild,
} from '@angular/core';
import { CdkDrag, type CdkDragDrop, CdkDropList } from '@angular/cdk/drag-drop';
import { toAppError } from '../../core/errors/app-error';
import { plural } from '../../shared/format';
import { BoardCard } from './board-card';
import type { Card, Evidence, Theme } from './board-state';
import { BoardStore } from './board-store';
import { ThemeHeader } from './theme-header';

/** A column as the page shows it: a window of its cards that pass the filter. */
export interface ColumnView {
  key: string;
  title: string;
  theme: Theme | null;
  /** The cards shown, in order. */
  cards: readonly Card[];
  ids: readonly string[];
  /** Cards in the column, and those of them the filter lets through. */
  total: number;
  matched: number;
}

export type CardMark = (card: Card) => { color: string; label: string } | null;

/** One column of the board: the unsorted cards or a theme's, a drop target for cards. */
@Component({
  selector: 'vb-board-column',
  imports: [CdkDropList, CdkDrag, BoardCard, ThemeHeader],
  templateUrl: './board-column.html',
  styleUrl: './board-column.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class BoardColumn {
  protected readonly store = inject(BoardStore);
  private readonly injector = inject(Injector);
  private readonly noteField = viewChild<ElementRef<HTMLTextAreaElement>>('noteField');
  private readonly addNoteButton = viewChild<ElementRef<HTMLButtonElement>>('addNoteButton');

  readonly column = input.required<ColumnView>();
  readonly evidence = input<Evidence | undefined>();
  readonly canEdit = input(false);
  readonly selected = input<ReadonlySet<string>>(new Set());
  readonly carriedId = input<string | null>(null);
  readonly connectedTo = input<string[]>([]);
  readonly mark = input<CardMark>(() => null);
  readonly first = input(false);
  readonly last = input(false);
  readonly dropped = output<CdkDragDrop<string, string, string>>();
  readonly selectToggled = output<{ cardId: string; event: MouseEvent | Event }>();
  readonly showMore = output<void>();
  readonly moveBy = output<-1 | 1>();
  readonly deleteRequested = output<void>();

  protected readonly listId = computed(() => `cards-${this.column().key}`);
  protected readonly headingId = computed(() =>
    this.column().theme ? `theme-${this.column().key}` : 'column-unsorted',
  );
  protected readonly hidden = computed(() => this.column().matched - this.column().cards.length);
  protected readonly filtered = computed(() => this.column().matched !== this.column().total);
  protected readonly noting = signal(false);
  protected readonly note = signal('');
  protected readonly busy = signal(false);
  protected readonly error = signal<string | null>(null);
  protected readonly plural = plural;
  protected readonly saveNote = (card: Card, text: string) => this.store.updateNote(card, text);

  protected openNote(): void {
    this.note.set('');
    this.error.set(null);
    this.noting.set(true);
    afterNextRender(() => this.noteField()?.nativeElement.focus(), { injector: this.injector });
  }

  protected closeNote(): void {
    this.noting.set(false);
    afterNextRender(() => this.addNoteButton()?.nativeElement.focus(), {
      injector: this.injector,
    });
  }

  protected async addNote(): Promise<void> {
    const text = this.note().trim();
    if (!text) return;
    this.busy.set(true);
    this.error.set(null);
    try {
      await this.store.addNote(this.column().key, text);
      this.closeNote();
    } catch (err) {
      this.error.set(toAppError(err).message);
    } finally {
      this.busy.set(false);
    }
  }

  protected onNoteKey(event: KeyboardEvent): void {
    event.stopPropagation();
    if (event.key === 'Escape') this.closeNote();
    if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      void this.addNote();
    }
  }
}
