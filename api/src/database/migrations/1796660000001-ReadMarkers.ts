import { type MigrationInterface, type QueryRunner } from 'typeorm';

/** When each user last caught up with each project (markProjectSeen, Project.lastSeenAt). */
export class ReadMarkers1796660000001 implements MigrationInterface {
  name = 'ReadMarkers1796660000001';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "read_marker" ("user_id" uuid NOT NULL, "project_id" uuid NOT NULL, "seen_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL, CONSTRAINT "PK_34f3dd7d811aee66c6356926931" PRIMARY KEY ("user_id", "project_id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_read_marker_project" ON "read_marker"  ("project_id") `,
    );
    await queryRunner.query(
      `ALTER TABLE "read_marker" ADD CONSTRAINT "FK_eccf0ae2c7444565fb9ee75887d" FOREIGN KEY ("user_id") REFERENCES "user_account"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "read_marker" ADD CONSTRAINT "FK_e7352e62c98bf3d6ae7c63d12fd" FOREIGN KEY ("project_id") REFERENCES "project"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "read_marker" DROP CONSTRAINT "FK_e7352e62c98bf3d6ae7c63d12fd"`,
    );
    await queryRunner.query(
      `ALTER TABLE "read_marker" DROP CONSTRAINT "FK_eccf0ae2c7444565fb9ee75887d"`,
    );
    await queryRunner.query(`DROP INDEX "public"."IDX_read_marker_project"`);
    await queryRunner.query(`DROP TABLE "read_marker"`);
  }
}
