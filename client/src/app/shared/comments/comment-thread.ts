import {
  ChangeDetectionStrategy,
  Component,
  computed,
  inject,
  input,
  linkedSignal,
  signal,
} from '@angular/core';
import { toAppError } from '../../core/errors/app-error';
import { plural } from '../format';
import { excerpt } from '../markdown/excerpt';
import { CommentComposer, type CommentDraft } from './comment-composer';
import { CommentItem } from './comment-item';
import type { Thread } from './comment-state';
import { CommentsStore } from './comments-store';

/**
 * A thread: its first comment and the replies, a reply composer, and Resolve or Reopen. A
 * resolved thread folds into one line that opens it again for reading.
 */
@Component({
  selector: 'vb-comment-thread',
  imports: [CommentItem, CommentComposer],
  templateUrl: './comment-thread.html',
  styleUrl: './comment-thread.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class CommentThread {
  protected readonly store = inject(CommentsStore);

  readonly thread = input.required<Thread>();

  /** A resolved thread shows folded until opened; resolving one folds it again. */
  private readonly resolved = computed(() => this.thread().resolved);
  protected readonly open = linkedSignal({
    // A signal of its own: any other change of the thread (a reply, a reaction) keeps it open.
    source: this.resolved,
    computation: (resolved) => !resolved,
  });
  protected readonly replying = signal(false);
  protected readonly busy = signal(false);
  protected readonly error = signal<string | null>(null);

  protected readonly starter = computed(() => this.thread().author?.name ?? 'A former member');
  protected readonly summary = computed(() => {
    const t = this.thread();
    const first = t.deleted ? 'deleted' : `“${excerpt(t.body, 80)}”`;
    return `${this.starter()}: ${first} · ${plural(t.replies.length, 'reply', 'replies')}`;
  });
  /** A deleted first comment takes no more replies (the api refuses them). */
  protected readonly canReply = computed(() => this.store.canComment() && !this.thread().deleted);

  protected readonly reply = async (draft: CommentDraft): Promise<void> => {
    await this.store.add(draft.body, draft.mentionIds, this.thread().id);
    this.replying.set(false);
  };

  protected async setResolved(resolved: boolean): Promise<void> {
    this.busy.set(true);
    this.error.set(null);
    try {
      await this.store.setResolved(this.thread(), resolved);
    } catch (err) {
      this.error.set(toAppError(err).message);
    } finally {
      this.busy.set(false);
    }
  }
}
