import { type DataSource } from 'typeorm';
import { notFound } from '../../common/errors/domain-error';
import { queryRows } from '../../database/sql';
import { type ParticipantsService } from '../participants/participants.service';
import { type SegmentType } from '../transcripts/transcripts.types';

export type EditedSegment = SegmentType & { editedAt: Date | null };

interface SegmentRow {
  id: string;
  index: number;
  speaker: string | null;
  participant_id: string | null;
  start_ms: number | null;
  end_ms: number | null;
  text: string;
  edited_at: Date | null;
}

/** Turns as an edit answers them (with their speaker and when they were last edited), in order of `ids`. */
export async function segmentViews(
  db: DataSource,
  participants: ParticipantsService,
  ids: string[],
): Promise<EditedSegment[]> {
  const rows = await queryRows<SegmentRow>(
    db,
    `SELECT id, index, speaker, participant_id, start_ms, end_ms, text, edited_at FROM segment WHERE id = ANY($1::uuid[])`,
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
      id: s.id,
      index: s.index,
      speaker: s.speaker,
      participantId: s.participant_id,
      participant: (s.participant_id && speaker.get(s.participant_id)) || null,
      startMs: s.start_ms,
      endMs: s.end_ms,
      text: s.text,
      editedAt: s.edited_at,
    };
  });
}
