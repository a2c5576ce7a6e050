import {
  ChangeDetectionStrategy,
  Component,
  type ElementRef,
  Injector,
  afterNextRender,
  computed,
  effect,
  inject,
  input,
  linkedSignal,
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
import { DrawBudget } from './draw-budget';
import { ThemeHeader } from './theme-header';

/**
 * Cards a column draws at once, about a tall screen's worth; the rest of its window arrives in
 * the browser's idle moments (see DrawBudget), so a large board can be used before the cards
 * below the fold exist.
 */
const AT_ONCE = 15;
/** Cards a column adds at once to those it shows (a colleague's move, a new note). */
const ADDED_AT_ONCE = 10;

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

  /**
   * How many of the column's cards are drawn: as many as before (at least AT_ONCE) plus a few
   * at once, the rest as the DrawBudget grants them, so that a filter cleared on a large board
   * does not create a thousand cards in one frame. The cards drawn are always the first ones.
   */
  private readonly drawn = linkedSignal<readonly Card[], number>({
    source: () => this.column().cards,
    computation: (cards, previous) => {
      const before = previous ? Math.min(previous.value, previous.source.length) : 0;
      return Math.min(cards.length, Math.max(AT_ONCE, before + ADDED_AT_ONCE));
    },
  });
  protected readonly cards = computed(() => {
    const all = this.column().cards;
    const drawn = this.drawn();
    return drawn >= all.length ? all : all.slice(0, drawn);
  });

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

  constructor() {
    const budget = inject(DrawBudget);
    effect((onCleanup) => {
      const lacking = this.column().cards.length - this.drawn();
      if (lacking <= 0) return;
      onCleanup(
        budget.request((allowance) => {
          const more = Math.min(lacking, allowance);
          this.drawn.update((n) => n + more);
          return more;
        }),
      );
    });
  }

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
