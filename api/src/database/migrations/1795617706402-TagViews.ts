import { type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * Tag views and corrections: a highlight's attributed participant and start turn index
 * (both backfilled here) and a needs-attention flag, participant attributes, who corrected a turn and when, and indexes for
 * tag views (tag -> highlights without touching the heap) and for finding a turn's highlights.
 */
export class TagViews1795617706402 implements MigrationInterface {
  name = 'TagViews1795617706402';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."IDX_eb56225e8074aca75a5e638391"`);
    await queryRunner.query(
      `ALTER TABLE "participant" ADD "attributes" jsonb NOT NULL DEFAULT '[]'`,
    );
    await queryRunner.query(`ALTER TABLE "segment" ADD "edited_at" TIMESTAMP(3) WITH TIME ZONE`);
    await queryRunner.query(`ALTER TABLE "segment" ADD "edited_by_id" uuid`);
    await queryRunner.query(`ALTER TABLE "highlight" ADD "participant_id" uuid`);
    await queryRunner.query(
      `ALTER TABLE "highlight" ADD "needs_attention" boolean NOT NULL DEFAULT false`,
    );
    await queryRunner.query(`ALTER TABLE "highlight" ADD "start_index" integer`);
    await queryRunner.query(
      `UPDATE "highlight" h SET "start_index" = s."index" FROM "segment" s WHERE s."id" = h."start_segment_id"`,
    );
    await queryRunner.query(`ALTER TABLE "highlight" ALTER COLUMN "start_index" SET NOT NULL`);
    await queryRunner.query(
      `CREATE INDEX "IDX_6df891f3ea5bb383748747f784" ON "highlight"  ("participant_id") `,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_a92e5c67561f699261577be516" ON "highlight"  ("end_segment_id") `,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_dffdd8c3acf816d6676c12b197" ON "highlight"  ("start_segment_id") `,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_631b83ae4d0bd9188d204fcfbe" ON "highlight_tag"  ("tag_id", "highlight_id") `,
    );
    await queryRunner.query(
      `ALTER TABLE "highlight" ADD CONSTRAINT "FK_6df891f3ea5bb383748747f784a" FOREIGN KEY ("participant_id") REFERENCES "participant"("id") ON DELETE SET NULL ON UPDATE NO ACTION`,
    );
    // The first covered turn whose participant is not an interviewer, else the start turn's.
    await queryRunner.query(`UPDATE "highlight" h SET "participant_id" = coalesce(
        (SELECT s."participant_id" FROM "segment" s JOIN "participant" p ON p."id" = s."participant_id"
          WHERE s."transcript_id" = h."transcript_id" AND s."index" BETWEEN s1."index" AND s2."index" AND NOT p."is_interviewer"
          ORDER BY s."index" LIMIT 1),
        s1."participant_id")
      FROM "segment" s1, "segment" s2 WHERE s1."id" = h."start_segment_id" AND s2."id" = h."end_segment_id"`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "highlight" DROP CONSTRAINT "FK_6df891f3ea5bb383748747f784a"`,
    );
    await queryRunner.query(`DROP INDEX "public"."IDX_631b83ae4d0bd9188d204fcfbe"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_dffdd8c3acf816d6676c12b197"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_a92e5c67561f699261577be516"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_6df891f3ea5bb383748747f784"`);
    await queryRunner.query(`ALTER TABLE "highlight" DROP COLUMN "start_index"`);
    await queryRunner.query(`ALTER TABLE "highlight" DROP COLUMN "needs_attention"`);
    await queryRunner.query(`ALTER TABLE "highlight" DROP COLUMN "participant_id"`);
    await queryRunner.query(`ALTER TABLE "segment" DROP COLUMN "edited_by_id"`);
    await queryRunner.query(`ALTER TABLE "segment" DROP COLUMN "edited_at"`);
    await queryRunner.query(`ALTER TABLE "participant" DROP COLUMN "attributes"`);
    await queryRunner.query(
      `CREATE INDEX "IDX_eb56225e8074aca75a5e638391" ON "highlight_tag" USING btree ("tag_id") `,
    );
  }
}
