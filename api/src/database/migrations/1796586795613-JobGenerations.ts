import { type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * Jobs that can run again: each piece of queued work (a transcript's ingest, a run's planning,
 * a run's chunk) has a job generation that is part of its job id, so work queued again gets a
 * new id, and a job of an older generation knows it is stale. `requeues` counts how often the
 * reconciler had to queue the work again because its job was lost.
 */
export class JobGenerations1796586795613 implements MigrationInterface {
  name = 'JobGenerations1796586795613';

  async up(queryRunner: QueryRunner): Promise<void> {
    for (const table of ['transcript', 'analysis_run', 'analysis_chunk']) {
      await queryRunner.query(
        `ALTER TABLE "${table}" ADD "job_generation" integer NOT NULL DEFAULT '0'`,
      );
      await queryRunner.query(`ALTER TABLE "${table}" ADD "requeues" integer NOT NULL DEFAULT '0'`);
    }
    // The reconciler looks for unfinished work.
    await queryRunner.query(
      `CREATE INDEX "IDX_transcript_unfinished" ON "transcript" ("updated_at") WHERE status IN ('UPLOADED', 'PROCESSING')`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_analysis_run_unfinished" ON "analysis_run" ("created_at") WHERE status IN ('QUEUED', 'RUNNING')`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."IDX_analysis_run_unfinished"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_transcript_unfinished"`);
    for (const table of ['analysis_chunk', 'analysis_run', 'transcript']) {
      await queryRunner.query(`ALTER TABLE "${table}" DROP COLUMN "requeues"`);
      await queryRunner.query(`ALTER TABLE "${table}" DROP COLUMN "job_generation"`);
    }
  }
}
