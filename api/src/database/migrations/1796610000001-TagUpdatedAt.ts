import { type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * When each tag last changed, so that a project knows when its codebook did (an analysis run
 * started before that used an older codebook). Existing tags count as changed when created.
 */
export class TagUpdatedAt1796610000001 implements MigrationInterface {
  name = 'TagUpdatedAt1796610000001';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "tag" ADD "updated_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now()`,
    );
    await queryRunner.query(`UPDATE "tag" SET "updated_at" = "created_at"`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "tag" DROP COLUMN "updated_at"`);
  }
}
