import { MemoryPresenceStore } from './presence-store';

describe('the in-memory presence store', () => {
  const vera = { connectionId: 'c1', userId: 'u1', name: 'Vera' };
  const olga = { connectionId: 'c2', userId: 'u2', name: 'Olga' };

  it('keeps an entry for its time to live, longer when renewed, and forgets it after', async () => {
    let now = 1_000;
    const store = new MemoryPresenceStore(() => now);
    await store.enter('BOARD:b', vera, 3_000);
    await store.enter('BOARD:b', olga, 3_000);
    now += 2_000;
    await store.enter('BOARD:b', olga, 3_000); // Olga's page renews, Vera's crashed
    expect(await store.present('BOARD:b')).toEqual([vera, olga]);
    now += 1_000;
    expect(await store.present('BOARD:b')).toEqual([olga]);
    now += 2_000;
    expect(await store.present('BOARD:b')).toEqual([]);
  });

  it('lets an entry leave, and keeps targets apart', async () => {
    const store = new MemoryPresenceStore();
    await store.enter('BOARD:b', vera, 30_000);
    await store.enter('TRANSCRIPT:t', olga, 30_000);
    await store.leave('BOARD:b', vera);
    expect(await store.present('BOARD:b')).toEqual([]);
    expect(await store.present('TRANSCRIPT:t')).toEqual([olga]);
  });
});
