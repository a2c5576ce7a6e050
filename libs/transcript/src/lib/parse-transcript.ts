import { buildTurns, durationOf } from './core/build-turns';
import { decodeTranscriptBytes, isBlank } from './core/decode';
import { isZip } from './core/file-signatures';
import { capWarnings, type FormatResult } from './core/format-result';
import { hasWords } from './core/text-cleanup';
import { detectFormat, formatFromFilename } from './detect-format';
import { extractDocxText } from './docx/docx-text';
import { parseSttJson } from './json/stt-json-parser';
import { MAX_TRANSCRIPT_TEXT_LENGTH } from './limits';
import { parseSrt } from './srt/srt-parser';
import { parsePlainText } from './text/plain-text-parser';
import { TranscriptParseError } from './transcript-parse-error';
import {
  type ParsedTranscript,
  type ParseTranscriptOptions,
  type ParseTranscriptTextOptions,
  type TranscriptFormat,
} from './types';
import { parseWebVttTranscript } from './webvtt/webvtt-transcript';

type TextFormat = Exclude<TranscriptFormat, 'DOCX'>;

const FORMAT_NAMES: Readonly<Record<TranscriptFormat, string>> = {
  WEBVTT: 'WebVTT',
  SRT: 'SRT subtitles',
  TEXT: 'plain text',
  DOCX: 'a Word document',
  STT_JSON: 'speech-to-text JSON',
};

/** `markup`: whether the text may carry HTML-like tags and references (false for Word text). */
function runParser(format: TextFormat, text: string, markup = true): FormatResult {
  switch (format) {
    case 'WEBVTT':
      return parseWebVttTranscript(text);
    case 'SRT':
      return parseSrt(text, { markup });
    case 'STT_JSON':
      return parseSttJson(text);
    case 'TEXT':
      return parsePlainText(text, { markup });
  }
}

function checkText(text: string): string {
  if (text.length > MAX_TRANSCRIPT_TEXT_LENGTH) {
    throw new TranscriptParseError(
      'TOO_LARGE',
      `The transcript is larger than ${MAX_TRANSCRIPT_TEXT_LENGTH / 1048576} MB of text; split it into smaller files.`,
    );
  }
  if (isBlank(text)) throw new TranscriptParseError('EMPTY', 'The file is empty.');
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

function hintWarning(format: TranscriptFormat, filename: string | undefined): string[] {
  const hinted = formatFromFilename(filename);
  if (!hinted || hinted === format) return [];
  return [
    `The file is named like ${FORMAT_NAMES[hinted]} but contains ${FORMAT_NAMES[format]}; it was read as ${FORMAT_NAMES[format]}.`,
  ];
}

function assemble(
  format: TranscriptFormat,
  result: FormatResult,
  extraWarnings: string[],
): ParsedTranscript {
  const built = buildTurns(result.utterances);
  const turns = built.filter((t) => hasWords(t.text));
  if (turns.length === 0) {
    throw new TranscriptParseError(
      'NO_TEXT',
      `No transcript text found: the file is ${FORMAT_NAMES[format]} but has no words (only headers, timings or empty cues).`,
    );
  }
  return {
    format,
    turns,
    durationMs: durationOf(turns),
    language: result.language,
    warnings: capWarnings([
      ...extraWarnings,
      ...result.warnings,
      ...wordlessWarning(built.length - turns.length),
    ]),
  };
}

function wordlessWarning(count: number): string[] {
  if (count === 0) return [];
  return [
    `${count} passage${count === 1 ? '' : 's'} without any words (such as '-----' or '♪') left out.`,
  ];
}

/**
 * Parses transcript text (everything but DOCX) synchronously. The format is detected from the
 * content unless given; the file name is only a hint.
 */
export function parseTranscriptText(
  text: string,
  options: ParseTranscriptTextOptions = {},
): ParsedTranscript {
  const clean = checkText(text);
  const format = options.format ?? detectFormat(clean, options.filename);
  if (format === 'DOCX') {
    throw new TranscriptParseError(
      'UNSUPPORTED_FORMAT',
      'A Word document must be read from its bytes: use parseTranscript().',
    );
  }
  const warnings = options.format ? [] : hintWarning(format, options.filename);
  return assemble(format, runParser(format, clean), warnings);
}

async function parseDocx(bytes: Uint8Array): Promise<ParsedTranscript> {
  const text = checkText(await extractDocxText(bytes));
  const inner = detectFormat(text);
  // The document's text is what Word shows: `<contact sales>` or `&amp;` there are words.
  const result = runParser(inner === 'DOCX' ? 'TEXT' : inner, text, false);
  const warnings = result.warnings.map((w) =>
    w.replace(/^Line (\d+): /, 'Document text, line $1: '),
  );
  return assemble('DOCX', { ...result, warnings }, []);
}

/**
 * Parses an uploaded file: a Word .docx (by its ZIP signature) or text in any supported
 * encoding and format. Throws TranscriptParseError with a message for the researcher.
 */
export async function parseTranscript(
  bytes: Uint8Array,
  options: ParseTranscriptOptions = {},
): Promise<ParsedTranscript> {
  const progress = options.onProgress ?? (() => undefined);
  progress(0);
  if (isZip(bytes)) {
    const parsed = await parseDocx(bytes);
    progress(1);
    return parsed;
  }
  const text = decodeTranscriptBytes(bytes);
  progress(0.2);
  const parsed = parseTranscriptText(text, { filename: options.filename });
  progress(1);
  return parsed;
}
