import type {
  ParticipantFragment as Participant,
  SegmentFragment as Segment,
} from '@verbatim/contracts';
import { formatTimestamp } from '../../shared/format';

export const UNKNOWN_SPEAKER = 'Unknown speaker';
const NEUTRAL_COLOR = '#8a909a';

/** One speaker turn as the reader renders it. */
export interface Turn {
  id: string;
  index: number;
  speaker: string;
  time: string;
  color: string;
  interviewer: boolean;
  text: string;
  participantId: string | null;
}

/** The participant's chosen name, else the label from the file, else "Unknown speaker". */
export function speakerName(
  segment: Pick<Segment, 'speaker'>,
  participant: Pick<Participant, 'displayName'> | undefined,
): string {
  return participant?.displayName.trim() || segment.speaker?.trim() || UNKNOWN_SPEAKER;
}

export function toTurns(
  segments: readonly Segment[],
  participants: readonly Participant[],
): Turn[] {
  const byId = new Map(participants.map((p) => [p.id, p]));
  return segments.map((segment) => {
    const participant = segment.participant ? byId.get(segment.participant.id) : undefined;
    return {
      id: segment.id,
      index: segment.index,
      speaker: speakerName(segment, participant),
      time: formatTimestamp(segment.startMs),
      color: participant?.color || NEUTRAL_COLOR,
      interviewer: participant?.isInterviewer ?? false,
      text: segment.text,
      participantId: segment.participant?.id ?? null,
    };
  });
}

/** Count of distinct speakers that actually have turns. */
export function speakerCount(turns: readonly Turn[]): number {
  return new Set(turns.map((t) => t.speaker)).size;
}
