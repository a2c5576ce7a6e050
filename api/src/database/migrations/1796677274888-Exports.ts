import { type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * The `export` table (exports of every kind, their job state and stored file) and the EXPORT
 * target of notifications (EXPORT_READY). Going down deletes those notifications first.
 */
export class Exports1796677274888 implements MigrationInterface {
  name = 'Exports1796677274888';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TYPE "public"."export_kind" AS ENUM('REPORT', 'HIGHLIGHTS', 'CODEBOOK', 'PROJECT')`,
    );
    await queryRunner.query(
      `CREATE TYPE "public"."export_format" AS ENUM('PDF', 'DOCX', 'HTML', 'MARKDOWN', 'CSV', 'XLSX', 'QDC', 'QDPX')`,
    );
    await queryRunner.query(
      `CREATE TYPE "public"."export_status" AS ENUM('QUEUED', 'RUNNING', 'READY', 'FAILED')`,
    );
    await queryRunner.query(
      `CREATE TABLE "export" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "project_id" uuid NOT NULL, "workspace_id" uuid NOT NULL, "kind" "public"."export_kind" NOT NULL, "format" "public"."export_format" NOT NULL, "subject_id" uuid, "params" jsonb NOT NULL DEFAULT '{}', "status" "public"."export_status" NOT NULL DEFAULT 'QUEUED', "progress" smallint NOT NULL DEFAULT '0', "filename" character varying(255) NOT NULL, "file_key" character varying(200), "byte_size" integer, "error" text, "retryable" boolean NOT NULL DEFAULT true, "requested_by_id" uuid NOT NULL, "job_generation" integer NOT NULL DEFAULT '0', "requeues" integer NOT NULL DEFAULT '0', "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "finished_at" TIMESTAMP(3) WITH TIME ZONE, "expired_at" TIMESTAMP(3) WITH TIME ZONE, CONSTRAINT "PK_93dd4c52436ed0da6263e24b3c7" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_19e5454bfed3db614effc52b37" ON "export"  ("created_at") `,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_6ca3c5b7c5a0d5ebfb30eca38a" ON "export"  ("requested_by_id", "project_id", "created_at") `,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_export_unfinished" ON "export" ("updated_at") WHERE status IN ('QUEUED', 'RUNNING')`,
    );
    await queryRunner.query(`ALTER TYPE "public"."notification_target_type" ADD VALUE 'EXPORT'`);
    await queryRunner.query(
      `ALTER TABLE "export" ADD CONSTRAINT "FK_3e80ff4af60b791e8971038b109" FOREIGN KEY ("project_id") REFERENCES "project"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "export" ADD CONSTRAINT "FK_d64d8e6369aa38d2b313a521eb8" FOREIGN KEY ("requested_by_id") REFERENCES "user_account"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "export" DROP CONSTRAINT "FK_d64d8e6369aa38d2b313a521eb8"`,
    );
    await queryRunner.query(
      `ALTER TABLE "export" DROP CONSTRAINT "FK_3e80ff4af60b791e8971038b109"`,
    );
    await queryRunner.query(`DELETE FROM "notification" WHERE "target_type" = 'EXPORT'`);
    await queryRunner.query(
      `CREATE TYPE "public"."notification_target_type_old" AS ENUM('HIGHLIGHT', 'SEGMENT', 'TRANSCRIPT', 'THEME', 'INSIGHT', 'ANALYSIS_RUN', 'BOARD')`,
    );
    await queryRunner.query(
      `ALTER TABLE "notification" ALTER COLUMN "target_type" TYPE "public"."notification_target_type_old" USING "target_type"::"text"::"public"."notification_target_type_old"`,
    );
    await queryRunner.query(`DROP TYPE "public"."notification_target_type"`);
    await queryRunner.query(
      `ALTER TYPE "public"."notification_target_type_old" RENAME TO "notification_target_type"`,
    );
    await queryRunner.query(`DROP INDEX "public"."IDX_export_unfinished"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_6ca3c5b7c5a0d5ebfb30eca38a"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_19e5454bfed3db614effc52b37"`);
    await queryRunner.query(`DROP TABLE "export"`);
    await queryRunner.query(`DROP TYPE "public"."export_status"`);
    await queryRunner.query(`DROP TYPE "public"."export_format"`);
    await queryRunner.query(`DROP TYPE "public"."export_kind"`);
  }
}
