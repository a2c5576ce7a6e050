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
  untracked,
  viewChild,
} from '@angular/core';
import type { Role } from '@verbatim/contracts';
import { CommentThreads } from '../../shared/comments/comment-threads';
import { BoardComments } from './board-comments';
import { BoardStore } from './board-store';

/**
 * The drawer with a theme's discussion, opened from its header's "Comments" (or a notification's
 * link, `?comments=<themeId>`). Escape or Close shuts it and gives the keyboard back to the header.
 */
@Component({
  selector: 'vb-theme-comments',
  imports: [CommentThreads],
  template: `
    @if (theme(); as t) {
      <aside
        id="theme-comments"
        class="drawer"
        role="complementary"
        [attr.aria-label]="'Comments on ' + t.title"
        [attr.data-theme-id]="t.id"
        (keydown.escape)="close()"
      >
        <header class="drawer-head">
          <h2 #heading class="drawer-title" tabindex="-1">{{ t.title }}</h2>
          <button type="button" class="button button--quiet button--small" (click)="close()">
            Close
          </button>
        </header>
        <vb-comment-threads
          targetType="THEME"
          [targetId]="t.id"
          [workspaceId]="workspaceId()"
          [role]="role()"
          [count]="t.commentCount"
          (countChange)="store.setThemeCommentCount(t.id, $event)"
        />
      </aside>
    }
  `,
  styleUrl: './theme-comments.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ThemeComments {
  protected readonly store = inject(BoardStore);
  private readonly comments = inject(BoardComments);
  private readonly injector = inject(Injector);
  private readonly heading = viewChild<ElementRef<HTMLElement>>('heading');

  readonly workspaceId = input<string | null>(null);
  readonly role = input<Role | null>(null);

  protected readonly theme = computed(() => {
    const id = this.comments.themeId();
    return id ? (this.store.themeById().get(id) ?? null) : null;
  });

  /** Which theme is shown: a change of the theme itself (its count, a rename) is not a move. */
  private readonly shownId = computed(() => this.theme()?.id ?? null);

  constructor() {
    // The drawer takes the keyboard when it opens on a theme, or moves to another one.
    effect(() => {
      const id = this.shownId();
      if (id)
        untracked(() =>
          afterNextRender(() => this.heading()?.nativeElement.focus(), { injector: this.injector }),
        );
    });
  }

  protected close(): void {
    const id = this.comments.themeId();
    this.comments.close();
    if (id)
      document
        .querySelector<HTMLElement>(`[data-column="${CSS.escape(id)}"] .comments-toggle`)
        ?.focus();
  }
}
