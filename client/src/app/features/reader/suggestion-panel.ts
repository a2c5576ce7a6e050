import {
  ChangeDetectionStrategy,
  Component,
  computed,
  inject,
  input,
  output,
  signal,
} from '@angular/core';
import { RouterLink } from '@angular/router';
import type { SuggestionFragment as Suggestion } from '@verbatim/contracts';
import { formatConfidence } from '../analysis/analysis-format';
import { SuggestionFlag, SuggestionMatch } from '../analysis/suggestion-trust';
import { SuggestionStore } from './suggestion-store';
import { PendingAction } from '../../shared/pending-action';

/**
 * A pending suggestion in the reader: the quote and how it was found, its flag when text
 * instructing a model came with it, its tags or proposed theme, why, and how sure.
 * Editors accept it (it becomes a highlight), reject it, or put it on other words first.
 */
@Component({
  selector: 'vb-suggestion-panel',
  imports: [RouterLink, SuggestionMatch, SuggestionFlag],
  templateUrl: './suggestion-panel.html',
  styleUrls: ['./highlight-panel.scss', './suggestion-panel.scss'],
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class SuggestionPanel {
  private readonly store = inject(SuggestionStore);

  readonly suggestion = input.required<Suggestion>();
  readonly projectId = input.required<string>();
  readonly canEdit = input(false);
  readonly closed = output<void>();
  /** The id of the highlight the accepted suggestion became. */
  readonly accepted = output<string | null>();
  /** The reader takes the words selected in the transcript (or the next selection) instead. */
  readonly adjustRequested = output<Suggestion>();

  protected readonly rejecting = signal(false);
  protected readonly reason = signal('');
  private readonly pending = new PendingAction();
  protected readonly busy = this.pending.busy;
  protected readonly error = this.pending.error;
  protected readonly confidence = computed(() => formatConfidence(this.suggestion().confidence));

  /** A suggested tag's own confidence, as the review shows it. */
  protected tagPercent(confidence: number | null | undefined): string {
    return confidence === null || confidence === undefined ? '' : formatConfidence(confidence);
  }

  protected async accept(): Promise<void> {
    await this.run(async () => this.accepted.emit(await this.store.accept(this.suggestion())));
  }

  protected async reject(): Promise<void> {
    await this.run(() => this.store.reject(this.suggestion(), this.reason().trim() || null));
    this.rejecting.set(false);
  }

  private run(action: () => Promise<unknown>): Promise<void> {
    return this.pending.run(action);
  }

  protected onKey(event: KeyboardEvent): void {
    if (event.key === 'Escape') {
      event.stopPropagation();
      if (this.rejecting()) this.rejecting.set(false);
      else this.closed.emit();
    }
  }

  protected onReasonKey(event: KeyboardEvent): void {
    if (event.key === 'Enter') {
      event.preventDefault();
      void this.reject();
    }
  }
}
