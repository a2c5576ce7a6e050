import { DataSource } from 'typeorm';
import { dataSourceOptions } from './data-source-options';

describe('migrations', () => {
  let ds: DataSource;
  beforeAll(async () => {
    ds = new DataSource(dataSourceOptions(process.env.VERBATIM_TEST_DATABASE_URL!, 1));
    await ds.initialize();
  });
  afterAll(() => ds.destroy());

  it('leave no drift between the entities and the migrated schema', async () => {
    const pending = await ds.driver.createSchemaBuilder().log();
    expect(pending.upQueries.map((q) => q.query)).toEqual([]);
  });

  it('are all applied', async () => {
    expect(await ds.showMigrations()).toBe(false);
  });

  it('index segments for full-text search', async () => {
    const rows: { indexdef: string }[] = await ds.query(
      `SELECT indexdef FROM pg_indexes WHERE tablename = 'segment' AND indexname = 'IDX_segment_tsv'`,
    );
    expect(rows[0]?.indexdef).toMatch(/USING gin \(tsv\)/);
  });
});
