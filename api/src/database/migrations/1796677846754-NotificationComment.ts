import { type MigrationInterface, type QueryRunner } from 'typeorm';

export class NotificationComment1796677846754 implements MigrationInterface {
  name = 'NotificationComment1796677846754';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "notification" ADD "comment_id" uuid`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "notification" DROP COLUMN "comment_id"`);
  }
}
