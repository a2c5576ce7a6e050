import { type MigrationInterface, type QueryRunner } from 'typeorm';

/** The tables whose rows comments are about, with the target type naming them. */
const TARGETS = [
  ['highlight', 'HIGHLIGHT'],
  ['segment', 'SEGMENT'],
  ['transcript', 'TRANSCRIPT'],
  ['board_theme', 'THEME'],
  ['insight', 'INSIGHT'],
] as const;

/**
 * A comment names its target by type and id, with no foreign key, so a deleted target's comments
 * (with their replies, mentions and reactions) are deleted by the database: one statement-level
 * trigger per target table, which also fires when the target goes by a cascade (a transcript
 * takes its turns and highlights with it, a board its themes).
 */
export class CommentTargetCleanup1796656000000 implements MigrationInterface {
  name = 'CommentTargetCleanup1796656000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE FUNCTION "verbatim_delete_comments_of_targets"() RETURNS trigger LANGUAGE plpgsql AS $$
       BEGIN
         DELETE FROM "comment" c USING gone
          WHERE c."target_type" = TG_ARGV[0]::"comment_target_type" AND c."target_id" = gone."id";
         RETURN NULL;
       END $$`,
    );
    for (const [table, type] of TARGETS)
      await queryRunner.query(
        `CREATE TRIGGER "TR_${table}_comments" AFTER DELETE ON "${table}"
           REFERENCING OLD TABLE AS gone FOR EACH STATEMENT
           EXECUTE FUNCTION "verbatim_delete_comments_of_targets"('${type}')`,
      );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const [table] of TARGETS)
      await queryRunner.query(`DROP TRIGGER "TR_${table}_comments" ON "${table}"`);
    await queryRunner.query(`DROP FUNCTION "verbatim_delete_comments_of_targets"()`);
  }
}
