import { describe, expect, it } from 'vitest';
import type { ParticipantFragment as Participant } from '@verbatim/contracts';
import { participantName } from '../../shared/participant-name';
import { filterParticipants } from './speaker-filter';

const person = (
  displayName: string,
  scope: { label?: string; transcriptTitle?: string } = {},
): Participant => ({
  id: `${displayName}-${scope.transcriptTitle ?? 'project'}`,
  projectId: 'p',
  transcriptId: scope.transcriptTitle ? `t-${scope.transcriptTitle}` : null,
  transcriptTitle: scope.transcriptTitle ?? null,
  label: scope.label ?? displayName,
  displayName,
  color: '#000000',
  isInterviewer: false,
  segmentCount: 1,
  attributes: [],
});

describe('filterParticipants', () => {
  const all = [
    person('Speaker 1', { transcriptTitle: 'Interview 3' }),
    person('Maria López'),
    person('Speaker 1', { transcriptTitle: 'Interview 1' }),
    person('Aiko', { label: 'Speaker 2', transcriptTitle: 'Interview 1' }),
    person('Jonas'),
  ];

  it('lists named people first, then generic speakers by name and interview', () => {
    expect(filterParticipants(all, '').map(participantName)).toEqual([
      'Jonas',
      'Maria López',
      'Aiko',
      'Speaker 1 (Interview 1)',
      'Speaker 1 (Interview 3)',
    ]);
  });

  it('finds by any typed words, ignoring case and accents, in name, label or interview', () => {
    expect(filterParticipants(all, 'lopez').map((p) => p.displayName)).toEqual(['Maria López']);
    expect(filterParticipants(all, 'speaker 2').map((p) => p.displayName)).toEqual(['Aiko']);
    expect(filterParticipants(all, 'interview 3').map(participantName)).toEqual([
      'Speaker 1 (Interview 3)',
    ]);
    expect(filterParticipants(all, 'nobody')).toEqual([]);
  });
});

describe('participantName', () => {
  it('says which interview an unnamed generic speaker is from, and nothing more for names', () => {
    expect(participantName(person('Speaker 1', { transcriptTitle: 'Interview 3' }))).toBe(
      'Speaker 1 (Interview 3)',
    );
    expect(
      participantName(person('Aiko', { label: 'Speaker 2', transcriptTitle: 'Interview 1' })),
    ).toBe('Aiko');
    expect(participantName(person('Maria'))).toBe('Maria');
  });
});
