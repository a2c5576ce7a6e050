import { type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * Theme boards: a board per project, themes on it and cards in themes or unsorted. Cards are
 * highlights (at most once per board) or sticky notes. Positions are fractional indexes compared
 * byte-wise (collation "C"); every row has a version for optimistic concurrency.
 */
export class Boards1796622235281 implements MigrationInterface {
  name = 'Boards1796622235281';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "board" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "project_id" uuid NOT NULL, "name" character varying(200) NOT NULL, "version" integer NOT NULL DEFAULT '1', "created_by_id" uuid, "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_865a0f2e22c140d261b1df80eb1" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "IDX_board_project" ON "board"  ("project_id") `);
    await queryRunner.query(
      `CREATE TABLE "board_theme" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "board_id" uuid NOT NULL, "title" character varying(200) NOT NULL, "description" text NOT NULL DEFAULT '', "color" character varying(7) NOT NULL, "position" character varying(100) COLLATE "C" NOT NULL, "version" integer NOT NULL DEFAULT '1', "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_de11c859d3b3411e739c2839c0d" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "UQ_board_theme_position" ON "board_theme"  ("board_id", "position") `,
    );
    await queryRunner.query(
      `CREATE TABLE "board_card" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "board_id" uuid NOT NULL, "theme_id" uuid, "highlight_id" uuid, "text" text, "position" character varying(100) COLLATE "C" NOT NULL, "version" integer NOT NULL DEFAULT '1', "created_by_id" uuid, "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "CHK_board_card_content" CHECK ("highlight_id" IS NOT NULL OR "text" IS NOT NULL), CONSTRAINT "PK_b5976b2ca75b6a8e3424743a4ee" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_board_card_highlight" ON "board_card"  ("highlight_id") `,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_board_card_column" ON "board_card"  ("board_id", "theme_id", "position") `,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "UQ_board_card_highlight" ON "board_card"  ("board_id", "highlight_id") `,
    );
    await queryRunner.query(
      `ALTER TABLE "board" ADD CONSTRAINT "FK_82669bdc9b6ff6943d29de98499" FOREIGN KEY ("project_id") REFERENCES "project"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "board" ADD CONSTRAINT "FK_99e8178a6fb320e698c94ce102b" FOREIGN KEY ("created_by_id") REFERENCES "user_account"("id") ON DELETE SET NULL ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "board_theme" ADD CONSTRAINT "FK_e03164f7a4dbbe5f21e10623601" FOREIGN KEY ("board_id") REFERENCES "board"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "board_card" ADD CONSTRAINT "FK_fdcc3f72717e56ea2e284280925" FOREIGN KEY ("board_id") REFERENCES "board"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "board_card" ADD CONSTRAINT "FK_be5a6cc1b4114e2a76ce5184058" FOREIGN KEY ("theme_id") REFERENCES "board_theme"("id") ON DELETE SET NULL ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "board_card" ADD CONSTRAINT "FK_a0944f8c39596012f5616e39014" FOREIGN KEY ("highlight_id") REFERENCES "highlight"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "board_card" ADD CONSTRAINT "FK_e9b94d6ae6bd8d9baf060b56f81" FOREIGN KEY ("created_by_id") REFERENCES "user_account"("id") ON DELETE SET NULL ON UPDATE NO ACTION`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "board_card" DROP CONSTRAINT "FK_e9b94d6ae6bd8d9baf060b56f81"`,
    );
    await queryRunner.query(
      `ALTER TABLE "board_card" DROP CONSTRAINT "FK_a0944f8c39596012f5616e39014"`,
    );
    await queryRunner.query(
      `ALTER TABLE "board_card" DROP CONSTRAINT "FK_be5a6cc1b4114e2a76ce5184058"`,
    );
    await queryRunner.query(
      `ALTER TABLE "board_card" DROP CONSTRAINT "FK_fdcc3f72717e56ea2e284280925"`,
    );
    await queryRunner.query(
      `ALTER TABLE "board_theme" DROP CONSTRAINT "FK_e03164f7a4dbbe5f21e10623601"`,
    );
    await queryRunner.query(`ALTER TABLE "board" DROP CONSTRAINT "FK_99e8178a6fb320e698c94ce102b"`);
    await queryRunner.query(`ALTER TABLE "board" DROP CONSTRAINT "FK_82669bdc9b6ff6943d29de98499"`);
    await queryRunner.query(`DROP INDEX "public"."UQ_board_card_highlight"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_board_card_column"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_board_card_highlight"`);
    await queryRunner.query(`DROP TABLE "board_card"`);
    await queryRunner.query(`DROP INDEX "public"."UQ_board_theme_position"`);
    await queryRunner.query(`DROP TABLE "board_theme"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_board_project"`);
    await queryRunner.query(`DROP TABLE "board"`);
  }
}
