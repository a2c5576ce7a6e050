import { type MigrationInterface, type QueryRunner } from 'typeorm';

export class Highlights1795615296553 implements MigrationInterface {
  name = 'Highlights1795615296553';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "tag" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "project_id" uuid NOT NULL, "name" character varying(100) NOT NULL, "description" text, "color" character varying(7) NOT NULL, "parent_id" uuid, "archived" boolean NOT NULL DEFAULT false, "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_8e4052373c579afc1471f526760" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "IDX_0047b19a7c832b4aa2a30d1aeb" ON "tag"  ("project_id", "name") `,
    );
    await queryRunner.query(
      `CREATE TABLE "highlight" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "transcript_id" uuid NOT NULL, "project_id" uuid NOT NULL, "start_segment_id" uuid NOT NULL, "start_offset" integer NOT NULL, "end_segment_id" uuid NOT NULL, "end_offset" integer NOT NULL, "quote" text NOT NULL, "prefix" character varying(64) NOT NULL, "suffix" character varying(64) NOT NULL, "note" text, "author_id" uuid, "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_0f4191998a1e1e8f8455f1d4adb" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_97da922f0132a791d06758c393" ON "highlight"  ("transcript_id") `,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_d12ac37212748e18784ffdd82c" ON "highlight"  ("project_id", "created_at") `,
    );
    await queryRunner.query(`CREATE TYPE "public"."tag_source" AS ENUM('HUMAN', 'SUGGESTION')`);
    await queryRunner.query(
      `CREATE TABLE "highlight_tag" ("highlight_id" uuid NOT NULL, "tag_id" uuid NOT NULL, "source" "public"."tag_source" NOT NULL DEFAULT 'HUMAN', "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_631b83ae4d0bd9188d204fcfbe6" PRIMARY KEY ("highlight_id", "tag_id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_eb56225e8074aca75a5e638391" ON "highlight_tag"  ("tag_id") `,
    );
    await queryRunner.query(
      `ALTER TABLE "tag" ADD CONSTRAINT "FK_38c7a3c75ff3558c013b8f7bf2d" FOREIGN KEY ("project_id") REFERENCES "project"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "tag" ADD CONSTRAINT "FK_fdb4c6bd27ccc3d95a8027cd732" FOREIGN KEY ("parent_id") REFERENCES "tag"("id") ON DELETE SET NULL ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "highlight" ADD CONSTRAINT "FK_97da922f0132a791d06758c3931" FOREIGN KEY ("transcript_id") REFERENCES "transcript"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "highlight" ADD CONSTRAINT "FK_dffdd8c3acf816d6676c12b1972" FOREIGN KEY ("start_segment_id") REFERENCES "segment"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "highlight" ADD CONSTRAINT "FK_a92e5c67561f699261577be5169" FOREIGN KEY ("end_segment_id") REFERENCES "segment"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "highlight" ADD CONSTRAINT "FK_d82eb737eb43826c0795f862818" FOREIGN KEY ("author_id") REFERENCES "user_account"("id") ON DELETE SET NULL ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "highlight_tag" ADD CONSTRAINT "FK_e709df68fe7e94d15ca1c74be90" FOREIGN KEY ("highlight_id") REFERENCES "highlight"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "highlight_tag" ADD CONSTRAINT "FK_eb56225e8074aca75a5e6383912" FOREIGN KEY ("tag_id") REFERENCES "tag"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "highlight_tag" DROP CONSTRAINT "FK_eb56225e8074aca75a5e6383912"`,
    );
    await queryRunner.query(
      `ALTER TABLE "highlight_tag" DROP CONSTRAINT "FK_e709df68fe7e94d15ca1c74be90"`,
    );
    await queryRunner.query(
      `ALTER TABLE "highlight" DROP CONSTRAINT "FK_d82eb737eb43826c0795f862818"`,
    );
    await queryRunner.query(
      `ALTER TABLE "highlight" DROP CONSTRAINT "FK_a92e5c67561f699261577be5169"`,
    );
    await queryRunner.query(
      `ALTER TABLE "highlight" DROP CONSTRAINT "FK_dffdd8c3acf816d6676c12b1972"`,
    );
    await queryRunner.query(
      `ALTER TABLE "highlight" DROP CONSTRAINT "FK_97da922f0132a791d06758c3931"`,
    );
    await queryRunner.query(`ALTER TABLE "tag" DROP CONSTRAINT "FK_fdb4c6bd27ccc3d95a8027cd732"`);
    await queryRunner.query(`ALTER TABLE "tag" DROP CONSTRAINT "FK_38c7a3c75ff3558c013b8f7bf2d"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_eb56225e8074aca75a5e638391"`);
    await queryRunner.query(`DROP TABLE "highlight_tag"`);
    await queryRunner.query(`DROP TYPE "public"."tag_source"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_d12ac37212748e18784ffdd82c"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_97da922f0132a791d06758c393"`);
    await queryRunner.query(`DROP TABLE "highlight"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_0047b19a7c832b4aa2a30d1aeb"`);
    await queryRunner.query(`DROP TABLE "tag"`);
  }
}
