import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { UNSORTED, cardById } from './board-state';
import { BoardStore, type Notice } from './board-store';

/**
 * What happened to the user's changes that they did not expect: a move that lost to a
 * colleague's (with whose, and where the card is now), a save that failed. Shown until dismissed.
 */
@Component({
  selector: 'vb-board-notices',
  template: `
    <div class="notices" role="status" aria-live="polite">
      @for (n of store.notices(); track n.id) {
        <div
          class="alert"
          [class.alert--error]="n.kind === 'error'"
          [class.alert--info]="n.kind !== 'error'"
          [attr.data-notice]="n.kind"
        >
          <span>{{ text(n) }}</span>
          @if (n.retry && n.cardId && store.state()?.where?.has(n.cardId)) {
            <button
              type="button"
              class="button button--secondary button--small"
              (click)="store.retry(n)"
            >
              Move it again
            </button>
          }
          <button
            type="button"
            class="button button--quiet button--small"
            [attr.aria-label]="'Dismiss: ' + text(n)"
            (click)="store.dismiss(n.id)"
          >
            Dismiss
          </button>
        </div>
      }
    </div>
  `,
  styles: `
    .notices:empty {
      display: none;
    }
    .alert {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: 0.5rem;
      margin-bottom: 0.5rem;
    }
    span {
      flex: 1 1 20rem;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class BoardNotices {
  protected readonly store = inject(BoardStore);

  /** A conflict names who moved the card and where it is now, as known when shown. */
  protected text(n: Notice): string {
    if (n.kind !== 'conflict' || !n.cardId) return n.text;
    const state = this.store.state();
    const card = state ? cardById(state, n.cardId) : undefined;
    const who = this.store.actorName(this.store.lastActor().get(n.cardId));
    const quote = card?.highlight?.quote ?? card?.text ?? 'this card';
    const short = quote.length > 50 ? `${quote.slice(0, 47)}…` : quote;
    const where = card ? this.store.columnTitle(card.themeId ?? UNSORTED) : 'elsewhere';
    return `${who} moved “${short}” meanwhile: it is in ${where} now. Your move was not applied.`;
  }
}
