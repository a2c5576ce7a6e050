import { type MigrationInterface, type QueryRunner } from 'typeorm';

interface TagRow {
  id: string;
  project_id: string;
  workspace_id: string;
  name: string;
}

/**
 * Codebook integrity, repairing what concurrent edits could write before:
 *
 * - Loops in the tag tree (A under B and B under A, from two moves at the same moment) are
 *   broken: in each loop the oldest tag goes back to the top level. Nothing else changes.
 * - Tag names become unique per project regardless of case (a unique index on
 *   (project_id, lower(name)) replaces the case-sensitive one). Existing names that differ only
 *   in case are kept apart, not merged: the oldest keeps its name, the others get " (2)", " (3)"…
 *   Every tag keeps its id, highlights, sub-tags and the suggestions that point at it, and "US"
 *   and "us" may well be different codes; researchers merge the ones that are the same with
 *   mergeTags.
 *
 * Each repair is written to the project's activity log. `down` restores the case-sensitive
 * index; repaired names and parents stay as they are.
 */
export class CodebookIntegrity1795700000000 implements MigrationInterface {
  name = 'CodebookIntegrity1795700000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await breakLoops(queryRunner);
    await renameCaseDuplicates(queryRunner);
    await queryRunner.query(`DROP INDEX "public"."IDX_0047b19a7c832b4aa2a30d1aeb"`);
    await queryRunner.query(
      `CREATE UNIQUE INDEX "UQ_tag_project_lower_name" ON "tag" ("project_id", lower("name"))`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."UQ_tag_project_lower_name"`);
    await queryRunner.query(
      `CREATE UNIQUE INDEX "IDX_0047b19a7c832b4aa2a30d1aeb" ON "tag" ("project_id", "name")`,
    );
  }
}

/** The oldest tag that is its own ancestor, if any (pairs, not paths: ends on loops). */
const OLDEST_TAG_IN_A_LOOP = `
  WITH RECURSIVE up(start_id, id) AS (
    SELECT id, parent_id FROM tag WHERE parent_id IS NOT NULL
    UNION SELECT up.start_id, t.parent_id FROM up JOIN tag t ON t.id = up.id WHERE t.parent_id IS NOT NULL
  )
  SELECT t.id, t.project_id, p.workspace_id, t.name FROM tag t JOIN project p ON p.id = t.project_id
   WHERE t.id IN (SELECT start_id FROM up WHERE id = start_id)
   ORDER BY t.created_at, t.id LIMIT 1`;

async function breakLoops(queryRunner: QueryRunner): Promise<void> {
  // Each round removes one parent link, so this ends.
  for (;;) {
    const [tag] = (await queryRunner.query(OLDEST_TAG_IN_A_LOOP)) as TagRow[];
    if (!tag) return;
    await queryRunner.query(`UPDATE tag SET parent_id = NULL WHERE id = $1`, [tag.id]);
    await log(
      queryRunner,
      tag,
      'tag.moved',
      `The tag “${tag.name}” was moved to the top level: its parent tags led back to itself (two moves made at the same moment).`,
      { tagId: tag.id, parentId: null, repaired: 'loop' },
    );
  }
}

async function renameCaseDuplicates(queryRunner: QueryRunner): Promise<void> {
  const rows = (await queryRunner.query(
    `SELECT t.id, t.project_id, p.workspace_id, t.name, first.name AS kept,
            row_number() OVER (PARTITION BY t.project_id, lower(t.name) ORDER BY t.created_at, t.id)::int AS n
       FROM tag t JOIN project p ON p.id = t.project_id
       JOIN LATERAL (SELECT o.name FROM tag o WHERE o.project_id = t.project_id AND lower(o.name) = lower(t.name)
                      ORDER BY o.created_at, o.id LIMIT 1) first ON true
      WHERE (t.project_id, lower(t.name)) IN (SELECT project_id, lower(name) FROM tag GROUP BY 1, 2 HAVING count(*) > 1)
      ORDER BY t.project_id, lower(t.name), n`,
  )) as (TagRow & { kept: string; n: number })[];
  for (const tag of rows) {
    if (tag.n === 1) continue;
    for (let k = tag.n; ; k++) {
      const suffix = ` (${k})`;
      const name = `${tag.name.slice(0, 100 - suffix.length).trimEnd()}${suffix}`;
      const taken = (await queryRunner.query(
        `SELECT 1 FROM tag WHERE project_id = $1 AND lower(name) = lower($2)`,
        [tag.project_id, name],
      )) as unknown[];
      if (taken.length) continue;
      await queryRunner.query(`UPDATE tag SET name = $2 WHERE id = $1`, [tag.id, name]);
      await log(
        queryRunner,
        tag,
        'tag.renamed',
        `The tag “${tag.name}” was renamed “${name}”: tag names are now unique regardless of case, and “${tag.kept}” came first. Merge the two if they are the same code.`,
        { tagId: tag.id, from: tag.name, to: name },
      );
      break;
    }
  }
}

async function log(
  queryRunner: QueryRunner,
  tag: TagRow,
  verb: string,
  summary: string,
  data: Record<string, unknown>,
): Promise<void> {
  await queryRunner.query(
    `INSERT INTO activity (workspace_id, project_id, actor_id, verb, summary, data) VALUES ($1, $2, NULL, $3, $4, $5::jsonb)`,
    [tag.workspace_id, tag.project_id, verb, summary.slice(0, 500), JSON.stringify(data)],
  );
}
