// Shapes of the GraphQL types in api/schema.gql that the client reads.
// Fields are only listed when some operation selects them.

export type Role = 'OWNER' | 'EDITOR' | 'COMMENTER' | 'VIEWER';

export type TranscriptStatus = 'UPLOADED' | 'PROCESSING' | 'READY' | 'FAILED';

/** Where a transcript's language comes from. */
export type LanguageSource = 'MANUAL' | 'FILE' | 'DETECTED' | 'PROJECT';

/** DateTime scalar: an ISO-8601 string at UTC. */
export type DateTime = string;

export interface PageInfo {
  endCursor: string | null;
  hasNextPage: boolean;
}

export interface Edge<T> {
  cursor: string;
  node: T;
}

export interface Connection<T> {
  totalCount: number;
  pageInfo: PageInfo;
  edges: Edge<T>[];
}

export interface PageVariables {
  first?: number;
  after?: string | null;
}

export interface User {
  id: string;
  email: string;
  name: string;
}

/** How an analysis run reads the transcripts: apply the codebook, or propose new themes. */
export type AnalysisMode = 'DEDUCTIVE' | 'INDUCTIVE';

export type AnalysisRunStatus = 'QUEUED' | 'RUNNING' | 'COMPLETED' | 'FAILED' | 'CANCELLED';

export type SuggestionStatus = 'PENDING' | 'ACCEPTED' | 'REJECTED';

/** How a suggestion's quote was found in the transcript; FUZZY ones are never accepted in bulk. */
export type MatchKind = 'EXACT' | 'NORMALISED' | 'FUZZY';

/** Why a run rejected a proposal before storing it. */
export type InvalidReason =
  | 'UNKNOWN_TAG'
  | 'NO_THEME'
  | 'TWO_SPEAKERS'
  | 'INTERVIEWER_TURN'
  | 'MEANING_CHANGED';

/** OFFLINE runs on this server; OPENAI sends (redacted) text to an OpenAI-compatible endpoint. */
export type AnalysisProviderKind = 'OFFLINE' | 'OPENAI';
