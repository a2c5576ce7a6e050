import { gql } from 'apollo-angular';

export interface Participant {
  id: string;
  projectId: string;
  label: string;
  displayName: string;
  color: string;
  isInterviewer: boolean;
  segmentCount: number;
}

export interface UpdateParticipantInput {
  id: string;
  displayName?: string | null;
  isInterviewer?: boolean | null;
}

const PARTICIPANT_FIELDS = `
  id
  projectId
  label
  displayName
  color
  isInterviewer
  segmentCount
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

export { PARTICIPANT_FIELDS };
