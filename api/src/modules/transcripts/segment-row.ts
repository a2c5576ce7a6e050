import { type SegmentType } from './transcripts.types';

/** A turn as the api reads it from `segment` (never its tsvector). */
export interface SegmentRow {
  id: string;
  index: number;
  speaker: string | null;
  participant_id: string | null;
  start_ms: number | null;
  end_ms: number | null;
  text: string;
  edited_at: Date | null;
}

/** The columns of a SegmentRow, for a SELECT list (`s.` prefixed with `prefix = 's.'`). */
export const segmentColumns = (prefix = '') =>
  ['id', 'index', 'speaker', 'participant_id', 'start_ms', 'end_ms', 'text', 'edited_at']
    .map((c) => `${prefix}${c}`)
    .join(', ');

export const toSegmentType = (s: SegmentRow): SegmentType & { editedAt: Date | null } => ({
  id: s.id,
  index: s.index,
  speaker: s.speaker,
  participantId: s.participant_id,
  startMs: s.start_ms,
  endMs: s.end_ms,
  text: s.text,
  editedAt: s.edited_at,
});
