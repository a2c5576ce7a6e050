import { type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * Comments on highlights, turns, transcripts, themes and insights: threads one level deep, the
 * people each comment mentions (for notifications) and emoji reactions.
 */
export class Comments1796655631489 implements MigrationInterface {
  name = 'Comments1796655631489';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TYPE "public"."comment_target_type" AS ENUM('HIGHLIGHT', 'SEGMENT', 'TRANSCRIPT', 'THEME', 'INSIGHT')`,
    );
    await queryRunner.query(
      `CREATE TABLE "comment" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "project_id" uuid NOT NULL, "target_type" "public"."comment_target_type" NOT NULL, "target_id" uuid NOT NULL, "parent_id" uuid, "author_id" uuid, "body" text NOT NULL, "edited_at" TIMESTAMP(3) WITH TIME ZONE, "deleted_at" TIMESTAMP(3) WITH TIME ZONE, "resolved_at" TIMESTAMP(3) WITH TIME ZONE, "resolved_by_id" uuid, "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_0b0e4bbc8415ec426f87f3a88e2" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "IDX_comment_project" ON "comment"  ("project_id") `);
    await queryRunner.query(
      `CREATE INDEX "IDX_comment_parent" ON "comment"  ("parent_id", "created_at", "id") `,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_comment_target" ON "comment"  ("target_type", "target_id", "created_at", "id") `,
    );
    await queryRunner.query(
      `CREATE TABLE "comment_mention" ("comment_id" uuid NOT NULL, "user_id" uuid NOT NULL, "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_4bc849f1fafd0765cbe3ce51634" PRIMARY KEY ("comment_id", "user_id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_comment_mention_user" ON "comment_mention"  ("user_id") `,
    );
    await queryRunner.query(
      `CREATE TABLE "comment_reaction" ("comment_id" uuid NOT NULL, "user_id" uuid NOT NULL, "emoji" character varying(32) NOT NULL, "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_87ec97a581a3568d0bc00aa2e12" PRIMARY KEY ("comment_id", "user_id", "emoji"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_comment_reaction_user" ON "comment_reaction"  ("user_id") `,
    );
    await queryRunner.query(
      `ALTER TABLE "comment" ADD CONSTRAINT "FK_adf18d7b5478c253880bbe5e0ce" FOREIGN KEY ("project_id") REFERENCES "project"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "comment" ADD CONSTRAINT "FK_8bd8d0985c0d077c8129fb4a209" FOREIGN KEY ("parent_id") REFERENCES "comment"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "comment" ADD CONSTRAINT "FK_3ce66469b26697baa097f8da923" FOREIGN KEY ("author_id") REFERENCES "user_account"("id") ON DELETE SET NULL ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "comment" ADD CONSTRAINT "FK_147a89cacd99e0d6eaeca5b2cc3" FOREIGN KEY ("resolved_by_id") REFERENCES "user_account"("id") ON DELETE SET NULL ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "comment_mention" ADD CONSTRAINT "FK_06c3b713cd058e0824657560d3d" FOREIGN KEY ("comment_id") REFERENCES "comment"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "comment_mention" ADD CONSTRAINT "FK_a1527af102c162dfa8bcdfe4d57" FOREIGN KEY ("user_id") REFERENCES "user_account"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "comment_reaction" ADD CONSTRAINT "FK_962582f04d3f639e33f43c54bbc" FOREIGN KEY ("comment_id") REFERENCES "comment"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "comment_reaction" ADD CONSTRAINT "FK_f8e54702e8418719a786c60fcd2" FOREIGN KEY ("user_id") REFERENCES "user_account"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "comment_reaction" DROP CONSTRAINT "FK_f8e54702e8418719a786c60fcd2"`,
    );
    await queryRunner.query(
      `ALTER TABLE "comment_reaction" DROP CONSTRAINT "FK_962582f04d3f639e33f43c54bbc"`,
    );
    await queryRunner.query(
      `ALTER TABLE "comment_mention" DROP CONSTRAINT "FK_a1527af102c162dfa8bcdfe4d57"`,
    );
    await queryRunner.query(
      `ALTER TABLE "comment_mention" DROP CONSTRAINT "FK_06c3b713cd058e0824657560d3d"`,
    );
    await queryRunner.query(
      `ALTER TABLE "comment" DROP CONSTRAINT "FK_147a89cacd99e0d6eaeca5b2cc3"`,
    );
    await queryRunner.query(
      `ALTER TABLE "comment" DROP CONSTRAINT "FK_3ce66469b26697baa097f8da923"`,
    );
    await queryRunner.query(
      `ALTER TABLE "comment" DROP CONSTRAINT "FK_8bd8d0985c0d077c8129fb4a209"`,
    );
    await queryRunner.query(
      `ALTER TABLE "comment" DROP CONSTRAINT "FK_adf18d7b5478c253880bbe5e0ce"`,
    );
    await queryRunner.query(`DROP INDEX "public"."IDX_comment_reaction_user"`);
    await queryRunner.query(`DROP TABLE "comment_reaction"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_comment_mention_user"`);
    await queryRunner.query(`DROP TABLE "comment_mention"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_comment_target"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_comment_parent"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_comment_project"`);
    await queryRunner.query(`DROP TABLE "comment"`);
    await queryRunner.query(`DROP TYPE "public"."comment_target_type"`);
  }
}
