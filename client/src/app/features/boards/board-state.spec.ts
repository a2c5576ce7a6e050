import { describe, expect, it } from 'vitest';
import {
  type BoardEvent,
  type BoardState,
  type Card,
  UNSORTED,
  afterCardFor,
  anchorOf,
  applyEvent,
  cardById,
  cardsOf,
  fromQueries,
  keyBetween,
  moveCards,
  moveTheme,
  removeThemes,
  upsertCards,
} from './board-state';
import { quoteCard } from './board-cards.testing';

const card = (id: string, position: string, themeId: string | null = null, version = 1): Card =>
  quoteCard(id, { position, themeId, version });

const EVIDENCE = { highlights: 0, participants: 0, transcripts: 0, warning: null };

function board(): BoardState {
  return fromQueries(
    {
      id: 'b1',
      projectId: 'p',
      name: 'Board',
      version: 5,
      themes: [
        {
          id: 'T2',
          title: 'Second',
          description: '',
          color: '#000000',
          position: 'a2',
          version: 1,
          commentCount: 0,
          insight: null,
          assignments: [],
          evidence: EVIDENCE,
          cards: [],
        },
        {
          id: 'T1',
          title: 'First',
          description: '',
          color: '#000000',
          position: 'a1',
          version: 1,
          commentCount: 0,
          insight: null,
          assignments: [],
          evidence: EVIDENCE,
          cards: [card('x', 'a1', 'T1'), card('w', 'a0', 'T1')],
        },
      ],
    },
    { id: 'b1', version: 5, unsorted: [card('a', 'a0'), card('b', 'a1'), card('c', 'a2')] },
  );
}

const ids = (s: BoardState, column: string) => cardsOf(s, column).map((c) => c.id);

function event(partial: Partial<BoardEvent>): BoardEvent {
  return {
    kind: 'CARDS_CHANGED',
    boardId: 'b1',
    version: 6,
    actorId: 'u2',
    themeIds: [],
    cardIds: [],
    name: null,
    themes: [],
    cards: [],
    ...partial,
  };
}

describe('board state', () => {
  it('orders themes and every column by position', () => {
    const s = board();
    expect(s.themes.map((t) => t.id)).toEqual(['T1', 'T2']);
    expect(ids(s, 'T1')).toEqual(['w', 'x']);
    expect(ids(s, UNSORTED)).toEqual(['a', 'b', 'c']);
    expect(s.where.get('x')).toBe('T1');
  });

  it('moves a card after another card of another column, between its neighbours', () => {
    const s = moveCards(board(), ['b'], 'T1', 'w');
    expect(ids(s, 'T1')).toEqual(['w', 'b', 'x']);
    expect(ids(s, UNSORTED)).toEqual(['a', 'c']);
    const moved = cardById(s, 'b')!;
    expect(moved.themeId).toBe('T1');
    expect(moved.position > 'a0' && moved.position < 'a1').toBe(true);
    // Not confirmed yet: the version is still the one the server gave.
    expect(moved.version).toBe(1);
  });

  it('moves a card to the top of a column when placed after nothing', () => {
    const s = moveCards(board(), ['c'], UNSORTED, null);
    expect(ids(s, UNSORTED)).toEqual(['c', 'a', 'b']);
  });

  it('moves several cards one after the other, keeping their order', () => {
    const s = moveCards(board(), ['c', 'a'], 'T2', null);
    expect(ids(s, 'T2')).toEqual(['c', 'a']);
    expect(ids(s, UNSORTED)).toEqual(['b']);
  });

  it('leaves the columns a move did not touch as they were', () => {
    const before = board();
    const after = moveCards(before, ['a'], UNSORTED, 'c');
    expect(after.columns.get('T1')).toBe(before.columns.get('T1'));
    expect(ids(after, UNSORTED)).toEqual(['b', 'c', 'a']);
  });

  it('takes a card the server sends at a newer version, and ignores an older one', () => {
    const s = board();
    const newer = upsertCards(s, [card('a', 'a5', 'T2', 2)]);
    expect(ids(newer, 'T2')).toEqual(['a']);
    const stale = upsertCards(newer, [card('a', 'a0', null, 1)]);
    expect(stale).toBe(newer);
  });

  it('keeps a card whose own move is not sent yet where the user put it, with the new version', () => {
    const moved = moveCards(board(), ['a'], 'T2', null);
    const s = upsertCards(moved, [card('a', 'a9', 'T1', 2)], new Set(['a']));
    expect(ids(s, 'T2')).toEqual(['a']);
    expect(cardById(s, 'a')!.version).toBe(2);
  });

  it('applies a colleague’s move from a live event and says when versions were skipped', () => {
    const s = board();
    const next = applyEvent(
      s,
      event({ version: 6, cardIds: ['a'], cards: [card('a', 'a9', 'T1', 2)] }),
    );
    expect(ids(next.state, 'T1')).toEqual(['w', 'x', 'a']);
    expect(next.gap).toBe(false);
    expect(next.state.version).toBe(6);
    const later = applyEvent(next.state, event({ version: 9 }));
    expect(later.gap).toBe(true);
  });

  it('applies the same event twice to the same result', () => {
    const e = event({ cardIds: ['b'], cards: [card('b', 'a5', 'T2', 2)] });
    const once = applyEvent(board(), e).state;
    expect(applyEvent(once, e).state).toBe(once);
  });

  it('removes the cards a CARDS_REMOVED event names', () => {
    const s = applyEvent(board(), event({ kind: 'CARDS_REMOVED', cardIds: ['b'] })).state;
    expect(ids(s, UNSORTED)).toEqual(['a', 'c']);
    expect(s.where.has('b')).toBe(false);
  });

  it('sends a deleted theme’s cards to the end of unsorted, in their order', () => {
    const s = removeThemes(board(), ['T1']);
    expect(s.themes.map((t) => t.id)).toEqual(['T2']);
    expect(ids(s, UNSORTED)).toEqual(['a', 'b', 'c', 'w', 'x']);
    expect(s.columns.has('T1')).toBe(false);
  });

  it('reorders themes', () => {
    expect(moveTheme(board(), 'T2', null).themes.map((t) => t.id)).toEqual(['T2', 'T1']);
    expect(moveTheme(board(), 'T1', 'T2').themes.map((t) => t.id)).toEqual(['T2', 'T1']);
  });

  it('finds a key between keys that are out of order instead of throwing', () => {
    expect(keyBetween('a2', 'a1') > 'a2').toBe(true);
  });
});

describe('the card a drop lands after', () => {
  it('is the card shown before the drop index, the dragged card left out', () => {
    // Dragging b down one place within [a, b, c]: CDK reports index 2 in [a, c] → after c.
    expect(afterCardFor(['a', 'b', 'c'], 'b', 2)).toBe('c');
    expect(afterCardFor(['a', 'b', 'c'], 'b', 0)).toBeNull();
    expect(afterCardFor(['a', 'c'], 'z', 1)).toBe('a');
  });

  it('skips cards that move along with the dragged one', () => {
    expect(afterCardFor(['a', 'b', 'c', 'd'], 'd', 3, new Set(['c', 'd']))).toBe('b');
  });

  it('is clamped to the end of the column', () => {
    expect(afterCardFor(['a', 'b'], 'z', 10)).toBe('b');
  });
});

describe('the anchor sent with a move', () => {
  it('is the card before it that the server already has there', () => {
    const s = moveCards(board(), ['a', 'b'], 'T2', null);
    expect(anchorOf(s, 'a', new Set(['b']))).toBeNull();
    expect(anchorOf(s, 'b', new Set())).toBe('a');
    expect(anchorOf(s, 'b', new Set(['a']))).toBeNull();
  });
});

describe('a rename from a colleague', () => {
  it('shows the name the event carries, unless the board read already holds a newer one', () => {
    const renamed = applyEvent(board(), event({ kind: 'BOARD_UPDATED', name: 'Why teams leave' }));
    expect(renamed.state.name).toBe('Why teams leave');
    const stale = applyEvent(board(), event({ kind: 'BOARD_UPDATED', version: 5, name: 'Old' }));
    expect(stale.state.name).toBe('Board');
  });
});
