import { describe, expect, it } from 'vitest';
import { type KeysetPage, KeysetPager, keysetPage } from './keyset-pager';

interface Item {
  readonly id: string;
}

const items = (...ids: string[]): Item[] => ids.map((id) => ({ id }));

/** A pager over pages given in turn; a string in place of a page is a failure with that text. */
function pagerOver(...pages: (KeysetPage<Item> | string)[]) {
  const asked: (string | null)[] = [];
  const pager = new KeysetPager<Item>((after) => {
    asked.push(after);
    const next = pages.shift();
    if (typeof next === 'string') return Promise.reject(new Error(next));
    return Promise.resolve(next ?? null);
  });
  return { pager, asked };
}

describe('a list read a page at a time', () => {
  it('shows the first page, then appends the next one after its cursor', async () => {
    const { pager, asked } = pagerOver(
      { nodes: items('a', 'b'), endCursor: 'c1', hasNextPage: true },
      { nodes: items('c'), endCursor: 'c2', hasNextPage: false },
    );
    expect(pager.loaded()).toBe(false);
    const first = await pager.load(false);
    expect(first).toEqual({ nodes: items('a', 'b'), appendedAt: -1 });
    expect(pager.items()).toEqual(items('a', 'b'));
    expect(pager.loaded()).toBe(true);
    expect(pager.hasMore()).toBe(true);

    const next = await pager.load(true);
    expect(next?.appendedAt).toBe(2);
    expect(pager.items()).toEqual(items('a', 'b', 'c'));
    expect(pager.hasMore()).toBe(false);
    expect(asked).toEqual([null, 'c1']);
  });

  it('does not show twice an item that is already in the list', async () => {
    const { pager } = pagerOver(
      { nodes: items('a', 'b'), endCursor: 'c1', hasNextPage: true },
      { nodes: items('b', 'c'), endCursor: 'c2', hasNextPage: false },
    );
    await pager.load(false);
    await pager.load(true);
    expect(pager.items()).toEqual(items('a', 'b', 'c'));
  });

  it('drops a "Load more" answer that comes after the list was read again from the start', async () => {
    const answers: ((page: KeysetPage<Item>) => void)[] = [];
    const pager = new KeysetPager<Item>(() => new Promise((r) => answers.push(r)));
    const first = pager.load(false);
    answers[0]?.({ nodes: items('a', 'b'), endCursor: 'c1', hasNextPage: true });
    await first;
    // "Load more" of the old list, then the filter changes and the list is read again.
    const more = pager.load(true);
    const fresh = pager.load(false);
    answers[2]?.({ nodes: items('x'), endCursor: 'x1', hasNextPage: false });
    await fresh;
    answers[1]?.({ nodes: items('c', 'd'), endCursor: 'c2', hasNextPage: true });
    expect(await more).toBeNull();
    expect(pager.items()).toEqual(items('x'));
    expect(pager.hasMore()).toBe(false);
    expect(pager.loading()).toBe(false);
  });

  it('keeps the later first page when an earlier one answers last', async () => {
    const answers: ((page: KeysetPage<Item>) => void)[] = [];
    const pager = new KeysetPager<Item>(() => new Promise((r) => answers.push(r)));
    const older = pager.load(false);
    const newer = pager.load(false);
    answers[1]?.({ nodes: items('new'), endCursor: null, hasNextPage: false });
    await newer;
    expect(pager.loading()).toBe(false);
    answers[0]?.({ nodes: items('old'), endCursor: 'o1', hasNextPage: true });
    expect(await older).toBeNull();
    expect(pager.items()).toEqual(items('new'));
    expect(pager.hasMore()).toBe(false);
  });

  it('is loading while a page is on its way', async () => {
    let resolve: (page: KeysetPage<Item>) => void = () => undefined;
    const pager = new KeysetPager<Item>(() => new Promise((r) => (resolve = r)));
    const loading = pager.load(false);
    expect(pager.loading()).toBe(true);
    resolve({ nodes: [], endCursor: null, hasNextPage: false });
    await loading;
    expect(pager.loading()).toBe(false);
    expect(pager.loaded()).toBe(true);
    expect(pager.items()).toEqual([]);
  });

  it('says why a page failed and keeps what was loaded; the next try clears it', async () => {
    const { pager, asked } = pagerOver(
      { nodes: items('a'), endCursor: 'c1', hasNextPage: true },
      'The server is busy.',
      { nodes: items('b'), endCursor: null, hasNextPage: false },
    );
    await pager.load(false);
    expect(await pager.load(true)).toBeNull();
    expect(pager.error()).toBe('The server is busy.');
    expect(pager.items()).toEqual(items('a'));
    expect(pager.hasMore()).toBe(true);
    expect(pager.loading()).toBe(false);

    await pager.load(true);
    expect(pager.error()).toBeNull();
    expect(pager.items()).toEqual(items('a', 'b'));
    expect(asked).toEqual([null, 'c1', 'c1']);
  });

  it('starts again from the first page when asked to', async () => {
    const { pager, asked } = pagerOver(
      { nodes: items('a'), endCursor: 'c1', hasNextPage: true },
      { nodes: items('z'), endCursor: null, hasNextPage: false },
    );
    await pager.load(false);
    await pager.load(false);
    expect(pager.items()).toEqual(items('z'));
    expect(pager.hasMore()).toBe(false);
    expect(asked).toEqual([null, null]);
  });

  it('reads a connection as a page', () => {
    expect(
      keysetPage({
        edges: [{ node: { id: 'a' } }],
        pageInfo: { endCursor: 'c1', hasNextPage: true },
      }),
    ).toEqual({ nodes: items('a'), endCursor: 'c1', hasNextPage: true });
  });
});
