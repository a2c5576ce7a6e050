import { collectWebVttTimestamp, parseClockTime } from '../core/timestamps';
import { newRegion, parseCueSettings, parseRegionSettings } from './webvtt-settings';
import { type WebVttCue, type WebVttParseResult, type WebVttRegion } from './webvtt-types';

export interface WebVttFileOptions {
  /** Also accept timings real tools write but the spec rejects (`0:0:0.570`, `00:00:01,5`). */
  lenientTimings?: boolean;
  /** Read a file whose first line is not a valid `WEBVTT` signature instead of returning no cues. */
  lenientSignature?: boolean;
}

export interface WebVttFileResult extends WebVttParseResult {
  /** 1-based line number of each cue's timing line, parallel to `cues` (source order). */
  cueLines: number[];
  regions: WebVttRegion[];
  signatureValid: boolean;
  /** Timing lines only the lenient timestamp reader accepted, by line number. */
  lenientTimingLines: number[];
}

type Block =
  | { kind: 'cue'; cue: WebVttCue; line: number }
  | { kind: 'style' }
  | { kind: 'region'; region: WebVttRegion }
  | { kind: 'none'; firstLine: string; line: number; timingFailed: boolean };

/** The state of "collect a WebVTT block" while its lines are read. */
interface BlockState {
  lineCount: number;
  /** Where to rewind to when a line turns out to start the next block. */
  previous: { pos: number; lineNo: number };
  buffer: string;
  first: { text: string; line: number };
  seenArrow: boolean;
  cue: WebVttCue | null;
  cueLine: number;
  timingFailed: boolean;
  kind: 'style' | 'region' | null;
}

const TIMING_EXAMPLE = '00:00:01.000 --> 00:00:04.000';

export function quote(text: string, max = 60): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return `'${flat.length > max ? `${flat.slice(0, max)}…` : flat}'`;
}

function newCue(id: string): WebVttCue {
  return {
    id,
    startTime: 0,
    endTime: 0,
    text: '',
    pauseOnExit: false,
    vertical: '',
    snapToLines: true,
    line: 'auto',
    lineAlign: 'start',
    position: 'auto',
    positionAlign: 'auto',
    size: 100,
    align: 'center',
    region: null,
  };
}

function isSpace(code: number): boolean {
  return code === 32 || code === 9 || code === 10 || code === 12 || code === 13;
}

function skipSpaces(s: string, pos: number): number {
  let i = pos;
  while (i < s.length && isSpace(s.charCodeAt(i))) i++;
  return i;
}

/** Replaces NULs and normalises CRLF / CR line endings, as the WebVTT parser's preprocessing does. */
export function normalizeWebVttInput(text: string): string {
  let s = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  if (s.includes('\0')) s = s.replace(/\0/g, '\uFFFD');
  if (s.includes('\r')) s = s.replace(/\r\n?/g, '\n');
  return s;
}

export function hasWebVttSignature(s: string): boolean {
  if (!s.startsWith('WEBVTT')) return false;
  const next = s.charCodeAt(6);
  return s.length === 6 || next === 32 || next === 9 || next === 10;
}

/**
 * The W3C WebVTT parser algorithm (file and block level), over a whole string. Cues come back in
 * source order with the line number of their timing line; problems are listed in `errors`.
 */
export class WebVttFileParser {
  private readonly s: string;
  private pos = 0;
  private lineNo = 1;
  private seenCue = false;
  private readonly result: WebVttFileResult = {
    cues: [],
    errors: [],
    cueLines: [],
    regions: [],
    signatureValid: true,
    lenientTimingLines: [],
  };

  constructor(
    input: string,
    private readonly options: WebVttFileOptions = {},
  ) {
    this.s = normalizeWebVttInput(input);
  }

  parse(): WebVttFileResult {
    if (!this.readSignatureAndHeader()) return this.result;
    this.skipNewlines();
    while (this.pos < this.s.length) {
      this.handle(this.collectBlock(false));
      this.skipNewlines();
    }
    return this.result;
  }

  /** Returns false when there is nothing (more) to parse. */
  private readSignatureAndHeader(): boolean {
    if (!hasWebVttSignature(this.s)) {
      this.result.signatureValid = false;
      const first = this.s.slice(0, this.lineEnd(0));
      this.error(1, `expected the file to start with "WEBVTT", found ${quote(first)}`);
      if (!this.options.lenientSignature) return false;
      if (!/^\s*webvtt/i.test(first)) return true;
    }
    this.pos = this.lineEnd(0);
    if (this.pos >= this.s.length) return false;
    this.advanceNewline();
    if (this.pos < this.s.length && this.s.charCodeAt(this.pos) !== 10) this.collectBlock(true);
    else this.advanceNewline();
    return true;
  }

  private handle(block: Block): void {
    if (block.kind === 'cue') {
      this.result.cues.push(block.cue);
      this.result.cueLines.push(block.line);
    } else if (block.kind === 'region') {
      this.result.regions.push(block.region);
    } else if (
      block.kind === 'none' &&
      !block.timingFailed &&
      !/^NOTE(?:$|[ \t\n])/.test(block.firstLine)
    ) {
      this.error(
        block.line,
        `expected a cue timing like ${TIMING_EXAMPLE}, found ${quote(block.firstLine)}; text ignored`,
      );
    }
  }

  private lineEnd(from: number): number {
    const lf = this.s.indexOf('\n', from);
    return lf === -1 ? this.s.length : lf;
  }

  private advanceNewline(): void {
    this.pos++;
    this.lineNo++;
  }

  private skipNewlines(): void {
    while (this.s.charCodeAt(this.pos) === 10) this.advanceNewline();
  }

  private error(line: number, message: string): void {
    this.result.errors.push({ line, message: `Line ${line}: ${message}` });
  }

  /** "Collect a WebVTT block". */
  private collectBlock(inHeader: boolean): Block {
    const b: BlockState = {
      lineCount: 0,
      previous: { pos: this.pos, lineNo: this.lineNo },
      buffer: '',
      first: { text: '', line: this.lineNo },
      seenArrow: false,
      cue: null,
      cueLine: 0,
      timingFailed: false,
      kind: null,
    };
    for (;;) {
      const { line, lineNo, seenEof } = this.readLine();
      b.lineCount++;
      if (b.first.text.trim() === '' && line.trim() !== '') b.first = { text: line, line: lineNo };
      if (line.includes('-->')) {
        if (!this.arrowLine(b, line, lineNo, inHeader)) break;
      } else if (line === '') {
        break;
      } else {
        if (!inHeader && b.lineCount === 2 && !this.seenCue)
          b.kind = blockKeyword(b.buffer) ?? b.kind;
        b.buffer = b.buffer === '' ? line : `${b.buffer}\n${line}`;
        b.previous = { pos: this.pos, lineNo: this.lineNo };
      }
      if (seenEof) break;
    }
    return finishBlock(b);
  }

  private readLine(): { line: string; lineNo: number; seenEof: boolean } {
    const end = this.lineEnd(this.pos);
    const line = this.s.slice(this.pos, end);
    const lineNo = this.lineNo;
    this.pos = end;
    const seenEof = this.pos >= this.s.length;
    if (!seenEof) this.advanceNewline();
    return { line, lineNo, seenEof };
  }

  /** A line with `-->`: the cue timing, or (later in a block) the start of the next block. */
  private arrowLine(b: BlockState, line: string, lineNo: number, inHeader: boolean): boolean {
    if (inHeader || !(b.lineCount === 1 || (b.lineCount === 2 && !b.seenArrow))) {
      this.pos = b.previous.pos;
      this.lineNo = b.previous.lineNo;
      return false;
    }
    b.seenArrow = true;
    b.previous = { pos: this.pos, lineNo: this.lineNo };
    b.cue = this.parseTimingLine(line, newCue(b.buffer), lineNo);
    b.cueLine = lineNo;
    if (b.cue) {
      b.buffer = '';
      this.seenCue = true;
    } else {
      b.timingFailed = true;
    }
    return true;
  }

  /** "Collect WebVTT cue timings and settings"; null (and an error) when the timing is invalid. */
  private parseTimingLine(line: string, cue: WebVttCue, lineNo: number): WebVttCue | null {
    let lenient = false;
    const timestamp = (at: number): { seconds: number; end: number } | null => {
      const strict = collectWebVttTimestamp(line, at);
      if (strict || !this.options.lenientTimings) return strict;
      const loose = parseClockTime(line, at);
      if (!loose || !(loose.end === line.length || isSpace(line.charCodeAt(loose.end))))
        return null;
      lenient = true;
      return { seconds: loose.ms / 1000, end: loose.end };
    };
    const start = timestamp(skipSpaces(line, 0));
    let i = start ? skipSpaces(line, start.end) : -1;
    const arrow = i >= 0 && line.startsWith('-->', i);
    const end = arrow ? timestamp(skipSpaces(line, i + 3)) : null;
    if (!start || !end) {
      this.error(
        lineNo,
        `expected a cue timing like ${TIMING_EXAMPLE}, found ${quote(line)}; cue skipped`,
      );
      return null;
    }
    i = end.end;
    if (lenient) this.result.lenientTimingLines.push(lineNo);
    cue.startTime = start.seconds;
    cue.endTime = end.seconds;
    parseCueSettings(line.slice(i), cue, this.result.regions);
    return cue;
  }
}

function finishBlock(b: BlockState): Block {
  if (b.cue) {
    b.cue.text = b.buffer;
    return { kind: 'cue', cue: b.cue, line: b.cueLine };
  }
  if (b.kind === 'style') return { kind: 'style' };
  if (b.kind === 'region') {
    const region = newRegion();
    parseRegionSettings(b.buffer, region);
    return { kind: 'region', region };
  }
  return {
    kind: 'none',
    firstLine: b.first.text,
    line: b.first.line,
    timingFailed: b.timingFailed,
  };
}

function blockKeyword(buffer: string): 'style' | 'region' | null {
  if (/^STYLE[ \t\n\f\r]*$/.test(buffer)) return 'style';
  if (/^REGION[ \t\n\f\r]*$/.test(buffer)) return 'region';
  return null;
}

/** Text track cue order: by start time, then longer cues first, then source order. */
function byTrackOrder(a: WebVttCue, b: WebVttCue): number {
  return a.startTime - b.startTime || b.endTime - a.endTime;
}

/**
 * Strict WebVTT parsing to the cue level (the W3C algorithm), with `VTTCue` field names and
 * cues in text track cue order. The layer the WPT conformance vectors run against.
 */
export function parseWebVttCues(text: string): WebVttParseResult {
  const { cues, errors } = new WebVttFileParser(text).parse();
  return { cues: cues.slice().sort(byTrackOrder), errors };
}
