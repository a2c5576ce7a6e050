import { gql } from 'apollo-angular';
import type { TextPosition } from './highlights';
import type {
  AnalysisMode,
  AnalysisProviderKind,
  AnalysisRunStatus,
  Connection,
  DateTime,
  InvalidReason,
  MatchKind,
  PageVariables,
  SuggestionStatus,
} from './types';

/** What happened to a run's suggestions, and what the pipeline threw away before storing any. */
export interface AnalysisRunSummary {
  total: number;
  pending: number;
  accepted: number;
  rejected: number;
  /** Quotes the provider gave that could not be found in the transcript. */
  droppedUngrounded: number;
  /** Suggestions that failed validation (a tag not in the codebook, say). */
  rejectedInvalid: number;
  /** rejectedInvalid by reason, most frequent first. */
  invalidReasons: { reason: InvalidReason; count: number }[];
  /** Suggestions that repeated an existing highlight or an earlier rejection. */
  skippedDuplicates: number;
}

export interface AnalysisUsage {
  promptTokens: number;
  completionTokens: number;
  requests: number;
  /** Null when the model's price is unknown. */
  estimatedCostUsd: number | null;
}

/** INDUCTIVE: a new theme the run proposes, with how many suggestions support it. */
export interface ProposedTheme {
  name: string;
  definition: string | null;
  suggestionCount: number;
}

/** Renames or redefines a proposed theme before its quotes are accepted. */
export const UPDATE_PROPOSED_THEME = gql<
  { updateProposedTheme: ProposedTheme },
  { input: { runId: string; name: string; newName: string; definition: string } }
>`
  mutation UpdateProposedTheme($input: UpdateProposedThemeInput!) {
    updateProposedTheme(input: $input) {
      name
      definition
      suggestionCount
    }
  }
`;

export interface AnalysisRun {
  id: string;
  projectId: string;
  mode: AnalysisMode;
  status: AnalysisRunStatus;
  provider: AnalysisProviderKind;
  providerLabel: string;
  model: string | null;
  /** 0..1: chunksDone / chunksTotal. */
  progress: number;
  chunksDone: number;
  /** Chunks given up on after their retries; they count as finished for progress. */
  chunksFailed: number;
  chunksTotal: number;
  transcripts: { id: string; title: string }[];
  summary: AnalysisRunSummary;
  usage: AnalysisUsage;
  themes: ProposedTheme[];
  error: string | null;
  createdBy: { id: string; name: string } | null;
  createdAt: DateTime;
  startedAt: DateTime | null;
  finishedAt: DateTime | null;
}

/**
 * One request to the provider and its answer, as text exactly as sent (after redaction); each
 * body cut to its first characters (the whole of it is downloadable).
 */
export interface AnalysisExchange {
  id: string;
  chunkIndex: number;
  endpoint: string;
  model: string;
  status: number | null;
  request: string;
  requestTruncated: boolean;
  requestBytes: number;
  response: string | null;
  responseTruncated: boolean;
  responseBytes: number;
  /** False when the answer passed the server's response limit and only its beginning was kept. */
  responseComplete: boolean;
  error: string | null;
  createdAt: DateTime;
}

export interface AnalysisExchangePage {
  totalCount: number;
  pageInfo: { endCursor: string | null; hasNextPage: boolean };
  edges: { node: AnalysisExchange }[];
}

export interface SuggestionTag {
  id: string;
  name: string;
  color: string;
  /** 0..1, this tag's own confidence; absent for a tag the reviewer added. */
  confidence?: number | null;
}

/** A proposed highlight: the transcript's own words, with tags (or a new theme) and reasons. */
export interface Suggestion {
  id: string;
  runId: string;
  transcriptId: string;
  transcript: { id: string; title: string };
  quote: string;
  start: TextPosition;
  end: TextPosition;
  startIndex: number;
  startMs: number | null;
  tags: SuggestionTag[];
  themeName: string | null;
  themeDefinition: string | null;
  rationale: string;
  /** 0..1, as the provider reported it: its most confident tag's (each tag has its own). */
  confidence: number;
  /** How the quote was found; null for suggestions made before it was recorded. */
  matchKind: MatchKind | null;
  /** 1 unless FUZZY (0.85..1); null when unknown. */
  matchSimilarity: number | null;
  /** Text instructing a model came with it: read it before accepting (never accepted in bulk). */
  flagged: boolean;
  flagReason: string | null;
  status: SuggestionStatus;
  rejectReason: string | null;
  reviewedBy: { id: string; name: string } | null;
  reviewedAt: DateTime | null;
  highlightId: string | null;
}

export interface ProjectAiSettings {
  aiAllowed: boolean;
  redactEmails: boolean;
  redactPhones: boolean;
  redactNames: boolean;
  openAiConfigured: boolean;
  defaultProvider: AnalysisProviderKind;
  defaultProviderLabel: string;
}

/** One of projectId, runId or transcriptId is required; the rest narrow the list. */
export interface SuggestionFilter {
  projectId?: string | null;
  runId?: string | null;
  transcriptId?: string | null;
  status?: SuggestionStatus | null;
  tagIds?: string[] | null;
  minConfidence?: number | null;
  flagged?: boolean | null;
  matchKinds?: MatchKind[] | null;
}

export interface StartAnalysisInput {
  projectId: string;
  transcriptIds: string[];
  mode: AnalysisMode;
  provider?: AnalysisProviderKind | null;
}

/** Changes made while reviewing: other words (start/end), other tags, a note. */
export interface AcceptSuggestionInput {
  start?: TextPosition | null;
  end?: TextPosition | null;
  tagIds?: string[] | null;
  note?: string | null;
  /** Without tagIds: only the suggested tags at least this confident go on the highlight. */
  minConfidence?: number | null;
}

export interface AcceptSuggestionsInput {
  runId: string;
  minConfidence: number;
  tagIds?: string[] | null;
  transcriptId?: string | null;
}

/** What a bulk accept did: the rest stay pending, to be reviewed one by one. */
export interface BulkReviewResult {
  accepted: number;
  skipped: number;
  /** Flagged: text instructing a model came with them. */
  skippedFlagged: number;
  /** Found only approximately (or match unknown). */
  skippedFuzzy: number;
  /** Could not be accepted (their words changed since). */
  skippedFailed: number;
}

export interface UpdateProjectAiSettingsInput {
  projectId: string;
  aiAllowed?: boolean;
  redactEmails?: boolean;
  redactPhones?: boolean;
  redactNames?: boolean;
}

const RUN_FIELDS = `
  id
  projectId
  mode
  status
  provider
  providerLabel
  model
  progress
  chunksDone
  chunksFailed
  chunksTotal
  transcripts {
    id
    title
  }
  summary {
    total
    pending
    accepted
    rejected
    droppedUngrounded
    rejectedInvalid
    invalidReasons {
      reason
      count
    }
    skippedDuplicates
  }
  usage {
    promptTokens
    completionTokens
    requests
    estimatedCostUsd
  }
  themes {
    name
    definition
    suggestionCount
  }
  error
  createdBy {
    id
    name
  }
  createdAt
  startedAt
  finishedAt
`;

const SUGGESTION_FIELDS = `
  id
  runId
  transcriptId
  transcript {
    id
    title
  }
  quote
  start {
    segmentId
    offset
  }
  end {
    segmentId
    offset
  }
  startIndex
  startMs
  tags {
    id
    name
    color
    confidence
  }
  themeName
  themeDefinition
  rationale
  confidence
  matchKind
  matchSimilarity
  flagged
  flagReason
  status
  rejectReason
  reviewedBy {
    id
    name
  }
  reviewedAt
  highlightId
`;

const AI_SETTINGS_FIELDS = `
  aiAllowed
  redactEmails
  redactPhones
  redactNames
  openAiConfigured
  defaultProvider
  defaultProviderLabel
`;

/** The project's runs, newest first. */
/** What completed runs covered, and when the codebook last changed. */
export interface AnalysisCoverage {
  codebookChangedAt: DateTime | null;
  transcripts: {
    transcriptId: string;
    deductiveAt: DateTime | null;
    inductiveAt: DateTime | null;
  }[];
}

export const ANALYSIS_COVERAGE = gql<{ analysisCoverage: AnalysisCoverage }, { projectId: string }>`
  query AnalysisCoverage($projectId: ID!) {
    analysisCoverage(projectId: $projectId) {
      codebookChangedAt
      transcripts {
        transcriptId
        deductiveAt
        inductiveAt
      }
    }
  }
`;

export const ANALYSIS_RUNS = gql<
  { analysisRuns: Connection<AnalysisRun> },
  PageVariables & { projectId: string }
>`
  query AnalysisRuns($projectId: ID!, $first: Int, $after: String) {
    analysisRuns(projectId: $projectId, first: $first, after: $after) {
      totalCount
      pageInfo {
        endCursor
        hasNextPage
      }
      edges {
        cursor
        node {
          ${RUN_FIELDS}
        }
      }
    }
  }
`;

export const ANALYSIS_RUN = gql<{ analysisRun: AnalysisRun }, { id: string }>`
  query AnalysisRun($id: ID!) {
    analysisRun(id: $id) {
      ${RUN_FIELDS}
    }
  }
`;

/** The audit of a run (OWNER and EDITOR only), newest first, a page at a time. */
export const ANALYSIS_RUN_EXCHANGES = gql<
  { analysisRun: { id: string; exchanges: AnalysisExchangePage } },
  { id: string; first?: number; after?: string | null }
>`
  query AnalysisRunExchanges($id: ID!, $first: Int, $after: String) {
    analysisRun(id: $id) {
      id
      exchanges(first: $first, after: $after) {
        totalCount
        pageInfo {
          endCursor
          hasNextPage
        }
        edges {
          node {
            id
            chunkIndex
            endpoint
            model
            status
            request
            requestTruncated
            requestBytes
            response
            responseTruncated
            responseBytes
            responseComplete
            error
            createdAt
          }
        }
      }
    }
  }
`;

/** Progress, status and summary of the project's runs as they change. */
export const ANALYSIS_RUN_UPDATED = gql<{ analysisRunUpdated: AnalysisRun }, { projectId: string }>`
  subscription AnalysisRunUpdated($projectId: ID!) {
    analysisRunUpdated(projectId: $projectId) {
      ${RUN_FIELDS}
    }
  }
`;

export const START_ANALYSIS = gql<{ startAnalysis: AnalysisRun }, { input: StartAnalysisInput }>`
  mutation StartAnalysis($input: StartAnalysisInput!) {
    startAnalysis(input: $input) {
      ${RUN_FIELDS}
    }
  }
`;

export const CANCEL_ANALYSIS = gql<{ cancelAnalysis: AnalysisRun }, { id: string }>`
  mutation CancelAnalysis($id: ID!) {
    cancelAnalysis(id: $id) {
      ${RUN_FIELDS}
    }
  }
`;

/** Runs the failed parts of a run again (or plans again one that failed before starting). */
export const RETRY_ANALYSIS_RUN = gql<{ retryAnalysisRun: AnalysisRun }, { id: string }>`
  mutation RetryAnalysisRun($id: ID!) {
    retryAnalysisRun(id: $id) {
      ${RUN_FIELDS}
    }
  }
`;

/** Suggestions in transcript order (transcript, then position). */
/** Most confident first, or by transcript and position. */
export type SuggestionOrder = 'CONFIDENCE' | 'TRANSCRIPT';

export const SUGGESTIONS = gql<
  { suggestions: Connection<Suggestion> },
  PageVariables & { filter: SuggestionFilter; orderBy?: SuggestionOrder }
>`
  query Suggestions(
    $filter: SuggestionFilter!
    $first: Int
    $after: String
    $orderBy: SuggestionOrder
  ) {
    suggestions(filter: $filter, first: $first, after: $after, orderBy: $orderBy) {
      totalCount
      pageInfo {
        endCursor
        hasNextPage
      }
      edges {
        cursor
        node {
          ${SUGGESTION_FIELDS}
        }
      }
    }
  }
`;

/** How many suggestions a filter matches, without reading them. */
export const SUGGESTION_COUNT = gql<
  { suggestions: { totalCount: number } },
  { filter: SuggestionFilter }
>`
  query SuggestionCount($filter: SuggestionFilter!) {
    suggestions(filter: $filter, first: 1) {
      totalCount
    }
  }
`;

/** Creates a normal highlight from the suggestion (with the changes given); answers the suggestion. */
export const ACCEPT_SUGGESTION = gql<
  { acceptSuggestion: Suggestion },
  { id: string; input?: AcceptSuggestionInput | null }
>`
  mutation AcceptSuggestion($id: ID!, $input: AcceptSuggestionInput) {
    acceptSuggestion(id: $id, input: $input) {
      ${SUGGESTION_FIELDS}
    }
  }
`;

export const REJECT_SUGGESTION = gql<
  { rejectSuggestion: Suggestion },
  { id: string; reason?: string | null }
>`
  mutation RejectSuggestion($id: ID!, $reason: String) {
    rejectSuggestion(id: $id, reason: $reason) {
      ${SUGGESTION_FIELDS}
    }
  }
`;

export const ACCEPT_SUGGESTIONS = gql<
  { acceptSuggestions: BulkReviewResult },
  { input: AcceptSuggestionsInput }
>`
  mutation AcceptSuggestions($input: AcceptSuggestionsInput!) {
    acceptSuggestions(input: $input) {
      accepted
      skipped
      skippedFlagged
      skippedFuzzy
      skippedFailed
    }
  }
`;

export const PROJECT_AI_SETTINGS = gql<
  { project: { id: string; aiSettings: ProjectAiSettings } },
  { projectId: string }
>`
  query ProjectAiSettings($projectId: ID!) {
    project(id: $projectId) {
      id
      aiSettings {
        ${AI_SETTINGS_FIELDS}
      }
    }
  }
`;

export const UPDATE_PROJECT_AI_SETTINGS = gql<
  { updateProjectAiSettings: ProjectAiSettings },
  { input: UpdateProjectAiSettingsInput }
>`
  mutation UpdateProjectAiSettings($input: UpdateProjectAiSettingsInput!) {
    updateProjectAiSettings(input: $input) {
      ${AI_SETTINGS_FIELDS}
    }
  }
`;
