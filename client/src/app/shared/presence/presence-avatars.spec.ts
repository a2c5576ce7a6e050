import { describe, expect, it } from 'vitest';
import { othersHere } from './presence-avatars';

const person = (id: string) => ({ id, name: `Person ${id}` });

describe('othersHere', () => {
  it('shows the others, not the user', () => {
    const { shown, more } = othersHere([person('a'), person('me'), person('b')], 3, 'me');
    expect(shown.map((p) => p.id)).toEqual(['a', 'b']);
    expect(more).toBe(0);
  });

  it('shows nobody to someone alone', () => {
    expect(othersHere([person('me')], 1, 'me')).toEqual({ shown: [], more: 0 });
  });

  it('counts those beyond the first few, and those beyond the names the api sent', () => {
    const people = ['a', 'b', 'c', 'd', 'e', 'me'].map(person);
    expect(othersHere(people, 6, 'me', 4).more).toBe(1);
    // 60 present, 50 named (the user among them): 4 shown, 55 more.
    const named = [...Array.from({ length: 49 }, (_, i) => person(`p${i}`)), person('me')];
    expect(othersHere(named, 60, 'me', 4).more).toBe(55);
  });
});
