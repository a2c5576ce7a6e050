import { DataSource, type QueryRunner } from 'typeorm';
import { dataSourceOptions } from './data-source-options';
import { ancestorIdsSql, closureCte, descendantIdsSql, type Hierarchy } from './hierarchy';

const NODES: Hierarchy = { table: 'hierarchy_spec_node' };
const id = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;

/**
 * The walks on a tree with a loop in it: 1 → 2 → 3 → 1 (each under the next), 4 under 3, and 5
 * on its own. On today's data a loop can only come from a race or a hand edit; it must not hang.
 */
describe('hierarchy walks', () => {
  let ds: DataSource;
  let qr: QueryRunner;
  const ids = async (sql: string, params: unknown[] = []) =>
    ((await qr.query(sql, params)) as { id: string }[]).map((r) => r.id).sort();

  beforeAll(async () => {
    ds = new DataSource(dataSourceOptions(process.env.VERBATIM_TEST_DATABASE_URL!, 1));
    await ds.initialize();
    qr = ds.createQueryRunner();
    await qr.startTransaction();
    await qr.query(`CREATE TABLE hierarchy_spec_node (id uuid PRIMARY KEY, parent_id uuid)`);
    await qr.query(
      `INSERT INTO hierarchy_spec_node VALUES ($1, $2), ($2, $3), ($3, $1), ($4, $3), ($5, NULL)`,
      [id(1), id(2), id(3), id(4), id(5)],
    );
  });
  afterAll(async () => {
    await qr.rollbackTransaction();
    await qr.release();
    await ds.destroy();
  });

  it('descendants of a tag in a loop: the loop and what hangs under it, each once', async () => {
    expect(
      await ids(`SELECT id FROM ${descendantIdsSql(NODES, 'ARRAY[$1]::uuid[]')} d`, [id(1)]),
    ).toEqual([id(1), id(2), id(3), id(4)]);
  });

  it('ancestors of a tag under a loop: the loop, each once', async () => {
    expect(
      await ids(`SELECT id FROM ${ancestorIdsSql(NODES, 'ARRAY[$1]::uuid[]')} a`, [id(4)]),
    ).toEqual([id(1), id(2), id(3), id(4)]);
    expect(
      await ids(`SELECT id FROM ${ancestorIdsSql(NODES, 'ARRAY[$1]::uuid[]')} a`, [id(5)]),
    ).toEqual([id(5)]);
  });

  it('the closure pairs every node of a loop with every other, and ends', async () => {
    const rows = (await qr.query(
      `WITH RECURSIVE ${closureCte('tree', NODES, 'true')} SELECT ancestor_id, count(*)::int AS n FROM tree GROUP BY 1`,
    )) as { ancestor_id: string; n: number }[];
    const counts = Object.fromEntries(rows.map((r) => [r.ancestor_id, r.n]));
    expect(counts).toEqual({ [id(1)]: 4, [id(2)]: 4, [id(3)]: 4, [id(4)]: 1, [id(5)]: 1 });
  });
});
