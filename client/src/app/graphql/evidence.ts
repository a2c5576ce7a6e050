import { gql } from 'apollo-angular';
import type { Tag } from './codebook';
import { TAG_FIELDS } from './codebook';
import type { Connection, DateTime, PageVariables } from './types';

export type TagMatch = 'ANY' | 'ALL';
export type HighlightOrder = 'RECENT' | 'TRANSCRIPT' | 'PARTICIPANT';
export type MatrixAxis = 'PARTICIPANT' | 'TRANSCRIPT';

export interface ParticipantAttribute {
  key: string;
  value: string;
}

/** The api's HighlightFilter: every listed condition must hold; a tag includes its sub-tags. */
export interface HighlightFilterInput {
  projectId: string;
  tagIds?: string[] | null;
  tagMatch?: TagMatch | null;
  transcriptIds?: string[] | null;
  participantIds?: string[] | null;
  participantAttributes?: ParticipantAttribute[] | null;
  authorIds?: string[] | null;
  createdAfter?: DateTime | null;
  createdBefore?: DateTime | null;
}

/** A highlight as a line of evidence: the quote with who said it, where and when. */
export interface EvidenceHighlight {
  id: string;
  quote: string;
  note: string | null;
  createdAt: DateTime;
  author: { id: string; name: string } | null;
  tags: { id: string; name: string; color: string }[];
  transcript: { id: string; title: string };
  participant: { id: string; displayName: string; color: string } | null;
  startIndex: number;
  startMs: number | null;
  needsAttention: boolean;
}

export interface TagEvidence {
  tag: Tag;
  highlightCount: number;
  participantCount: number;
  transcriptCount: number;
}

export interface TagMatrix {
  tags: Tag[];
  columns: { id: string; label: string }[];
  /** Only where count > 0. */
  cells: { tagId: string; columnId: string; count: number }[];
  max: number;
}

/** A speaker with the attributes the filters offer (segment, role, region…). */
export interface FilterParticipant {
  id: string;
  displayName: string;
  label: string;
  /** Set for a generic speaker ("Speaker 1") of one transcript. */
  transcriptTitle: string | null;
  color: string;
  isInterviewer: boolean;
  attributes: ParticipantAttribute[];
}

export const EVIDENCE_HIGHLIGHTS = gql<
  { highlights: Connection<EvidenceHighlight> },
  PageVariables & { filter: HighlightFilterInput; orderBy: HighlightOrder }
>`
  query EvidenceHighlights(
    $filter: HighlightFilter!
    $orderBy: HighlightOrder
    $first: Int
    $after: String
  ) {
    highlights(filter: $filter, orderBy: $orderBy, first: $first, after: $after) {
      totalCount
      pageInfo {
        endCursor
        hasNextPage
      }
      edges {
        cursor
        node {
          id
          quote
          note
          createdAt
          author {
            id
            name
          }
          tags {
            id
            name
            color
          }
          transcript {
            id
            title
          }
          participant {
            id
            displayName
            color
          }
          startIndex
          startMs
          needsAttention
        }
      }
    }
  }
`;

export const TAG_EVIDENCE = gql<{ tagEvidence: TagEvidence[] }, { filter: HighlightFilterInput }>`
  query TagEvidence($filter: HighlightFilter!) {
    tagEvidence(filter: $filter) {
      tag {
        ${TAG_FIELDS}
      }
      highlightCount
      participantCount
      transcriptCount
    }
  }
`;

export const TAG_MATRIX = gql<
  { tagMatrix: TagMatrix },
  { filter: HighlightFilterInput; by: MatrixAxis }
>`
  query TagMatrix($filter: HighlightFilter!, $by: MatrixAxis) {
    tagMatrix(filter: $filter, by: $by) {
      tags {
        ${TAG_FIELDS}
      }
      columns {
        id
        label
      }
      cells {
        tagId
        columnId
        count
      }
      max
    }
  }
`;

/** What the filter bar offers: speakers with attributes, transcripts and the people who highlight. */
export const FILTER_OPTIONS = gql<
  {
    participants: FilterParticipant[];
    transcripts: Connection<{ id: string; title: string }>;
  },
  { projectId: string }
>`
  query FilterOptions($projectId: ID!) {
    participants(projectId: $projectId) {
      id
      displayName
      label
      transcriptTitle
      color
      isInterviewer
      attributes {
        key
        value
      }
    }
    transcripts(projectId: $projectId, first: 100) {
      totalCount
      pageInfo {
        endCursor
        hasNextPage
      }
      edges {
        cursor
        node {
          id
          title
        }
      }
    }
  }
`;
