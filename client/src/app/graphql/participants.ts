import { gql } from 'apollo-angular';

export interface Participant {
  id: string;
  projectId: string;
  /** Set for a generic speaker ("Speaker 1"): the one transcript it speaks in. */
  transcriptId: string | null;
  transcriptTitle: string | null;
  label: string;
  displayName: string;
  color: string;
  isInterviewer: boolean;
  segmentCount: number;
  /** What the team knows of them: role, segment, company, or any key it adds. */
  attributes: ParticipantAttribute[];
}

export interface ParticipantAttribute {
  key: string;
  value: string;
}

export interface UpdateParticipantInput {
  id: string;
  displayName?: string | null;
  isInterviewer?: boolean | null;
  /** Replaces all of them. */
  attributes?: ParticipantAttribute[] | null;
}

const PARTICIPANT_FIELDS = `
  id
  projectId
  transcriptId
  transcriptTitle
  label
  displayName
  color
  isInterviewer
  segmentCount
  attributes {
    key
    value
  }
`;

export const PARTICIPANTS = gql<{ participants: Participant[] }, { projectId: string }>`
  query Participants($projectId: ID!) {
    participants(projectId: $projectId) {
      ${PARTICIPANT_FIELDS}
    }
  }
`;

export const UPDATE_PARTICIPANT = gql<
  { updateParticipant: Participant },
  { input: UpdateParticipantInput }
>`
  mutation UpdateParticipant($input: UpdateParticipantInput!) {
    updateParticipant(input: $input) {
      ${PARTICIPANT_FIELDS}
    }
  }
`;

/** "Speaker 1 of interview 3 is Maria". */
export interface SpeakerMapping {
  id: string;
  transcriptId: string;
  transcriptTitle: string;
  turnCount: number;
  createdAt: string;
  createdBy: { id: string; name: string } | null;
  source: Participant;
  target: Participant;
}

const MAPPING_FIELDS = `
  id
  transcriptId
  transcriptTitle
  turnCount
  createdAt
  createdBy {
    id
    name
  }
  source {
    ${PARTICIPANT_FIELDS}
  }
  target {
    ${PARTICIPANT_FIELDS}
  }
`;

export interface SpeakerMappingFilter {
  projectId?: string | null;
  transcriptId?: string | null;
}

export const SPEAKER_MAPPINGS = gql<
  { speakerMappings: { totalCount: number; edges: { node: SpeakerMapping }[] } },
  { filter: SpeakerMappingFilter; first?: number }
>`
  query SpeakerMappings($filter: SpeakerMappingFilter!, $first: Int) {
    speakerMappings(filter: $filter, first: $first) {
      totalCount
      edges {
        node {
          ${MAPPING_FIELDS}
        }
      }
    }
  }
`;

export interface MapSpeakerInput {
  transcriptId: string;
  participantId: string;
  targetParticipantId: string;
}

export const MAP_SPEAKER = gql<{ mapSpeaker: SpeakerMapping }, { input: MapSpeakerInput }>`
  mutation MapSpeaker($input: MapSpeakerInput!) {
    mapSpeaker(input: $input) {
      ${MAPPING_FIELDS}
    }
  }
`;

export const UNDO_SPEAKER_MAPPING = gql<
  { undoSpeakerMapping: { id: string; undoneAt: string | null } },
  { input: { id: string } }
>`
  mutation UndoSpeakerMapping($input: UndoSpeakerMappingInput!) {
    undoSpeakerMapping(input: $input) {
      id
      undoneAt
    }
  }
`;

/**
 * How a participant is named where speakers of several interviews meet (lists, pickers): a
 * generic speaker nobody has named yet says which interview it is from.
 */
export function participantName(
  p: Pick<Participant, 'displayName' | 'label' | 'transcriptTitle'>,
): string {
  return p.transcriptTitle && p.displayName === p.label
    ? `${p.displayName} (${p.transcriptTitle})`
    : p.displayName;
}

export { PARTICIPANT_FIELDS };
