import { type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * Where a transcript's language comes from (set by hand, declared by the file, detected, or the
 * project's default) and the project's default language. A language recorded before this
 * migration came from the file or an editor; it is kept as the file's, so it still wins over
 * detection and "detect automatically" returns to it.
 */
export class TranscriptLanguage1796588021562 implements MigrationInterface {
  name = 'TranscriptLanguage1796588021562';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "project" ADD "default_language" character varying(16)`);
    await queryRunner.query(
      `CREATE TYPE "public"."transcript_language_source" AS ENUM('MANUAL', 'FILE', 'DETECTED', 'PROJECT')`,
    );
    await queryRunner.query(
      `ALTER TABLE "transcript" ADD "language_source" "public"."transcript_language_source"`,
    );
    await queryRunner.query(
      `ALTER TABLE "transcript" ADD "declared_language" character varying(16)`,
    );
    await queryRunner.query(
      `UPDATE "transcript" SET "language_source" = 'FILE', "declared_language" = "language" WHERE "language" IS NOT NULL`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "transcript" DROP COLUMN "declared_language"`);
    await queryRunner.query(`ALTER TABLE "transcript" DROP COLUMN "language_source"`);
    await queryRunner.query(`DROP TYPE "public"."transcript_language_source"`);
    await queryRunner.query(`ALTER TABLE "project" DROP COLUMN "default_language"`);
  }
}
