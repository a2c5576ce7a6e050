import { ChangeDetectionStrategy, Component, inject, input, signal } from '@angular/core';
import { toAppError } from '../../core/errors/app-error';
import type { CommentView } from './comment-state';
import { CommentsStore } from './comments-store';

type Reaction = CommentView['reactions'][number];

/** The emoji offered; a reaction with another one (made elsewhere) is shown all the same. */
export const REACTIONS: readonly { emoji: string; name: string }[] = [
  { emoji: '👍', name: 'Thumbs up' },
  { emoji: '❤️', name: 'Heart' },
  { emoji: '🎉', name: 'Hooray' },
  { emoji: '😄', name: 'Smile' },
  { emoji: '😕', name: 'Confused' },
  { emoji: '👀', name: 'Eyes' },
];

/** "Thumbs up: 2 people, you among them". */
export function reactionLabel(reaction: Reaction): string {
  const name = REACTIONS.find((r) => r.emoji === reaction.emoji)?.name ?? reaction.emoji;
  const people = reaction.count === 1 ? '1 person' : `${reaction.count} people`;
  return `${name}: ${people}${reaction.reactedByMe ? ', you among them' : ''}`;
}

/**
 * A comment's reactions with their counts; who may comment toggles their own with a press, and
 * adds one of the fixed set from "Add reaction".
 */
@Component({
  selector: 'vb-comment-reactions',
  template: `
    @let c = comment();
    @if (c.reactions.length || canReact()) {
      <ul class="reactions" aria-label="Reactions">
        @for (r of c.reactions; track r.emoji) {
          <li>
            @if (canReact()) {
              <button
                type="button"
                class="reaction"
                [class.reaction--mine]="r.reactedByMe"
                [attr.aria-pressed]="r.reactedByMe"
                [attr.aria-label]="reactionLabel(r)"
                [disabled]="busy()"
                (click)="toggle(r.emoji)"
              >
                {{ r.emoji }} <span class="reaction-count">{{ r.count }}</span>
              </button>
            } @else {
              <span class="reaction" [class.reaction--mine]="r.reactedByMe">
                <span aria-hidden="true">{{ r.emoji }} {{ r.count }}</span>
                <span class="visually-hidden">{{ reactionLabel(r) }}</span>
              </span>
            }
          </li>
        }
        @if (canReact()) {
          <li>
            <button
              type="button"
              class="reaction reaction--add"
              [attr.aria-expanded]="picking()"
              aria-label="Add reaction"
              title="Add reaction"
              (click)="picking.set(!picking())"
            >
              <span aria-hidden="true">☺+</span>
            </button>
          </li>
        }
      </ul>
    }
    @if (picking()) {
      <div class="reaction-picker" role="group" aria-label="Choose a reaction">
        @for (r of choices; track r.emoji) {
          <button
            type="button"
            class="reaction"
            [attr.aria-label]="r.name"
            [attr.aria-pressed]="mine(r.emoji)"
            [title]="r.name"
            [disabled]="busy()"
            (click)="toggle(r.emoji); picking.set(false)"
          >
            {{ r.emoji }}
          </button>
        }
      </div>
    }
    @if (error(); as message) {
      <p class="field-error" role="alert">{{ message }}</p>
    }
  `,
  styleUrl: './comment-reactions.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class CommentReactions {
  private readonly store = inject(CommentsStore);

  readonly comment = input.required<CommentView>();
  readonly canReact = input(false);

  protected readonly choices = REACTIONS;
  protected readonly picking = signal(false);
  protected readonly busy = signal(false);
  protected readonly error = signal<string | null>(null);
  protected readonly reactionLabel = reactionLabel;

  protected mine(emoji: string): boolean {
    return this.comment().reactions.some((r) => r.emoji === emoji && r.reactedByMe);
  }

  protected async toggle(emoji: string): Promise<void> {
    this.busy.set(true);
    this.error.set(null);
    try {
      await this.store.react(this.comment(), emoji);
    } catch (err) {
      this.error.set(toAppError(err).message);
    } finally {
      this.busy.set(false);
    }
  }
}
