import { type MigrationInterface, type QueryRunner } from 'typeorm';

export class Sessions1795612654751 implements MigrationInterface {
  name = 'Sessions1795612654751';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "auth_session" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "user_id" uuid NOT NULL, "expires_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL, "revoked_at" TIMESTAMP(3) WITH TIME ZONE, "revoked_reason" character varying(32), "user_agent" character varying(300), "ip" character varying(64), "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "last_refreshed_at" TIMESTAMP(3) WITH TIME ZONE, CONSTRAINT "PK_19354ed146424a728c1112a8cbf" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_b8783d517fab10672700a39cb4" ON "auth_session"  ("user_id") `,
    );
    await queryRunner.query(
      `CREATE TABLE "auth_refresh_token" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "session_id" uuid NOT NULL, "token_hash" character(64) NOT NULL, "expires_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL, "rotated_at" TIMESTAMP(3) WITH TIME ZONE, "replaced_by_id" uuid, "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "UQ_bf1dd91ca7309af8ec637fb1771" UNIQUE ("token_hash"), CONSTRAINT "PK_57203170666c2ed599635e17a81" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_c303c8b83f7d838b81297a6586" ON "auth_refresh_token"  ("session_id") `,
    );
    await queryRunner.query(
      `ALTER TABLE "auth_session" ADD CONSTRAINT "FK_b8783d517fab10672700a39cb49" FOREIGN KEY ("user_id") REFERENCES "user_account"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "auth_refresh_token" ADD CONSTRAINT "FK_c303c8b83f7d838b81297a6586d" FOREIGN KEY ("session_id") REFERENCES "auth_session"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "auth_refresh_token" DROP CONSTRAINT "FK_c303c8b83f7d838b81297a6586d"`,
    );
    await queryRunner.query(
      `ALTER TABLE "auth_session" DROP CONSTRAINT "FK_b8783d517fab10672700a39cb49"`,
    );
    await queryRunner.query(`DROP INDEX "public"."IDX_c303c8b83f7d838b81297a6586"`);
    await queryRunner.query(`DROP TABLE "auth_refresh_token"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_b8783d517fab10672700a39cb4"`);
    await queryRunner.query(`DROP TABLE "auth_session"`);
  }
}
