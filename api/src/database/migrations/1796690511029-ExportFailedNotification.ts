import { type MigrationInterface, type QueryRunner } from 'typeorm';

/** Notifications of exports that failed for good (EXPORT_FAILED). */
export class ExportFailedNotification1796690511029 implements MigrationInterface {
  name = 'ExportFailedNotification1796690511029';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TYPE "public"."notification_kind" ADD VALUE 'EXPORT_FAILED'`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    // PostgreSQL cannot drop an enum value: the type is rebuilt without it, and its notifications go.
    await queryRunner.query(`DELETE FROM "notification" WHERE "kind" = 'EXPORT_FAILED'`);
    await queryRunner.query(
      `CREATE TYPE "public"."notification_kind_old" AS ENUM('MENTION', 'REPLY', 'ASSIGNMENT', 'RUN_FINISHED', 'EXPORT_READY', 'DUE_SOON')`,
    );
    await queryRunner.query(
      `ALTER TABLE "notification" ALTER COLUMN "kind" TYPE "public"."notification_kind_old" USING "kind"::"text"::"public"."notification_kind_old"`,
    );
    await queryRunner.query(`DROP TYPE "public"."notification_kind"`);
    await queryRunner.query(
      `ALTER TYPE "public"."notification_kind_old" RENAME TO "notification_kind"`,
    );
  }
}
