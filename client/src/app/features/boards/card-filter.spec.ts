import { describe, expect, it } from 'vitest';
import type { Card } from './board-state';
import { attributeOptions, colourOfValue, markOf, matches, NO_FILTER } from './card-filter';
import { quoteCard } from './board-cards.testing';

const PRICING = { id: 'tag-p', name: 'Pricing', color: '#aa0000' };

const QUOTE: Card = quoteCard('c1', {
  quote: 'The monthly plan cost too much',
  participant: { id: 'p-ana', displayName: 'Ana', color: '#123456' },
  tags: [PRICING],
});

const NOTE: Card = { ...QUOTE, id: 'c2', highlight: null, text: 'Ask sales about plans' };

const attributes = (id: string) =>
  id === 'p-ana' ? [{ key: 'segment', value: 'Enterprise' }] : [];

describe('filtering and colouring cards', () => {
  it('shows every card without a filter', () => {
    expect(matches(QUOTE, NO_FILTER, attributes)).toBe(true);
    expect(matches(NOTE, NO_FILTER, attributes)).toBe(true);
  });

  it('filters by tag, participant attribute and words', () => {
    expect(matches(QUOTE, { ...NO_FILTER, tagId: 'tag-p' }, attributes)).toBe(true);
    expect(matches(NOTE, { ...NO_FILTER, tagId: 'tag-p' }, attributes)).toBe(false);
    expect(matches(QUOTE, { ...NO_FILTER, attribute: 'segment=Enterprise' }, attributes)).toBe(
      true,
    );
    expect(matches(QUOTE, { ...NO_FILTER, attribute: 'segment=SMB' }, attributes)).toBe(false);
    expect(matches(NOTE, { ...NO_FILTER, text: 'SALES' }, attributes)).toBe(true);
    expect(matches(QUOTE, { ...NO_FILTER, text: 'sales' }, attributes)).toBe(false);
  });

  it('colours by the first tag or by an attribute value, the same value the same colour', () => {
    expect(markOf(QUOTE, 'tag', attributes)).toEqual({ color: '#aa0000', label: 'Pricing' });
    expect(markOf(QUOTE, 'attr:segment', attributes)).toEqual({
      color: colourOfValue('Enterprise'),
      label: 'segment: Enterprise',
    });
    expect(markOf(NOTE, 'tag', attributes)).toBeNull();
    expect(markOf(QUOTE, '', attributes)).toBeNull();
  });

  it('lists attribute keys with their values', () => {
    expect(
      attributeOptions([
        { id: '1', attributes: [{ key: 'segment', value: 'SMB' }] },
        {
          id: '2',
          attributes: [
            { key: 'segment', value: 'Enterprise' },
            { key: 'role', value: 'Admin' },
          ],
        },
      ]),
    ).toEqual([
      { key: 'role', values: ['Admin'] },
      { key: 'segment', values: ['Enterprise', 'SMB'] },
    ]);
  });
});
