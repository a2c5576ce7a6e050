import {
  type ParseErrorCode,
  TranscriptParseError,
  type TranscriptFormat,
  type Turn,
} from '@verbatim/transcript';

/** The parsed transcript as metadata plus turns handed out in batches. */
export interface StreamedTranscript {
  format: string;
  /** The language the file declares (WebVTT header, STT JSON field), if any. */
  language: string | null;
  /** The language detected from the turns when the detector is confident (see detectTranscriptLanguage). */
  detectedLanguage: string | null;
  durationMs: number | null;
  speakers: string[];
  turnCount: number;
  /** Turns already in memory come synchronously; turns read from a child's output, as they arrive. */
  batches(size: number): Iterable<Turn[]> | AsyncIterable<Turn[]>;
  dispose(): Promise<void>;
}

/** What a researcher reads when their file needs more memory than a parser may use. */
export function needsTooMuchMemory(limitMb: number): TranscriptParseError {
  return new TranscriptParseError(
    'TOO_LARGE',
    `This file needs more memory to read than the server allows (${limitMb} MB). Split it into smaller files and upload those.`,
  );
}

/** What a researcher reads when their file takes longer to read than a parser may take. */
export function takesTooLong(timeoutMs: number): TranscriptParseError {
  return new TranscriptParseError(
    'TOO_LARGE',
    `This file takes longer to read than the server allows (${Math.round(timeoutMs / 60_000)} minutes). Split it into smaller files and upload those.`,
  );
}

/** A TranscriptParseError as data (errors lose their class and fields between threads and processes). */
export interface ParseErrorData {
  code: ParseErrorCode;
  message: string;
  line?: number;
  detail?: string;
}

export function toParseErrorData(error: TranscriptParseError): ParseErrorData {
  return {
    code: error.code,
    message: error.message,
    ...(error.line === undefined ? {} : { line: error.line }),
    ...(error.detail === undefined ? {} : { detail: error.detail }),
  };
}

export function fromParseErrorData(data: ParseErrorData): TranscriptParseError {
  return new TranscriptParseError(data.code, data.message, data.line, data.detail);
}

export interface ChildParseRequest {
  input: string;
  output: string;
  filename: string;
}

export type ChildParseReply =
  | {
      ok: true;
      format: TranscriptFormat;
      language: string | null;
      detectedLanguage: string | null;
      durationMs: number | null;
      warnings: string[];
      turnCount: number;
      speakers: string[];
    }
  | { ok: false; parseError: ParseErrorData }
  | { ok: false; message: string };

/** Turns as columns: speakers by index into `speakers` (-1: none), times NaN when unknown. */
export interface TurnColumns {
  speakers: string[];
  speaker: Int32Array;
  startMs: Float64Array;
  endMs: Float64Array;
  text: string[];
}

export type ThreadParseReply =
  | {
      ok: true;
      format: TranscriptFormat;
      language: string | null;
      detectedLanguage: string | null;
      durationMs: number | null;
      warnings: string[];
      turns: TurnColumns;
    }
  | { ok: false; parseError: ParseErrorData };

export function toTurnColumns(turns: Turn[]): TurnColumns {
  const speakers = new Map<string, number>();
  const columns: TurnColumns = {
    speakers: [],
    speaker: new Int32Array(turns.length),
    startMs: new Float64Array(turns.length),
    endMs: new Float64Array(turns.length),
    text: new Array<string>(turns.length),
  };
  turns.forEach((turn, i) => {
    let index = -1;
    if (turn.speaker !== null) {
      index = speakers.get(turn.speaker) ?? speakers.size;
      if (index === speakers.size) {
        speakers.set(turn.speaker, index);
        columns.speakers.push(turn.speaker);
      }
    }
    columns.speaker[i] = index;
    columns.startMs[i] = turn.startMs ?? NaN;
    columns.endMs[i] = turn.endMs ?? NaN;
    columns.text[i] = turn.text;
  });
  return columns;
}

/** Turns `from` (inclusive) to `to` (exclusive) of the columns. */
export function turnsOf(columns: TurnColumns, from: number, to: number): Turn[] {
  const out: Turn[] = [];
  for (let i = from; i < Math.min(to, columns.text.length); i++) {
    const speaker = columns.speaker[i] ?? -1;
    const start = columns.startMs[i] ?? NaN;
    const end = columns.endMs[i] ?? NaN;
    out.push({
      speaker: speaker < 0 ? null : (columns.speakers[speaker] ?? null),
      startMs: Number.isNaN(start) ? null : start,
      endMs: Number.isNaN(end) ? null : end,
      text: columns.text[i] ?? '',
    });
  }
  return out;
}
