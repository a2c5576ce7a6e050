import { DatePipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, computed, inject, input, signal } from '@angular/core';
import { toAppError } from '../../core/errors/app-error';
import { formatRelative } from '../format';
import { renderMarkdown } from '../markdown/markdown';
import { CommentComposer, type CommentDraft } from './comment-composer';
import { CommentReactions } from './comment-reactions';
import type { CommentView } from './comment-state';
import { CommentsStore } from './comments-store';
import { ConfirmAction } from '../confirm-action';

/**
 * One comment: who wrote it and when ("edited" once changed), its Markdown rendered safely with
 * mentions as names, its reactions, and what the signed-in member may do with it: its author
 * edits it; its author or an owner deletes it, after a second press. A deleted first comment
 * that keeps its thread's replies says so instead.
 */
@Component({
  selector: 'vb-comment',
  imports: [DatePipe, CommentComposer, CommentReactions, ConfirmAction],
  templateUrl: './comment-item.html',
  styleUrl: './comment-item.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class CommentItem {
  protected readonly store = inject(CommentsStore);

  readonly comment = input.required<CommentView>();

  protected readonly editing = signal(false);
  protected readonly busy = signal(false);
  protected readonly error = signal<string | null>(null);

  protected readonly author = computed(() => this.comment().author?.name ?? 'A former member');
  protected readonly html = computed(() => {
    const c = this.comment();
    return renderMarkdown(c.body, { mentions: new Map(c.mentions.map((m) => [m.id, m.name])) });
  });
  protected readonly canEdit = computed(
    () => this.store.canComment() && this.store.isMine(this.comment()) && !this.comment().deleted,
  );
  protected readonly canDelete = computed(() => this.store.canDelete(this.comment()));

  protected readonly save = async (draft: CommentDraft): Promise<void> => {
    await this.store.edit(this.comment(), draft.body);
    this.editing.set(false);
  };

  protected relative(iso: string): string {
    return formatRelative(iso);
  }

  protected async remove(): Promise<void> {
    this.busy.set(true);
    this.error.set(null);
    try {
      await this.store.remove(this.comment());
    } catch (err) {
      this.error.set(toAppError(err).message);
    } finally {
      this.busy.set(false);
    }
  }
}
