import { type MigrationInterface, type QueryRunner } from 'typeorm';
import { isGenericSpeakerLabel } from './frozen/generic-speaker-label';

/**
 * Generic speaker labels ("Speaker 1", SPEAKER_00, "Unknown Speaker") become per-transcript
 * participants (`participant.transcript_id`), and speaker mappings ("Speaker 1 of interview 3 is
 * Maria") are recorded so that they can be undone (`speaker_mapping`). Participants that earlier
 * imports had merged across transcripts are split again, see splitGenericSpeakers.
 */
export class SpeakerScopes1796588004992 implements MigrationInterface {
  name = 'SpeakerScopes1796588004992';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."IDX_d93f7d5f275f1aa19148e9b19a"`);
    await queryRunner.query(
      `CREATE TABLE "speaker_mapping" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "project_id" uuid NOT NULL, "transcript_id" uuid NOT NULL, "source_participant_id" uuid NOT NULL, "target_participant_id" uuid NOT NULL, "segment_ids" uuid array NOT NULL, "added_attributes" jsonb NOT NULL DEFAULT '[]', "created_by_id" uuid, "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "undone_at" TIMESTAMP(3) WITH TIME ZONE, "undone_by_id" uuid, CONSTRAINT "PK_4b7d2302cfefc68492ac55e0798" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_118a7584a075ba9f276b31f15f" ON "speaker_mapping"  ("target_participant_id") `,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_51438b46801d06fea77f7e41e1" ON "speaker_mapping"  ("project_id", "created_at") `,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "IDX_speaker_mapping_active" ON "speaker_mapping"  ("transcript_id", "source_participant_id") WHERE "undone_at" IS NULL`,
    );
    await queryRunner.query(`ALTER TABLE "participant" ADD "transcript_id" uuid`);
    await queryRunner.query(
      `CREATE UNIQUE INDEX "IDX_participant_transcript_label" ON "participant"  ("transcript_id", "label") WHERE "transcript_id" IS NOT NULL`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "IDX_participant_project_label" ON "participant"  ("project_id", "label") WHERE "transcript_id" IS NULL`,
    );
    await queryRunner.query(
      `ALTER TABLE "speaker_mapping" ADD CONSTRAINT "FK_79b373332384001ac41366fd30c" FOREIGN KEY ("project_id") REFERENCES "project"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "speaker_mapping" ADD CONSTRAINT "FK_32eefbd1c4fb12e5a765cc51737" FOREIGN KEY ("transcript_id") REFERENCES "transcript"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "speaker_mapping" ADD CONSTRAINT "FK_072836356b7874954a3121807c1" FOREIGN KEY ("source_participant_id") REFERENCES "participant"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "speaker_mapping" ADD CONSTRAINT "FK_118a7584a075ba9f276b31f15ff" FOREIGN KEY ("target_participant_id") REFERENCES "participant"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await splitGenericSpeakers((sql, params) => queryRunner.query(sql, params));
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "speaker_mapping" DROP CONSTRAINT "FK_118a7584a075ba9f276b31f15ff"`,
    );
    await queryRunner.query(
      `ALTER TABLE "speaker_mapping" DROP CONSTRAINT "FK_072836356b7874954a3121807c1"`,
    );
    await queryRunner.query(
      `ALTER TABLE "speaker_mapping" DROP CONSTRAINT "FK_32eefbd1c4fb12e5a765cc51737"`,
    );
    await queryRunner.query(
      `ALTER TABLE "speaker_mapping" DROP CONSTRAINT "FK_79b373332384001ac41366fd30c"`,
    );
    await queryRunner.query(`DROP INDEX "public"."IDX_participant_project_label"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_participant_transcript_label"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_speaker_mapping_active"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_51438b46801d06fea77f7e41e1"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_118a7584a075ba9f276b31f15f"`);
    await queryRunner.query(`DROP TABLE "speaker_mapping"`);
    // The old schema has one participant per label and project: merge the per-transcript ones
    // back into the project-wide one (or the earliest), turns and highlights included.
    const keeper = `WITH ranked AS (
        SELECT id, first_value(id) OVER (PARTITION BY project_id, label
                 ORDER BY transcript_id IS NOT NULL, created_at, id) AS keeper_id
          FROM participant)`;
    await queryRunner.query(`${keeper} UPDATE "segment" s SET "participant_id" = r.keeper_id
        FROM ranked r WHERE s."participant_id" = r.id AND r.id <> r.keeper_id`);
    await queryRunner.query(`${keeper} UPDATE "highlight" h SET "participant_id" = r.keeper_id
        FROM ranked r WHERE h."participant_id" = r.id AND r.id <> r.keeper_id`);
    await queryRunner.query(
      `${keeper} DELETE FROM "participant" p USING ranked r WHERE p.id = r.id AND r.id <> r.keeper_id`,
    );
    await queryRunner.query(`ALTER TABLE "participant" DROP COLUMN "transcript_id"`);
    await queryRunner.query(
      `CREATE UNIQUE INDEX "IDX_d93f7d5f275f1aa19148e9b19a" ON "participant"  ("project_id", "label") `,
    );
  }
}

interface LegacyParticipant {
  id: string;
  project_id: string;
  label: string;
  display_name: string;
  is_interviewer: boolean;
  color: string;
  attributes: unknown[];
}

type Run = (sql: string, params?: unknown[]) => Promise<unknown>;

/**
 * Before this migration, a generic label was one participant per project, so "Speaker 1" of
 * every interview was one person. Each such participant is split by transcript:
 * - the first transcript it speaks in (by upload time) keeps it: same id, now scoped there;
 * - every further transcript gets a participant of its own (same label, colour and interviewer
 *   flag) and its turns and highlight attributions move to it;
 * - except when people had renamed the participant or given it attributes: that says they took
 *   it for one person, so nothing moves; each further transcript's speaker is recorded as
 *   mapped onto it instead, and can be undone like any mapping.
 * Generic participants without turns stay project-wide. Nothing is deleted. `projectIds`
 * limits the split to some projects (tests).
 */
export async function splitGenericSpeakers(
  run: Run,
  projectIds?: string[],
): Promise<{ split: number; mapped: number }> {
  const rows = (await run(
    `SELECT id, project_id, label, display_name, is_interviewer, color, attributes
       FROM "participant" WHERE "transcript_id" IS NULL ${projectIds ? 'AND project_id = ANY($1::uuid[])' : ''}
      ORDER BY created_at, id`,
    projectIds ? [projectIds] : [],
  )) as LegacyParticipant[];
  let split = 0;
  let mapped = 0;
  for (const p of rows.filter((r) => isGenericSpeakerLabel(r.label))) {
    const transcripts = (await run(
      `SELECT s.transcript_id FROM "segment" s JOIN "transcript" t ON t.id = s.transcript_id
        WHERE s.participant_id = $1 GROUP BY s.transcript_id, t.created_at ORDER BY t.created_at, s.transcript_id`,
      [p.id],
    )) as { transcript_id: string }[];
    const [first, ...rest] = transcripts;
    if (!first) continue;
    await run(`UPDATE "participant" SET "transcript_id" = $2 WHERE id = $1`, [
      p.id,
      first.transcript_id,
    ]);
    const namedByPeople = p.display_name !== p.label || p.attributes.length > 0;
    for (const { transcript_id: transcriptId } of rest) {
      const [copy] = (await run(
        `INSERT INTO "participant" (project_id, transcript_id, label, display_name, is_interviewer, color)
         VALUES ($1, $2, $3, $3, $4, $5) RETURNING id`,
        [p.project_id, transcriptId, p.label, p.is_interviewer, p.color],
      )) as { id: string }[];
      if (namedByPeople) {
        await run(
          `INSERT INTO "speaker_mapping" (project_id, transcript_id, source_participant_id, target_participant_id, segment_ids)
           SELECT $1, $2, $3, $4, coalesce(array_agg(id ORDER BY index), '{}')
             FROM "segment" WHERE transcript_id = $2 AND participant_id = $4`,
          [p.project_id, transcriptId, copy!.id, p.id],
        );
        mapped++;
      } else {
        for (const table of ['segment', 'highlight'])
          await run(
            `UPDATE "${table}" SET participant_id = $3 WHERE transcript_id = $2 AND participant_id = $1`,
            [p.id, transcriptId, copy!.id],
          );
        split++;
      }
    }
  }
  return { split, mapped };
}
