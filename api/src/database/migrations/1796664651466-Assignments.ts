import { type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * Assignments: a transcript to code or a theme to review, given to one member, with an optional
 * due date and note. The target is a foreign key (one of two columns, as target_type says), so
 * deleting it deletes its assignments; a target is given to a person once (a partial unique
 * index per kind of target). A person's work is read by due date; the due-soon sweep reads the
 * open assignments whose reminder is still to send through a partial index. Notifications get
 * the kind DUE_SOON.
 */
export class Assignments1796664651466 implements MigrationInterface {
  name = 'Assignments1796664651466';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TYPE "public"."notification_kind" ADD VALUE 'DUE_SOON'`);
    await queryRunner.query(
      `CREATE TYPE "public"."assignment_target_type" AS ENUM('TRANSCRIPT', 'THEME')`,
    );
    await queryRunner.query(
      `CREATE TABLE "assignment" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "project_id" uuid NOT NULL, "target_type" "public"."assignment_target_type" NOT NULL, "transcript_id" uuid, "theme_id" uuid, "assignee_id" uuid NOT NULL, "assigned_by_id" uuid, "due_at" TIMESTAMP(3) WITH TIME ZONE, "note" character varying(500) NOT NULL DEFAULT '', "done_at" TIMESTAMP(3) WITH TIME ZONE, "due_notified_at" TIMESTAMP(3) WITH TIME ZONE, "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "CHK_assignment_target" CHECK (("target_type" = 'TRANSCRIPT' AND "transcript_id" IS NOT NULL AND "theme_id" IS NULL) OR ("target_type" = 'THEME' AND "theme_id" IS NOT NULL AND "transcript_id" IS NULL)), CONSTRAINT "PK_43c2f5a3859f54cedafb270f37e" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "UQ_assignment_transcript_assignee" ON "assignment" ("transcript_id", "assignee_id") WHERE "transcript_id" IS NOT NULL`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "UQ_assignment_theme_assignee" ON "assignment" ("theme_id", "assignee_id") WHERE "theme_id" IS NOT NULL`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_assignment_due_soon" ON "assignment" ("due_at") WHERE "done_at" IS NULL AND "due_notified_at" IS NULL AND "due_at" IS NOT NULL`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_assignment_assignee_due" ON "assignment" ("assignee_id", "due_at") `,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_assignment_project" ON "assignment" ("project_id") `,
    );
    await queryRunner.query(
      `ALTER TABLE "assignment" ADD CONSTRAINT "FK_38b63bf01a17d03e04b78d05773" FOREIGN KEY ("project_id") REFERENCES "project"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "assignment" ADD CONSTRAINT "FK_8b0b14071b6ea3e29d22946c693" FOREIGN KEY ("transcript_id") REFERENCES "transcript"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "assignment" ADD CONSTRAINT "FK_f8704f9c9abc4e273693de1e280" FOREIGN KEY ("theme_id") REFERENCES "board_theme"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "assignment" ADD CONSTRAINT "FK_e242074a32619b523e6ac8baebd" FOREIGN KEY ("assignee_id") REFERENCES "user_account"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "assignment" ADD CONSTRAINT "FK_66c4d32592c2280d9d2906fd4e2" FOREIGN KEY ("assigned_by_id") REFERENCES "user_account"("id") ON DELETE SET NULL ON UPDATE NO ACTION`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "assignment"`);
    await queryRunner.query(`DROP TYPE "public"."assignment_target_type"`);
    // PostgreSQL cannot drop an enum value: the type is rebuilt without it, and its notifications go.
    await queryRunner.query(`DELETE FROM "notification" WHERE "kind" = 'DUE_SOON'`);
    await queryRunner.query(
      `CREATE TYPE "public"."notification_kind_old" AS ENUM('MENTION', 'REPLY', 'ASSIGNMENT', 'RUN_FINISHED', 'EXPORT_READY')`,
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
