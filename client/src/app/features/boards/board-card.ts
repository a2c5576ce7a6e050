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
import { Router } from '@angular/router';
import { toAppError } from '../../core/errors/app-error';
import { CommentIcon } from '../../shared/comments/comment-icon';
import type { Card } from './board-state';

/** About eight lines of a card in a column (some 30 characters a line). */
export const LONG_QUOTE_CHARS = 280;

/**
 * One card: a highlight's quote with who said it, in which interview, and its tags; or a sticky
 * note, editable in place. The card itself takes the focus for keyboard moves (see BoardPage).
 */
@Component({
  selector: 'vb-board-card',
  imports: [CommentIcon],
  templateUrl: './board-card.html',
  styleUrl: './board-card.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
  host: {
    tabindex: '0',
    '[attr.data-card-id]': 'card().id',
    'aria-describedby': 'board-card-help',
    '[class.selected]': 'selected()',
    '[class.carried]': 'carried()',
    '[style.--mark]': 'mark()?.color ?? null',
  },
})
export class BoardCard {
  private readonly injector = inject(Injector);
  private readonly router = inject(Router);
  private readonly noteField = viewChild<ElementRef<HTMLTextAreaElement>>('noteField');

  readonly card = input.required<Card>();
  readonly selected = input(false);
  readonly carried = input(false);
  readonly canEdit = input(false);
  readonly mark = input<{ color: string; label: string } | null>(null);
  /** Save a note's new text; rejects with the reason when it was not saved. */
  readonly saveNote = input<(card: Card, text: string) => Promise<void>>();
  readonly selectToggled = output<MouseEvent | Event>();

  protected readonly editing = signal(false);
  protected readonly draft = signal('');
  protected readonly busy = signal(false);
  protected readonly error = signal<string | null>(null);
  /** A short name for the card in labels: the first words of the quote or note. */
  protected readonly short = computed(() => {
    const text = this.card().highlight?.quote ?? this.card().text ?? '';
    return text.length > 60 ? `${text.slice(0, 57)}…` : text;
  });

  /**
   * A quote longer than about eight lines of a column shows its first lines until asked: a whole
   * answer of a minute or more would otherwise fill the column on its own.
   */
  protected readonly long = computed(
    () => (this.card().highlight?.quote.length ?? 0) > LONG_QUOTE_CHARS,
  );
  protected readonly expanded = signal(false);

  /**
   * Where the quote was said: a plain link opened by the router, not a RouterLink, which on each
   * of a large board's 2,000 cards would follow every navigation and build a URL tree of its own.
   */
  protected readonly sourceUrl = computed(() => {
    const h = this.card().highlight;
    return h
      ? `/t/${encodeURIComponent(h.transcript.id)}?highlight=${encodeURIComponent(h.id)}`
      : null;
  });

  protected openSource(event: MouseEvent): void {
    const url = this.sourceUrl();
    if (
      !url ||
      event.button !== 0 ||
      event.ctrlKey ||
      event.metaKey ||
      event.shiftKey ||
      event.altKey
    )
      return;
    event.preventDefault();
    void this.router.navigateByUrl(url);
  }

  protected edit(): void {
    this.draft.set(this.card().text ?? '');
    this.error.set(null);
    this.editing.set(true);
    afterNextRender(() => this.noteField()?.nativeElement.focus(), { injector: this.injector });
  }

  protected async save(): Promise<void> {
    const text = this.draft().trim();
    const save = this.saveNote();
    if (!text || !save) return;
    this.busy.set(true);
    this.error.set(null);
    try {
      await save(this.card(), text);
      this.editing.set(false);
    } catch (err) {
      this.error.set(
        err instanceof Error && !('code' in err) ? err.message : toAppError(err).message,
      );
    } finally {
      this.busy.set(false);
    }
  }

  protected onEditorKey(event: KeyboardEvent): void {
    // Keys typed into the note are the note's, not a card move.
    event.stopPropagation();
    if (event.key === 'Escape') this.editing.set(false);
    if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      void this.save();
    }
  }
}
