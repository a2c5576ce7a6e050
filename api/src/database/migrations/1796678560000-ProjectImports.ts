import { type MigrationInterface, type QueryRunner } from 'typeorm';

export class ProjectImports1796678560000 implements MigrationInterface {
  name = 'ProjectImports1796678560000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TYPE "public"."project_import_status" AS ENUM('QUEUED', 'RUNNING', 'READY', 'FAILED')`,
    );
    await queryRunner.query(
      `CREATE TABLE "project_import" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "workspace_id" uuid NOT NULL, "project_id" uuid, "kind" character varying(8) NOT NULL, "filename" character varying(300) NOT NULL, "byte_size" bigint NOT NULL, "storage_key" character varying(200) NOT NULL, "status" "public"."project_import_status" NOT NULL DEFAULT 'QUEUED', "progress" real NOT NULL DEFAULT '0', "error" text, "warnings" jsonb NOT NULL DEFAULT '[]', "counts" jsonb, "requested_by_id" uuid, "job_generation" integer NOT NULL DEFAULT '0', "requeues" integer NOT NULL DEFAULT '0', "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_2b3fa07bf322b9c29a9192ca6bf" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_project_import_unfinished" ON "project_import"  ("status", "updated_at") `,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_b5c9c896d89871c109e850b390" ON "project_import"  ("workspace_id", "created_at") `,
    );
    await queryRunner.query(
      `ALTER TABLE "project_import" ADD CONSTRAINT "FK_22a09d3b29f8cebac46f52d561b" FOREIGN KEY ("workspace_id") REFERENCES "workspace"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "project_import" ADD CONSTRAINT "FK_15b3f9ebf2d22db1d913aee5786" FOREIGN KEY ("project_id") REFERENCES "project"("id") ON DELETE SET NULL ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "project_import" ADD CONSTRAINT "FK_1033bf387aa75ac51fa508888ad" FOREIGN KEY ("requested_by_id") REFERENCES "user_account"("id") ON DELETE SET NULL ON UPDATE NO ACTION`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "project_import" DROP CONSTRAINT "FK_1033bf387aa75ac51fa508888ad"`,
    );
    await queryRunner.query(
      `ALTER TABLE "project_import" DROP CONSTRAINT "FK_15b3f9ebf2d22db1d913aee5786"`,
    );
    await queryRunner.query(
      `ALTER TABLE "project_import" DROP CONSTRAINT "FK_22a09d3b29f8cebac46f52d561b"`,
    );
    await queryRunner.query(`DROP INDEX "public"."IDX_b5c9c896d89871c109e850b390"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_project_import_unfinished"`);
    await queryRunner.query(`DROP TABLE "project_import"`);
    await queryRunner.query(`DROP TYPE "public"."project_import_status"`);
  }
}
