import { type ParseErrorCode, type TranscriptFormat } from '@verbatim/transcript';

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
      durationMs: number | null;
      warnings: string[];
      turnCount: number;
      speakers: string[];
    }
  | { ok: false; parseError: { code: ParseErrorCode; message: string; line?: number } }
  | { ok: false; message: string };
