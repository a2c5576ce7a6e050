import type { ParticipantFragment } from '@verbatim/contracts';

/**
 * How a participant is named where speakers of several interviews meet (lists, pickers): a
 * generic speaker nobody has named yet says which interview it is from.
 */
export function participantName(
  p: Pick<ParticipantFragment, 'displayName' | 'label' | 'transcriptTitle'>,
): string {
  return p.transcriptTitle && p.displayName === p.label
    ? `${p.displayName} (${p.transcriptTitle})`
    : p.displayName;
}
