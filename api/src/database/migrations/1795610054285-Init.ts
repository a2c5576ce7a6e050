import { type MigrationInterface, type QueryRunner } from 'typeorm';

export class Init1795610054285 implements MigrationInterface {
  name = 'Init1795610054285';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "user_account" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "email" character varying(320) NOT NULL, "name" character varying(120) NOT NULL, "password_hash" character varying(255) NOT NULL, "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "UQ_56a0e4bcec2b5411beafa47ffa5" UNIQUE ("email"), CONSTRAINT "PK_6acfec7285fdf9f463462de3e9f" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "workspace" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "name" character varying(120) NOT NULL, "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_ca86b6f9b3be5fe26d307d09b49" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "project" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "workspace_id" uuid NOT NULL, "name" character varying(200) NOT NULL, "description" text, "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_4d68b1358bb5b766d3e78f32f57" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_59f89898902d2c2a4d5fe55472" ON "project"  ("workspace_id", "created_at") `,
    );
    await queryRunner.query(
      `CREATE TABLE "participant" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "project_id" uuid NOT NULL, "label" character varying(200) NOT NULL, "display_name" character varying(200) NOT NULL, "is_interviewer" boolean NOT NULL DEFAULT false, "color" character varying(7) NOT NULL, "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_64da4237f502041781ca15d4c41" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "IDX_d93f7d5f275f1aa19148e9b19a" ON "participant"  ("project_id", "label") `,
    );
    await queryRunner.query(
      `CREATE TYPE "public"."transcript_status" AS ENUM('UPLOADED', 'PROCESSING', 'READY', 'FAILED')`,
    );
    await queryRunner.query(
      `CREATE TABLE "transcript" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "project_id" uuid NOT NULL, "title" character varying(300) NOT NULL, "filename" character varying(300) NOT NULL, "format" character varying(16), "status" "public"."transcript_status" NOT NULL DEFAULT 'UPLOADED', "error" text, "progress" real NOT NULL DEFAULT '0', "checksum" character(64) NOT NULL, "byte_size" integer NOT NULL, "storage_key" character varying(200) NOT NULL, "language" character varying(16), "duration_ms" integer, "segment_count" integer NOT NULL DEFAULT '0', "uploaded_by_id" uuid, "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_b5b7a9bdb53103727ced1eec10e" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_bc8f039f3f7203330729739516" ON "transcript"  ("project_id", "created_at") `,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "IDX_f4bfcdec8dd8217d870583cf5d" ON "transcript"  ("project_id", "checksum") `,
    );
    await queryRunner.query(
      `INSERT INTO "typeorm_metadata"("database", "schema", "table", "type", "name", "value") VALUES (current_database(), $1, $2, $3, $4, $5)`,
      [
        'public',
        'segment',
        'GENERATED_COLUMN',
        'tsv',
        'to_tsvector(\'simple\'::regconfig, "text")',
      ],
    );
    await queryRunner.query(
      `CREATE TABLE "segment" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "transcript_id" uuid NOT NULL, "index" integer NOT NULL, "speaker" character varying(200), "participant_id" uuid, "start_ms" integer, "end_ms" integer, "text" text NOT NULL, "tsv" tsvector GENERATED ALWAYS AS (to_tsvector('simple'::regconfig, "text")) STORED, CONSTRAINT "PK_d648ac58d8e0532689dfb8ad7ef" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "IDX_segment_tsv" ON "segment" USING GIN ("tsv")`);
    await queryRunner.query(
      `CREATE INDEX "IDX_8057977ac0d7e8e57fd9faa042" ON "segment"  ("participant_id") `,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "IDX_b349a48dc333dd8c947bbe0485" ON "segment"  ("transcript_id", "index") `,
    );
    await queryRunner.query(
      `CREATE TYPE "public"."membership_role" AS ENUM('OWNER', 'EDITOR', 'COMMENTER', 'VIEWER')`,
    );
    await queryRunner.query(
      `CREATE TABLE "membership" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "workspace_id" uuid NOT NULL, "user_id" uuid NOT NULL, "role" "public"."membership_role" NOT NULL, "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_83c1afebef3059472e7c37e8de8" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_e9c72e8d29784031c96f5c6af8" ON "membership"  ("user_id") `,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "IDX_c812b1092cf66d72ddac549a6b" ON "membership"  ("workspace_id", "user_id") `,
    );
    await queryRunner.query(
      `ALTER TABLE "project" ADD CONSTRAINT "FK_5cb157e3d3ab8abd16251129dba" FOREIGN KEY ("workspace_id") REFERENCES "workspace"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "participant" ADD CONSTRAINT "FK_85973ca04e5b1c12ef37143be29" FOREIGN KEY ("project_id") REFERENCES "project"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "transcript" ADD CONSTRAINT "FK_61424fd3f1f3b49356d3c6cca9f" FOREIGN KEY ("project_id") REFERENCES "project"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "transcript" ADD CONSTRAINT "FK_4881070cabb7efa335eb6c753b7" FOREIGN KEY ("uploaded_by_id") REFERENCES "user_account"("id") ON DELETE SET NULL ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "segment" ADD CONSTRAINT "FK_63ee413c51e774c833f3a0fdb38" FOREIGN KEY ("transcript_id") REFERENCES "transcript"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "segment" ADD CONSTRAINT "FK_8057977ac0d7e8e57fd9faa0429" FOREIGN KEY ("participant_id") REFERENCES "participant"("id") ON DELETE SET NULL ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "membership" ADD CONSTRAINT "FK_2d427c9fcee4242d77174a9fccd" FOREIGN KEY ("workspace_id") REFERENCES "workspace"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "membership" ADD CONSTRAINT "FK_e9c72e8d29784031c96f5c6af8d" FOREIGN KEY ("user_id") REFERENCES "user_account"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "membership" DROP CONSTRAINT "FK_e9c72e8d29784031c96f5c6af8d"`,
    );
    await queryRunner.query(
      `ALTER TABLE "membership" DROP CONSTRAINT "FK_2d427c9fcee4242d77174a9fccd"`,
    );
    await queryRunner.query(
      `ALTER TABLE "segment" DROP CONSTRAINT "FK_8057977ac0d7e8e57fd9faa0429"`,
    );
    await queryRunner.query(
      `ALTER TABLE "segment" DROP CONSTRAINT "FK_63ee413c51e774c833f3a0fdb38"`,
    );
    await queryRunner.query(
      `ALTER TABLE "transcript" DROP CONSTRAINT "FK_4881070cabb7efa335eb6c753b7"`,
    );
    await queryRunner.query(
      `ALTER TABLE "transcript" DROP CONSTRAINT "FK_61424fd3f1f3b49356d3c6cca9f"`,
    );
    await queryRunner.query(
      `ALTER TABLE "participant" DROP CONSTRAINT "FK_85973ca04e5b1c12ef37143be29"`,
    );
    await queryRunner.query(
      `ALTER TABLE "project" DROP CONSTRAINT "FK_5cb157e3d3ab8abd16251129dba"`,
    );
    await queryRunner.query(`DROP INDEX "public"."IDX_c812b1092cf66d72ddac549a6b"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_e9c72e8d29784031c96f5c6af8"`);
    await queryRunner.query(`DROP TABLE "membership"`);
    await queryRunner.query(`DROP TYPE "public"."membership_role"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_b349a48dc333dd8c947bbe0485"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_8057977ac0d7e8e57fd9faa042"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_segment_tsv"`);
    await queryRunner.query(`DROP TABLE "segment"`);
    await queryRunner.query(
      `DELETE FROM "typeorm_metadata" WHERE "type" = $1 AND "name" = $2 AND "database" = current_database() AND "schema" = $3 AND "table" = $4`,
      ['GENERATED_COLUMN', 'tsv', 'public', 'segment'],
    );
    await queryRunner.query(`DROP INDEX "public"."IDX_f4bfcdec8dd8217d870583cf5d"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_bc8f039f3f7203330729739516"`);
    await queryRunner.query(`DROP TABLE "transcript"`);
    await queryRunner.query(`DROP TYPE "public"."transcript_status"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_d93f7d5f275f1aa19148e9b19a"`);
    await queryRunner.query(`DROP TABLE "participant"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_59f89898902d2c2a4d5fe55472"`);
    await queryRunner.query(`DROP TABLE "project"`);
    await queryRunner.query(`DROP TABLE "workspace"`);
    await queryRunner.query(`DROP TABLE "user_account"`);
  }
}
