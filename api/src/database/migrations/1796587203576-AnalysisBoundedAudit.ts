import { type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * Bounded analysis audit and postponed chunks: the audit keeps request and response bodies as
 * the text that was sent and received (an answer cut at LLM_MAX_RESPONSE_BYTES is not JSON),
 * with their sizes, whether the response was read whole, and the HTTP status; a chunk counts
 * how often a provider's Retry-After postponed it.
 */
export class AnalysisBoundedAudit1796587203576 implements MigrationInterface {
  name = 'AnalysisBoundedAudit1796587203576';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "analysis_exchange" ALTER COLUMN "request" TYPE text USING "request"::text`,
    );
    await queryRunner.query(
      `ALTER TABLE "analysis_exchange" ALTER COLUMN "response" TYPE text USING "response"::text`,
    );
    await queryRunner.query(
      `ALTER TABLE "analysis_exchange" ADD "request_bytes" integer NOT NULL DEFAULT '0'`,
    );
    await queryRunner.query(
      `ALTER TABLE "analysis_exchange" ADD "response_bytes" integer NOT NULL DEFAULT '0'`,
    );
    await queryRunner.query(
      `ALTER TABLE "analysis_exchange" ADD "response_complete" boolean NOT NULL DEFAULT true`,
    );
    await queryRunner.query(`ALTER TABLE "analysis_exchange" ADD "status" integer`);
    await queryRunner.query(
      `UPDATE "analysis_exchange" SET "request_bytes" = octet_length("request"), "response_bytes" = coalesce(octet_length("response"), 0)`,
    );
    await queryRunner.query(
      `ALTER TABLE "analysis_chunk" ADD "postponements" integer NOT NULL DEFAULT '0'`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "analysis_chunk" DROP COLUMN "postponements"`);
    // Bodies jsonb cannot hold (cut answers, \u0000 or lone-surrogate escapes) become JSON strings.
    const asJsonb = (column: string, complete: string) =>
      `CASE WHEN ${complete} AND ${column} !~* '\\\\u(0000|d[89a-f])' THEN ${column}::jsonb ELSE to_jsonb(${column}) END`;
    await queryRunner.query(
      `ALTER TABLE "analysis_exchange" ALTER COLUMN "response" TYPE jsonb USING ${asJsonb('"response"', '"response_complete"')}`,
    );
    await queryRunner.query(
      `ALTER TABLE "analysis_exchange" ALTER COLUMN "request" TYPE jsonb USING ${asJsonb('"request"', 'true')}`,
    );
    await queryRunner.query(`ALTER TABLE "analysis_exchange" DROP COLUMN "status"`);
    await queryRunner.query(`ALTER TABLE "analysis_exchange" DROP COLUMN "response_complete"`);
    await queryRunner.query(`ALTER TABLE "analysis_exchange" DROP COLUMN "response_bytes"`);
    await queryRunner.query(`ALTER TABLE "analysis_exchange" DROP COLUMN "request_bytes"`);
  }
}
