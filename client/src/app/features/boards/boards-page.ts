import {
  ChangeDetectionStrategy,
  Component,
  DestroyRef,
  effect,
  inject,
  input,
  signal,
  untracked,
} from '@angular/core';
import { Router, RouterLink } from '@angular/router';
import { Apollo } from 'apollo-angular';
import { type Subscription, firstValueFrom } from 'rxjs';
import { toAppError } from '../../core/errors/app-error';
import type { BoardSummaryFragment as BoardSummary, ReadState } from '@verbatim/contracts';
import { NewsBadge } from '../../shared/news-badge';
import { RenameForm } from '../../shared/rename-form';
import {
  BoardsDocument,
  CreateBoardDocument,
  DeleteBoardDocument,
  UpdateBoardDocument,
} from '@verbatim/contracts/boards';
import { formatRelative, plural } from '../../shared/format';
import { NotFound } from '../../shared/not-found';
import { projectContext } from '../evidence/project-context';
import { ViewsHeader } from '../evidence/views-header';
import { ConfirmAction } from '../../shared/confirm-action';
import { NewItemForm } from '../../shared/new-item-form';
import { PendingAction } from '../../shared/pending-action';

/** A project's theme boards: open one, and for editors create, rename and delete them. */
@Component({
  selector: 'vb-boards-page',
  imports: [RouterLink, NotFound, ViewsHeader, NewsBadge, RenameForm, ConfirmAction, NewItemForm],
  templateUrl: './boards-page.html',
  styleUrl: './boards-page.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class BoardsPage {
  private readonly apollo = inject(Apollo);
  private readonly router = inject(Router);
  private subscription: Subscription | null = null;

  readonly projectId = input.required<string>();

  protected readonly ctx = projectContext(() => this.projectId(), 'Boards');
  /** The list query adds what is new to the user; a board just made or renamed has no state. */
  protected readonly boards = signal<readonly (BoardSummary & { readState?: ReadState })[] | null>(
    null,
  );
  protected readonly loadError = signal<string | null>(null);
  protected readonly newName = signal('');
  protected readonly action = new PendingAction();
  /** The id of the board being renamed. */
  protected readonly renaming = signal<string | null>(null);
  protected readonly plural = plural;
  protected readonly when = (iso: string) => formatRelative(iso);

  constructor() {
    effect(() => {
      const projectId = this.projectId();
      untracked(() => this.load(projectId));
    });
    inject(DestroyRef).onDestroy(() => this.subscription?.unsubscribe());
  }

  private load(projectId: string): void {
    this.subscription?.unsubscribe();
    this.subscription = this.apollo
      .query({ query: BoardsDocument, variables: { projectId }, fetchPolicy: 'no-cache' })
      .subscribe({
        next: ({ data }) => {
          this.boards.set(data?.boards ?? []);
          this.loadError.set(null);
        },
        error: (err: unknown) => this.loadError.set(toAppError(err).message),
      });
  }

  protected async create(): Promise<void> {
    const name = this.action.required(this.newName(), 'Give the board a name.');
    if (!name) return;
    await this.action.run(async () => {
      const { data } = await firstValueFrom(
        this.apollo.mutate({
          mutation: CreateBoardDocument,
          variables: { input: { projectId: this.projectId(), name } },
        }),
      );
      this.newName.set('');
      if (data) await this.router.navigate(['/p', this.projectId(), 'boards', data.createBoard.id]);
    });
  }

  protected async saveName(id: string, name: string): Promise<void> {
    await this.action.run(async () => {
      await firstValueFrom(
        this.apollo.mutate({
          mutation: UpdateBoardDocument,
          variables: { input: { id, name } },
        }),
      );
      this.renaming.set(null);
      this.boards.update((all) => all?.map((b) => (b.id === id ? { ...b, name } : b)) ?? null);
    });
  }

  protected async remove(id: string): Promise<void> {
    await this.action.run(async () => {
      await firstValueFrom(
        this.apollo.mutate({ mutation: DeleteBoardDocument, variables: { id } }),
      );
      this.boards.update((all) => all?.filter((b) => b.id !== id) ?? null);
    });
  }
}
