import { type DataSource } from 'typeorm';
import { notFound } from '../../common/errors/domain-error';
import { queryRows } from '../../database/sql';
import { type ParticipantsService } from '../participants/participants.service';
import { type SegmentRow, segmentColumns, toSegmentType } from '../transcripts/segment-row';
import { type SegmentType } from '../transcripts/transcripts.types';

export type EditedSegment = SegmentType & { editedAt: Date | null };

/** Turns as an edit answers them (with their speaker and when they were last edited), in order of `ids`. */
export async function segmentViews(
  db: DataSource,
  participants: ParticipantsService,
  ids: string[],
): Promise<EditedSegment[]> {
  const rows = await queryRows<SegmentRow>(
    db,
    `SELECT ${segmentColumns()} FROM segment WHERE id = ANY($1::uuid[])`,
    [ids],
  );
  const speakers = await participants.byIds([
    ...new Set(rows.flatMap((r) => (r.participant_id ? [r.participant_id] : []))),
  ]);
  const speaker = new Map(speakers.map((p) => [p.id, p]));
  const byId = new Map(rows.map((s) => [s.id, s]));
  return ids.map((id) => {
    const s = byId.get(id);
    if (!s) throw notFound('Segment');
    return {
      ...toSegmentType(s),
      participant: (s.participant_id && speaker.get(s.participant_id)) || null,
    };
  });
}
