import {
  ChangeDetectionStrategy,
  Component,
  computed,
  inject,
  input,
  signal,
  viewChild,
} from '@angular/core';
import { Apollo } from 'apollo-angular';
import { firstValueFrom } from 'rxjs';
import { toAppError } from '../../core/errors/app-error';
import type { BoardSummaryFragment as BoardSummary } from '@verbatim/contracts';
import { AddCardsDocument, BoardsDocument, CreateBoardDocument } from '@verbatim/contracts/boards';
import { AddToPicker, type PickerAdded, PickerPanel } from '../add-to-picker/add-to-picker';
import { plural } from '../format';

/**
 * "Add to board": a small picker of the project's boards (or a new one) that puts the given
 * highlights on it as cards, in the unsorted column. Highlights already on that board keep
 * their card.
 */
@Component({
  selector: 'vb-add-to-board',
  imports: [AddToPicker, PickerPanel],
  templateUrl: './add-to-board.html',
  styleUrl: '../add-to-picker/add-to-picker-choices.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class AddToBoard {
  private readonly apollo = inject(Apollo);
  private readonly picker = viewChild.required(AddToPicker);

  readonly projectId = input.required<string>();
  readonly highlightIds = input.required<readonly string[]>();
  /** The button's words; "Add to board" by default. */
  readonly label = input('Add to board');

  protected readonly boards = signal<readonly BoardSummary[] | null>(null);
  protected readonly newName = signal('');
  protected readonly count = computed(() => this.highlightIds().length);
  protected readonly plural = plural;

  protected load(): void {
    this.apollo
      .query({
        query: BoardsDocument,
        variables: { projectId: this.projectId() },
        fetchPolicy: 'no-cache',
      })
      .subscribe({
        next: ({ data }) => {
          this.boards.set(data?.boards ?? []);
          this.picker().focus('.choice, .new input');
        },
        error: (err: unknown) => this.picker().fail(toAppError(err).message),
      });
  }

  protected addTo(board: { id: string; name: string }): Promise<void> {
    return this.picker().run(() => this.addCards(board));
  }

  protected async createAndAdd(): Promise<void> {
    const name = this.newName().trim();
    if (!name) {
      this.picker().fail('Give the new board a name.');
      return;
    }
    await this.picker().run(async () => {
      const { data } = await firstValueFrom(
        this.apollo.mutate({
          mutation: CreateBoardDocument,
          variables: { input: { projectId: this.projectId(), name } },
        }),
      );
      if (!data) return undefined;
      this.newName.set('');
      return this.addCards(data.createBoard);
    });
  }

  private async addCards(board: { id: string; name: string }): Promise<PickerAdded | undefined> {
    const highlightIds = [...this.highlightIds()];
    if (!highlightIds.length) return undefined;
    await firstValueFrom(
      this.apollo.mutate({
        mutation: AddCardsDocument,
        variables: { input: { boardId: board.id, highlightIds } },
      }),
    );
    const link = ['/p', this.projectId(), 'boards', board.id];
    return { count: highlightIds.length, name: board.name, link };
  }
}
