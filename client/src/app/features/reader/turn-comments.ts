import { ChangeDetectionStrategy, Component, computed, inject, input } from '@angular/core';
import { CommentIcon } from '../../shared/comments/comment-icon';
import { plural } from '../../shared/format';
import { HighlightStore } from './highlight-store';
import { ReaderState } from './reader-state';
import type { ReaderHighlight } from './reader-types';

/**
 * Beside a turn's speaker: one button per highlight starting in the turn that has comments, with
 * their count; it opens the highlight's panel, where the discussion is. The turn's text stays
 * exactly its words (selection offsets are text offsets), so the counts live in its header.
 */
@Component({
  selector: 'vb-turn-comments',
  imports: [CommentIcon],
  template: `
    @for (h of commented(); track h.id) {
      <button
        type="button"
        class="turn-comments"
        [style.--tag-color]="h.tags[0]?.color ?? null"
        [attr.aria-label]="label(h)"
        [title]="label(h)"
        (click)="state.focusHighlight(h.id)"
      >
        <vb-comment-icon /> {{ h.commentCount }}
      </button>
    }
  `,
  styles: `
    :host {
      display: contents;
    }

    .turn-comments {
      display: inline-flex;
      align-items: center;
      gap: 0.2rem;
      padding: 0 0.4rem;
      border: 1px solid color-mix(in srgb, var(--tag-color, var(--accent)) 45%, transparent);
      border-radius: 999px;
      background: var(--surface);
      color: var(--muted);
      font: inherit;
      font-size: 0.775rem;
      line-height: 1.5;
      cursor: pointer;

      &:hover {
        color: var(--text);
      }
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class TurnComments {
  private readonly store = inject(HighlightStore);
  protected readonly state = inject(ReaderState);

  readonly segmentId = input.required<string>();

  protected readonly commented = computed(
    () => this.store.commentedBySegment().get(this.segmentId()) ?? [],
  );

  protected label(h: ReaderHighlight): string {
    const quote = h.quote.length > 40 ? `${h.quote.slice(0, 39)}…` : h.quote;
    return `${plural(h.commentCount, 'comment')} on “${quote}”`;
  }
}
