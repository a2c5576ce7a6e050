import { type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * Each tag of a suggestion has its own confidence (`tag_confidences`, in the order of `tag_ids`,
 * most confident first). A suggestion made before had one confidence for all its tags: each of
 * its tags gets that one, which is what thresholds and bulk accept applied to them until now.
 */
export class SuggestionTagConfidences1796609377483 implements MigrationInterface {
  name = 'SuggestionTagConfidences1796609377483';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "suggestion" ADD "tag_confidences" real array NOT NULL DEFAULT '{}'`,
    );
    await queryRunner.query(
      `UPDATE "suggestion" SET "tag_confidences" = array_fill("confidence", ARRAY[cardinality("tag_ids")])
        WHERE cardinality("tag_ids") > 0`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "suggestion" DROP COLUMN "tag_confidences"`);
  }
}
