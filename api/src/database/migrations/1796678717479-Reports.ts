import { type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * Reports: a report of a project with ordered sections (fractional positions, unique per report),
 * each showing text, an insight, a theme (both set to null when deleted), chosen highlights or a
 * chart; and share links, of which only the token's SHA-256 is kept.
 */
export class Reports1796678717479 implements MigrationInterface {
  name = 'Reports1796678717479';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "report" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "project_id" uuid NOT NULL, "title" character varying(300) NOT NULL, "pseudonymize" boolean NOT NULL DEFAULT false, "version" integer NOT NULL DEFAULT '1', "created_by_id" uuid, "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_99e4d0bea58cba73c57f935a546" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "IDX_report_project" ON "report"  ("project_id") `);
    await queryRunner.query(
      `CREATE TYPE "public"."report_section_kind" AS ENUM('TEXT', 'INSIGHT', 'THEME', 'QUOTES', 'CHART')`,
    );
    await queryRunner.query(
      `CREATE TABLE "report_section" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "report_id" uuid NOT NULL, "kind" "public"."report_section_kind" NOT NULL, "position" character varying(100) COLLATE "C" NOT NULL, "text" text NOT NULL DEFAULT '', "insight_id" uuid, "theme_id" uuid, "highlight_ids" uuid array NOT NULL DEFAULT '{}', "chart" jsonb, "version" integer NOT NULL DEFAULT '1', "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_9ba121a782362e2b7360c7160d5" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_report_section_insight" ON "report_section"  ("insight_id") `,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_report_section_theme" ON "report_section"  ("theme_id") `,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "UQ_report_section_position" ON "report_section"  ("report_id", "position") `,
    );
    await queryRunner.query(
      `CREATE TABLE "report_share" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "report_id" uuid NOT NULL, "token_hash" character(64) NOT NULL, "expires_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL, "revoked_at" TIMESTAMP(3) WITH TIME ZONE, "created_by_id" uuid, "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_818f8c1397a8942a9cccf32a3d4" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_report_share_report" ON "report_share"  ("report_id") `,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "UQ_report_share_token_hash" ON "report_share"  ("token_hash") `,
    );
    await queryRunner.query(
      `ALTER TABLE "report" ADD CONSTRAINT "FK_cfc0726a4fc592b32b12af66ce5" FOREIGN KEY ("project_id") REFERENCES "project"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "report" ADD CONSTRAINT "FK_d2b99879f78e80001b7e50fcd68" FOREIGN KEY ("created_by_id") REFERENCES "user_account"("id") ON DELETE SET NULL ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "report_section" ADD CONSTRAINT "FK_1d38e03a2135058b311a79c41a4" FOREIGN KEY ("report_id") REFERENCES "report"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "report_section" ADD CONSTRAINT "FK_b3fe083e0c2aeb0397258d3618d" FOREIGN KEY ("insight_id") REFERENCES "insight"("id") ON DELETE SET NULL ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "report_section" ADD CONSTRAINT "FK_848e188c4de871c76a0d628307f" FOREIGN KEY ("theme_id") REFERENCES "board_theme"("id") ON DELETE SET NULL ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "report_share" ADD CONSTRAINT "FK_e052044db9756d0d16081472b21" FOREIGN KEY ("report_id") REFERENCES "report"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "report_share" ADD CONSTRAINT "FK_55fe93268afccf600c0b3c157cf" FOREIGN KEY ("created_by_id") REFERENCES "user_account"("id") ON DELETE SET NULL ON UPDATE NO ACTION`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "report_share" DROP CONSTRAINT "FK_55fe93268afccf600c0b3c157cf"`,
    );
    await queryRunner.query(
      `ALTER TABLE "report_share" DROP CONSTRAINT "FK_e052044db9756d0d16081472b21"`,
    );
    await queryRunner.query(
      `ALTER TABLE "report_section" DROP CONSTRAINT "FK_848e188c4de871c76a0d628307f"`,
    );
    await queryRunner.query(
      `ALTER TABLE "report_section" DROP CONSTRAINT "FK_b3fe083e0c2aeb0397258d3618d"`,
    );
    await queryRunner.query(
      `ALTER TABLE "report_section" DROP CONSTRAINT "FK_1d38e03a2135058b311a79c41a4"`,
    );
    await queryRunner.query(
      `ALTER TABLE "report" DROP CONSTRAINT "FK_d2b99879f78e80001b7e50fcd68"`,
    );
    await queryRunner.query(
      `ALTER TABLE "report" DROP CONSTRAINT "FK_cfc0726a4fc592b32b12af66ce5"`,
    );
    await queryRunner.query(`DROP INDEX "public"."UQ_report_share_token_hash"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_report_share_report"`);
    await queryRunner.query(`DROP TABLE "report_share"`);
    await queryRunner.query(`DROP INDEX "public"."UQ_report_section_position"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_report_section_theme"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_report_section_insight"`);
    await queryRunner.query(`DROP TABLE "report_section"`);
    await queryRunner.query(`DROP TYPE "public"."report_section_kind"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_report_project"`);
    await queryRunner.query(`DROP TABLE "report"`);
  }
}
