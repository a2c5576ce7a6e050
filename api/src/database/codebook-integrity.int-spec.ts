import { expect } from '@jest/globals';
import { DataSource, type QueryRunner } from 'typeorm';
import { TestApp } from '../../test/test-app';
import { CodebookIntegrity1795700000000 } from './migrations/1795700000000-CodebookIntegrity';

/**
 * The migration on a codebook written before names were unique in any case and before moves
 * were checked under a lock: run on real rows inside a transaction that is rolled back.
 */
describe('CodebookIntegrity migration', () => {
  let t: TestApp;
  let projectId: string;
  let qr: QueryRunner;
  const migration = new CodebookIntegrity1795700000000();

  const tag = async (name: string, minutesAgo: number, parentId: string | null = null) => {
    const [row] = (await qr.query(
      `INSERT INTO tag (project_id, name, color, parent_id, created_at)
       VALUES ($1, $2, '#1f77b4', $3, now() - make_interval(mins => $4)) RETURNING id`,
      [projectId, name, parentId, minutesAgo],
    )) as { id: string }[];
    return row!.id;
  };
  const nameOf = async (id: string) =>
    ((await qr.query(`SELECT name FROM tag WHERE id = $1`, [id])) as { name: string }[])[0]?.name;
  const parentOf = async (id: string) =>
    (
      (await qr.query(`SELECT parent_id FROM tag WHERE id = $1`, [id])) as {
        parent_id: string | null;
      }[]
    )[0]?.parent_id;

  beforeAll(async () => {
    t = await TestApp.start();
    ({ projectId } = await t.newProject());
    // No request to the app from here on: on the embedded server this transaction holds the
    // only session until it is rolled back.
    qr = t.app.get(DataSource).createQueryRunner();
    await qr.startTransaction();
    await migration.down(qr);
  });
  afterAll(async () => {
    await qr.rollbackTransaction();
    await qr.release();
    await t.close();
  });

  it('keeps case variants apart under new names, breaks loops, logs each repair, then refuses case duplicates', async () => {
    const kept = await tag('Pricing', 50);
    const lower = await tag('pricing', 40);
    const upper = await tag('PRICING', 30);
    const suffixed = await tag('pricing (2)', 45);
    const long = 'x'.repeat(100);
    const longFirst = await tag(long, 20);
    const longSecond = await tag(long.toUpperCase(), 10);
    const child = await tag('Child of pricing', 5, lower);
    const older = await tag('Loop older', 60);
    const newer = await tag('Loop newer', 55, older);
    await qr.query(`UPDATE tag SET parent_id = $2 WHERE id = $1`, [older, newer]);

    await migration.up(qr);

    expect(await nameOf(kept)).toBe('Pricing');
    expect(await nameOf(suffixed)).toBe('pricing (2)');
    expect(await nameOf(lower)).toBe('pricing (3)');
    expect(await nameOf(upper)).toBe('PRICING (4)');
    expect(await nameOf(longFirst)).toBe(long);
    expect(await nameOf(longSecond)).toBe(`${'X'.repeat(96)} (2)`);
    expect(await parentOf(child)).toBe(lower); // ids, sub-tags and highlights stay where they were
    expect(await parentOf(older)).toBeNull(); // the oldest of the loop goes to the top level
    expect(await parentOf(newer)).toBe(older);

    const logged = (await qr.query(
      `SELECT verb, summary, data FROM activity WHERE project_id = $1 AND verb IN ('tag.renamed', 'tag.moved') ORDER BY created_at, verb`,
      [projectId],
    )) as { verb: string; summary: string; data: Record<string, unknown> }[];
    expect(logged.map((l) => l.verb).sort()).toEqual([
      'tag.moved',
      'tag.renamed',
      'tag.renamed',
      'tag.renamed',
    ]);
    expect(logged.find((l) => l.data['tagId'] === lower)?.summary).toBe(
      'The tag “pricing” was renamed “pricing (3)”: tag names are now unique regardless of case, and “Pricing” came first. Merge the two if they are the same code.',
    );

    await qr.query('SAVEPOINT duplicate');
    await expect(tag('pRiCiNg', 1)).rejects.toMatchObject({
      driverError: expect.objectContaining({ code: '23505' }),
    });
    await qr.query('ROLLBACK TO SAVEPOINT duplicate');
  });
});
