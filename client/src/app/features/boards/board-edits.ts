import { firstValueFrom } from 'rxjs';
import { type AppError, toAppError } from '../../core/errors/app-error';
import {
  AddNoteDocument,
  CreateThemeDocument,
  DeleteThemeDocument,
  MoveThemeDocument,
  RemoveCardDocument,
  UpdateBoardDocument,
  UpdateNoteDocument,
  UpdateThemeDocument,
} from '@verbatim/contracts/boards';
import { type BoardContext, isCardPatch, isThemePatch } from './board-context';
import {
  type Card,
  type Theme,
  UNSORTED,
  addCards,
  moveTheme,
  removeCards,
  removeThemes,
  upsertCards,
  upsertThemes,
} from './board-state';

/**
 * The user's edits of the board other than card moves: its name, themes (add, change, reorder,
 * delete), notes and removed cards. Each shows the server's answer; an edit that lost to a
 * colleague's newer one shows theirs and says so.
 */
export class BoardEdits {
  constructor(private readonly board: BoardContext) {}

  async rename(name: string): Promise<void> {
    const { data } = await this.board.track(
      firstValueFrom(
        this.board.apollo.mutate({
          mutation: UpdateBoardDocument,
          variables: { input: { id: this.board.boardId(), name } },
        }),
      ),
    );
    if (data) this.board.patch((s) => ({ ...s, name: data.updateBoard.name }));
  }

  moveTheme(themeId: string, afterThemeId: string | null): void {
    const theme = this.board.state()?.themes.find((t) => t.id === themeId);
    if (!theme) return;
    this.board.patch((s) => moveTheme(s, themeId, afterThemeId));
    this.board
      .track(
        firstValueFrom(
          this.board.apollo.mutate({
            mutation: MoveThemeDocument,
            variables: { input: { themeId, afterThemeId, version: theme.version } },
          }),
        ),
      )
      .then(
        ({ data }) => data && this.board.patch((s) => upsertThemes(s, [data.moveTheme])),
        (err: unknown) => this.themeFailed(toAppError(err), theme, 'moved'),
      );
  }

  async createTheme(title: string, description = '', color: string | null = null): Promise<Theme> {
    const { data } = await this.board.track(
      firstValueFrom(
        this.board.apollo.mutate({
          mutation: CreateThemeDocument,
          variables: { input: { boardId: this.board.boardId(), title, description, color } },
        }),
      ),
    );
    const theme = data!.createTheme;
    this.board.patch((s) => upsertThemes(s, [theme]));
    return theme;
  }

  /** Saves a theme's title, description or colour; a colleague's newer edit is shown, not lost. */
  async updateTheme(
    theme: Theme,
    patch: { title?: string; description?: string; color?: string },
  ): Promise<void> {
    try {
      const { data } = await this.board.track(
        firstValueFrom(
          this.board.apollo.mutate({
            mutation: UpdateThemeDocument,
            variables: { input: { id: theme.id, version: theme.version, ...patch } },
          }),
        ),
      );
      if (data) this.board.patch((s) => upsertThemes(s, [data.updateTheme]));
    } catch (err) {
      const error = toAppError(err);
      this.themeFailed(error, theme, 'changed');
      throw error.code === 'CONFLICT'
        ? new Error(`${error.message} It is shown as it is now; edit it again to change it.`)
        : err;
    }
  }

  private themeFailed(error: AppError, theme: Theme, what: string): void {
    const current = error.details?.['theme'];
    if (error.code === 'CONFLICT' && isThemePatch(current)) {
      this.board.patch((s) => upsertThemes(s, [{ ...theme, ...current }]));
      this.board.notify({
        kind: 'conflict',
        text: `Someone ${what} the theme “${theme.title}” meanwhile: it is shown as they left it.`,
      });
    } else {
      this.board.notify({
        kind: 'error',
        text: `The theme could not be ${what}: ${error.message}`,
      });
      this.board.reloadSoon();
    }
  }

  async deleteTheme(themeId: string): Promise<void> {
    await this.board.track(
      firstValueFrom(
        this.board.apollo.mutate({ mutation: DeleteThemeDocument, variables: { id: themeId } }),
      ),
    );
    this.board.patch((s) => removeThemes(s, [themeId]));
  }

  async addNote(column: string, text: string): Promise<Card> {
    const themeId = column === UNSORTED ? null : column;
    const { data } = await this.board.track(
      firstValueFrom(
        this.board.apollo.mutate({
          mutation: AddNoteDocument,
          variables: { input: { boardId: this.board.boardId(), text, themeId } },
        }),
      ),
    );
    const card = data!.addNote;
    this.board.patch((s) => addCards(s, [card]));
    return card;
  }

  async updateNote(card: Card, text: string): Promise<void> {
    try {
      const { data } = await this.board.track(
        firstValueFrom(
          this.board.apollo.mutate({
            mutation: UpdateNoteDocument,
            variables: { input: { cardId: card.id, text, version: card.version } },
          }),
        ),
      );
      if (data) this.board.patch((s) => upsertCards(s, [data.updateNote]));
    } catch (err) {
      const error = toAppError(err);
      const current = error.details?.['card'];
      if (error.code === 'CONFLICT' && isCardPatch(current)) {
        this.board.patch((s) => upsertCards(s, [{ ...card, ...current }]));
        throw new Error(
          `Someone changed this note meanwhile; it now reads “${current.text ?? ''}”. Save again to replace it.`,
        );
      }
      throw err;
    }
  }

  async removeCards(ids: readonly string[]): Promise<void> {
    for (const id of ids) {
      await this.board.track(
        firstValueFrom(
          this.board.apollo.mutate({ mutation: RemoveCardDocument, variables: { id } }),
        ),
      );
      this.board.patch((s) => removeCards(s, [id]));
    }
  }
}
