import { gql } from 'apollo-angular';
import { PARTICIPANT_FIELDS, type Participant } from './participants';
import type {
  Connection,
  DateTime,
  LanguageSource,
  PageVariables,
  TranscriptStatus,
} from './types';

/** A transcript as the project's list and the live subscription see it. */
export interface TranscriptSummary {
  id: string;
  projectId: string;
  title: string;
  filename: string;
  /** WEBVTT | SRT | TEXT | DOCX | STT_JSON once detected */
  format: string | null;
  status: TranscriptStatus;
  progress: number;
  error: string | null;
  segmentCount: number;
  durationMs: number | null;
  byteSize: number;
  createdAt: DateTime;
  updatedAt: DateTime;
  /** A language tag ("de"), which decides how search stems the turns; null: none. */
  language: string | null;
  /** Where `language` comes from; null when there is none. */
  languageSource: LanguageSource | null;
  /** The day of the interview, YYYY-MM-DD, when someone recorded it. */
  interviewDate: string | null;
  participants: { id: string }[];
}

export interface Segment {
  id: string;
  index: number;
  speaker: string | null;
  startMs: number | null;
  endMs: number | null;
  text: string;
  participant: { id: string } | null;
}

export interface TranscriptDetail extends Omit<TranscriptSummary, 'participants'> {
  participants: Participant[];
  segments: Segment[];
}

const SUMMARY_FIELDS = `
  id
  projectId
  title
  filename
  format
  status
  progress
  error
  segmentCount
  durationMs
  byteSize
  createdAt
  updatedAt
  language
  languageSource
  interviewDate
  participants {
    id
  }
`;

const SEGMENT_FIELDS = `
  id
  index
  speaker
  startMs
  endMs
  text
  participant {
    id
  }
`;

export const TRANSCRIPTS = gql<
  { transcripts: Connection<TranscriptSummary> },
  PageVariables & { projectId: string }
>`
  query Transcripts($projectId: ID!, $first: Int, $after: String) {
    transcripts(projectId: $projectId, first: $first, after: $after) {
      totalCount
      pageInfo {
        endCursor
        hasNextPage
      }
      edges {
        cursor
        node {
          ${SUMMARY_FIELDS}
        }
      }
    }
  }
`;

export const TRANSCRIPT_UPDATED = gql<
  { transcriptUpdated: TranscriptSummary },
  { projectId: string }
>`
  subscription TranscriptUpdated($projectId: ID!) {
    transcriptUpdated(projectId: $projectId) {
      ${SUMMARY_FIELDS}
    }
  }
`;

export const IMPORT_TRANSCRIPT = gql<
  { importTranscript: TranscriptSummary },
  { input: { projectId: string; filename: string; content: string; title?: string | null } }
>`
  mutation ImportTranscript($input: ImportTranscriptInput!) {
    importTranscript(input: $input) {
      ${SUMMARY_FIELDS}
    }
  }
`;

/** The reader's first request: metadata, speakers and the first window of turns. */
export const TRANSCRIPT_READER = gql<
  { transcript: TranscriptDetail },
  { id: string; from: number; limit: number }
>`
  query TranscriptReader($id: ID!, $from: Int!, $limit: Int!) {
    transcript(id: $id) {
      ${SUMMARY_FIELDS.replace(/participants \{\s*id\s*\}/, '')}
      participants {
        ${PARTICIPANT_FIELDS}
      }
      segments(from: $from, limit: $limit) {
        ${SEGMENT_FIELDS}
      }
    }
  }
`;

/** Further windows of turns for long interviews. */
export const TRANSCRIPT_SEGMENTS = gql<
  { transcript: { id: string; segments: Segment[] } },
  { id: string; from: number; limit: number }
>`
  query TranscriptSegments($id: ID!, $from: Int!, $limit: Int!) {
    transcript(id: $id) {
      id
      segments(from: $from, limit: $limit) {
        ${SEGMENT_FIELDS}
      }
    }
  }
`;

/** Processes a FAILED transcript again from its kept original. */
export const RETRY_TRANSCRIPT = gql<{ retryTranscript: TranscriptSummary }, { id: string }>`
  mutation RetryTranscript($id: ID!) {
    retryTranscript(id: $id) {
      ${SUMMARY_FIELDS}
    }
  }
`;

/** Removes a transcript with its turns; answers with its id. */
export const DELETE_TRANSCRIPT = gql<{ deleteTranscript: string }, { id: string }>`
  mutation DeleteTranscript($id: ID!) {
    deleteTranscript(id: $id)
  }
`;

/** A language search can stem, for pickers. */
export interface SearchLanguage {
  code: string;
  name: string;
}

export const SEARCH_LANGUAGES = gql<{ searchLanguages: SearchLanguage[] }, Record<string, never>>`
  query SearchLanguages {
    searchLanguages {
      code
      name
    }
  }
`;

/** Sets a transcript's language by hand, or (null) lets Verbatim choose it again. */
export const UPDATE_TRANSCRIPT_LANGUAGE = gql<
  { updateTranscript: Pick<TranscriptSummary, 'id' | 'language' | 'languageSource'> },
  { id: string; language: string | null }
>`
  mutation UpdateTranscriptLanguage($id: ID!, $language: String) {
    updateTranscript(input: { id: $id, language: $language }) {
      id
      language
      languageSource
    }
  }
`;

/** What an import got wrong or never knew: the title and the day of the interview. */
export const UPDATE_TRANSCRIPT_DETAILS = gql<
  { updateTranscript: Pick<TranscriptSummary, 'id' | 'title' | 'interviewDate'> },
  { id: string; title: string; interviewDate: string }
>`
  mutation UpdateTranscriptDetails($id: ID!, $title: String, $interviewDate: String) {
    updateTranscript(input: { id: $id, title: $title, interviewDate: $interviewDate }) {
      id
      title
      interviewDate
    }
  }
`;
