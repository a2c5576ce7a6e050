import { type MigrationInterface, type QueryRunner } from 'typeorm';

export class ThemeSuggestionNotes1796652408646 implements MigrationInterface {
  name = 'ThemeSuggestionNotes1796652408646';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "theme_suggestion_run" ADD "notes" jsonb NOT NULL DEFAULT '[]'`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "theme_suggestion_run" DROP COLUMN "notes"`);
  }
}
