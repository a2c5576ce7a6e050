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
  output,
  signal,
  viewChild,
} from '@angular/core';
import { RouterLink } from '@angular/router';
import type { SuggestionFragment as Suggestion } from '@verbatim/contracts';
import { formatTimestamp } from '../../shared/format';
import { TagPicker } from '../../shared/tag-picker/tag-picker';
import type { PickableTag } from '../../shared/tag-picker/tag-picker-filter';
import {
  type SuggestionTag,
  formatConfidence,
  suggestionStatusLabel,
  tagConfidence,
} from './analysis-format';
import { SuggestionFlag, SuggestionMatch } from './suggestion-trust';

/** What an item of the review list is doing besides being read. */
export type ItemMode = 'edit' | 'reject' | null;

/**
 * One suggestion under review: the quote (always as text), where it was said, how the quote was
 * found in the transcript, its flag when text instructing a model came with it, its tags or
 * proposed theme, why, and how sure. Editing changes the tags before accepting; rejecting asks
 * for an optional reason (Enter rejects with it, Escape without).
 */
@Component({
  selector: 'vb-suggestion-item',
  imports: [RouterLink, TagPicker, SuggestionMatch, SuggestionFlag],
  templateUrl: './suggestion-item.html',
  styleUrl: './suggestion-item.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class SuggestionItem {
  readonly suggestion = input.required<Suggestion>();
  readonly mode = input<ItemMode>(null);
  readonly editedTags = input<readonly SuggestionTag[] | null>(null);
  readonly tags = input<readonly PickableTag[]>([]);
  readonly canReview = input(false);
  readonly busy = input(false);
  /** The review's "at least N %" (0..1): accepting puts only the tags that reach it on the highlight. */
  readonly threshold = input<number | null>(null);

  readonly accepted = output<void>();
  readonly rejected = output<string | null>();
  readonly tagsEdited = output<readonly SuggestionTag[]>();
  readonly modeChange = output<ItemMode>();

  protected readonly reason = signal('');
  private readonly reasonField = viewChild<ElementRef<HTMLInputElement>>('reasonField');

  protected readonly shownTags = computed(() => {
    const edited = this.editedTags();
    // Edited tags are applied as chosen; otherwise each suggested tag is judged on its own.
    const threshold = edited ? null : this.threshold();
    return (edited ?? this.suggestion().tags).map((tag) => ({
      ...tag,
      ...tagConfidence(tag.confidence, threshold),
    }));
  });
  protected readonly edited = computed(() => this.editedTags() !== null);
  protected readonly tagIds = computed(() => this.shownTags().map((t) => t.id));
  protected readonly confidence = computed(() => formatConfidence(this.suggestion().confidence));
  protected readonly statusLabel = computed(() => suggestionStatusLabel(this.suggestion().status));
  protected readonly pending = computed(() => this.suggestion().status === 'PENDING');
  protected readonly time = computed(() => formatTimestamp(this.suggestion().startMs));
  protected readonly readerParams = computed(() => {
    const s = this.suggestion();
    return {
      turn: s.startIndex,
      suggestion: s.status === 'PENDING' ? s.id : null,
      highlight: s.highlightId ?? null,
    };
  });

  constructor() {
    const injector = inject(Injector);
    effect(() => {
      if (this.mode() !== 'reject') return;
      afterNextRender(() => this.reasonField()?.nativeElement.focus(), { injector });
    });
  }

  protected addTag(tag: PickableTag): void {
    this.tagsEdited.emit([...this.shownTags(), { id: tag.id, name: tag.name, color: tag.color }]);
  }

  protected removeTag(id: string): void {
    this.tagsEdited.emit(this.shownTags().filter((t) => t.id !== id));
  }

  protected onReasonKey(event: KeyboardEvent): void {
    if (event.key === 'Enter') {
      event.preventDefault();
      event.stopPropagation();
      this.rejected.emit(this.reason().trim() || null);
    } else if (event.key === 'Escape') {
      event.preventDefault();
      event.stopPropagation();
      this.rejected.emit(null);
    }
  }
}
