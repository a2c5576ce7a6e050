import { type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * A project's activity newest first (`activity(workspaceId, projectId, since)` and the project
 * digest): the index walks (project_id, created_at DESC, id DESC), the order and the keyset the
 * list pages by, so a page reads its rows from the index instead of sorting the project's log.
 * It replaces the (project_id, created_at) index, which it covers.
 */
export class ActivityProjectIndex1796660000000 implements MigrationInterface {
  name = 'ActivityProjectIndex1796660000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."IDX_6a80a2c241394501496b72ee7f"`);
    await queryRunner.query(
      `CREATE INDEX "IDX_activity_project_created" ON "activity" ("project_id", "created_at" DESC, "id" DESC)`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."IDX_activity_project_created"`);
    await queryRunner.query(
      `CREATE INDEX "IDX_6a80a2c241394501496b72ee7f" ON "activity" ("project_id", "created_at") `,
    );
  }
}
