import { cleanLabel, isLabelShaped, isStrongLabel } from '../core/speaker-labels';
import { parseClockTime } from '../core/timestamps';

/** One classified line of a plain-text transcript. */
export type TextLine =
  | { kind: 'blank'; line: number }
  /** `Name  0:03` (Otter), `**Name**  0:03`, `Name (00:01:23):` (Rev): a speaker header. */
  | { kind: 'header'; line: number; speaker: string; ms: number; raw: string }
  /** `[00:01:23] text`, `00:01:23 text`, `00:01:23<TAB>Name:<TAB>text` (Zoom chat). */
  | { kind: 'stamped'; line: number; ms: number; rest: string; raw: string; chat: boolean }
  | { kind: 'text'; line: number; text: string };

const MAX_HEADER_CHARS = 80;
const TIME = '(?:\\d{1,2}:)?\\d{1,2}:\\d{2}';
const OTTER_HEADER = new RegExp(`^(.{1,44}?)(?:\\s{2,}|\\t+|(?<=\\*\\*)\\s+)(${TIME})$`);
const REV_HEADER = new RegExp(`^(.{1,44}?)\\s*\\((${TIME})\\):?$`);
const BRACKET_STAMP = new RegExp(`^\\[(${TIME}(?:[.,]\\d{1,3})?)\\]\\s*`);
const LEADING_STAMP = new RegExp(`^(${TIME}(?:[.,]\\d{1,3})?)(?:\\s+)(?=\\S)`);

/** The "Transcribed by https://otter.ai" trailer and similar export footers. */
export function isExportFooter(line: string): boolean {
  return /^transcribed by https?:\/\/(?:www\.)?otter\.ai\/?$/i.test(line.trim());
}

function header(line: string, lineNo: number): TextLine | null {
  if (line.length > MAX_HEADER_CHARS) return null;
  const match = OTTER_HEADER.exec(line) ?? REV_HEADER.exec(line);
  if (!match) return null;
  const speaker = cleanLabel(match[1] ?? '');
  const time = parseClockTime(match[2] ?? '', 0);
  if (!time || !isLabelShaped(speaker) || !isStrongLabel(speaker)) return null;
  return { kind: 'header', line: lineNo, speaker, ms: time.ms, raw: line.trim() };
}

function stamped(line: string, lineNo: number): TextLine | null {
  const head = line.slice(0, 24);
  const match = BRACKET_STAMP.exec(head) ?? LEADING_STAMP.exec(head);
  if (!match) return null;
  const time = parseClockTime(match[1] ?? '', 0);
  if (!time) return null;
  const rest = line.slice(match[0].length).trim();
  const chat = match[0].endsWith('\t') && /^[^\t]{1,60}:\t/.test(rest);
  return { kind: 'stamped', line: lineNo, ms: time.ms, rest, raw: line.trim(), chat };
}

/** Classifies each line (1-based line numbers); trailing white space is ignored. */
export function classifyLines(text: string): TextLine[] {
  const lines = text.split(/\r\n|\r|\n/);
  return lines.map((raw, index) => {
    const lineNo = index + 1;
    const line = raw.trimEnd();
    if (line.trim() === '' || isExportFooter(line)) return { kind: 'blank', line: lineNo };
    return (
      header(line, lineNo) ??
      stamped(line, lineNo) ?? { kind: 'text', line: lineNo, text: line.trim() }
    );
  });
}
