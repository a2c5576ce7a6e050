import { type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * Insight search at 50,000 insights: newest first across a workspace walks (created_at, id)
 * backwards and stops after a page, instead of sorting every visible insight; the configurations
 * a query must be parsed in come from (project_id, ts_config) by a loose index scan instead of a
 * scan of every insight.
 */
export class InsightSearchIndexes1796647791619 implements MigrationInterface {
  name = 'InsightSearchIndexes1796647791619';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE INDEX "IDX_insight_project_config" ON "insight"  ("project_id", "ts_config") `,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_insight_created" ON "insight"  ("created_at", "id") `,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."IDX_insight_created"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_insight_project_config"`);
  }
}
