import { type MigrationInterface, type QueryRunner } from 'typeorm';

/** The day an interview took place, as the team records it (imports rarely say). */
export class InterviewDate1796610000000 implements MigrationInterface {
  name = 'InterviewDate1796610000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "transcript" ADD "interview_date" date`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "transcript" DROP COLUMN "interview_date"`);
  }
}
