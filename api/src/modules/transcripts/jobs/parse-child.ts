/**
 * Parses one stored original in a child process, so a large file neither blocks the api's
 * event loop nor grows its heap. Writes the turns as NDJSON to `output` and replies once with
 * the transcript's metadata (or the parse error). Started by parseInChild().
 */
import { createWriteStream } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { once } from 'node:events';
import {
  detectTranscriptLanguageCode,
  parseTranscript,
  TranscriptParseError,
} from '@verbatim/transcript';
import { type ChildParseReply, type ChildParseRequest, toParseErrorData } from './parse-protocol';

async function run(request: ChildParseRequest): Promise<ChildParseReply> {
  try {
    const parsed = await parseTranscript(await readFile(request.input), {
      filename: request.filename,
    });
    const out = createWriteStream(request.output);
    const speakers = new Set<string>();
    for (const turn of parsed.turns) {
      if (turn.speaker) speakers.add(turn.speaker);
      if (!out.write(JSON.stringify(turn) + '\n')) await once(out, 'drain');
    }
    out.end();
    await once(out, 'finish');
    return {
      ok: true,
      format: parsed.format,
      language: parsed.language,
      detectedLanguage: detectTranscriptLanguageCode(parsed.turns),
      durationMs: parsed.durationMs,
      warnings: parsed.warnings,
      turnCount: parsed.turns.length,
      speakers: [...speakers],
    };
  } catch (error) {
    if (error instanceof TranscriptParseError) {
      return { ok: false, parseError: toParseErrorData(error) };
    }
    return { ok: false, message: error instanceof Error ? error.message : String(error) };
  }
}

process.once('message', (request: ChildParseRequest) => {
  void run(request).then((reply) =>
    process.send?.(reply, undefined, undefined, () => process.exit(0)),
  );
});
