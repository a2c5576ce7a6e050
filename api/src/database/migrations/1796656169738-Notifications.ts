import { type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * Notifications: one row per user told about something. Read newest first per user (the first
 * index, in the order the list walks), unread ones counted and listed through a partial index,
 * and a producer's key unique per user so a retried job notifies once.
 */
export class Notifications1796656169738 implements MigrationInterface {
  name = 'Notifications1796656169738';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TYPE "public"."notification_kind" AS ENUM('MENTION', 'REPLY', 'ASSIGNMENT', 'RUN_FINISHED', 'EXPORT_READY')`,
    );
    await queryRunner.query(
      `CREATE TYPE "public"."notification_target_type" AS ENUM('HIGHLIGHT', 'SEGMENT', 'TRANSCRIPT', 'THEME', 'INSIGHT', 'ANALYSIS_RUN', 'BOARD')`,
    );
    await queryRunner.query(
      `CREATE TABLE "notification" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "user_id" uuid NOT NULL, "kind" "public"."notification_kind" NOT NULL, "actor_id" uuid, "project_id" uuid NOT NULL, "target_type" "public"."notification_target_type" NOT NULL, "target_id" uuid NOT NULL, "transcript_id" uuid, "board_id" uuid, "summary" character varying(500) NOT NULL, "dedupe_key" character varying(200), "read_at" TIMESTAMP(3) WITH TIME ZONE, "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_705b6c7cdf9b2c2ff7ac7872cb7" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `ALTER TABLE "notification" ADD CONSTRAINT "FK_928b7aa1754e08e1ed7052cb9d8" FOREIGN KEY ("user_id") REFERENCES "user_account"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "notification" ADD CONSTRAINT "FK_16addcdc44128a517daeddd4491" FOREIGN KEY ("actor_id") REFERENCES "user_account"("id") ON DELETE SET NULL ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "notification" ADD CONSTRAINT "FK_2a02b0528a030fdc557264ae680" FOREIGN KEY ("project_id") REFERENCES "project"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_notification_user_created" ON "notification" ("user_id", "created_at" DESC, "id" DESC)`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_notification_user_unread" ON "notification" ("user_id", "created_at" DESC, "id" DESC) WHERE "read_at" IS NULL`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "UQ_notification_user_dedupe" ON "notification" ("user_id", "dedupe_key") WHERE "dedupe_key" IS NOT NULL`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_notification_project" ON "notification" ("project_id") `,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."IDX_notification_project"`);
    await queryRunner.query(`DROP INDEX "public"."UQ_notification_user_dedupe"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_notification_user_unread"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_notification_user_created"`);
    await queryRunner.query(
      `ALTER TABLE "notification" DROP CONSTRAINT "FK_2a02b0528a030fdc557264ae680"`,
    );
    await queryRunner.query(
      `ALTER TABLE "notification" DROP CONSTRAINT "FK_16addcdc44128a517daeddd4491"`,
    );
    await queryRunner.query(
      `ALTER TABLE "notification" DROP CONSTRAINT "FK_928b7aa1754e08e1ed7052cb9d8"`,
    );
    await queryRunner.query(`DROP TABLE "notification"`);
    await queryRunner.query(`DROP TYPE "public"."notification_target_type"`);
    await queryRunner.query(`DROP TYPE "public"."notification_kind"`);
  }
}
