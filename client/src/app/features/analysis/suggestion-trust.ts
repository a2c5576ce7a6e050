import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import type { SuggestionFragment as Suggestion } from '@verbatim/contracts';
import { formatMatch, matchHint } from './analysis-format';

/** How a suggestion's quote was found in the transcript: "Exact match", "Fuzzy match, 91 %". */
@Component({
  selector: 'vb-suggestion-match',
  template: `<span
    class="match"
    [attr.data-match]="suggestion().matchKind ?? 'UNKNOWN'"
    [attr.title]="hint()"
    data-testid="match-kind"
    >{{ label() }}</span
  >`,
  styles: `
    .match {
      display: inline-block;
      padding: 0.05rem 0.5rem;
      border-radius: 999px;
      font-size: 0.78rem;
      font-weight: 600;
      background: var(--accent-soft);
      color: var(--accent);
      &[data-match='FUZZY'],
      &[data-match='UNKNOWN'] {
        background: var(--warning-soft);
        color: var(--warning);
      }
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class SuggestionMatch {
  readonly suggestion = input.required<Pick<Suggestion, 'matchKind' | 'matchSimilarity'>>();

  protected readonly label = computed(() =>
    formatMatch(this.suggestion().matchKind, this.suggestion().matchSimilarity),
  );
  protected readonly hint = computed(() => matchHint(this.suggestion().matchKind));
}

/**
 * The flag of a suggestion that came with text instructing a model, and why: a person reads it
 * (and the transcript) before accepting; accept all never takes it.
 */
@Component({
  selector: 'vb-suggestion-flag',
  template: `
    @if (suggestion().flagged) {
      <p class="flag" role="note" data-testid="suggestion-flag">
        <strong>Flagged — read before accepting.</strong>
        {{ suggestion().flagReason ?? 'Text that instructs a model came with this suggestion.' }}
        Accept all never takes it.
      </p>
    }
  `,
  styles: `
    .flag {
      margin: 0.4rem 0 0;
      padding: 0.4rem 0.6rem;
      border-left: 3px solid var(--danger);
      background: var(--danger-soft);
      color: var(--text);
      font-size: 0.875rem;
      overflow-wrap: anywhere;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class SuggestionFlag {
  readonly suggestion = input.required<Pick<Suggestion, 'flagged' | 'flagReason'>>();
}
