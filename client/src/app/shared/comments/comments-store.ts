import { DestroyRef, Injectable, computed, inject, signal } from '@angular/core';
import { Apollo } from 'apollo-angular';
import { Subject, Subscription, firstValueFrom } from 'rxjs';
import type { CommentTargetType, Role } from '@verbatim/contracts';
import {
  AddCommentDocument,
  CommentChangedDocument,
  CommentsDocument,
  DeleteCommentDocument,
  EditCommentDocument,
  ReactToCommentDocument,
  ReopenThreadDocument,
  ResolveThreadDocument,
} from '@verbatim/contracts/comments';
import { AuthStore } from '../../core/auth/auth-store';
import { capabilitiesFor } from '../../core/access/capabilities';
import { toAppError } from '../../core/errors/app-error';
import { resubscribeOnError } from '../../core/apollo/resubscribe';
import {
  type CommentView,
  type Thread,
  addComment,
  applyEvent,
  removeComment,
  replaceComment,
  upsertThreads,
} from './comment-state';
import type { MentionCandidate } from './mentions';

/**
 * The threads of one target (a highlight, a theme, an insight) and what the signed-in member may
 * do with them: read page by page, kept live with colleagues' changes, and changed through the
 * api. Provided by each comment-threads component; its threads, comments and composers share it.
 */
@Injectable()
export class CommentsStore {
  private readonly apollo = inject(Apollo);
  private readonly auth = inject(AuthStore);
  private live = new Subscription();
  private generation = 0;
  private target: { targetType: CommentTargetType; targetId: string } | null = null;
  private endCursor: string | null = null;
  /** The changes (`KIND:commentId`) already counted, by their live event or by the caller. */
  private readonly counted = new Set<string>();

  readonly threads = signal<readonly Thread[]>([]);
  readonly loaded = signal(false);
  readonly loading = signal(false);
  readonly hasMore = signal(false);
  readonly loadError = signal<string | null>(null);
  readonly role = signal<Role | null>(null);
  readonly members = signal<readonly MentionCandidate[]>([]);
  /** The count of comments on the target as the host showed it; changes are announced below. */
  knownCount: number | null = null;
  /** The target's comment count each time it changes (a live event, or the caller's change). */
  readonly counts = new Subject<number>();

  readonly me = computed(() => this.auth.user()?.id ?? null);
  readonly canComment = computed(() => capabilitiesFor(this.role()).comment);
  readonly isOwner = computed(() => this.role() === 'OWNER');

  constructor() {
    inject(DestroyRef).onDestroy(() => this.live.unsubscribe());
  }

  /** Shows the threads of this target: its first page, then whatever colleagues change. */
  open(targetType: CommentTargetType, targetId: string): void {
    this.generation++;
    this.target = { targetType, targetId };
    this.threads.set([]);
    this.loaded.set(false);
    this.hasMore.set(false);
    this.endCursor = null;
    this.counted.clear();
    this.follow(targetType, targetId);
    void this.loadPage(false);
  }

  loadMore(): Promise<void> {
    return this.loadPage(true);
  }

  private async loadPage(more: boolean): Promise<void> {
    const target = this.target;
    if (!target) return;
    const generation = this.generation;
    this.loading.set(true);
    this.loadError.set(null);
    try {
      const { data } = await firstValueFrom(
        this.apollo.query({
          query: CommentsDocument,
          variables: { ...target, after: more ? this.endCursor : null },
          fetchPolicy: 'no-cache',
        }),
      );
      if (generation !== this.generation || !data) return;
      const page = data.comments;
      const threads = page.edges.map((e) => e.node);
      this.threads.update((shown) => upsertThreads(more ? shown : [], threads));
      this.endCursor = page.pageInfo.endCursor;
      this.hasMore.set(page.pageInfo.hasNextPage);
      this.loaded.set(true);
    } catch (err) {
      if (generation === this.generation) this.loadError.set(toAppError(err).message);
    } finally {
      if (generation === this.generation) this.loading.set(false);
    }
  }

  private follow(targetType: CommentTargetType, targetId: string): void {
    this.live.unsubscribe();
    const generation = this.generation;
    this.live = this.apollo
      .subscribe({ query: CommentChangedDocument, variables: { targetType, targetId } })
      .pipe(resubscribeOnError(() => void this.loadPage(false)))
      .subscribe({
        next: ({ data }) => {
          const event = data?.commentChanged;
          if (!event || generation !== this.generation) return;
          this.threads.update((threads) => applyEvent(threads, event));
          this.counted.add(`${event.kind}:${event.commentId}`);
          this.setCount(event.commentCount);
        },
        error: () => undefined,
      });
  }

  async add(body: string, mentionIds: string[], parentId: string | null = null): Promise<void> {
    const target = this.target;
    if (!target) return;
    const { data } = await firstValueFrom(
      this.apollo.mutate({
        mutation: AddCommentDocument,
        variables: { input: { ...target, body, mentionIds, parentId } },
      }),
    );
    if (!data) return;
    this.threads.update((threads) => addComment(threads, data.addComment));
    this.adjustCount(`ADDED:${data.addComment.id}`, 1);
  }

  async edit(comment: CommentView, body: string): Promise<void> {
    const { data } = await firstValueFrom(
      this.apollo.mutate({
        mutation: EditCommentDocument,
        variables: { input: { id: comment.id, body } },
      }),
    );
    if (data) this.threads.update((threads) => replaceComment(threads, data.editComment));
  }

  async remove(comment: CommentView): Promise<void> {
    await firstValueFrom(
      this.apollo.mutate({ mutation: DeleteCommentDocument, variables: { id: comment.id } }),
    );
    this.threads.update((threads) => removeComment(threads, comment));
    this.adjustCount(`DELETED:${comment.id}`, -1);
  }

  async setResolved(thread: Thread, resolved: boolean): Promise<void> {
    const variables = { id: thread.id };
    const answered = resolved
      ? (await firstValueFrom(this.apollo.mutate({ mutation: ResolveThreadDocument, variables })))
          .data?.resolveThread
      : (await firstValueFrom(this.apollo.mutate({ mutation: ReopenThreadDocument, variables })))
          .data?.reopenThread;
    if (answered) this.threads.update((threads) => upsertThreads(threads, [answered]));
  }

  async react(comment: CommentView, emoji: string): Promise<void> {
    const { data } = await firstValueFrom(
      this.apollo.mutate({
        mutation: ReactToCommentDocument,
        variables: { id: comment.id, emoji },
      }),
    );
    if (data) this.threads.update((threads) => replaceComment(threads, data.reactToComment));
  }

  /** Whether the signed-in member wrote it (only the author edits a comment). */
  isMine(comment: CommentView): boolean {
    return !!comment.author && comment.author.id === this.me();
  }

  /** Its author, or an OWNER, deletes a comment. */
  canDelete(comment: CommentView): boolean {
    return this.canComment() && !comment.deleted && (this.isMine(comment) || this.isOwner());
  }

  /**
   * The caller's own change moves the count by one, unless its live event (which says the exact
   * count) came first.
   */
  private adjustCount(change: string, delta: number): void {
    if (this.counted.has(change) || this.knownCount === null) return;
    this.counted.add(change);
    this.setCount(Math.max(0, this.knownCount + delta));
  }

  private setCount(count: number): void {
    if (count === this.knownCount) return;
    this.knownCount = count;
    this.counts.next(count);
  }
}
