import {
  ChangeDetectionStrategy,
  Component,
  computed,
  effect,
  inject,
  input,
  output,
  untracked,
} from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import type { CommentTargetType, Role } from '@verbatim/contracts';
import { plural } from '../format';
import { CommentComposer, type CommentDraft } from './comment-composer';
import { CommentThread } from './comment-thread';
import { CommentsStore } from './comments-store';
import { WorkspaceMembers } from './workspace-members';

let nextId = 0;

/**
 * The discussion of one target, for any page to place: its threads oldest first, twenty at a
 * time with "Load more", a composer for a new thread, and colleagues' changes as they happen.
 * What the member may do follows their role (VIEWERs read); `count` is the target's comment count
 * as the page shows it, and `countChange` tells the page the new one when it changes.
 */
@Component({
  selector: 'vb-comment-threads',
  imports: [CommentThread, CommentComposer],
  providers: [CommentsStore],
  templateUrl: './comment-threads.html',
  styleUrl: './comment-threads.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class CommentThreads {
  protected readonly store = inject(CommentsStore);
  private readonly members = inject(WorkspaceMembers);

  readonly targetType = input.required<CommentTargetType>();
  readonly targetId = input.required<string>();
  /** Whose members can be mentioned. */
  readonly workspaceId = input<string | null>(null);
  readonly role = input<Role | null>(null);
  readonly count = input<number | null>(null);
  /** The heading's level where it is placed: 2 on a page, 3 in a panel. */
  readonly level = input<2 | 3>(3);
  readonly countChange = output<number>();

  protected readonly headingId = `comments-heading-${nextId++}`;
  protected readonly resolvedCount = computed(
    () => this.store.threads().filter((t) => t.resolved).length,
  );
  protected readonly plural = plural;

  protected readonly startThread = (draft: CommentDraft): Promise<void> =>
    this.store.add(draft.body, draft.mentionIds);

  constructor() {
    effect(() => {
      const type = this.targetType();
      const id = this.targetId();
      untracked(() => this.store.open(type, id));
    });
    effect(() => this.store.role.set(this.role()));
    effect(() => {
      const count = this.count();
      untracked(() => (this.store.knownCount = count));
    });
    effect(() => {
      const workspaceId = this.workspaceId();
      if (workspaceId) this.store.members.set(this.members.of(workspaceId)());
    });
    this.store.counts.pipe(takeUntilDestroyed()).subscribe((n) => this.countChange.emit(n));
  }
}
