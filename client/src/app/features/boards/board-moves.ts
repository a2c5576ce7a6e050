import { firstValueFrom } from 'rxjs';
import { type AppError, toAppError } from '../../core/errors/app-error';
import { MoveCardDocument } from '@verbatim/contracts/boards';
import { type BoardContext, type Notice, isCardPatch } from './board-context';
import {
  type BoardState,
  type Card,
  anchorOf,
  cardById,
  columnOf,
  moveCards,
  upsertCards,
} from './board-state';
import { MoveQueue } from './move-queue';

/**
 * The user's card moves: shown at once, sent one at a time by a MoveQueue, and every refused
 * move shown where the server has the card and said out loud in a notice (with "Move it again"
 * when a colleague's move won).
 */
export class BoardMoves {
  /** Where the user put cards whose move is not sent yet, to put them back after a reload. */
  private readonly intents = new Map<string, { column: string; afterCardId: string | null }>();

  readonly queue: MoveQueue<Card, AppError>;

  constructor(private readonly board: BoardContext) {
    this.queue = new MoveQueue<Card, AppError>({
      request: (cardId, unsent) => {
        this.intents.delete(cardId);
        const state = board.state();
        const card = state && cardById(state, cardId);
        if (!state || !card) return null;
        return { cardId, themeId: card.themeId, afterCardId: anchorOf(state, cardId, unsent) };
      },
      send: (move) =>
        board
          .track(
            firstValueFrom(
              board.apollo.mutate({ mutation: MoveCardDocument, variables: { input: move } }),
            ),
          )
          .then(({ data }) => data!.moveCard),
      confirmed: (card) => board.patch((s) => upsertCards(s, [card], this.queue.unsent())),
      failed: (error, move) => this.failed(error, move.cardId),
      toError: toAppError,
    });
  }

  /** The board as read, with the user's moves not sent yet where the user put them. */
  withIntents(state: BoardState): BoardState {
    let next = state;
    for (const [cardId, intent] of this.intents)
      next = moveCards(next, [cardId], intent.column, intent.afterCardId);
    return next;
  }

  /**
   * Moves cards into a column, one after the other, the first after `afterCardId`: shown at
   * once, then sent in order.
   */
  move(cardIds: readonly string[], column: string, afterCardId: string | null): void {
    const before = this.board.state();
    if (!before) return;
    const ids = cardIds.filter((id) => before.where.has(id) && id !== afterCardId);
    if (!ids.length) return;
    this.board.patch((s) => moveCards(s, ids, column, afterCardId));
    let after = afterCardId;
    for (const id of ids) {
      this.intents.set(id, { column, afterCardId: after });
      this.queue.enqueue(id, cardById(before, id)!.version);
      after = id;
    }
  }

  /** Moves a card again after its move lost to a colleague's. */
  retry(notice: Notice): void {
    if (!notice.cardId || !notice.retry) return;
    const { column, afterCardId } = notice.retry;
    const state = this.board.state();
    const anchor = afterCardId && state?.where.get(afterCardId) === column ? afterCardId : null;
    if (state?.columns.has(column)) this.move([notice.cardId], column, anchor);
  }

  private failed(error: AppError, cardId: string): void {
    const state = this.board.state();
    const intended = state && cardById(state, cardId);
    const retry =
      state && intended
        ? { column: columnOf(intended), afterCardId: anchorOf(state, cardId, new Set()) }
        : undefined;
    const current = error.details?.['card'];
    if (error.code === 'CONFLICT' && isCardPatch(current)) {
      this.board.patch((s) => {
        const known = cardById(s, cardId);
        return known ? upsertCards(s, [{ ...known, ...current }], this.queue.unsent()) : s;
      });
      this.board.notify({ kind: 'conflict', text: '', cardId, retry });
    } else {
      this.board.notify({
        kind: 'error',
        text:
          error.code === 'CONFLICT'
            ? 'The board changed while you moved a card; it is shown as saved now. Move it again if it is not where you want it.'
            : `A move could not be saved (${error.message}). The board now shows what is saved.`,
        ...(retry ? { cardId, retry } : {}),
      });
      this.board.reloadSoon();
    }
  }
}
