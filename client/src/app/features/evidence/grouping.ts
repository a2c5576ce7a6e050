import type { EvidenceHighlightsQuery } from '@verbatim/contracts';

type EvidenceHighlight = EvidenceHighlightsQuery['highlights']['edges'][number]['node'];

export type GroupBy = 'transcript' | 'participant';

export interface HighlightGroup {
  /** Transcript or participant id; '' for highlights attributed to nobody. */
  key: string;
  label: string;
  color: string | null;
  highlights: EvidenceHighlight[];
}

export const UNATTRIBUTED = 'No speaker';

function keyOf(highlight: EvidenceHighlight, by: GroupBy): string {
  return by === 'transcript' ? highlight.transcript.id : (highlight.participant?.id ?? '');
}

/**
 * Groups highlights that arrive in group order (orderBy TRANSCRIPT or PARTICIPANT) by runs of
 * the same transcript or speaker. Pages are appended as they load, so a group continued on the
 * next page simply grows; a key that comes back after another one starts a new group rather than
 * reordering what the reader has already seen.
 */
export function groupConsecutive(
  highlights: readonly EvidenceHighlight[],
  by: GroupBy,
): HighlightGroup[] {
  const groups: HighlightGroup[] = [];
  let current: HighlightGroup | null = null;
  for (const highlight of highlights) {
    const key = keyOf(highlight, by);
    if (!current || current.key !== key) {
      current = {
        key,
        label:
          by === 'transcript'
            ? highlight.transcript.title
            : (highlight.participant?.displayName ?? UNATTRIBUTED),
        color: by === 'participant' ? (highlight.participant?.color ?? null) : null,
        highlights: [],
      };
      groups.push(current);
    }
    current.highlights.push(highlight);
  }
  return groups;
}

/** 83_000 → "01:23"; 4_000_000 → "1:06:40". Empty when the source had no times. */
export function formatClock(ms: number | null | undefined): string {
  if (ms === null || ms === undefined || !Number.isFinite(ms) || ms < 0) return '';
  const total = Math.floor(ms / 1000);
  const hours = Math.floor(total / 3600);
  const mm = String(Math.floor((total % 3600) / 60)).padStart(2, '0');
  const ss = String(total % 60).padStart(2, '0');
  return hours > 0 ? `${hours}:${mm}:${ss}` : `${mm}:${ss}`;
}

/** Router commands and query for the reader scrolled to a highlight. */
export function readerLink(
  highlight: Pick<EvidenceHighlight, 'id' | 'startIndex' | 'transcript'>,
): {
  commands: string[];
  queryParams: { turn: number; highlight: string };
} {
  return {
    commands: ['/t', highlight.transcript.id],
    queryParams: { turn: highlight.startIndex, highlight: highlight.id },
  };
}
