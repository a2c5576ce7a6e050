import { type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * Transcript.retryable: a file that cannot be read as a transcript is not offered Retry. Rows
 * failed before keep Retry (true): which failures they were is not recorded.
 */
export class TranscriptRetryable1796666419256 implements MigrationInterface {
  name = 'TranscriptRetryable1796666419256';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "transcript" ADD "retryable" boolean NOT NULL DEFAULT true`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "transcript" DROP COLUMN "retryable"`);
  }
}
