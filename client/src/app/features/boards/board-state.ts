import { generateKeyBetween } from 'fractional-indexing';
import type {
  BoardCardFragment,
  BoardThemeFragment,
  BoardThemesQuery,
  BoardUnsortedQuery,
  BoardUpdatedSubscription,
  BoardThemeEvidenceFragment,
} from '@verbatim/contracts';

// A board as the client holds it, and every change to it as a pure function: what the server
// answered, what a colleague's live event says, and what the user's own move does before the
// server confirms it. Cards sort by their fractional position within a column, as the api does
// (byte-wise; ties by id), so a move writes one card and an event is applied by placing each
// card it carries where its position says.

export type Card = BoardCardFragment;
export type Theme = BoardThemeFragment;
export type Evidence = BoardThemeEvidenceFragment & {
  breakdown?: readonly { value: string; highlights: number; participants: number }[];
};
export type BoardEvent = BoardUpdatedSubscription['boardUpdated'];

/** The column key of the cards in no theme. Theme columns are keyed by the theme's id. */
export const UNSORTED = 'unsorted';

export interface BoardState {
  readonly id: string;
  readonly projectId: string;
  readonly name: string;
  /** The board version this state includes every change up to. */
  readonly version: number;
  /** Themes in board order. */
  readonly themes: readonly Theme[];
  readonly evidence: ReadonlyMap<string, Evidence>;
  /** Each column's cards in order; a column that did not change keeps its array. */
  readonly columns: ReadonlyMap<string, readonly Card[]>;
  /** The column each card is in. */
  readonly where: ReadonlyMap<string, string>;
}

export function columnOf(card: { themeId: string | null }): string {
  return card.themeId ?? UNSORTED;
}

function themeIdOf(column: string): string | null {
  return column === UNSORTED ? null : column;
}

/** Byte-wise, as PostgreSQL's ORDER BY position, id with the C collation (positions are ASCII). */
function byPosition(a: { position: string; id: string }, b: { position: string; id: string }) {
  if (a.position !== b.position) return a.position < b.position ? -1 : 1;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/** A key between two others; when they are out of order (a race), one after `a`. */
export function keyBetween(a: string | null, b: string | null): string {
  if (a !== null && b !== null && a >= b) return generateKeyBetween(a, null);
  try {
    return generateKeyBetween(a, b);
  } catch {
    return generateKeyBetween(a, null);
  }
}

/** The board from its two halves (BoardThemes and BoardUnsorted, read at the same version). */
export function fromQueries(
  themes: BoardThemesQuery['board'],
  unsorted: BoardUnsortedQuery['board'],
): BoardState {
  const columns = new Map<string, readonly Card[]>();
  const where = new Map<string, string>();
  const evidence = new Map<string, Evidence>();
  columns.set(UNSORTED, [...unsorted.unsorted].sort(byPosition));
  for (const t of themes.themes) {
    columns.set(t.id, [...t.cards].sort(byPosition));
    evidence.set(t.id, t.evidence);
  }
  for (const [key, cards] of columns) for (const c of cards) where.set(c.id, key);
  return {
    id: themes.id,
    projectId: themes.projectId,
    name: themes.name,
    version: Math.min(themes.version, unsorted.version),
    themes: themes.themes.map(themeOnly).sort(byPosition),
    evidence,
    columns,
    where,
  };
}

function themeOnly(t: Theme): Theme {
  return {
    id: t.id,
    title: t.title,
    description: t.description,
    color: t.color,
    position: t.position,
    version: t.version,
    commentCount: t.commentCount,
    insight: t.insight,
    assignments: t.assignments,
  };
}

export function cardById(state: BoardState, id: string): Card | undefined {
  const column = state.where.get(id);
  return column === undefined ? undefined : state.columns.get(column)?.find((c) => c.id === id);
}

export function cardsOf(state: BoardState, column: string): readonly Card[] {
  return state.columns.get(column) ?? [];
}

/** Columns in board order: unsorted first, then the themes. */
export function columnKeys(state: BoardState): string[] {
  return [UNSORTED, ...state.themes.map((t) => t.id)];
}

/** A mutable copy of the parts a change touches; columns are copied when first written. */
class Draft {
  readonly columns: Map<string, readonly Card[]>;
  readonly where: Map<string, string>;
  private readonly copied = new Set<string>();

  constructor(private readonly state: BoardState) {
    this.columns = new Map(state.columns);
    this.where = new Map(state.where);
  }

  private writable(column: string): Card[] {
    const cards = this.columns.get(column) ?? [];
    if (this.copied.has(column)) return cards as Card[];
    const copy = [...cards];
    this.columns.set(column, copy);
    this.copied.add(column);
    return copy;
  }

  remove(id: string): Card | undefined {
    const column = this.where.get(id);
    if (column === undefined) return undefined;
    const cards = this.writable(column);
    const at = cards.findIndex((c) => c.id === id);
    this.where.delete(id);
    return at === -1 ? undefined : cards.splice(at, 1)[0];
  }

  /** Puts the card in its column at the place its position says. */
  place(card: Card): void {
    this.remove(card.id);
    const column = columnOf(card);
    const cards = this.writable(column);
    let lo = 0;
    let hi = cards.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (byPosition(cards[mid]!, card) < 0) lo = mid + 1;
      else hi = mid;
    }
    cards.splice(lo, 0, card);
    this.where.set(card.id, column);
  }

  get(id: string): Card | undefined {
    const column = this.where.get(id);
    return column === undefined ? undefined : this.columns.get(column)?.find((c) => c.id === id);
  }

  done(changes: Partial<BoardState> = {}): BoardState {
    return { ...this.state, ...changes, columns: this.columns, where: this.where };
  }
}

/**
 * Cards as the server says they are now. A card the state already holds at a newer version is
 * left alone (an event can arrive after the answer that followed it); a card in `keepPlace`
 * (the user's own move of it is still waiting to be sent) takes the server's version and
 * content but stays where the user put it.
 */
export function upsertCards(
  state: BoardState,
  cards: readonly Card[],
  keepPlace: ReadonlySet<string> = new Set(),
): BoardState {
  if (!cards.length) return state;
  const draft = new Draft(state);
  let changed = false;
  for (const card of cards) {
    const known = draft.get(card.id);
    if (known && known.version > card.version) continue;
    if (known && known.version === card.version && sameCard(known, card)) continue;
    changed = true;
    draft.place(
      known && keepPlace.has(card.id)
        ? { ...card, themeId: known.themeId, position: known.position }
        : card,
    );
  }
  return changed ? draft.done() : state;
}

function sameCard(a: Card, b: Card): boolean {
  return (
    a.themeId === b.themeId &&
    a.position === b.position &&
    a.text === b.text &&
    JSON.stringify(a.highlight) === JSON.stringify(b.highlight)
  );
}

export function removeCards(state: BoardState, ids: readonly string[]): BoardState {
  if (!ids.some((id) => state.where.has(id))) return state;
  const draft = new Draft(state);
  for (const id of ids) draft.remove(id);
  return draft.done();
}

/** New cards go to the end of their column (addCards, addNote answer them too). */
export function addCards(state: BoardState, cards: readonly Card[]): BoardState {
  return upsertCards(state, cards);
}

/**
 * The user's own move: the cards go into `column` one after the other, the first right after
 * `afterCardId` (first in the column when null), each with a position between its neighbours.
 * Versions stay what the server last said: the move is not confirmed yet.
 */
export function moveCards(
  state: BoardState,
  cardIds: readonly string[],
  column: string,
  afterCardId: string | null,
): BoardState {
  const draft = new Draft(state);
  let after = afterCardId;
  for (const id of cardIds) {
    const card = draft.remove(id);
    if (!card) continue;
    const target = draft.columns.get(column) ?? [];
    const at = after === null ? -1 : target.findIndex((c) => c.id === after);
    const before = at === -1 ? null : target[at]!.position;
    const next = target[at + 1]?.position ?? null;
    draft.place({ ...card, themeId: themeIdOf(column), position: keyBetween(before, next) });
    after = id;
  }
  return draft.done();
}

/**
 * The card to place a dropped card after: the one shown right before `index` in the column as
 * shown (`list`, the dragged card left out), skipping cards that move along with it.
 */
export function afterCardFor(
  list: readonly string[],
  dragged: string,
  index: number,
  moving: ReadonlySet<string> = new Set(),
): string | null {
  const without = list.filter((id) => id !== dragged);
  for (let i = Math.min(index, without.length) - 1; i >= 0; i--) {
    const id = without[i]!;
    if (!moving.has(id)) return id;
  }
  return null;
}

/**
 * The card right before `cardId` in its column that the server already has there: cards whose
 * own move is still waiting (`unsent`) are skipped, so the anchor of a move is never a card the
 * server would find elsewhere.
 */
export function anchorOf(
  state: BoardState,
  cardId: string,
  unsent: ReadonlySet<string>,
): string | null {
  const column = state.where.get(cardId);
  if (column === undefined) return null;
  const cards = cardsOf(state, column);
  const at = cards.findIndex((c) => c.id === cardId);
  for (let i = at - 1; i >= 0; i--) if (!unsent.has(cards[i]!.id)) return cards[i]!.id;
  return null;
}

export function upsertThemes(
  state: BoardState,
  themes: readonly (Theme & { evidence?: Evidence })[],
): BoardState {
  if (!themes.length) return state;
  const byId = new Map(state.themes.map((t) => [t.id, t]));
  const evidence = new Map(state.evidence);
  const columns = new Map(state.columns);
  let changed = false;
  for (const t of themes) {
    const known = byId.get(t.id);
    if (t.evidence) {
      evidence.set(t.id, { ...evidence.get(t.id), ...t.evidence });
      changed = true;
    }
    if (known && known.version > t.version) continue;
    byId.set(t.id, themeOnly(t));
    if (!columns.has(t.id)) columns.set(t.id, []);
    changed = true;
  }
  if (!changed) return state;
  return { ...state, themes: [...byId.values()].sort(byPosition), evidence, columns };
}

/**
 * Themes deleted: their cards go to the end of the unsorted column in their order, as the
 * server does (the event that says so brings the cards with their new positions too).
 */
export function removeThemes(state: BoardState, ids: readonly string[]): BoardState {
  const gone = new Set(ids.filter((id) => state.themes.some((t) => t.id === id)));
  if (!gone.size) return state;
  const draft = new Draft(state);
  for (const id of gone) {
    for (const card of [...(draft.columns.get(id) ?? [])]) {
      const unsorted = draft.columns.get(UNSORTED) ?? [];
      const last = unsorted[unsorted.length - 1]?.position ?? null;
      draft.place({ ...card, themeId: null, position: keyBetween(last, null) });
    }
    draft.columns.delete(id);
  }
  const evidence = new Map(state.evidence);
  for (const id of gone) evidence.delete(id);
  return draft.done({ themes: state.themes.filter((t) => !gone.has(t.id)), evidence });
}

/** The user's own theme move: right after `afterThemeId` (first when null). */
export function moveTheme(
  state: BoardState,
  themeId: string,
  afterThemeId: string | null,
): BoardState {
  const others = state.themes.filter((t) => t.id !== themeId);
  const theme = state.themes.find((t) => t.id === themeId);
  if (!theme) return state;
  const at = afterThemeId === null ? -1 : others.findIndex((t) => t.id === afterThemeId);
  const position = keyBetween(
    at === -1 ? null : others[at]!.position,
    others[at + 1]?.position ?? null,
  );
  return {
    ...state,
    themes: [...others, { ...theme, position }].sort(byPosition),
  };
}

export interface EventOutcome {
  state: BoardState;
  /** The event skipped versions: some change was missed and the board should be read again. */
  gap: boolean;
  deleted: boolean;
}

/**
 * A colleague's change (or the user's own, echoed): applied idempotently, whatever order events
 * and answers arrive in, since every card and theme carries its own version.
 */
export function applyEvent(
  state: BoardState,
  event: BoardEvent,
  keepPlace: ReadonlySet<string> = new Set(),
): EventOutcome {
  const gap = event.version > state.version + 1;
  let next = state;
  if (event.kind === 'THEME_DELETED') next = removeThemes(next, event.themeIds);
  if (event.kind === 'CARDS_REMOVED') {
    const still = new Set(event.cards.map((c) => c.id));
    next = removeCards(
      next,
      event.cardIds.filter((id) => !still.has(id)),
    );
  }
  next = upsertThemes(next, event.themes);
  next = upsertCards(next, event.cards, keepPlace);
  if (event.kind === 'BOARD_UPDATED' && event.name && event.version > state.version)
    next = { ...next, name: event.name };
  if (event.version > next.version) next = { ...next, version: event.version };
  return { state: next, gap, deleted: event.kind === 'BOARD_DELETED' };
}

/** How many cards the board holds. */
export function cardCount(state: BoardState): number {
  return state.where.size;
}
