import {
  ChangeDetectionStrategy,
  Component,
  type ElementRef,
  computed,
  inject,
  input,
  output,
  signal,
  viewChild,
} from '@angular/core';
import { CdkDragHandle } from '@angular/cdk/drag-drop';
import { Router, RouterLink } from '@angular/router';
import { Apollo } from 'apollo-angular';
import { firstValueFrom } from 'rxjs';
import { toAppError } from '../../core/errors/app-error';
import { PromoteThemeDocument } from '@verbatim/contracts/insights';
import { CommentIcon } from '../../shared/comments/comment-icon';
import { plural } from '../../shared/format';
import { inlineEdit } from '../../shared/inline-edit/inline-edit';
import type { Evidence, Theme } from './board-state';
import { BoardComments } from './board-comments';
import { BoardStore } from './board-store';
import { AssignmentsBar } from '../assignments/assignments-bar';
import { ConfirmAction } from '../../shared/confirm-action';

/**
 * A theme's head: its colour, title and description (editable in place), how strong its
 * evidence is, its comments (a toggle of the board's drawer, with their count), the insight
 * promoted from it (a link to open; "Promote to insight" while it has none), and the moves and
 * deletion an editor can make with buttons (the keyboard path for reordering themes; dragging
 * the grip is the pointer's).
 */
@Component({
  selector: 'vb-theme-header',
  imports: [CdkDragHandle, RouterLink, CommentIcon, AssignmentsBar, ConfirmAction],
  templateUrl: './theme-header.html',
  styleUrl: './theme-header.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ThemeHeader {
  private readonly store = inject(BoardStore);
  protected readonly comments = inject(BoardComments);
  private readonly apollo = inject(Apollo);
  private readonly router = inject(Router);
  private readonly titleField = viewChild<ElementRef<HTMLInputElement>>('titleField');
  private readonly editButton = viewChild<ElementRef<HTMLButtonElement>>('editButton');

  readonly theme = input.required<Theme>();
  readonly evidence = input<Evidence | undefined>();
  readonly canEdit = input(false);
  readonly first = input(false);
  readonly last = input(false);
  readonly cardCount = input(0);
  /** -1: one place to the left, 1: to the right. */
  readonly moveBy = output<-1 | 1>();
  readonly deleteRequested = output<void>();

  protected readonly form = inlineEdit({ field: this.titleField, edit: this.editButton });
  protected readonly title = signal('');
  protected readonly description = signal('');
  protected readonly color = signal('#000000');
  protected readonly promoting = signal(false);
  protected readonly promoteError = signal<string | null>(null);
  protected readonly plural = plural;
  protected readonly commentsOpen = computed(() => this.comments.themeId() === this.theme().id);
  protected readonly strength = computed(() => {
    const e = this.evidence();
    if (!e) return null;
    return `${plural(e.highlights, 'highlight')} · ${plural(e.participants, 'participant')} · ${plural(e.transcripts, 'interview')}`;
  });

  protected open(): void {
    const t = this.theme();
    this.title.set(t.title);
    this.description.set(t.description);
    this.color.set(t.color);
    this.form.open();
  }

  protected async save(): Promise<void> {
    const t = this.theme();
    const title = this.title().trim();
    const patch = {
      ...(title !== t.title ? { title } : {}),
      ...(this.description().trim() !== t.description
        ? { description: this.description().trim() }
        : {}),
      ...(this.color() !== t.color ? { color: this.color() } : {}),
    };
    await this.form.save(title ? null : 'A theme needs a title.', async () => {
      if (Object.keys(patch).length) await this.store.updateTheme(t, patch);
    });
  }

  /**
   * Makes the theme an insight (its title, its description as the body, its highlights as
   * evidence, in card order) and opens it; the insight someone else promoted it to meanwhile,
   * when there is one (the api makes one per theme).
   */
  protected async promote(): Promise<void> {
    this.promoting.set(true);
    this.promoteError.set(null);
    try {
      const { data } = await firstValueFrom(
        this.apollo.mutate({
          mutation: PromoteThemeDocument,
          variables: { input: { themeId: this.theme().id } },
        }),
      );
      const insight = data?.promoteTheme;
      if (insight) await this.router.navigate(['/p', insight.projectId, 'insights', insight.id]);
    } catch (err) {
      this.promoteError.set(toAppError(err).message);
    } finally {
      this.promoting.set(false);
    }
  }
}
