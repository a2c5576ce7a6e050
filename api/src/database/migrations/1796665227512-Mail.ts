import { type MigrationInterface, type QueryRunner } from 'typeorm';

/** E-mail: each user's notification settings, and the outbox of e-mails owed (digests, mentions, invitations). */
export class Mail1796665227512 implements MigrationInterface {
  name = 'Mail1796665227512';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TYPE "public"."mail_kind" AS ENUM('DIGEST', 'MENTION', 'INVITATION')`,
    );
    await queryRunner.query(
      `CREATE TYPE "public"."mail_status" AS ENUM('PENDING', 'SENDING', 'SENT', 'SKIPPED', 'FAILED')`,
    );
    await queryRunner.query(
      `CREATE TABLE "mail_outbox" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "kind" "public"."mail_kind" NOT NULL, "dedupe_key" character varying(200) NOT NULL, "user_id" uuid, "recipient" character varying(320), "subject_id" uuid, "payload" jsonb, "covered_from" TIMESTAMP(3) WITH TIME ZONE, "covered_until" TIMESTAMP(3) WITH TIME ZONE, "status" "public"."mail_status" NOT NULL DEFAULT 'PENDING', "generation" integer NOT NULL DEFAULT '0', "requeues" integer NOT NULL DEFAULT '0', "attempts" integer NOT NULL DEFAULT '0', "error" character varying(500), "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "sent_at" TIMESTAMP(3) WITH TIME ZONE, CONSTRAINT "PK_fecc63c96385bc35a39ccf2a72e" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_mail_outbox_user_covered" ON "mail_outbox"  ("user_id", "covered_until") `,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_mail_outbox_unfinished" ON "mail_outbox"  ("updated_at") WHERE "status" IN ('PENDING', 'SENDING')`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "UQ_mail_outbox_dedupe_key" ON "mail_outbox"  ("dedupe_key") `,
    );
    await queryRunner.query(
      `CREATE TYPE "public"."digest_frequency" AS ENUM('DAILY', 'WEEKLY', 'OFF')`,
    );
    await queryRunner.query(
      `CREATE TABLE "notification_settings" ("user_id" uuid NOT NULL, "time_zone" character varying(64) NOT NULL, "digest_hour" smallint NOT NULL, "digest" "public"."digest_frequency" NOT NULL DEFAULT 'OFF', "mentions_by_email" boolean NOT NULL DEFAULT false, "updated_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "CHK_notification_settings_hour" CHECK ("digest_hour" BETWEEN 0 AND 23), CONSTRAINT "PK_91a7ffebe8b406c4470845d4781" PRIMARY KEY ("user_id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_notification_settings_digest" ON "notification_settings"  ("digest", "time_zone", "digest_hour") WHERE "digest" <> 'OFF'`,
    );
    await queryRunner.query(
      `ALTER TABLE "mail_outbox" ADD CONSTRAINT "FK_9c7ce0e6c239f56810e7af7ceba" FOREIGN KEY ("user_id") REFERENCES "user_account"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "notification_settings" ADD CONSTRAINT "FK_91a7ffebe8b406c4470845d4781" FOREIGN KEY ("user_id") REFERENCES "user_account"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "notification_settings" DROP CONSTRAINT "FK_91a7ffebe8b406c4470845d4781"`,
    );
    await queryRunner.query(
      `ALTER TABLE "mail_outbox" DROP CONSTRAINT "FK_9c7ce0e6c239f56810e7af7ceba"`,
    );
    await queryRunner.query(`DROP INDEX "public"."IDX_notification_settings_digest"`);
    await queryRunner.query(`DROP TABLE "notification_settings"`);
    await queryRunner.query(`DROP TYPE "public"."digest_frequency"`);
    await queryRunner.query(`DROP INDEX "public"."UQ_mail_outbox_dedupe_key"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_mail_outbox_unfinished"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_mail_outbox_user_covered"`);
    await queryRunner.query(`DROP TABLE "mail_outbox"`);
    await queryRunner.query(`DROP TYPE "public"."mail_status"`);
    await queryRunner.query(`DROP TYPE "public"."mail_kind"`);
  }
}
