import type { ParticipantFragment as Participant } from '@verbatim/contracts';

const fold = (s: string) => s.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase();

/**
 * Participants whose name, label or interview contains every word typed (ignoring case and
 * accents): named people first, then generic speakers of other interviews, each by name.
 */
export function filterParticipants(
  participants: readonly Participant[],
  query: string,
): Participant[] {
  const words = fold(query).split(/\s+/).filter(Boolean);
  return participants
    .filter((p) => {
      const text = fold(`${p.displayName} ${p.label} ${p.transcriptTitle ?? ''}`);
      return words.every((w) => text.includes(w));
    })
    .sort(
      (a, b) =>
        Number(a.transcriptId !== null) - Number(b.transcriptId !== null) ||
        a.displayName.localeCompare(b.displayName) ||
        (a.transcriptTitle ?? '').localeCompare(b.transcriptTitle ?? ''),
    );
}
