import { describe, expect, it } from 'vitest';
import { pickerOptions, rememberRecent } from './tag-picker-filter';

const tags = [
  { id: '1', name: 'Pricing', color: '#a00' },
  { id: '2', name: 'Export friction', color: '#0a0' },
  { id: '3', name: 'Onboarding', color: '#00a' },
  { id: '4', name: 'Price anchoring', color: '#aa0' },
];

describe('pickerOptions', () => {
  it('offers recent tags first, numbered for their keys, then the rest by name', () => {
    const options = pickerOptions(tags, ['3', 'gone', '1'], '', true);
    expect(options.map((o) => (o.kind === 'tag' ? `${o.tag.name}:${o.key}` : o.kind))).toEqual([
      'Onboarding:1',
      'Pricing:2',
      'Export friction:null',
      'Price anchoring:null',
    ]);
  });

  it('filters by name start, then by containing, and offers to create a new tag', () => {
    const options = pickerOptions(tags, [], 'pric', true);
    expect(options.map((o) => (o.kind === 'tag' ? o.tag.name : `create ${o.name}`))).toEqual([
      'Price anchoring',
      'Pricing',
      'create pric',
    ]);
    expect(pickerOptions(tags, [], 'friction', true).map((o) => o.kind)).toEqual(['tag', 'create']);
  });

  it('does not offer to create a tag that exists or when the user may not', () => {
    expect(pickerOptions(tags, [], 'pricing ', true).map((o) => o.kind)).toEqual(['tag']);
    expect(pickerOptions(tags, [], 'new theme', false)).toEqual([]);
  });
});

describe('rememberRecent', () => {
  it('keeps the nine most recent tags, newest first, without repeats', () => {
    const recent = ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i'];
    expect(rememberRecent(recent, 'c')).toEqual(['c', 'a', 'b', 'd', 'e', 'f', 'g', 'h', 'i']);
    expect(rememberRecent(recent, 'z')).toHaveLength(9);
  });
});
