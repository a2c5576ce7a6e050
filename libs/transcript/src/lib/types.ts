/** The source formats the importer understands. */
export type TranscriptFormat = 'WEBVTT' | 'SRT' | 'TEXT' | 'DOCX' | 'STT_JSON';

/** One speaker turn: the unit of reading, search and anchoring. */
export interface Turn {
  speaker: string | null;
  startMs: number | null;
  endMs: number | null;
  text: string;
}

/** The normalized result every parser produces. */
export interface ParsedTranscript {
  format: TranscriptFormat;
  /** Ordered speaker turns, non-empty, text trimmed and markup-free. */
  turns: Turn[];
  /** Last end time (or last start time when only starts are known) if timed. */
  durationMs: number | null;
  /** The language when the source says so (e.g. Whisper/Deepgram JSON), else null. */
  language: string | null;
  /** Human-readable notes about what was skipped or read leniently. */
  warnings: string[];
}

export interface ParseTranscriptOptions {
  filename?: string;
  onProgress?: (fraction: number) => void;
}

export interface ParseTranscriptTextOptions {
  filename?: string;
  format?: TranscriptFormat;
}

export const TRANSCRIPT_FORMATS: readonly TranscriptFormat[] = [
  'WEBVTT',
  'SRT',
  'TEXT',
  'DOCX',
  'STT_JSON',
];
