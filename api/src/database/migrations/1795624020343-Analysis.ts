import { type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * AI-assisted tagging: analysis runs planned into chunks, grounded suggestions (unique per run
 * and fingerprint, so retried chunks add nothing twice), the audit of provider exchanges, and
 * the per-project AI settings (off by default; redaction on by default).
 */
export class Analysis1795624020343 implements MigrationInterface {
  name = 'Analysis1795624020343';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TYPE "public"."analysis_mode" AS ENUM('DEDUCTIVE', 'INDUCTIVE')`,
    );
    await queryRunner.query(
      `CREATE TYPE "public"."analysis_provider" AS ENUM('OFFLINE', 'OPENAI')`,
    );
    await queryRunner.query(
      `CREATE TYPE "public"."analysis_run_status" AS ENUM('QUEUED', 'RUNNING', 'COMPLETED', 'FAILED', 'CANCELLED')`,
    );
    await queryRunner.query(
      `CREATE TABLE "analysis_run" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "project_id" uuid NOT NULL, "mode" "public"."analysis_mode" NOT NULL, "provider" "public"."analysis_provider" NOT NULL, "model" character varying(200), "endpoint" character varying(500), "status" "public"."analysis_run_status" NOT NULL DEFAULT 'QUEUED', "transcript_ids" uuid array NOT NULL, "redaction" jsonb NOT NULL, "plan" jsonb, "chunks_total" integer NOT NULL DEFAULT '0', "chunks_done" integer NOT NULL DEFAULT '0', "chunks_failed" integer NOT NULL DEFAULT '0', "dropped_ungrounded" integer NOT NULL DEFAULT '0', "rejected_invalid" integer NOT NULL DEFAULT '0', "skipped_duplicates" integer NOT NULL DEFAULT '0', "prompt_tokens" integer NOT NULL DEFAULT '0', "completion_tokens" integer NOT NULL DEFAULT '0', "requests" integer NOT NULL DEFAULT '0', "error" text, "created_by_id" uuid, "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "started_at" TIMESTAMP(3) WITH TIME ZONE, "finished_at" TIMESTAMP(3) WITH TIME ZONE, CONSTRAINT "PK_2054d6ab3bde47f168afb37b6c2" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_2a2e2c9318e1211be750acb4de" ON "analysis_run"  ("project_id", "created_at") `,
    );
    await queryRunner.query(
      `CREATE TYPE "public"."analysis_chunk_status" AS ENUM('PENDING', 'DONE', 'FAILED')`,
    );
    await queryRunner.query(
      `CREATE TABLE "analysis_chunk" ("run_id" uuid NOT NULL, "index" integer NOT NULL, "transcript_id" uuid NOT NULL, "first_turn" integer NOT NULL, "last_turn" integer NOT NULL, "status" "public"."analysis_chunk_status" NOT NULL DEFAULT 'PENDING', "attempts" integer NOT NULL DEFAULT '0', "error" text, CONSTRAINT "PK_52710eb4bf6074db54c05315eb4" PRIMARY KEY ("run_id", "index"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "analysis_exchange" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "run_id" uuid NOT NULL, "chunk_index" integer NOT NULL, "endpoint" character varying(500) NOT NULL, "model" character varying(200) NOT NULL, "request" jsonb NOT NULL, "response" jsonb, "error" text, "prompt_tokens" integer NOT NULL DEFAULT '0', "completion_tokens" integer NOT NULL DEFAULT '0', "duration_ms" integer NOT NULL DEFAULT '0', "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_b74c809aa30131d147992e3467f" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_c2a97e2fae546215c546aabf03" ON "analysis_exchange"  ("created_at") `,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_a3c8eb1caa8c44a4d56a1dd9bf" ON "analysis_exchange"  ("run_id", "created_at") `,
    );
    await queryRunner.query(
      `CREATE TYPE "public"."suggestion_status" AS ENUM('PENDING', 'ACCEPTED', 'REJECTED')`,
    );
    await queryRunner.query(
      `CREATE TABLE "suggestion" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "run_id" uuid NOT NULL, "project_id" uuid NOT NULL, "transcript_id" uuid NOT NULL, "chunk_index" integer NOT NULL, "start_segment_id" uuid NOT NULL, "start_index" integer NOT NULL, "start_offset" integer NOT NULL, "end_segment_id" uuid NOT NULL, "end_index" integer NOT NULL, "end_offset" integer NOT NULL, "quote" text NOT NULL, "tag_ids" uuid array NOT NULL DEFAULT '{}', "theme_name" character varying(100), "theme_definition" text, "rationale" text NOT NULL, "confidence" real NOT NULL, "fingerprint" character varying(64) NOT NULL, "status" "public"."suggestion_status" NOT NULL DEFAULT 'PENDING', "reject_reason" text, "reviewed_by_id" uuid, "reviewed_at" TIMESTAMP(3) WITH TIME ZONE, "highlight_id" uuid, "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_aa072a020434ddd7104de98eebb" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "IDX_e56ede3daa40d5b05f49f81f8e" ON "suggestion"  ("run_id", "fingerprint") `,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_18fc98e29a769ae60b61e37e6f" ON "suggestion"  ("transcript_id", "status") `,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_8a0ef2f54b018b4da917189ac5" ON "suggestion"  ("run_id", "transcript_id", "start_index") `,
    );
    await queryRunner.query(
      `ALTER TABLE "project" ADD "ai_allowed" boolean NOT NULL DEFAULT false`,
    );
    await queryRunner.query(
      `ALTER TABLE "project" ADD "redact_emails" boolean NOT NULL DEFAULT true`,
    );
    await queryRunner.query(
      `ALTER TABLE "project" ADD "redact_phones" boolean NOT NULL DEFAULT true`,
    );
    await queryRunner.query(
      `ALTER TABLE "project" ADD "redact_names" boolean NOT NULL DEFAULT true`,
    );
    await queryRunner.query(
      `ALTER TABLE "analysis_run" ADD CONSTRAINT "FK_1581c930f3c74512333b72da6da" FOREIGN KEY ("project_id") REFERENCES "project"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "analysis_run" ADD CONSTRAINT "FK_e2ac5f8eb985291f8c60945754e" FOREIGN KEY ("created_by_id") REFERENCES "user_account"("id") ON DELETE SET NULL ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "analysis_chunk" ADD CONSTRAINT "FK_f06d717497317c90d54b043a948" FOREIGN KEY ("run_id") REFERENCES "analysis_run"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "analysis_chunk" ADD CONSTRAINT "FK_77324cb1aff8413237a284e25f2" FOREIGN KEY ("transcript_id") REFERENCES "transcript"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "analysis_exchange" ADD CONSTRAINT "FK_286f17e6563a4398e19aacec427" FOREIGN KEY ("run_id") REFERENCES "analysis_run"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "suggestion" ADD CONSTRAINT "FK_4ef2b7961b1ee819082e84b3705" FOREIGN KEY ("run_id") REFERENCES "analysis_run"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "suggestion" ADD CONSTRAINT "FK_c3e04e97d9d6719999b82c99364" FOREIGN KEY ("transcript_id") REFERENCES "transcript"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "suggestion" ADD CONSTRAINT "FK_1b76ee761794213907ac8cbeeb4" FOREIGN KEY ("start_segment_id") REFERENCES "segment"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "suggestion" ADD CONSTRAINT "FK_432d63258dab5143de922494930" FOREIGN KEY ("end_segment_id") REFERENCES "segment"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "suggestion" ADD CONSTRAINT "FK_e8cfb078d3e9f0711b443e011ff" FOREIGN KEY ("reviewed_by_id") REFERENCES "user_account"("id") ON DELETE SET NULL ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "suggestion" ADD CONSTRAINT "FK_8dcc22b449173896bdf18eb64ea" FOREIGN KEY ("highlight_id") REFERENCES "highlight"("id") ON DELETE SET NULL ON UPDATE NO ACTION`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "suggestion" DROP CONSTRAINT "FK_8dcc22b449173896bdf18eb64ea"`,
    );
    await queryRunner.query(
      `ALTER TABLE "suggestion" DROP CONSTRAINT "FK_e8cfb078d3e9f0711b443e011ff"`,
    );
    await queryRunner.query(
      `ALTER TABLE "suggestion" DROP CONSTRAINT "FK_432d63258dab5143de922494930"`,
    );
    await queryRunner.query(
      `ALTER TABLE "suggestion" DROP CONSTRAINT "FK_1b76ee761794213907ac8cbeeb4"`,
    );
    await queryRunner.query(
      `ALTER TABLE "suggestion" DROP CONSTRAINT "FK_c3e04e97d9d6719999b82c99364"`,
    );
    await queryRunner.query(
      `ALTER TABLE "suggestion" DROP CONSTRAINT "FK_4ef2b7961b1ee819082e84b3705"`,
    );
    await queryRunner.query(
      `ALTER TABLE "analysis_exchange" DROP CONSTRAINT "FK_286f17e6563a4398e19aacec427"`,
    );
    await queryRunner.query(
      `ALTER TABLE "analysis_chunk" DROP CONSTRAINT "FK_77324cb1aff8413237a284e25f2"`,
    );
    await queryRunner.query(
      `ALTER TABLE "analysis_chunk" DROP CONSTRAINT "FK_f06d717497317c90d54b043a948"`,
    );
    await queryRunner.query(
      `ALTER TABLE "analysis_run" DROP CONSTRAINT "FK_e2ac5f8eb985291f8c60945754e"`,
    );
    await queryRunner.query(
      `ALTER TABLE "analysis_run" DROP CONSTRAINT "FK_1581c930f3c74512333b72da6da"`,
    );
    await queryRunner.query(`ALTER TABLE "project" DROP COLUMN "redact_names"`);
    await queryRunner.query(`ALTER TABLE "project" DROP COLUMN "redact_phones"`);
    await queryRunner.query(`ALTER TABLE "project" DROP COLUMN "redact_emails"`);
    await queryRunner.query(`ALTER TABLE "project" DROP COLUMN "ai_allowed"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_8a0ef2f54b018b4da917189ac5"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_18fc98e29a769ae60b61e37e6f"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_e56ede3daa40d5b05f49f81f8e"`);
    await queryRunner.query(`DROP TABLE "suggestion"`);
    await queryRunner.query(`DROP TYPE "public"."suggestion_status"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_a3c8eb1caa8c44a4d56a1dd9bf"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_c2a97e2fae546215c546aabf03"`);
    await queryRunner.query(`DROP TABLE "analysis_exchange"`);
    await queryRunner.query(`DROP TABLE "analysis_chunk"`);
    await queryRunner.query(`DROP TYPE "public"."analysis_chunk_status"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_2a2e2c9318e1211be750acb4de"`);
    await queryRunner.query(`DROP TABLE "analysis_run"`);
    await queryRunner.query(`DROP TYPE "public"."analysis_run_status"`);
    await queryRunner.query(`DROP TYPE "public"."analysis_provider"`);
    await queryRunner.query(`DROP TYPE "public"."analysis_mode"`);
  }
}
