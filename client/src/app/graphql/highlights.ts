import { gql } from 'apollo-angular';
import type { Connection, DateTime, User } from './types';

/** A position in a transcript: a turn and a UTF-16 offset into its text. */
export interface TextPosition {
  segmentId: string;
  offset: number;
}

export interface HighlightTag {
  id: string;
  name: string;
  color: string;
}

/** A highlight as the reader shows it. */
export interface ReaderHighlight {
  id: string;
  /** Exactly the transcript's text between start and end; turns joined by a line break. */
  quote: string;
  note: string | null;
  start: TextPosition;
  end: TextPosition;
  startIndex: number;
  /** Set when a correction of the transcript could not re-anchor it. */
  needsAttention: boolean;
  tags: HighlightTag[];
  author: Pick<User, 'id' | 'name'> | null;
  createdAt: DateTime;
}

export interface ProjectTag {
  id: string;
  projectId: string;
  name: string;
  color: string;
  description: string | null;
  parentId: string | null;
  archived: boolean;
  usageCount: number;
}

export interface CorrectedSegment {
  id: string;
  index: number;
  speaker: string | null;
  startMs: number | null;
  endMs: number | null;
  text: string;
  editedAt: DateTime | null;
  participant: { id: string } | null;
}

// Only what the reader shows; a page of 90 stays under the api's query cost limit.
const HIGHLIGHT_FIELDS = `
  id
  quote
  note
  start {
    segmentId
    offset
  }
  end {
    segmentId
    offset
  }
  startIndex
  needsAttention
  tags {
    id
    name
    color
  }
  author {
    id
    name
  }
  createdAt
`;

const TAG_FIELDS = `
  id
  projectId
  name
  color
  description
  parentId
  archived
  usageCount
`;

/** One page of a transcript's highlights; the reader pages through all of them. */
export const TRANSCRIPT_HIGHLIGHTS = gql<
  { highlights: Connection<ReaderHighlight> },
  { projectId: string; transcriptId: string; first: number; after: string | null }
>`
  query TranscriptHighlights($projectId: ID!, $transcriptId: ID!, $first: Int, $after: String) {
    highlights(
      filter: { projectId: $projectId, transcriptId: $transcriptId }
      first: $first
      after: $after
      orderBy: TRANSCRIPT
    ) {
      totalCount
      pageInfo {
        endCursor
        hasNextPage
      }
      edges {
        cursor
        node {
          ${HIGHLIGHT_FIELDS}
        }
      }
    }
  }
`;

export type ChangeKind = 'CREATED' | 'UPDATED' | 'DELETED';

/** A colleague (or this user, elsewhere) created, changed or deleted a highlight. */
export interface HighlightEvent {
  kind: ChangeKind;
  highlightId: string;
  /** As it is now; null once deleted. */
  highlight: ReaderHighlight | null;
}

export const HIGHLIGHT_CHANGED = gql<
  { highlightChanged: HighlightEvent },
  { transcriptId: string }
>`
  subscription HighlightChanged($transcriptId: ID!) {
    highlightChanged(transcriptId: $transcriptId) {
      kind
      highlightId
      highlight {
        ${HIGHLIGHT_FIELDS}
      }
    }
  }
`;

/** A tag of the codebook was created, changed, merged away or deleted. */
export interface CodebookEvent {
  kind: ChangeKind;
  tagId: string;
  /** Deleted by a merge: the tag its highlights now carry. */
  mergedIntoId: string | null;
  tag: ProjectTag | null;
}

export const CODEBOOK_CHANGED = gql<{ codebookChanged: CodebookEvent }, { projectId: string }>`
  subscription CodebookChanged($projectId: ID!) {
    codebookChanged(projectId: $projectId) {
      kind
      tagId
      mergedIntoId
      tag {
        ${TAG_FIELDS}
      }
    }
  }
`;

export const PROJECT_TAGS = gql<{ tags: ProjectTag[] }, { projectId: string }>`
  query ProjectTags($projectId: ID!) {
    tags(projectId: $projectId) {
      ${TAG_FIELDS}
    }
  }
`;

export const CREATE_TAG = gql<
  { createTag: ProjectTag },
  { input: { projectId: string; name: string; color?: string | null } }
>`
  mutation CreateTag($input: CreateTagInput!) {
    createTag(input: $input) {
      ${TAG_FIELDS}
    }
  }
`;

export interface CreateHighlightInput {
  transcriptId: string;
  start: TextPosition;
  end: TextPosition;
  tagIds?: string[] | null;
  note?: string | null;
}

export const CREATE_HIGHLIGHT = gql<
  { createHighlight: ReaderHighlight },
  { input: CreateHighlightInput }
>`
  mutation CreateHighlight($input: CreateHighlightInput!) {
    createHighlight(input: $input) {
      ${HIGHLIGHT_FIELDS}
    }
  }
`;

export const UPDATE_HIGHLIGHT = gql<
  { updateHighlight: ReaderHighlight },
  {
    input: {
      id: string;
      tagIds?: string[] | null;
      note?: string | null;
      start?: TextPosition | null;
      end?: TextPosition | null;
    };
  }
>`
  mutation UpdateHighlight($input: UpdateHighlightInput!) {
    updateHighlight(input: $input) {
      ${HIGHLIGHT_FIELDS}
    }
  }
`;

/** Answers with the id of the removed highlight. */
export const DELETE_HIGHLIGHT = gql<{ deleteHighlight: string }, { id: string }>`
  mutation DeleteHighlight($id: ID!) {
    deleteHighlight(id: $id)
  }
`;

/** What a correction, split or merge tells about the highlights touching the turns. */
export interface TurnEditReport {
  /** Highlights that still quote exactly what they cover. */
  reanchoredCount: number;
  /** Highlights that need attention; kept. */
  flagged: Pick<ReaderHighlight, 'id' | 'quote'>[];
}

export interface SegmentCorrection extends TurnEditReport {
  segment: CorrectedSegment;
}

/** An editor fixes a turn's text or speaker; highlights touching it are re-anchored. */
export const CORRECT_SEGMENT = gql<
  { correctSegment: SegmentCorrection },
  { input: { segmentId: string; text?: string | null; participantId?: string | null } }
>`
  mutation CorrectSegment($input: CorrectSegmentInput!) {
    correctSegment(input: $input) {
      segment {
        id
        index
        speaker
        startMs
        endMs
        text
        editedAt
        participant {
          id
        }
      }
      reanchoredCount
      flagged {
        id
        quote
      }
    }
  }
`;

export interface SegmentSplit extends TurnEditReport {
  /** The split turn, with the text before the cut. */
  first: CorrectedSegment;
  /** The new turn right after it, with the rest. */
  second: CorrectedSegment;
}

export interface SegmentMerge extends TurnEditReport {
  /** The first turn, now holding both texts. */
  segment: CorrectedSegment;
  /** The turn merged in; it no longer exists. */
  removedSegmentId: string;
}

const EDITED_SEGMENT_FIELDS = `
  id
  index
  speaker
  startMs
  endMs
  text
  editedAt
  participant {
    id
  }
`;

/** An editor splits a turn in two at an offset of its text; every later turn is numbered one higher. */
export const SPLIT_SEGMENT = gql<
  { splitSegment: SegmentSplit },
  { input: { segmentId: string; offset: number } }
>`
  mutation SplitSegment($input: SplitSegmentInput!) {
    splitSegment(input: $input) {
      first {
        ${EDITED_SEGMENT_FIELDS}
      }
      second {
        ${EDITED_SEGMENT_FIELDS}
      }
      reanchoredCount
      flagged {
        id
        quote
      }
    }
  }
`;

/**
 * An editor merges a turn with the next one; `secondSegmentId` is the turn the reader shows
 * after it (the api refuses the merge if someone split or merged there meanwhile).
 */
export const MERGE_SEGMENTS = gql<
  { mergeSegments: SegmentMerge },
  { input: { firstSegmentId: string; secondSegmentId?: string | null } }
>`
  mutation MergeSegments($input: MergeSegmentsInput!) {
    mergeSegments(input: $input) {
      segment {
        ${EDITED_SEGMENT_FIELDS}
      }
      removedSegmentId
      reanchoredCount
      flagged {
        id
        quote
      }
    }
  }
`;
