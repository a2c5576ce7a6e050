import { parseCueTimingLine } from './core/cue-timing-line';
import { type TranscriptFormat } from './types';

const SCAN_LINES = 200;
const SCAN_CHARS = 64 * 1024;

const EXTENSIONS: Readonly<Record<string, TranscriptFormat>> = {
  vtt: 'WEBVTT',
  webvtt: 'WEBVTT',
  srt: 'SRT',
  sbv: 'SRT',
  txt: 'TEXT',
  text: 'TEXT',
  md: 'TEXT',
  json: 'STT_JSON',
  docx: 'DOCX',
};

/** The format a file name's extension suggests, if any. */
export function formatFromFilename(filename: string | undefined): TranscriptFormat | null {
  const match = /\.([A-Za-z0-9]{1,8})$/.exec(filename?.trim() ?? '');
  return (match && EXTENSIONS[(match[1] ?? '').toLowerCase()]) ?? null;
}

function stripLeading(text: string): string {
  const head = text.slice(0, SCAN_CHARS);
  return (head.charCodeAt(0) === 0xfeff ? head.slice(1) : head).trimStart();
}

function looksLikeJson(head: string, hint: TranscriptFormat | null): boolean {
  if (head.startsWith('{')) return true;
  if (!head.startsWith('[')) return false;
  return /^\[\s*(?:[{\]"]|$)/.test(head.slice(0, 64)) || hint === 'STT_JSON';
}

/** True when one of the first lines is a subtitle timing line (`-->` or SBV). */
function hasTimingLines(head: string): boolean {
  let from = 0;
  for (let n = 0; n < SCAN_LINES && from < head.length; n++) {
    const lf = head.indexOf('\n', from);
    const line = head.slice(from, lf === -1 ? head.length : lf).replace(/\r$/, '');
    if (parseCueTimingLine(line)) return true;
    if (lf === -1) break;
    from = lf + 1;
  }
  return false;
}

/**
 * Recognises a transcript format from its content; the file name's extension only settles what
 * the content leaves open (headerless cues, plain text named .vtt/.srt/.json).
 */
export function detectFormat(text: string, filenameHint?: string): TranscriptFormat {
  const hint = formatFromFilename(filenameHint);
  const head = stripLeading(text);
  if (head.startsWith('PK\u0003\u0004')) return 'DOCX';
  if (head.startsWith('WEBVTT')) return 'WEBVTT';
  if (looksLikeJson(head, hint)) return 'STT_JSON';
  if (hasTimingLines(head.replace(/\r(?!\n)/g, '\n'))) return hint === 'WEBVTT' ? 'WEBVTT' : 'SRT';
  if (hint === 'WEBVTT' || hint === 'SRT' || hint === 'STT_JSON') return hint;
  return 'TEXT';
}
