import { type MigrationInterface, type QueryRunner } from 'typeorm';

export class ItemReadMarkers1796664550152 implements MigrationInterface {
  name = 'ItemReadMarkers1796664550152';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "transcript_read_marker" ("user_id" uuid NOT NULL, "transcript_id" uuid NOT NULL, "seen_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL, CONSTRAINT "PK_7e222192fa3f316ee476f2edcac" PRIMARY KEY ("user_id", "transcript_id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_transcript_read_marker_transcript" ON "transcript_read_marker"  ("transcript_id") `,
    );
    await queryRunner.query(
      `CREATE TABLE "board_read_marker" ("user_id" uuid NOT NULL, "board_id" uuid NOT NULL, "seen_version" integer NOT NULL, "seen_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL, CONSTRAINT "PK_a314b100990f29160215e2a989f" PRIMARY KEY ("user_id", "board_id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_board_read_marker_board" ON "board_read_marker"  ("board_id") `,
    );
    await queryRunner.query(
      `ALTER TABLE "transcript_read_marker" ADD CONSTRAINT "FK_1cb42805729a406aefc84ae3d40" FOREIGN KEY ("user_id") REFERENCES "user_account"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "transcript_read_marker" ADD CONSTRAINT "FK_fafeed9b801ac95c58d8acabe4f" FOREIGN KEY ("transcript_id") REFERENCES "transcript"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "board_read_marker" ADD CONSTRAINT "FK_0f2adb02694e7f3136309d5e3bb" FOREIGN KEY ("user_id") REFERENCES "user_account"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "board_read_marker" ADD CONSTRAINT "FK_f1a3c3ab53529d03aa392844736" FOREIGN KEY ("board_id") REFERENCES "board"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "board_read_marker" DROP CONSTRAINT "FK_f1a3c3ab53529d03aa392844736"`,
    );
    await queryRunner.query(
      `ALTER TABLE "board_read_marker" DROP CONSTRAINT "FK_0f2adb02694e7f3136309d5e3bb"`,
    );
    await queryRunner.query(
      `ALTER TABLE "transcript_read_marker" DROP CONSTRAINT "FK_fafeed9b801ac95c58d8acabe4f"`,
    );
    await queryRunner.query(
      `ALTER TABLE "transcript_read_marker" DROP CONSTRAINT "FK_1cb42805729a406aefc84ae3d40"`,
    );
    await queryRunner.query(`DROP INDEX "public"."IDX_board_read_marker_board"`);
    await queryRunner.query(`DROP TABLE "board_read_marker"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_transcript_read_marker_transcript"`);
    await queryRunner.query(`DROP TABLE "transcript_read_marker"`);
  }
}
