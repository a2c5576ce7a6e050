/**
 * The text model every analysis function works on: a transcript is a list of speaker turns.
 * Offsets are UTF-16 code units within one turn's `text`; a span that crosses turns joins the
 * turns' texts with '\n', exactly as a highlight's quote does.
 */
export interface TurnText {
  /** Position of the turn in its transcript (0-based, stable). */
  index: number;
  text: string;
  speaker: string | null;
  /** Interviewer turns give context but are not suggested as evidence on their own. */
  isInterviewer: boolean;
  /** The turn's language ('en', 'german'…), when known: its stop words and stemmer. */
  language?: string | null;
}

/** A place in a transcript: from (startIndex, startOffset) to (endIndex, endOffset), end exclusive. */
export interface TurnSpan {
  startIndex: number;
  startOffset: number;
  endIndex: number;
  endOffset: number;
}

/** A tag of the project's codebook, as the analysis sees it. */
export interface CodebookTag {
  id: string;
  name: string;
  description: string | null;
  /** Quotes people have already tagged with it (human highlights), the tagger's examples. */
  examples: string[];
  /** Quotes people said are not this tag (rejected suggestions): evidence against it. */
  counterExamples?: string[];
  /**
   * Whether the tag applies to the interviewer's words too: people have tagged interviewer turns
   * with it (a code such as "Leading question"). Otherwise suggestions on interviewer turns are
   * dropped.
   */
  interviewerTurns?: boolean;
}

export type AnalysisMode = 'DEDUCTIVE' | 'INDUCTIVE';

/** Tokens a provider used for one request (offline: zero). */
export interface TokenUsage {
  promptTokens: number;
  completionTokens: number;
}
