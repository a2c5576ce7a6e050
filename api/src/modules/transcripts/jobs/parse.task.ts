/**
 * Parses one stored original in a worker thread of the WorkerPool (see parse-in-thread.ts), so
 * neither the file's bytes nor the parser's work (language detection included) ever touch the api's
 * event loop. The turns come
 * back as columns, which cross between threads far more cheaply than thousands of small objects.
 */
import { readFile } from 'node:fs/promises';
import {
  detectTranscriptLanguageCode,
  parseTranscript,
  TranscriptParseError,
} from '@verbatim/transcript';
import { type ThreadParseReply, toParseErrorData, toTurnColumns } from './parse-protocol';

export async function parseFile(input: {
  path: string;
  filename: string;
}): Promise<ThreadParseReply> {
  try {
    const { turns, ...meta } = await parseTranscript(await readFile(input.path), {
      filename: input.filename,
    });
    return {
      ok: true,
      ...meta,
      detectedLanguage: detectTranscriptLanguageCode(turns),
      turns: toTurnColumns(turns),
    };
  } catch (error) {
    if (error instanceof TranscriptParseError)
      return { ok: false, parseError: toParseErrorData(error) };
    throw error;
  }
}
