import { type MigrationInterface, type QueryRunner } from 'typeorm';

export class ThemeSuggestionProviders1796645035251 implements MigrationInterface {
  name = 'ThemeSuggestionProviders1796645035251';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "theme_suggestion_exchange" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "run_id" uuid NOT NULL, "purpose" character varying(16) NOT NULL, "endpoint" character varying(500) NOT NULL, "model" character varying(200) NOT NULL, "request" text NOT NULL, "response" text, "request_bytes" integer NOT NULL DEFAULT '0', "response_bytes" integer NOT NULL DEFAULT '0', "response_complete" boolean NOT NULL DEFAULT true, "status" integer, "error" text, "prompt_tokens" integer NOT NULL DEFAULT '0', "completion_tokens" integer NOT NULL DEFAULT '0', "duration_ms" integer NOT NULL DEFAULT '0', "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_df2bcf51f888f9798c045db4c75" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_55707e1d3ae09d12d925185e30" ON "theme_suggestion_exchange"  ("created_at") `,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_d8bf123067f08d05c21917ea76" ON "theme_suggestion_exchange"  ("run_id", "created_at") `,
    );
    await queryRunner.query(
      `ALTER TABLE "theme_suggestion_run" ADD "provider" character varying(16) NOT NULL DEFAULT 'OFFLINE'`,
    );
    await queryRunner.query(`ALTER TABLE "theme_suggestion_run" ADD "redaction" jsonb`);
    await queryRunner.query(
      `ALTER TABLE "theme_suggestion_exchange" ADD CONSTRAINT "FK_50cf64eb6248d9c889be02add2a" FOREIGN KEY ("run_id") REFERENCES "theme_suggestion_run"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "theme_suggestion_exchange" DROP CONSTRAINT "FK_50cf64eb6248d9c889be02add2a"`,
    );
    await queryRunner.query(`ALTER TABLE "theme_suggestion_run" DROP COLUMN "redaction"`);
    await queryRunner.query(`ALTER TABLE "theme_suggestion_run" DROP COLUMN "provider"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_d8bf123067f08d05c21917ea76"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_55707e1d3ae09d12d925185e30"`);
    await queryRunner.query(`DROP TABLE "theme_suggestion_exchange"`);
  }
}
