import { cuesToUtterances, type TimedCue } from '../core/cue-speakers';
import { parseCueTimingLine, looksLikeTimingLine } from '../core/cue-timing-line';
import { type FormatResult } from '../core/format-result';
import { stripMarkup } from '../core/text-cleanup';
import { TranscriptParseError } from '../transcript-parse-error';
import { cueTextToVoicedText } from '../webvtt/webvtt-cue-text';
import { quote } from '../webvtt/webvtt-file-parser';

const TIMING_EXAMPLE = '00:00:01,000 --> 00:00:04,000';

interface Problem {
  line: number;
  message: string;
}

class SrtReader {
  private i = 0;
  readonly cues: TimedCue[] = [];
  readonly problems: Problem[] = [];

  constructor(
    private readonly lines: readonly string[],
    private readonly markup: boolean,
  ) {}

  read(): this {
    while (this.i < this.lines.length) {
      const line = (this.lines[this.i] ?? '').trim();
      if (line === '') this.i++;
      else if (this.isIndexBeforeTiming(this.i, true)) this.i++;
      else this.readBlock(line);
    }
    return this;
  }

  /** A cue number followed by a timing line (or, with `orBroken`, any line with `-->`). */
  private isIndexBeforeTiming(at: number, orBroken = false): boolean {
    if (!/^\d+$/.test((this.lines[at] ?? '').trim())) return false;
    const next = this.lines[at + 1] ?? '';
    return parseCueTimingLine(next) !== null || (orBroken && looksLikeTimingLine(next));
  }

  private readBlock(line: string): void {
    const lineNo = this.i + 1;
    const timing = parseCueTimingLine(line);
    this.i++;
    const text = this.collectText();
    if (timing) {
      this.cues.push({ ...timing, pieces: toPieces(text.join('\n'), this.markup) });
      return;
    }
    const what = looksLikeTimingLine(line) ? 'cue skipped' : 'text ignored';
    this.problems.push({
      line: lineNo,
      message: `expected a cue timing like ${TIMING_EXAMPLE}, found ${quote(line)}; ${what}`,
    });
  }

  /**
   * Cue text runs to a blank line, or to the next timing line (a missing blank line). A line of
   * only spaces or tabs ends the cue only where a cue or a blank line follows; before more text
   * it is a gap inside the cue, whose text is kept.
   */
  private collectText(): string[] {
    const text: string[] = [];
    while (this.i < this.lines.length) {
      const line = this.lines[this.i] ?? '';
      if (line.trim() === '' && (line === '' || !this.textFollows(this.i + 1))) break;
      if (looksLikeTimingLine(line) || parseCueTimingLine(line)) break;
      if (this.isIndexBeforeTiming(this.i)) break;
      text.push(line);
      this.i++;
    }
    return text;
  }

  /** True when line `at` is cue text: not blank, not a timing, not a cue number before one. */
  private textFollows(at: number): boolean {
    const line = this.lines[at];
    if (line === undefined || line.trim() === '') return false;
    return !looksLikeTimingLine(line) && !parseCueTimingLine(line) && !this.isIndexBeforeTiming(at);
  }
}

function toPieces(text: string, markup: boolean): TimedCue['pieces'] {
  if (!markup) return [{ voice: null, text }];
  if (text.includes('<v')) return cueTextToVoicedText(text);
  return [{ voice: null, text: stripMarkup(text) }];
}

/**
 * SubRip (and YouTube SBV): numbered or unnumbered cues, comma or dot fractions of 1-3 digits,
 * coordinates after the timing, CR/LF/CRLF, missing blank lines; markup stripped (unless
 * `markup` is false: cue text from a Word document is already plain).
 */
export function parseSrt(text: string, { markup = true }: { markup?: boolean } = {}): FormatResult {
  const lines = text.split(/\r\n|\r|\n/);
  const { cues, problems } = new SrtReader(lines, markup).read();
  const warnings = problems.map((p) => `Line ${p.line}: ${p.message}`);
  if (cues.length === 0) {
    const first = problems[0];
    const message = first
      ? `Line ${first.line}: ${first.message.replace(/; (?:cue skipped|text ignored)$/, '')}. No cue could be read.`
      : `No subtitle cues found: expected numbered cues with timings like ${TIMING_EXAMPLE}.`;
    throw new TranscriptParseError('MALFORMED', message, first?.line);
  }
  return { utterances: cuesToUtterances(cues), warnings, language: null };
}
