import {
  ChangeDetectionStrategy,
  Component,
  ElementRef,
  Injector,
  afterNextRender,
  computed,
  inject,
  input,
  signal,
  viewChild,
} from '@angular/core';
import { RouterLink } from '@angular/router';
import { Apollo } from 'apollo-angular';
import { firstValueFrom } from 'rxjs';
import { toAppError } from '../../core/errors/app-error';
import type { BoardSummaryFragment as BoardSummary } from '@verbatim/contracts';
import { AddCardsDocument, BoardsDocument, CreateBoardDocument } from '@verbatim/contracts/boards';
import { plural } from '../format';

/**
 * "Add to board": a small picker of the project's boards (or a new one) that puts the given
 * highlights on it as cards, in the unsorted column. Highlights already on that board keep
 * their card.
 */
@Component({
  selector: 'vb-add-to-board',
  imports: [RouterLink],
  templateUrl: './add-to-board.html',
  styleUrl: './add-to-board.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
  host: { '(keydown)': 'onKey($event)' },
})
export class AddToBoard {
  private readonly apollo = inject(Apollo);
  private readonly injector = inject(Injector);
  private readonly toggle = viewChild<ElementRef<HTMLButtonElement>>('toggle');
  private readonly host = inject<ElementRef<HTMLElement>>(ElementRef);

  readonly projectId = input.required<string>();
  readonly highlightIds = input.required<readonly string[]>();
  /** The button's words; "Add to board" by default. */
  readonly label = input('Add to board');

  protected readonly open = signal(false);
  protected readonly boards = signal<readonly BoardSummary[] | null>(null);
  protected readonly newName = signal('');
  protected readonly busy = signal(false);
  protected readonly error = signal<string | null>(null);
  protected readonly added = signal<{ boardId: string; name: string; count: number } | null>(null);
  protected readonly count = computed(() => this.highlightIds().length);
  protected readonly plural = plural;
  protected readonly panelId = `add-to-board-${Math.random().toString(36).slice(2, 9)}`;

  protected show(): void {
    this.open.set(!this.open());
    this.error.set(null);
    if (!this.open()) return;
    this.added.set(null);
    this.apollo
      .query({
        query: BoardsDocument,
        variables: { projectId: this.projectId() },
        fetchPolicy: 'no-cache',
      })
      .subscribe({
        next: ({ data }) => {
          this.boards.set(data?.boards ?? []);
          afterNextRender(
            () =>
              this.host.nativeElement.querySelector<HTMLElement>('.choice, .new input')?.focus(),
            {
              injector: this.injector,
            },
          );
        },
        error: (err: unknown) => this.error.set(toAppError(err).message),
      });
  }

  protected close(): void {
    this.open.set(false);
    afterNextRender(() => this.toggle()?.nativeElement.focus(), { injector: this.injector });
  }

  /** Escape closes the picker, not the panel around it. */
  protected onKey(event: KeyboardEvent): void {
    if (event.key !== 'Escape' || !this.open()) return;
    event.stopPropagation();
    this.close();
  }

  protected async addTo(board: { id: string; name: string }): Promise<void> {
    const highlightIds = [...this.highlightIds()];
    if (!highlightIds.length) return;
    await this.run(async () => {
      await firstValueFrom(
        this.apollo.mutate({
          mutation: AddCardsDocument,
          variables: { input: { boardId: board.id, highlightIds } },
        }),
      );
      this.added.set({ boardId: board.id, name: board.name, count: highlightIds.length });
      this.open.set(false);
    });
  }

  protected async createAndAdd(): Promise<void> {
    const name = this.newName().trim();
    if (!name) {
      this.error.set('Give the new board a name.');
      return;
    }
    await this.run(async () => {
      const { data } = await firstValueFrom(
        this.apollo.mutate({
          mutation: CreateBoardDocument,
          variables: { input: { projectId: this.projectId(), name } },
        }),
      );
      if (!data) return;
      this.newName.set('');
      await this.addTo(data.createBoard);
    });
  }

  private async run(action: () => Promise<void>): Promise<void> {
    this.busy.set(true);
    this.error.set(null);
    try {
      await action();
    } catch (err) {
      this.error.set(toAppError(err).message);
    } finally {
      this.busy.set(false);
    }
  }
}
