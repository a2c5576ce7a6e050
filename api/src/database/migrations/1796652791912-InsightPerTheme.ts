import { type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * At most one insight per theme: promoting a theme again returns the insight it already has,
 * and two promotions at once end with one. A theme promoted more than once before this keeps
 * its oldest insight; the later ones stay as insights but no longer name the theme.
 */
export class InsightPerTheme1796652791912 implements MigrationInterface {
  name = 'InsightPerTheme1796652791912';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `UPDATE "insight" i SET "theme_id" = NULL
        WHERE i."theme_id" IS NOT NULL
          AND EXISTS (SELECT 1 FROM "insight" o
                       WHERE o."theme_id" = i."theme_id"
                         AND (o."created_at", o."id") < (i."created_at", i."id"))`,
    );
    await queryRunner.query(`DROP INDEX "public"."IDX_insight_theme"`);
    await queryRunner.query(
      `CREATE UNIQUE INDEX "UQ_insight_theme" ON "insight"  ("theme_id") WHERE "theme_id" IS NOT NULL`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."UQ_insight_theme"`);
    await queryRunner.query(
      `CREATE INDEX "IDX_insight_theme" ON "insight" USING btree ("theme_id") `,
    );
  }
}
