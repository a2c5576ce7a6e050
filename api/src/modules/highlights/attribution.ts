import { type EntityManager } from 'typeorm';
import { executeSql } from '../../database/sql';

/**
 * The participant a highlight is attributed to: the first covered turn whose participant is not
 * an interviewer, else the start turn's. `h` is the highlight, `s1`/`s2` its start/end turns.
 */
export const ATTRIBUTED_PARTICIPANT = `coalesce(
  (SELECT s.participant_id FROM segment s JOIN participant p ON p.id = s.participant_id
    WHERE s.transcript_id = h.transcript_id AND s.index BETWEEN s1.index AND s2.index AND NOT p.is_interviewer
    ORDER BY s.index LIMIT 1),
  s1.participant_id)`;

/**
 * Recomputes the denormalised `highlight.participant_id` of the highlights matching `where`
 * (SQL over `h`, `s1`, `s2`), inside the caller's transaction.
 */
export async function refreshAttribution(
  tx: EntityManager,
  where: string,
  params: unknown[],
): Promise<void> {
  await executeSql(
    tx,
    `UPDATE highlight h SET participant_id = ${ATTRIBUTED_PARTICIPANT}
       FROM segment s1, segment s2
      WHERE s1.id = h.start_segment_id AND s2.id = h.end_segment_id AND (${where})`,
    params,
  );
}
