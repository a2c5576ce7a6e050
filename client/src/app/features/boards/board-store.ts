import { DestroyRef, Injectable, computed, inject, signal } from '@angular/core';
import { Apollo } from 'apollo-angular';
import { Subscription, firstValueFrom } from 'rxjs';
import { resubscribeOnError } from '../../core/apollo/resubscribe';
import { AuthStore } from '../../core/auth/auth-store';
import { type AppError, toAppError } from '../../core/errors/app-error';
import {
  BoardEvidenceDocument,
  BoardThemesDocument,
  BoardUnsortedDocument,
  BoardUpdatedDocument,
} from '@verbatim/contracts/boards';
import { CodebookChangedDocument } from '@verbatim/contracts/highlights';
import { MembersDocument } from '@verbatim/contracts/members';
import { type BoardContext, type Notice } from './board-context';
import { BoardEdits } from './board-edits';
import { BoardMoves } from './board-moves';
import {
  type BoardEvent,
  type BoardState,
  UNSORTED,
  applyEvent,
  fromQueries,
  upsertThemes,
} from './board-state';
import { type CodebookEvent, applyCodebookEvent } from './board-tags';

export type { Notice } from './board-context';

const EVIDENCE_DELAY_MS = 600;
const RELOAD_DELAY_MS = 250;

/**
 * One board, live: read in two halves, kept up to date from boardUpdated (and the project's
 * codebook, for the tags on its cards), changed optimistically by the user's moves (BoardMoves)
 * and edits (BoardEdits), with what went wrong said in notices.
 */
@Injectable()
export class BoardStore implements BoardContext {
  readonly apollo = inject(Apollo);
  private readonly me = inject(AuthStore).user;
  private live = new Subscription();
  private id = '';
  private projectId = '';
  private generation = 0;
  private loading = false;
  private buffered: (BoardEvent | CodebookEvent)[] = [];
  private nextNoticeId = 1;
  private reloadTimer: ReturnType<typeof setTimeout> | null = null;
  private evidenceTimer: ReturnType<typeof setTimeout> | null = null;

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

  private readonly moves = new BoardMoves(this);
  private readonly edits = new BoardEdits(this);
  readonly queue = this.moves.queue;
  readonly moveCards = this.moves.move.bind(this.moves);
  readonly moveTheme = this.edits.moveTheme.bind(this.edits);
  readonly createTheme = this.edits.createTheme.bind(this.edits);
  readonly updateTheme = this.edits.updateTheme.bind(this.edits);
  readonly deleteTheme = this.edits.deleteTheme.bind(this.edits);
  readonly addNote = this.edits.addNote.bind(this.edits);
  readonly updateNote = this.edits.updateNote.bind(this.edits);
  readonly removeCards = this.edits.removeCards.bind(this.edits);
  readonly rename = this.edits.rename.bind(this.edits);

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

  boardId(): string {
    return this.id;
  }

  open(boardId: string, projectId: string): void {
    this.id = boardId;
    this.projectId = projectId;
    this.state.set(null);
    this.deleted.set(false);
    this.loadError.set(null);
    this.follow();
    void this.load();
  }

  /** A theme's comment count as its discussion tells it (a comment added or deleted). */
  setThemeCommentCount(themeId: string, commentCount: number): void {
    const s = this.state();
    const theme = this.themeById().get(themeId);
    if (s && theme && theme.commentCount !== commentCount)
      this.state.set(upsertThemes(s, [{ ...theme, commentCount }]));
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
      .subscribe({ query: BoardUpdatedDocument, variables: { boardId: this.id } })
      .pipe(resubscribeOnError(() => this.reloadSoon()))
      .subscribe({
        next: ({ data }) => data?.boardUpdated && this.onEvent(data.boardUpdated),
        error: (err: unknown) => this.loadError.set(toAppError(err)),
      });
    // Tags on the cards: renamed, recoloured, merged or deleted in the project's codebook.
    this.live.add(
      this.apollo
        .subscribe({ query: CodebookChangedDocument, variables: { projectId: this.projectId } })
        .pipe(resubscribeOnError(() => this.reloadSoon()))
        .subscribe({
          next: ({ data }) => data?.codebookChanged && this.onEvent(data.codebookChanged),
          error: () => undefined,
        }),
    );
  }

  /** Reads the board: both halves, again when a change fell between them. */
  async load(): Promise<void> {
    const generation = ++this.generation;
    this.loading = true;
    try {
      for (let attempt = 0; ; attempt++) {
        const variables = { id: this.id };
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
        // The user's moves not sent yet stay where the user put them.
        this.state.set(this.moves.withIntents(fromQueries(themes.data.board, unsorted.data.board)));
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

  private onEvent(event: BoardEvent | CodebookEvent): void {
    const state = this.state();
    if (this.loading || !state) {
      this.buffered.push(event);
      return;
    }
    if (!('boardId' in event)) {
      const outcome = applyCodebookEvent(state, event);
      this.state.set(outcome.state);
      if (outcome.unknown) this.reloadSoon();
      return;
    }
    if (event.actorId && event.cardIds.length) {
      const actors = new Map(this.lastActor());
      for (const id of event.cardIds) actors.set(id, event.actorId);
      this.lastActor.set(actors);
    }
    const outcome = applyEvent(state, event, this.queue.unsent());
    this.state.set(outcome.state);
    if (outcome.deleted) {
      this.deleted.set(true);
      return;
    }
    if (outcome.gap) this.reloadSoon();
    if (event.cardIds.length) this.refreshEvidenceSoon();
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
          variables: { id: this.id, attribute },
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

  // ---- notices -------------------------------------------------------------------------------

  notify(notice: Omit<Notice, 'id'>): void {
    const id = this.nextNoticeId++;
    this.notices.update((all) => [...all.slice(-4), { ...notice, id }]);
  }

  dismiss(id: number): void {
    this.notices.update((all) => all.filter((n) => n.id !== id));
  }

  /** Moves a card again after its move lost to a colleague's. */
  retry(notice: Notice): void {
    this.dismiss(notice.id);
    this.moves.retry(notice);
  }

  patch(change: (state: BoardState) => BoardState): void {
    const state = this.state();
    if (state) this.state.set(change(state));
  }

  track<T>(request: Promise<T>): Promise<T> {
    this.saving.update((n) => n + 1);
    return request.finally(() => this.saving.update((n) => n - 1));
  }
}
