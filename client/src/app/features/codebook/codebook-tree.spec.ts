import { describe, expect, it } from 'vitest';
import type { CodebookTagFragment as Tag } from '@verbatim/contracts';
import { composeDescription, descendantIds, parseDescription, tagTree } from './codebook-tree';

function tag(id: string, name: string, parentId: string | null = null, archived = false): Tag {
  return {
    id,
    projectId: 'p',
    name,
    description: null,
    color: '#000000',
    parentId,
    archived,
    usageCount: 0,
    highlightCount: 0,
  };
}

const TAGS = [
  tag('price', 'Pricing'),
  tag('cheap', 'too cheap', 'price'),
  tag('dear', 'Expensive', 'price'),
  tag('plans', 'Plans', 'dear'),
  tag('onb', 'Onboarding'),
  tag('old', 'Old idea', null, true),
  tag('orphan', 'Under archived', 'old'),
];

describe('tagTree', () => {
  it('lists parents before their children, each level by name, with depth and path', () => {
    expect(tagTree(TAGS).map((r) => [r.tag.name, r.depth, r.path])).toEqual([
      ['Onboarding', 0, ''],
      ['Pricing', 0, ''],
      ['Expensive', 1, 'Pricing'],
      ['Plans', 2, 'Pricing › Expensive'],
      ['too cheap', 1, 'Pricing'],
      ['Under archived', 0, ''],
    ]);
  });

  it('counts direct children', () => {
    expect(tagTree(TAGS).find((r) => r.tag.id === 'price')?.childCount).toBe(2);
  });

  it('survives a cycle in the data', () => {
    const rows = tagTree([tag('a', 'A', 'b'), tag('b', 'B', 'a'), tag('c', 'C')]);
    expect(rows.map((r) => r.tag.name)).toEqual(['C']);
  });
});

describe('descendantIds', () => {
  it('finds sub-tags at every depth, which cannot become the parent', () => {
    expect([...descendantIds(TAGS, 'price')].sort()).toEqual(['cheap', 'dear', 'plans']);
    expect(descendantIds(TAGS, 'onb').size).toBe(0);
  });
});

describe('tag descriptions', () => {
  const parts = {
    definition: 'Talk about what the product costs.',
    whenToUse: 'Any mention of price,\nplans or discounts.',
    whenNotToUse: 'Costs of other tools.',
  };

  it('keeps the three parts apart in one readable text', () => {
    const text = composeDescription(parts);
    expect(text).toBe(
      'Talk about what the product costs.\n\nWhen to use: Any mention of price,\nplans or discounts.\n\nWhen not to use: Costs of other tools.',
    );
    expect(parseDescription(text)).toEqual(parts);
  });

  it('reads a plain description as the definition', () => {
    expect(parseDescription('Just a sentence.')).toEqual({
      definition: 'Just a sentence.',
      whenToUse: '',
      whenNotToUse: '',
    });
  });

  it('stores nothing when every part is empty', () => {
    expect(composeDescription({ definition: ' ', whenToUse: '', whenNotToUse: '' })).toBeNull();
    expect(parseDescription(null).definition).toBe('');
  });
});
