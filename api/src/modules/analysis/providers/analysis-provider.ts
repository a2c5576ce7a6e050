import {
  type CodebookTag,
  type LlmExchange,
  type TokenUsage,
  type TurnSpan,
  type TurnText,
} from '@verbatim/analysis';
import { type AnalysisMode, AnalysisProviderKind, type RunRedaction } from '../analysis-run.entity';

/** What a provider proposes for one chunk, before grounding and validation. */
export interface Proposal {
  /** The quote as the provider gave it; it may not exist in the transcript (then it is dropped). */
  quote: string;
  /** Where the provider knows the quote is (the offline tagger quotes the transcript directly). */
  span?: TurnSpan;
  /**
   * Codebook tags, by id (offline) or by name (LLM; checked against the codebook), each with its
   * own confidence; a tag without one has the proposal's.
   */
  tags?: ProposalTag[];
  themeName?: string;
  themeDefinition?: string;
  rationale: string;
  confidence: number;
}

/** A tag a provider proposes: its codebook id or its name, and how sure the provider is of it. */
export interface ProposalTag {
  id?: string;
  name?: string;
  confidence?: number;
}

export interface ChunkRange {
  firstTurn: number;
  lastTurn: number;
}

export interface ChunkInput {
  runId: string;
  mode: AnalysisMode;
  redaction: RunRedaction;
  transcriptId: string;
  chunk: ChunkRange & { index: number };
  /** Every turn of the chunk's transcript (a chunk is a range of them). */
  turns: TurnText[];
  /** DEDUCTIVE: the project's active tags, with people's highlights as examples. */
  codebook: CodebookTag[];
  /** Untagged participant turns of the project (offline DEDUCTIVE only; empty otherwise). */
  background: string[];
  /**
   * Names to pseudonymise before text leaves the server (when the run redacts names): every
   * participant of the project, each as the list of names they go by.
   */
  participantNames: string[][];
  /** What `prepare` returned for the run. */
  plan: unknown;
  signal: AbortSignal;
}

export interface ChunkOutput {
  proposals: Proposal[];
  usage: TokenUsage;
  requests: number;
  /** HTTP exchanges with the provider (the audit); none for the offline tagger. */
  exchanges: LlmExchange[];
}

export interface PrepareInput {
  runId: string;
  mode: AnalysisMode;
  transcripts: { id: string; turns: TurnText[] }[];
}

/** One interface for the offline tagger and OpenAI-compatible endpoints. */
export interface AnalysisProvider {
  readonly kind: AnalysisProviderKind;
  readonly model: string | null;
  readonly endpoint: string | null;
  readonly label: string;
  /** Whether `analyse` wants the project's background turns. */
  readonly usesBackground: boolean;
  /**
   * Whether a model reads the chunk's text (and could be steered by instructions hidden in it):
   * then every suggestion of a chunk that holds such text is flagged.
   */
  readonly readsText: boolean;
  /** True when the provider still holds what it learnt for this run (the background is not needed again). */
  hasModelFor?(runId: string): boolean;
  /** How a transcript is cut into chunks (one job each). */
  chunk(turns: TurnText[]): ChunkRange[];
  /** Once per run before its chunks (may return null). */
  prepare(input: PrepareInput): Promise<unknown>;
  analyse(input: ChunkInput): Promise<ChunkOutput>;
}

export const OFFLINE_LABEL = 'Offline tagger (runs on this server; nothing is sent anywhere)';

/** What a run used, in words: the offline tagger says so; an endpoint names model and address. */
export function providerLabel(
  kind: AnalysisProviderKind,
  model: string | null,
  endpoint: string | null,
): string {
  return kind === AnalysisProviderKind.OFFLINE
    ? OFFLINE_LABEL
    : `OpenAI-compatible · ${model} · ${endpoint}`;
}
