import 'reflect-metadata';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { DataSource } from 'typeorm';
import { startEmbeddedPostgres } from '../embedded/embedded-postgres';
import { dataSourceOptions } from '../data-source-options';

/**
 * Writes a migration with the SQL that brings a database migrated to HEAD in line with the
 * entities (run by `npm run migration:generate -- Name`). Review it before committing.
 */
async function main(): Promise<void> {
  const name = process.argv[2];
  if (!name || !/^[A-Z][A-Za-z0-9]+$/.test(name))
    throw new Error('usage: migration:generate <PascalCaseName>');
  const pg = await startEmbeddedPostgres('memory://');
  const ds = new DataSource(dataSourceOptions(pg.url, 1));
  try {
    await ds.initialize();
    await ds.runMigrations();
    const sql = await ds.driver.createSchemaBuilder().log();
    if (!sql.upQueries.length) {
      console.log('entities and migrations agree: nothing to generate');
      return;
    }
    const stamp = Date.now();
    const file = path.resolve(process.cwd(), `api/src/database/migrations/${stamp}-${name}.ts`);
    const q = (s: string) => '`' + s.replace(/`/g, '\\`') + '`';
    const body = (list: { query: string; parameters?: unknown[] }[]) =>
      list
        .map((x) =>
          x.parameters?.length
            ? `    await queryRunner.query(${q(x.query)}, ${JSON.stringify(x.parameters)});`
            : `    await queryRunner.query(${q(x.query)});`,
        )
        .join('\n');
    writeFileSync(
      file,
      `import { type MigrationInterface, type QueryRunner } from 'typeorm';

export class ${name}${stamp} implements MigrationInterface {
  name = '${name}${stamp}';

  async up(queryRunner: QueryRunner): Promise<void> {
${body(sql.upQueries)}
  }

  async down(queryRunner: QueryRunner): Promise<void> {
${body([...sql.downQueries].reverse())}
  }
}
`,
    );
    console.log(`wrote ${path.relative(process.cwd(), file)}; add it to migrations/index.ts`);
  } finally {
    await ds.destroy().catch(() => undefined);
    await pg.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
