import { type MigrationInterface, type QueryRunner } from 'typeorm';

export class ThemeSuggestions1796624712481 implements MigrationInterface {
  name = 'ThemeSuggestions1796624712481';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "theme_suggestion_run" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "board_id" uuid NOT NULL, "project_id" uuid NOT NULL, "requested_by_id" uuid, "status" character varying(16) NOT NULL DEFAULT 'QUEUED', "progress" real NOT NULL DEFAULT '0', "k" integer, "highlight_ids" uuid array NOT NULL, "card_versions" jsonb NOT NULL DEFAULT '{}', "proposals" jsonb, "error" text, "job_generation" integer NOT NULL DEFAULT '0', "requeues" integer NOT NULL DEFAULT '0', "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_bdf9698a22afeca5a5dac643200" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_theme_suggestion_run_status" ON "theme_suggestion_run"  ("status", "updated_at") `,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_theme_suggestion_run_board" ON "theme_suggestion_run"  ("board_id", "created_at") `,
    );
    await queryRunner.query(
      `ALTER TABLE "theme_suggestion_run" ADD CONSTRAINT "FK_1d5317d4ea3cca1c2f66986115c" FOREIGN KEY ("board_id") REFERENCES "board"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "theme_suggestion_run" ADD CONSTRAINT "FK_fd56d09b22efc60f98b227e5c4a" FOREIGN KEY ("project_id") REFERENCES "project"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "theme_suggestion_run" ADD CONSTRAINT "FK_9964da9c096f6ba0f097f3944a8" FOREIGN KEY ("requested_by_id") REFERENCES "user_account"("id") ON DELETE SET NULL ON UPDATE NO ACTION`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "theme_suggestion_run" DROP CONSTRAINT "FK_9964da9c096f6ba0f097f3944a8"`,
    );
    await queryRunner.query(
      `ALTER TABLE "theme_suggestion_run" DROP CONSTRAINT "FK_fd56d09b22efc60f98b227e5c4a"`,
    );
    await queryRunner.query(
      `ALTER TABLE "theme_suggestion_run" DROP CONSTRAINT "FK_1d5317d4ea3cca1c2f66986115c"`,
    );
    await queryRunner.query(`DROP INDEX "public"."IDX_theme_suggestion_run_board"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_theme_suggestion_run_status"`);
    await queryRunner.query(`DROP TABLE "theme_suggestion_run"`);
  }
}
