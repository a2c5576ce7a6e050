import { type MigrationInterface, type QueryRunner } from 'typeorm';

export class Teams1795612418952 implements MigrationInterface {
  name = 'Teams1795612418952';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "activity" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "workspace_id" uuid NOT NULL, "project_id" uuid, "actor_id" uuid, "verb" character varying(64) NOT NULL, "summary" character varying(500) NOT NULL, "data" jsonb NOT NULL DEFAULT '{}', "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_24625a1d6b1b089c8ae206fe467" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_6a80a2c241394501496b72ee7f" ON "activity"  ("project_id", "created_at") `,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_1dd765a618ba914e97c6290077" ON "activity"  ("workspace_id", "created_at") `,
    );
    await queryRunner.query(
      `CREATE TABLE "invitation" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "workspace_id" uuid NOT NULL, "email" character varying(320) NOT NULL, "role" "public"."membership_role" NOT NULL, "token_hash" character(64) NOT NULL, "invited_by_id" uuid, "expires_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL, "accepted_at" TIMESTAMP(3) WITH TIME ZONE, "accepted_by_id" uuid, "revoked_at" TIMESTAMP(3) WITH TIME ZONE, "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "UQ_b827d3749ffbb3b5ab5099afd64" UNIQUE ("token_hash"), CONSTRAINT "PK_beb994737756c0f18a1c1f8669c" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_472a1b474f3c26adc8f335c610" ON "invitation"  ("workspace_id", "created_at") `,
    );
    await queryRunner.query(
      `CREATE TABLE "project_member" ("project_id" uuid NOT NULL, "user_id" uuid NOT NULL, "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_0d739aa2794632a5a09276afb7a" PRIMARY KEY ("project_id", "user_id"))`,
    );
    await queryRunner.query(
      `ALTER TABLE "project" ADD "restricted" boolean NOT NULL DEFAULT false`,
    );
    await queryRunner.query(
      `ALTER TABLE "activity" ADD CONSTRAINT "FK_71548014a268161775ac5bab001" FOREIGN KEY ("workspace_id") REFERENCES "workspace"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "activity" ADD CONSTRAINT "FK_a18775b03864e567a3e788468e1" FOREIGN KEY ("actor_id") REFERENCES "user_account"("id") ON DELETE SET NULL ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "invitation" ADD CONSTRAINT "FK_2fd4dd7b20dfbda65736f415269" FOREIGN KEY ("workspace_id") REFERENCES "workspace"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "invitation" ADD CONSTRAINT "FK_9fcebfddfa4369ac0e3c26dc8a3" FOREIGN KEY ("invited_by_id") REFERENCES "user_account"("id") ON DELETE SET NULL ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "project_member" ADD CONSTRAINT "FK_aaef76230abfcdf30adb15d0be8" FOREIGN KEY ("project_id") REFERENCES "project"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "project_member" ADD CONSTRAINT "FK_c5aa3e0aec43d3459e159d21dd3" FOREIGN KEY ("user_id") REFERENCES "user_account"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "project_member" DROP CONSTRAINT "FK_c5aa3e0aec43d3459e159d21dd3"`,
    );
    await queryRunner.query(
      `ALTER TABLE "project_member" DROP CONSTRAINT "FK_aaef76230abfcdf30adb15d0be8"`,
    );
    await queryRunner.query(
      `ALTER TABLE "invitation" DROP CONSTRAINT "FK_9fcebfddfa4369ac0e3c26dc8a3"`,
    );
    await queryRunner.query(
      `ALTER TABLE "invitation" DROP CONSTRAINT "FK_2fd4dd7b20dfbda65736f415269"`,
    );
    await queryRunner.query(
      `ALTER TABLE "activity" DROP CONSTRAINT "FK_a18775b03864e567a3e788468e1"`,
    );
    await queryRunner.query(
      `ALTER TABLE "activity" DROP CONSTRAINT "FK_71548014a268161775ac5bab001"`,
    );
    await queryRunner.query(`ALTER TABLE "project" DROP COLUMN "restricted"`);
    await queryRunner.query(`DROP TABLE "project_member"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_472a1b474f3c26adc8f335c610"`);
    await queryRunner.query(`DROP TABLE "invitation"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_1dd765a618ba914e97c6290077"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_6a80a2c241394501496b72ee7f"`);
    await queryRunner.query(`DROP TABLE "activity"`);
  }
}
