/**
 * A transcript's turns as one plain text (a REFI-QDA text source) and back, with the positions of
 * both sides computable from each other.
 *
 * Layout: one block per turn, blocks separated by a blank line; a block is a label and the turn's
 * text as it is:
 *
 *     [00:01:23] Anna: I switched because of the price.
 *
 *     Ben: And the onboarding?
 *
 * The label is `[hh:mm:ss] ` when the turn has a start time (`.mmm` added when it has
 * milliseconds), then `Speaker: ` when it has a speaker; a turn with neither has no label. NVivo,
 * MAXQDA, ATLAS.ti and QualCoder show this as an ordinary interview transcript, and Verbatim's
 * plain-text parser reads it as one.
 *
 * Positions are UTF-16 indices (JavaScript string indices), as in the model: the writers and
 * readers convert to the file's code points at its edge.
 */
import { parseTranscriptText, type Turn } from '@verbatim/transcript';

/** A turn as this mapping needs it. */
export interface TextTurn {
  speaker: string | null;
  startMs: number | null;
  text: string;
}

/** Where each turn's own text sits in the whole text. */
export interface TurnSpans {
  /** UTF-16 index in the whole text where turn i's text begins. */
  starts: number[];
  /** Length (UTF-16) of turn i's text. */
  lengths: number[];
}

export interface TranscriptText extends TurnSpans {
  text: string;
}

/** A position in a transcript: a turn (by index in the list) and a UTF-16 offset in its text. */
export interface TurnPosition {
  turn: number;
  offset: number;
}

const TURN_BREAK = '\n\n';

/** The label written before a turn's text (may be empty). */
export function turnLabel(turn: Pick<TextTurn, 'speaker' | 'startMs'>): string {
  const time = turn.startMs === null ? '' : `[${formatTime(turn.startMs)}] `;
  const speaker = turn.speaker?.trim() ? `${oneLine(turn.speaker.trim())}: ` : '';
  return time + speaker;
}

/** Lays turns out as one text, and says where each turn's text is in it. */
export function transcriptToText(turns: readonly TextTurn[]): TranscriptText {
  const parts: string[] = [];
  const starts: number[] = [];
  const lengths: number[] = [];
  let at = 0;
  turns.forEach((turn, i) => {
    const label = (i > 0 ? TURN_BREAK : '') + turnLabel(turn);
    parts.push(label, turn.text);
    starts.push(at + label.length);
    lengths.push(turn.text.length);
    at += label.length + turn.text.length;
  });
  return { text: parts.join(''), starts, lengths };
}

/**
 * Converts between turn positions and positions in the whole text. A position in the whole text
 * that is not inside a turn's text (in a label or a blank line) moves to the nearest turn text in
 * the direction that keeps a selection inside its words: a start forward to the next turn's
 * beginning, an end back to the previous turn's end.
 */
export class TurnPositions {
  constructor(private readonly spans: TurnSpans) {
    if (spans.starts.length !== spans.lengths.length)
      throw new RangeError('starts and lengths must have one entry per turn');
  }

  get turnCount(): number {
    return this.spans.starts.length;
  }

  /** The position in the whole text of an offset into turn `turn`. */
  toText(position: TurnPosition): number {
    const start = this.spans.starts[position.turn];
    const length = this.spans.lengths[position.turn];
    if (start === undefined || length === undefined)
      throw new RangeError(`no turn ${position.turn}`);
    if (!Number.isInteger(position.offset) || position.offset < 0 || position.offset > length)
      throw new RangeError(`offset ${position.offset} is outside turn ${position.turn}`);
    return start + position.offset;
  }

  /**
   * The turn position of a position in the whole text, or null when there is no turn on that
   * side (a start after the last turn's text, an end before the first's).
   */
  fromText(index: number, side: 'start' | 'end'): TurnPosition | null {
    const { starts, lengths } = this.spans;
    // The last turn whose text begins at or before `index`.
    let low = 0;
    let high = starts.length;
    while (low < high) {
      const mid = (low + high) >>> 1;
      if ((starts[mid] as number) <= index) low = mid + 1;
      else high = mid;
    }
    const turn = low - 1;
    if (side === 'start') {
      if (turn >= 0) {
        const offset = index - (starts[turn] as number);
        // At a turn's very end a start belongs to the next turn's beginning.
        if (offset < (lengths[turn] as number)) return { turn, offset };
      }
      return turn + 1 < starts.length ? { turn: turn + 1, offset: 0 } : null;
    }
    if (turn < 0) return null;
    const offset = index - (starts[turn] as number);
    // At a turn's very beginning an end belongs to the previous turn's end.
    if (offset === 0 && turn > 0) return { turn: turn - 1, offset: lengths[turn - 1] as number };
    return { turn, offset: Math.min(offset, lengths[turn] as number) };
  }
}

/** Turns read back from a text, each with where its text is. */
export interface TurnsFromText extends TurnSpans {
  turns: TextTurn[];
  /** How the turns were found. */
  layout: 'VERBATIM' | 'TRANSCRIPT' | 'PARAGRAPHS';
}

const LABEL =
  /^(?:\[(\d{1,3}):([0-5]\d):([0-5]\d)(?:\.(\d{3}))?\] )?(?:([^\s:[\]][^\n:]{0,199}?): )?/;

const SPEAKER_LINE = /\n[^\s:[\]][^\n:]{0,199}?: /;

/**
 * Reads text laid out by `transcriptToText` back into the same turns, or null when the text is
 * not in that layout (it would not be written again identically). For Verbatim's own exports
 * this is the exact inverse: same turns, same positions.
 */
export function textToTranscript(text: string): TurnsFromText | null {
  if (!text.length) return null;
  const turns: TextTurn[] = [];
  const starts: number[] = [];
  const lengths: number[] = [];
  let at = 0;
  for (const block of text.split(TURN_BREAK)) {
    const m = LABEL.exec(block) as RegExpExecArray;
    const label = m[0];
    const body = block.slice(label.length);
    const time = m[1] === undefined ? null : parseTime(m);
    const speaker = m[5]?.trim() ? m[5] : null;
    // A turn always has words: an empty block is not this layout. A line inside a turn that
    // starts like a speaker's turn means another layout (single line breaks between turns).
    if (!body.trim() || SPEAKER_LINE.test(body)) return null;
    turns.push({ speaker, startMs: time, text: body });
    starts.push(at + label.length);
    lengths.push(body.length);
    at += block.length + TURN_BREAK.length;
  }
  // The layout is only taken when it gives the text back exactly, and says something (labels).
  if (!turns.some((t) => t.speaker !== null || t.startMs !== null)) return null;
  if (transcriptToText(turns).text !== text) return null;
  return { turns, starts, lengths, layout: 'VERBATIM' };
}

/**
 * Finds turns parsed from `text` by another parser (which may have dropped labels, timestamps
 * and blank lines, but kept each turn's words as written) in the text, in order; the spans, or
 * null when a turn's text is not found as it is.
 */
export function locateTurns(text: string, turnTexts: readonly string[]): TurnSpans | null {
  const starts: number[] = [];
  const lengths: number[] = [];
  let from = 0;
  for (const turnText of turnTexts) {
    if (!turnText.length) return null;
    const at = text.indexOf(turnText, from);
    if (at < 0) return null;
    starts.push(at);
    lengths.push(turnText.length);
    from = at + turnText.length;
  }
  return { starts, lengths };
}

/**
 * Paragraphs (non-blank lines) as turns without a speaker, each trimmed of surrounding spaces:
 * the reading of a text that is not a transcript (an article, field notes).
 */
export function paragraphsToTurns(text: string): TurnsFromText {
  const turns: TextTurn[] = [];
  const starts: number[] = [];
  const lengths: number[] = [];
  const line = /[^\r\n]+/g;
  for (let m = line.exec(text); m; m = line.exec(text)) {
    const raw = m[0];
    const lead = raw.length - raw.trimStart().length;
    const body = raw.trim();
    if (!body) continue;
    turns.push({ speaker: null, startMs: null, text: body });
    starts.push(m.index + lead);
    lengths.push(body.length);
  }
  return { turns, starts, lengths, layout: 'PARAGRAPHS' };
}

function formatTime(ms: number): string {
  const total = Math.max(0, Math.round(ms));
  const s = Math.floor(total / 1000);
  const pad = (n: number) => String(n).padStart(2, '0');
  const base = `${pad(Math.floor(s / 3600))}:${pad(Math.floor(s / 60) % 60)}:${pad(s % 60)}`;
  return total % 1000 ? `${base}.${String(total % 1000).padStart(3, '0')}` : base;
}

function parseTime(m: RegExpExecArray): number {
  const [h, min, s, ms] = [m[1], m[2], m[3], m[4]].map((v) => Number(v ?? 0)) as [
    number,
    number,
    number,
    number,
  ];
  return ((h * 60 + min) * 60 + s) * 1000 + ms;
}

/** A speaker label on one line, without the `: ` that ends it. */
function oneLine(label: string): string {
  return label.replace(/\s+/g, ' ');
}

/**
 * Turns for a text source read from a REFI-QDA file: Verbatim's own layout exactly when the text
 * is in it; else, when Verbatim's plain-text transcript parser finds speakers and every turn's
 * words as written, those turns; else paragraphs without a speaker.
 */
export function turnsForText(text: string): TurnsFromText {
  const own = textToTranscript(text);
  if (own) return own;
  const parsed = parseAsTranscript(text);
  if (parsed) return parsed;
  return paragraphsToTurns(text);
}

function parseAsTranscript(text: string): TurnsFromText | null {
  let turns: Turn[];
  try {
    turns = parseTranscriptText(text, { format: 'TEXT' }).turns;
  } catch {
    return null;
  }
  if (!turns.length || !turns.some((t) => t.speaker)) return null;
  const spans = locateTurns(
    text,
    turns.map((t) => t.text),
  );
  if (!spans) return null;
  return {
    turns: turns.map((t) => ({ speaker: t.speaker, startMs: t.startMs, text: t.text })),
    ...spans,
    layout: 'TRANSCRIPT',
  };
}
