import { type MigrationInterface, type QueryRunner } from 'typeorm';
import { textSearchConfigFor } from './frozen/text-search-config';

/**
 * Language-aware search.
 * - transcript.ts_config and segment.ts_config: the text-search configuration of the transcript's
 *   language (english, german, …, simple); segment.tsv is rebuilt as to_tsvector(ts_config, text)
 *   through verbatim_tsvector (PostgreSQL cannot alter a generated expression, so the column and
 *   its GIN index are dropped and added again; typeorm_metadata follows).
 * - highlight_search: a highlight's quote and note as a tsvector in its transcript's configuration,
 *   kept by a trigger on highlight, so highlight hits come from a GIN index too.
 * - pg_trgm and trigram indexes on tag and participant names for typo-tolerant matches. They are
 *   expression indexes (on lower(...)), which TypeORM neither sees nor drops.
 */
export class SearchLanguage1795617758295 implements MigrationInterface {
  name = 'SearchLanguage1795617758295';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE EXTENSION IF NOT EXISTS pg_trgm`);
    // regconfig is not a TypeORM type, and a text -> regconfig cast is only STABLE (it looks the
    // name up), so a generated column needs this wrapper; the configurations are built in.
    await queryRunner.query(`CREATE FUNCTION verbatim_tsvector(config text, body text) RETURNS tsvector
      LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$ SELECT to_tsvector(config::regconfig, body) $$`);
    await queryRunner.query(
      `ALTER TABLE "transcript" ADD "ts_config" character varying(63) NOT NULL DEFAULT 'simple'`,
    );
    await queryRunner.query(
      `ALTER TABLE "segment" ADD "ts_config" character varying(63) NOT NULL DEFAULT 'simple'`,
    );
    const languages = (await queryRunner.query(
      `SELECT DISTINCT language FROM "transcript" WHERE language IS NOT NULL`,
    )) as { language: string }[];
    for (const { language } of languages) {
      await queryRunner.query(
        `UPDATE "transcript" SET "ts_config" = coalesce((SELECT cfgname::text FROM pg_ts_config WHERE cfgname = $2), 'simple')
          WHERE language = $1`,
        [language, textSearchConfigFor(language)],
      );
    }
    await queryRunner.query(`DROP INDEX "public"."IDX_segment_tsv"`);
    await queryRunner.query(`ALTER TABLE "segment" DROP COLUMN "tsv"`);
    await queryRunner.query(
      `UPDATE "segment" s SET "ts_config" = t."ts_config" FROM "transcript" t WHERE t.id = s."transcript_id" AND t."ts_config" <> 'simple'`,
    );
    await queryRunner.query(
      `DELETE FROM "typeorm_metadata" WHERE "type" = $1 AND "name" = $2 AND "database" = current_database() AND "schema" = $3 AND "table" = $4`,
      ['GENERATED_COLUMN', 'tsv', 'public', 'segment'],
    );
    await queryRunner.query(
      `ALTER TABLE "segment" ADD "tsv" tsvector GENERATED ALWAYS AS (verbatim_tsvector("ts_config", "text")) STORED`,
    );
    await queryRunner.query(
      `INSERT INTO "typeorm_metadata"("database", "schema", "table", "type", "name", "value") VALUES (current_database(), $1, $2, $3, $4, $5)`,
      ['public', 'segment', 'GENERATED_COLUMN', 'tsv', 'verbatim_tsvector("ts_config", "text")'],
    );
    await queryRunner.query(`CREATE INDEX "IDX_segment_tsv" ON "segment" USING GIN ("tsv")`);

    await queryRunner.query(`CREATE TABLE "highlight_search" (
      "highlight_id" uuid NOT NULL, "ts_config" character varying(63) NOT NULL, "tsv" tsvector NOT NULL,
      CONSTRAINT "PK_highlight_search" PRIMARY KEY ("highlight_id"),
      CONSTRAINT "FK_highlight_search_highlight" FOREIGN KEY ("highlight_id") REFERENCES "highlight"("id") ON DELETE CASCADE)`);
    await queryRunner.query(
      `CREATE INDEX "IDX_highlight_search_tsv" ON "highlight_search" USING GIN ("tsv")`,
    );
    await queryRunner.query(`CREATE FUNCTION verbatim_highlight_search() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        INSERT INTO highlight_search (highlight_id, ts_config, tsv)
        SELECT NEW.id, s.ts_config, verbatim_tsvector(s.ts_config, NEW.quote || ' ' || coalesce(NEW.note, ''))
          FROM segment s WHERE s.id = NEW.start_segment_id
        ON CONFLICT (highlight_id) DO UPDATE SET ts_config = EXCLUDED.ts_config, tsv = EXCLUDED.tsv;
        RETURN NULL;
      END $$`);
    await queryRunner.query(`CREATE TRIGGER "highlight_search_sync" AFTER INSERT OR UPDATE OF quote, note, start_segment_id
      ON "highlight" FOR EACH ROW EXECUTE FUNCTION verbatim_highlight_search()`);
    await queryRunner.query(`INSERT INTO "highlight_search" (highlight_id, ts_config, tsv)
      SELECT h.id, s.ts_config, verbatim_tsvector(s.ts_config, h.quote || ' ' || coalesce(h.note, ''))
        FROM "highlight" h JOIN "segment" s ON s.id = h.start_segment_id`);

    await queryRunner.query(
      `CREATE INDEX "IDX_tag_name_trgm" ON "tag" USING GIN (lower("name") gin_trgm_ops)`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_participant_display_name_trgm" ON "participant" USING GIN (lower("display_name") gin_trgm_ops)`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_participant_label_trgm" ON "participant" USING GIN (lower("label") gin_trgm_ops)`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."IDX_participant_label_trgm"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_participant_display_name_trgm"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_tag_name_trgm"`);
    await queryRunner.query(`DROP TRIGGER "highlight_search_sync" ON "highlight"`);
    await queryRunner.query(`DROP FUNCTION verbatim_highlight_search()`);
    await queryRunner.query(`DROP TABLE "highlight_search"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_segment_tsv"`);
    await queryRunner.query(
      `DELETE FROM "typeorm_metadata" WHERE "type" = $1 AND "name" = $2 AND "database" = current_database() AND "schema" = $3 AND "table" = $4`,
      ['GENERATED_COLUMN', 'tsv', 'public', 'segment'],
    );
    await queryRunner.query(`ALTER TABLE "segment" DROP COLUMN "tsv"`);
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
      `ALTER TABLE "segment" ADD "tsv" tsvector GENERATED ALWAYS AS (to_tsvector('simple'::regconfig, "text")) STORED`,
    );
    await queryRunner.query(`CREATE INDEX "IDX_segment_tsv" ON "segment" USING GIN ("tsv")`);
    await queryRunner.query(`ALTER TABLE "segment" DROP COLUMN "ts_config"`);
    await queryRunner.query(`ALTER TABLE "transcript" DROP COLUMN "ts_config"`);
    await queryRunner.query(`DROP FUNCTION verbatim_tsvector(text, text)`);
  }
}
