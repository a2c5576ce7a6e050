import { describe, expect, it } from 'vitest';
import { type BoardState, type Card, UNSORTED, cardById, fromQueries } from './board-state';
import { type CodebookEvent, applyCodebookEvent } from './board-tags';
import { quoteCard } from './board-cards.testing';

const PRICING = { id: 'pricing', name: 'Pricing', color: '#aa0000' };
const COST = { id: 'cost', name: 'Cost', color: '#00aa00' };

const card = (id: string, tags: { id: string; name: string; color: string }[]): Card =>
  quoteCard(id, { position: `a${id}`, participant: null, tags });

function board(): BoardState {
  return fromQueries(
    { id: 'b1', projectId: 'p', name: 'Board', version: 1, themes: [] },
    {
      id: 'b1',
      version: 1,
      unsorted: [card('1', [PRICING]), card('2', [PRICING, COST]), card('3', [])],
    },
  );
}

function change(partial: Partial<CodebookEvent>): CodebookEvent {
  return { kind: 'UPDATED', tagId: 'pricing', mergedIntoId: null, tag: null, ...partial };
}

const tagsOf = (s: BoardState, id: string) => cardById(s, id)!.highlight!.tags.map((t) => t.name);

describe('tags on the board as the codebook changes', () => {
  it('shows a renamed, recoloured tag on every card that carries it, and leaves the others', () => {
    const before = board();
    const { state } = applyCodebookEvent(
      before,
      change({
        tag: {
          ...PRICING,
          name: 'Price',
          color: '#0000aa',
          projectId: 'p',
          description: null,
          parentId: null,
          archived: false,
          usageCount: 2,
        },
      }),
    );
    expect(tagsOf(state, '1')).toEqual(['Price']);
    expect(tagsOf(state, '2')).toEqual(['Price', 'Cost']);
    expect(cardById(state, '2')!.highlight!.tags[0]!.color).toBe('#0000aa');
    expect(cardById(state, '3')).toBe(cardById(before, '3'));
  });

  it('shows a merged tag as the tag it was merged into, once per card', () => {
    const { state, unknown } = applyCodebookEvent(
      board(),
      change({ kind: 'DELETED', mergedIntoId: 'cost' }),
    );
    expect(unknown).toBe(false);
    expect(tagsOf(state, '1')).toEqual(['Cost']);
    expect(tagsOf(state, '2')).toEqual(['Cost']);
  });

  it('says when a tag was merged into one no card shows, and drops a deleted tag', () => {
    expect(
      applyCodebookEvent(board(), change({ kind: 'DELETED', mergedIntoId: 'x' })).unknown,
    ).toBe(true);
    const { state } = applyCodebookEvent(board(), change({ kind: 'DELETED' }));
    expect(tagsOf(state, '2')).toEqual(['Cost']);
    expect(state.columns.get(UNSORTED)).toHaveLength(3);
  });

  it('changes nothing for a new tag or a tag no card carries', () => {
    const before = board();
    expect(applyCodebookEvent(before, change({ kind: 'CREATED' })).state).toBe(before);
    expect(applyCodebookEvent(before, change({ kind: 'DELETED', tagId: 'other' })).state).toBe(
      before,
    );
  });
});
