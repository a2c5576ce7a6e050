import { type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * Insights: findings of a project with the highlights they rest on (insight_evidence, one row
 * per highlight and insight) and codebook tags (insight_tag). The title and body are kept as a
 * weighted tsvector (title A, body D) in the insight's own text-search configuration, through
 * verbatim_tsvector (migration SearchLanguage), GIN-indexed; the index is created here by hand
 * as the segment one is (TypeORM does not model GIN indexes).
 */
export class Insights1796642438188 implements MigrationInterface {
  name = 'Insights1796642438188';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TYPE "public"."insight_status" AS ENUM('DRAFT', 'PUBLISHED')`);
    await queryRunner.query(
      `INSERT INTO "typeorm_metadata"("database", "schema", "table", "type", "name", "value") VALUES (current_database(), $1, $2, $3, $4, $5)`,
      [
        'public',
        'insight',
        'GENERATED_COLUMN',
        'tsv',
        'setweight(verbatim_tsvector("ts_config", "title"), \'A\') || setweight(verbatim_tsvector("ts_config", "body"), \'D\')',
      ],
    );
    await queryRunner.query(
      `CREATE TABLE "insight" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "project_id" uuid NOT NULL, "theme_id" uuid, "title" character varying(300) NOT NULL, "body" text NOT NULL DEFAULT '', "status" "public"."insight_status" NOT NULL DEFAULT 'DRAFT', "version" integer NOT NULL DEFAULT '1', "created_by_id" uuid, "ts_config" character varying(63) NOT NULL DEFAULT 'simple', "tsv" tsvector GENERATED ALWAYS AS (setweight(verbatim_tsvector("ts_config", "title"), 'A') || setweight(verbatim_tsvector("ts_config", "body"), 'D')) STORED, "published_at" TIMESTAMP(3) WITH TIME ZONE, "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_5463e33a58a28dc54d8fb7fea65" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "IDX_insight_tsv" ON "insight" USING GIN ("tsv")`);
    await queryRunner.query(`CREATE INDEX "IDX_insight_theme" ON "insight"  ("theme_id") `);
    await queryRunner.query(
      `CREATE INDEX "IDX_insight_project_created" ON "insight"  ("project_id", "created_at") `,
    );
    await queryRunner.query(
      `CREATE TABLE "insight_evidence" ("insight_id" uuid NOT NULL, "highlight_id" uuid NOT NULL, "position" integer NOT NULL, "added_by_id" uuid, "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_28a8d997674aeb48f1c7c77639e" PRIMARY KEY ("insight_id", "highlight_id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_insight_evidence_highlight" ON "insight_evidence"  ("highlight_id") `,
    );
    await queryRunner.query(
      `CREATE TABLE "insight_tag" ("insight_id" uuid NOT NULL, "tag_id" uuid NOT NULL, CONSTRAINT "PK_94c61e497930caf2a49f20b71e3" PRIMARY KEY ("insight_id", "tag_id"))`,
    );
    await queryRunner.query(`CREATE INDEX "IDX_insight_tag_tag" ON "insight_tag"  ("tag_id") `);
    await queryRunner.query(
      `ALTER TABLE "insight" ADD CONSTRAINT "FK_06490d53e87bc275adc686ffddf" FOREIGN KEY ("project_id") REFERENCES "project"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "insight" ADD CONSTRAINT "FK_0fbb89986147b9e116ea4174c44" FOREIGN KEY ("theme_id") REFERENCES "board_theme"("id") ON DELETE SET NULL ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "insight" ADD CONSTRAINT "FK_d780c4b6d18ab1494d531e08b4f" FOREIGN KEY ("created_by_id") REFERENCES "user_account"("id") ON DELETE SET NULL ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "insight_evidence" ADD CONSTRAINT "FK_4585e08fe972568ec4f54672f69" FOREIGN KEY ("insight_id") REFERENCES "insight"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "insight_evidence" ADD CONSTRAINT "FK_6d992c378de05747d263a4d0f05" FOREIGN KEY ("highlight_id") REFERENCES "highlight"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "insight_evidence" ADD CONSTRAINT "FK_f63b8d161750f8897253a9e10c2" FOREIGN KEY ("added_by_id") REFERENCES "user_account"("id") ON DELETE SET NULL ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "insight_tag" ADD CONSTRAINT "FK_0febdd6272443489b72e11575ff" FOREIGN KEY ("insight_id") REFERENCES "insight"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "insight_tag" ADD CONSTRAINT "FK_762785267fd16c686d5b94c162f" FOREIGN KEY ("tag_id") REFERENCES "tag"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "insight_tag" DROP CONSTRAINT "FK_762785267fd16c686d5b94c162f"`,
    );
    await queryRunner.query(
      `ALTER TABLE "insight_tag" DROP CONSTRAINT "FK_0febdd6272443489b72e11575ff"`,
    );
    await queryRunner.query(
      `ALTER TABLE "insight_evidence" DROP CONSTRAINT "FK_f63b8d161750f8897253a9e10c2"`,
    );
    await queryRunner.query(
      `ALTER TABLE "insight_evidence" DROP CONSTRAINT "FK_6d992c378de05747d263a4d0f05"`,
    );
    await queryRunner.query(
      `ALTER TABLE "insight_evidence" DROP CONSTRAINT "FK_4585e08fe972568ec4f54672f69"`,
    );
    await queryRunner.query(
      `ALTER TABLE "insight" DROP CONSTRAINT "FK_d780c4b6d18ab1494d531e08b4f"`,
    );
    await queryRunner.query(
      `ALTER TABLE "insight" DROP CONSTRAINT "FK_0fbb89986147b9e116ea4174c44"`,
    );
    await queryRunner.query(
      `ALTER TABLE "insight" DROP CONSTRAINT "FK_06490d53e87bc275adc686ffddf"`,
    );
    await queryRunner.query(`DROP INDEX "public"."IDX_insight_tag_tag"`);
    await queryRunner.query(`DROP TABLE "insight_tag"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_insight_evidence_highlight"`);
    await queryRunner.query(`DROP TABLE "insight_evidence"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_insight_project_created"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_insight_theme"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_insight_tsv"`);
    await queryRunner.query(`DROP TABLE "insight"`);
    await queryRunner.query(
      `DELETE FROM "typeorm_metadata" WHERE "type" = $1 AND "name" = $2 AND "database" = current_database() AND "schema" = $3 AND "table" = $4`,
      ['GENERATED_COLUMN', 'tsv', 'public', 'insight'],
    );
    await queryRunner.query(`DROP TYPE "public"."insight_status"`);
  }
}
