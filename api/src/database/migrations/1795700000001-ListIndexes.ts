import { type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * Indexes found missing by the list queries' plan review (scripts/explain-queries.mjs):
 *
 * - suggestion (project_id, status): the review list of a whole project (`suggestions(filter:
 *   {projectId, status})`) and its count scanned every suggestion of every project.
 * - suggestion (run_id, status): the per-run counts shown with each run (`analysisRuns`,
 *   `analysisRun`) read every suggestion of the run from the table; now an index-only scan.
 */
export class ListIndexes1795700000001 implements MigrationInterface {
  name = 'ListIndexes1795700000001';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE INDEX "IDX_suggestion_project_status" ON "suggestion" ("project_id", "status")`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_suggestion_run_status" ON "suggestion" ("run_id", "status")`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."IDX_suggestion_run_status"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_suggestion_project_status"`);
  }
}
