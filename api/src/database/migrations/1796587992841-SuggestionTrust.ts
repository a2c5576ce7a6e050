import { type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * What AI suggestions can be trusted with: how each quote was found (match kind and similarity;
 * unknown for suggestions made before), whether text instructing a model was found with it
 * (flagged, with the reason), and a run's invalid proposals counted by reason.
 */
export class SuggestionTrust1796587992841 implements MigrationInterface {
  name = 'SuggestionTrust1796587992841';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "analysis_run" ADD "invalid_reasons" jsonb NOT NULL DEFAULT '{}'`,
    );
    await queryRunner.query(
      `CREATE TYPE "public"."suggestion_match_kind" AS ENUM('EXACT', 'NORMALISED', 'FUZZY')`,
    );
    await queryRunner.query(
      `ALTER TABLE "suggestion" ADD "match_kind" "public"."suggestion_match_kind"`,
    );
    await queryRunner.query(`ALTER TABLE "suggestion" ADD "match_similarity" real`);
    await queryRunner.query(
      `ALTER TABLE "suggestion" ADD "flagged" boolean NOT NULL DEFAULT false`,
    );
    await queryRunner.query(`ALTER TABLE "suggestion" ADD "flag_reason" text`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "suggestion" DROP COLUMN "flag_reason"`);
    await queryRunner.query(`ALTER TABLE "suggestion" DROP COLUMN "flagged"`);
    await queryRunner.query(`ALTER TABLE "suggestion" DROP COLUMN "match_similarity"`);
    await queryRunner.query(`ALTER TABLE "suggestion" DROP COLUMN "match_kind"`);
    await queryRunner.query(`DROP TYPE "public"."suggestion_match_kind"`);
    await queryRunner.query(`ALTER TABLE "analysis_run" DROP COLUMN "invalid_reasons"`);
  }
}
