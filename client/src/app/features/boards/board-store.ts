import { DestroyRef, Injectable, computed, inject, signal } from '@angular/core';
import { Apollo } from 'apollo-angular';
import { Subscription, firstValueFrom } from 'rxjs';
import { resubscribeOnError } from '../../core/apollo/resubscribe';
import { AuthStore } from '../../core/auth/auth-store';
import { type AppError, toAppError } from '../../core/errors/app-error';
import {
  AddNoteDocument,
  BoardEvidenceDocument,
  BoardThemesDocument,
  BoardUnsortedDocument,
  BoardUpdatedDocument,
  BoardsDocument,
  CreateThemeDocument,
  DeleteThemeDocument,
  MoveCardDocument,
  MoveThemeDocument,
  RemoveCardDocument,
  UpdateBoardDocument,
  UpdateNoteDocument,
  UpdateThemeDocument,
} from '@verbatim/contracts/boards';
import { MembersDocument } from '@verbatim/contracts/members';
import {
  type BoardEvent,
  type BoardState,
  type Card,
  type Theme,
  UNSORTED,
  addCards,
  anchorOf,
  applyEvent,
  cardById,
  columnOf,
  fromQueries,
  moveCards,
  moveTheme,
  removeCards,
  removeThemes,
  upsertCards,
  upsertThemes,
} from './board-state';
import { MoveQueue } from './move-queue';

/** Something the board tells the user: a move that lost to a colleague's, a failed save. */
export interface Notice {
  id: number;
  kind: 'conflict' | 'error' | 'info';
  text: string;
  /** A conflict over a card: whose move won is looked up when shown (its event may come later). */
  cardId?: string;
  /** Where the user wanted the card, to try again on the card as it is now. */
  retry?: { column: string; afterCardId: string | null };
}

const EVIDENCE_DELAY_MS = 600;
const RELOAD_DELAY_MS = 250;

/**
 * One board, live: read in two halves, kept up to date from boardUpdated, changed optimistically
 * by the user's moves (sent one at a time by a MoveQueue), with every refused move shown where
 * the server has the card and said out loud in a notice.
 */
@Injectable()
export class BoardStore {
  private readonly apollo = inject(Apollo);
  private readonly me = inject(AuthStore).user;
  private live = new Subscription();
  private boardId = '';
  private generation = 0;
  private loading = false;
  private buffered: BoardEvent[] = [];
  private nextNoticeId = 1;
  private reloadTimer: ReturnType<typeof setTimeout> | null = null;
  private evidenceTimer: ReturnType<typeof setTimeout> | null = null;
  /** Where the user put cards whose move is not sent yet, to put them back after a reload. */
  private readonly intents = new Map<string, { column: string; afterCardId: string | null }>();

  readonly state = signal<BoardState | null>(null);
  readonly loadError = signal<AppError | null>(null);
  readonly deleted = signal(false);
  readonly notices = signal<readonly Notice[]>([]);
  /** Who last changed each card, from live events (user ids). */
  readonly lastActor = signal<ReadonlyMap<string, string>>(new Map());
  readonly memberNames = signal<ReadonlyMap<string, string>>(new Map());
  /** Requests not answered yet, for "Saving…". */
  readonly saving = signal(0);
  /** The participant attribute theme evidence is broken down by ('' for none). */
  readonly evidenceAttribute = signal('');

  readonly queue = new MoveQueue<Card, AppError>({
    request: (cardId, unsent) => {
      this.intents.delete(cardId);
      const state = this.state();
      const card = state && cardById(state, cardId);
      if (!state || !card) return null;
      return { cardId, themeId: card.themeId, afterCardId: anchorOf(state, cardId, unsent) };
    },
    send: (move) =>
      this.track(
        firstValueFrom(
          this.apollo.mutate({ mutation: MoveCardDocument, variables: { input: move } }),
        ),
      ).then(({ data }) => data!.moveCard),
    confirmed: (card) => this.patch((s) => upsertCards(s, [card], this.queue.unsent())),
    failed: (error, move) => this.moveFailed(error, move.cardId),
    toError: toAppError,
  });

  readonly themeById = computed(
    () => new Map((this.state()?.themes ?? []).map((t) => [t.id, t] as const)),
  );

  constructor() {
    inject(DestroyRef).onDestroy(() => {
      this.generation += 1;
      this.live.unsubscribe();
      if (this.reloadTimer) clearTimeout(this.reloadTimer);
      if (this.evidenceTimer) clearTimeout(this.evidenceTimer);
    });
  }

  open(boardId: string): void {
    this.boardId = boardId;
    this.state.set(null);
    this.deleted.set(false);
    this.loadError.set(null);
    this.follow();
    void this.load();
  }

  columnTitle(column: string): string {
    return column === UNSORTED ? 'Unsorted' : (this.themeById().get(column)?.title ?? 'a theme');
  }

  actorName(userId: string | undefined): string {
    if (!userId) return 'Someone';
    if (userId === this.me()?.id) return 'You (in another window)';
    return this.memberNames().get(userId) ?? 'A colleague';
  }

  loadMembers(workspaceId: string): void {
    this.apollo
      .query({
        query: MembersDocument,
        variables: { workspaceId, first: 100 },
        fetchPolicy: 'no-cache',
      })
      .subscribe({
        next: ({ data }) =>
          data &&
          this.memberNames.set(
            new Map(data.members.edges.map((e) => [e.node.user.id, e.node.user.name])),
          ),
        error: () => undefined,
      });
  }

  // ---- reading -------------------------------------------------------------------------------

  private follow(): void {
    this.live.unsubscribe();
    this.live = this.apollo
      .subscribe({ query: BoardUpdatedDocument, variables: { boardId: this.boardId } })
      .pipe(resubscribeOnError(() => this.reloadSoon()))
      .subscribe({
        next: ({ data }) => data?.boardUpdated && this.onEvent(data.boardUpdated),
        error: (err: unknown) => this.loadError.set(toAppError(err)),
      });
  }

  /** Reads the board: both halves, again when a change fell between them. */
  async load(): Promise<void> {
    const generation = ++this.generation;
    this.loading = true;
    try {
      for (let attempt = 0; ; attempt++) {
        const variables = { id: this.boardId };
        const [themes, unsorted] = await Promise.all([
          firstValueFrom(
            this.apollo.query({ query: BoardThemesDocument, variables, fetchPolicy: 'no-cache' }),
          ),
          firstValueFrom(
            this.apollo.query({ query: BoardUnsortedDocument, variables, fetchPolicy: 'no-cache' }),
          ),
        ]);
        if (generation !== this.generation) return;
        if (!themes.data || !unsorted.data)
          throw (themes.error ??
            unsorted.error ??
            new Error('The board could not be read.')) as Error;
        if (themes.data.board.version !== unsorted.data.board.version && attempt < 3) continue;
        let state = fromQueries(themes.data.board, unsorted.data.board);
        // The user's moves not sent yet stay where the user put them.
        for (const [cardId, intent] of this.intents)
          state = moveCards(state, [cardId], intent.column, intent.afterCardId);
        this.state.set(state);
        this.loadError.set(null);
        break;
      }
      // Changes that arrived while the board was read: those it does not include yet.
      this.loading = false;
      const waiting = this.buffered;
      this.buffered = [];
      for (const event of waiting) this.onEvent(event);
      if (this.evidenceAttribute()) this.refreshEvidenceSoon(0);
    } catch (err) {
      if (generation === this.generation) this.loadError.set(toAppError(err));
    } finally {
      if (generation === this.generation) this.loading = false;
    }
  }

  reloadSoon(): void {
    if (this.reloadTimer) clearTimeout(this.reloadTimer);
    this.reloadTimer = setTimeout(() => {
      this.reloadTimer = null;
      void this.load();
    }, RELOAD_DELAY_MS);
  }

  private onEvent(event: BoardEvent): void {
    if (this.loading || !this.state()) {
      this.buffered.push(event);
      return;
    }
    if (event.actorId && event.cardIds.length) {
      const actors = new Map(this.lastActor());
      for (const id of event.cardIds) actors.set(id, event.actorId);
      this.lastActor.set(actors);
    }
    const outcome = applyEvent(this.state()!, event, this.queue.unsent());
    this.state.set(outcome.state);
    if (outcome.deleted) {
      this.deleted.set(true);
      return;
    }
    if (outcome.gap) this.reloadSoon();
    if (outcome.renamed) this.refreshName();
    if (event.cardIds.length) this.refreshEvidenceSoon();
  }

  private refreshName(): void {
    const state = this.state();
    if (!state) return;
    this.apollo
      .query({
        query: BoardsDocument,
        variables: { projectId: state.projectId },
        fetchPolicy: 'no-cache',
      })
      .subscribe({
        next: ({ data }) => {
          const name = data?.boards.find((b) => b.id === this.boardId)?.name;
          if (name) this.patch((s) => ({ ...s, name }));
        },
        error: () => undefined,
      });
  }

  /** Reads every theme's evidence again, once cards stopped moving for a moment. */
  refreshEvidenceSoon(delay = EVIDENCE_DELAY_MS): void {
    if (this.evidenceTimer) clearTimeout(this.evidenceTimer);
    this.evidenceTimer = setTimeout(() => {
      this.evidenceTimer = null;
      const attribute = this.evidenceAttribute() || null;
      this.apollo
        .query({
          query: BoardEvidenceDocument,
          variables: { id: this.boardId, attribute },
          fetchPolicy: 'no-cache',
        })
        .subscribe({
          next: ({ data }) =>
            data &&
            this.patch((s) => {
              const evidence = new Map(s.evidence);
              for (const t of data.board.themes) evidence.set(t.id, t.evidence);
              return { ...s, evidence };
            }),
          error: () => undefined,
        });
    }, delay);
  }

  // ---- moving cards --------------------------------------------------------------------------

  /**
   * Moves cards into a column, one after the other, the first after `afterCardId`: shown at
   * once, then sent in order.
   */
  moveCards(cardIds: readonly string[], column: string, afterCardId: string | null): void {
    const before = this.state();
    if (!before) return;
    const ids = cardIds.filter((id) => before.where.has(id) && id !== afterCardId);
    if (!ids.length) return;
    this.patch((s) => moveCards(s, ids, column, afterCardId));
    let after = afterCardId;
    for (const id of ids) {
      this.intents.set(id, { column, afterCardId: after });
      this.queue.enqueue(id, cardById(before, id)!.version);
      after = id;
    }
  }

  private moveFailed(error: AppError, cardId: string): void {
    const intended = this.state() && cardById(this.state()!, cardId);
    const retry = intended
      ? { column: columnOf(intended), afterCardId: anchorOf(this.state()!, cardId, new Set()) }
      : undefined;
    const current = error.details?.['card'];
    if (error.code === 'CONFLICT' && isCardPatch(current)) {
      this.patch((s) => {
        const known = cardById(s, cardId);
        return known ? upsertCards(s, [{ ...known, ...current }], this.queue.unsent()) : s;
      });
      this.notify({ kind: 'conflict', text: '', cardId, retry });
    } else {
      this.notify({
        kind: 'error',
        text:
          error.code === 'CONFLICT'
            ? 'The board changed while you moved a card; it is shown as saved now. Move it again if it is not where you want it.'
            : `A move could not be saved (${error.message}). The board now shows what is saved.`,
        ...(retry ? { cardId, retry } : {}),
      });
      this.reloadSoon();
    }
  }

  /** Moves a card again after its move lost to a colleague's. */
  retry(notice: Notice): void {
    this.dismiss(notice.id);
    if (notice.cardId && notice.retry) {
      const { column, afterCardId } = notice.retry;
      const state = this.state();
      const anchor = afterCardId && state?.where.get(afterCardId) === column ? afterCardId : null;
      if (state?.columns.has(column)) this.moveCards([notice.cardId], column, anchor);
    }
  }

  // ---- themes --------------------------------------------------------------------------------

  moveTheme(themeId: string, afterThemeId: string | null): void {
    const theme = this.themeById().get(themeId);
    if (!theme) return;
    this.patch((s) => moveTheme(s, themeId, afterThemeId));
    this.track(
      firstValueFrom(
        this.apollo.mutate({
          mutation: MoveThemeDocument,
          variables: { input: { themeId, afterThemeId, version: theme.version } },
        }),
      ),
    ).then(
      ({ data }) => data && this.patch((s) => upsertThemes(s, [data.moveTheme])),
      (err: unknown) => this.themeFailed(toAppError(err), theme, 'moved'),
    );
  }

  async createTheme(title: string, description = '', color: string | null = null): Promise<Theme> {
    const { data } = await this.track(
      firstValueFrom(
        this.apollo.mutate({
          mutation: CreateThemeDocument,
          variables: { input: { boardId: this.boardId, title, description, color } },
        }),
      ),
    );
    const theme = data!.createTheme;
    this.patch((s) => upsertThemes(s, [theme]));
    return theme;
  }

  /** Saves a theme's title, description or colour; a colleague's newer edit is shown, not lost. */
  async updateTheme(
    theme: Theme,
    patch: { title?: string; description?: string; color?: string },
  ): Promise<void> {
    try {
      const { data } = await this.track(
        firstValueFrom(
          this.apollo.mutate({
            mutation: UpdateThemeDocument,
            variables: { input: { id: theme.id, version: theme.version, ...patch } },
          }),
        ),
      );
      if (data) this.patch((s) => upsertThemes(s, [data.updateTheme]));
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
      this.patch((s) => upsertThemes(s, [{ ...theme, ...current }]));
      this.notify({
        kind: 'conflict',
        text: `Someone ${what} the theme “${theme.title}” meanwhile: it is shown as they left it.`,
      });
    } else {
      this.notify({ kind: 'error', text: `The theme could not be ${what}: ${error.message}` });
      this.reloadSoon();
    }
  }

  async deleteTheme(themeId: string): Promise<void> {
    await this.track(
      firstValueFrom(
        this.apollo.mutate({ mutation: DeleteThemeDocument, variables: { id: themeId } }),
      ),
    );
    this.patch((s) => removeThemes(s, [themeId]));
  }

  // ---- cards and notes -----------------------------------------------------------------------

  async addNote(column: string, text: string): Promise<Card> {
    const { data } = await this.track(
      firstValueFrom(
        this.apollo.mutate({
          mutation: AddNoteDocument,
          variables: {
            input: { boardId: this.boardId, text, themeId: column === UNSORTED ? null : column },
          },
        }),
      ),
    );
    const card = data!.addNote;
    this.patch((s) => addCards(s, [card]));
    return card;
  }

  async updateNote(card: Card, text: string): Promise<void> {
    try {
      const { data } = await this.track(
        firstValueFrom(
          this.apollo.mutate({
            mutation: UpdateNoteDocument,
            variables: { input: { cardId: card.id, text, version: card.version } },
          }),
        ),
      );
      if (data) this.patch((s) => upsertCards(s, [data.updateNote]));
    } catch (err) {
      const error = toAppError(err);
      const current = error.details?.['card'];
      if (error.code === 'CONFLICT' && isCardPatch(current)) {
        this.patch((s) => upsertCards(s, [{ ...card, ...current }]));
        throw new Error(
          `Someone changed this note meanwhile; it now reads “${current.text ?? ''}”. Save again to replace it.`,
        );
      }
      throw err;
    }
  }

  async removeCards(ids: readonly string[]): Promise<void> {
    for (const id of ids) {
      await this.track(
        firstValueFrom(this.apollo.mutate({ mutation: RemoveCardDocument, variables: { id } })),
      );
      this.patch((s) => removeCards(s, [id]));
    }
  }

  async rename(name: string): Promise<void> {
    const { data } = await this.track(
      firstValueFrom(
        this.apollo.mutate({
          mutation: UpdateBoardDocument,
          variables: { input: { id: this.boardId, name } },
        }),
      ),
    );
    if (data) this.patch((s) => ({ ...s, name: data.updateBoard.name }));
  }

  // ---- notices -------------------------------------------------------------------------------

  notify(notice: Omit<Notice, 'id'>): void {
    const id = this.nextNoticeId++;
    this.notices.update((all) => [...all.slice(-4), { ...notice, id }]);
  }

  dismiss(id: number): void {
    this.notices.update((all) => all.filter((n) => n.id !== id));
  }

  private patch(change: (state: BoardState) => BoardState): void {
    const state = this.state();
    if (state) this.state.set(change(state));
  }

  private track<T>(request: Promise<T>): Promise<T> {
    this.saving.update((n) => n + 1);
    return request.finally(() => this.saving.update((n) => n - 1));
  }
}

interface CardPatch {
  id: string;
  themeId: string | null;
  position: string;
  version: number;
  text: string | null;
}

function isCardPatch(value: unknown): value is CardPatch {
  const v = value as Partial<CardPatch> | null;
  return (
    typeof v === 'object' &&
    v !== null &&
    typeof v.id === 'string' &&
    typeof v.position === 'string' &&
    typeof v.version === 'number'
  );
}

function isThemePatch(value: unknown): value is Theme {
  const v = value as Partial<Theme> | null;
  return (
    typeof v === 'object' &&
    v !== null &&
    typeof v.id === 'string' &&
    typeof v.position === 'string' &&
    typeof v.version === 'number'
  );
}
