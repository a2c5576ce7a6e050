import { type DataSource } from 'typeorm';
import { executeSql, queryOneRow } from '../../database/sql';

/** The new turns of one transcript, column by column, from index `from` on. */
export interface TurnColumns {
  transcriptId: string;
  projectId: string;
  tsConfig: string;
  from: number;
  speakers: (string | null)[];
  participantIds: (string | null)[];
  startMs: (number | null)[];
  endMs: (number | null)[];
  texts: string[];
}

/** A turn would point at a transcript or a speaker it may not (the ingest is then a server error). */
export class TurnParentError extends Error {}

const INSERT = `INSERT INTO segment (transcript_id, index, speaker, participant_id, start_ms, end_ms, text, ts_config)
  SELECT $1, ord - 1 + $2, speaker, participant_id, start_ms, end_ms, text, $8
    FROM unnest($3::text[], $4::uuid[], $5::int[], $6::int[], $7::text[])
         WITH ORDINALITY AS s(speaker, participant_id, start_ms, end_ms, text, ord)`;

/**
 * Whether this connection may skip the row-by-row foreign-key checks of `segment` for a statement
 * (session_replication_role is a superuser setting: true on the embedded database, and on a
 * PostgreSQL whose role is a superuser).
 */
export async function canCheckTurnParentsOnce(db: DataSource): Promise<boolean> {
  const row = await queryOneRow<{ allowed: boolean }>(
    db,
    `SELECT current_setting('is_superuser') = 'on' AS allowed`,
  );
  return row.allowed;
}

/**
 * Inserts a batch of turns in one statement.
 *
 * Each turn's two foreign keys (transcript, participant) are otherwise checked row by row by
 * PostgreSQL's triggers, about a third of the INSERT's time on the embedded database. When
 * `checkOnce` (see canCheckTurnParentsOnce), they are checked once for the batch instead, in the
 * same transaction and under the same locks the triggers take (FOR KEY SHARE on the transcript
 * and on every participant named, so neither can be deleted before COMMIT), and the INSERT runs
 * with session_replication_role = replica, which fires no trigger on `segment` (set for the
 * transaction only, by the checking statement: back to normal at COMMIT or ROLLBACK; a failed
 * check throws, which rolls it back). The check is stricter than the keys: the transcript
 * must belong to `projectId`, and each participant to that project, either project-wide or this
 * transcript's own. No trigger on `segment` but the foreign keys' acts on INSERT (a test holds
 * this: a new one would be skipped here).
 */
export async function insertTurns(
  db: DataSource,
  turns: TurnColumns,
  checkOnce: boolean,
): Promise<void> {
  const params = [
    turns.transcriptId,
    turns.from,
    turns.speakers,
    turns.participantIds,
    turns.startMs,
    turns.endMs,
    turns.texts,
    turns.tsConfig,
  ];
  if (!checkOnce) {
    await executeSql(db, INSERT, params);
    return;
  }
  const participants = [...new Set(turns.participantIds.filter((id) => id !== null))];
  await db.transaction(async (tx) => {
    const found = await queryOneRow<{ transcripts: number; participants: number }>(
      tx,
      `SELECT (SELECT count(*) FROM (SELECT 1 FROM transcript
                 WHERE id = $1 AND project_id = $2 FOR KEY SHARE) t)::int AS transcripts,
              (SELECT count(*) FROM (SELECT 1 FROM participant
                 WHERE id = ANY($3::uuid[]) AND project_id = $2
                   AND (transcript_id IS NULL OR transcript_id = $1) FOR KEY SHARE) p)::int AS participants,
              set_config('session_replication_role', 'replica', true) AS role`,
      [turns.transcriptId, turns.projectId, participants],
    );
    if (found.transcripts !== 1)
      throw new TurnParentError(`transcript ${turns.transcriptId} is not in the project`);
    if (found.participants !== participants.length)
      throw new TurnParentError(
        `turns of transcript ${turns.transcriptId} name a speaker of another transcript or project`,
      );
    await executeSql(tx, INSERT, params);
  });
}
