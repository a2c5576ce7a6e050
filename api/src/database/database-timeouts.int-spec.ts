import { DataSource } from 'typeorm';
import { TestApp, type TestUser } from '../../test/test-app';
import { TagsService } from '../modules/tags/tags.service';
import { dataSourceOptions } from './data-source-options';
import { allowLongStatements, inTransaction } from './transaction';

const TAGS = `query($p: ID!) { tags(projectId: $p) { id } }`;
const onPostgres = !!process.env.DATABASE_URL;
/**
 * PGlite ignores startup parameters and runs each statement to its end in WebAssembly (no timer
 * can interrupt it): it has no timeouts, only queries that end by construction.
 */
const postgresOnly = onPostgres ? it : it.skip;
const EMBEDDED = ' (PostgreSQL only: the embedded PGlite has no timeouts)';

describe('database timeouts', () => {
  let t: TestApp;
  let owner: TestUser;
  let projectId: string;

  beforeAll(async () => {
    t = await TestApp.start({
      DATABASE_STATEMENT_TIMEOUT: '1s',
      DATABASE_IDLE_IN_TRANSACTION_TIMEOUT: '1s',
    });
    ({ user: owner, projectId } = await t.newProject());
  });
  afterAll(() => t.close());

  postgresOnly(
    `cancels a statement that runs past DATABASE_STATEMENT_TIMEOUT and answers SERVICE_UNAVAILABLE without internals${EMBEDDED}`,
    async () => {
      const db = t.app.get(DataSource);
      const tags = t.app.get(TagsService);
      const slow = jest
        .spyOn(tags, 'list')
        .mockImplementation(() => db.query<never>(`SELECT pg_sleep(20)`));
      const started = Date.now();
      const res = await t.gql(TAGS, { p: projectId }, owner.token);
      slow.mockRestore();
      expect(res.errors).toEqual([
        {
          message:
            'The database took too long to answer this request. Please try again in a moment.',
          path: ['tags'],
          extensions: { code: 'SERVICE_UNAVAILABLE' },
        },
      ]);
      expect(Date.now() - started).toBeLessThan(15_000); // cancelled, not waited out
      // The connection went back to the pool in working order.
      expect((await t.ok<{ tags: unknown[] }>(TAGS, { p: projectId }, owner.token)).tags).toEqual(
        [],
      );
    },
  );

  postgresOnly(
    `ends a transaction left idle past DATABASE_IDLE_IN_TRANSACTION_TIMEOUT and keeps serving${EMBEDDED}`,
    async () => {
      const qr = t.app.get(DataSource).createQueryRunner();
      await qr.startTransaction();
      await qr.query(`SELECT 1`);
      await new Promise((r) => setTimeout(r, 1_500));
      await expect(qr.query(`SELECT 1`)).rejects.toThrow();
      await qr.release();
      expect((await t.ok<{ tags: unknown[] }>(TAGS, { p: projectId }, owner.token)).tags).toEqual(
        [],
      );
    },
  );

  postgresOnly(
    `lets a bulk transaction run long statements, and only that transaction${EMBEDDED}`,
    async () => {
      const db = t.app.get(DataSource);
      await inTransaction(db, async (tx) => {
        await allowLongStatements(tx, 10_000);
        await tx.query(`SELECT pg_sleep(1.5)`);
      });
      // Back on the same pooled connections, the request limit holds again.
      const again = await Promise.allSettled(
        Array.from({ length: 4 }, () => db.query(`SELECT pg_sleep(1.5)`)),
      );
      expect(again.map((r) => r.status)).toEqual(['rejected', 'rejected', 'rejected', 'rejected']);
    },
  );

  postgresOnly(
    `sets the limits on the pool's connections and none on a migration's${EMBEDDED}`,
    async () => {
      const settings = async (ds: DataSource) =>
        await ds.query<[{ statement: string; idle: string }]>(
          `SELECT current_setting('statement_timeout') AS statement, current_setting('idle_in_transaction_session_timeout') AS idle`,
        );
      expect(await settings(t.app.get(DataSource))).toEqual([{ statement: '1s', idle: '1s' }]);
      const migrations = new DataSource(
        dataSourceOptions(process.env.VERBATIM_TEST_DATABASE_URL!, 1),
      );
      await migrations.initialize();
      try {
        expect(await settings(migrations)).toEqual([{ statement: '0', idle: '0' }]);
      } finally {
        await migrations.destroy();
      }
    },
  );

  it('maps a cancelled statement to SERVICE_UNAVAILABLE on every database', async () => {
    const tags = t.app.get(TagsService);
    const cancelled = Object.assign(new Error('canceling statement due to statement timeout'), {
      code: '57014',
    });
    const spy = jest.spyOn(tags, 'list').mockRejectedValue(cancelled);
    const res = await t.gql(TAGS, { p: projectId }, owner.token);
    spy.mockRestore();
    expect(res.errors?.[0]?.extensions).toEqual({ code: 'SERVICE_UNAVAILABLE' });
    expect(res.errors?.[0]?.message).not.toMatch(/statement|cancel/i);
  });
});
