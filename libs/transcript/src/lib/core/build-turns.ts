import { PARAGRAPH_HARD_CHARS, PARAGRAPH_PAUSE_MS, PARAGRAPH_SOFT_CHARS } from '../limits';
import { type Turn } from '../types';
import { cleanTurnText } from './text-cleanup';

/** One spoken or written unit before merging: a cue, a labelled line, a paragraph, a segment. */
export interface Utterance {
  speaker: string | null;
  startMs: number | null;
  endMs: number | null;
  text: string;
  /** Start a new turn here even when the speaker does not change (`- ` marker, new paragraph). */
  breakBefore?: boolean;
  /** When merged into the previous turn, keep a paragraph break (`\n\n`) instead of a space. */
  paragraph?: boolean;
}

interface OpenTurn extends Turn {
  sentenceEnd: boolean;
}

const SENTENCE_END = /[.!?…。！？]["'”’)\]]?$/;

function isTimed(utterances: readonly Utterance[]): boolean {
  return utterances.length > 0 && utterances.every((u) => u.startMs !== null);
}

function startsNewTurn(turn: OpenTurn, u: Utterance): boolean {
  if (u.breakBefore || turn.speaker !== u.speaker) return true;
  if (u.speaker !== null) return false;
  if (turn.endMs !== null && u.startMs !== null && u.startMs - turn.endMs >= PARAGRAPH_PAUSE_MS)
    return true;
  if (turn.text.length >= PARAGRAPH_SOFT_CHARS && turn.sentenceEnd) return true;
  return turn.text.length >= PARAGRAPH_HARD_CHARS;
}

function open(u: Utterance, text: string): OpenTurn {
  return {
    speaker: u.speaker,
    startMs: u.startMs,
    endMs: u.endMs,
    text,
    sentenceEnd: SENTENCE_END.test(text),
  };
}

function extend(turn: OpenTurn, u: Utterance, text: string): void {
  turn.text += (u.paragraph ? '\n\n' : ' ') + text;
  turn.sentenceEnd = SENTENCE_END.test(text);
  if (u.endMs !== null) turn.endMs = turn.endMs === null ? u.endMs : Math.max(turn.endMs, u.endMs);
  if (turn.startMs === null) turn.startMs = u.startMs;
}

/**
 * Merges utterances into speaker turns: consecutive utterances of one speaker become one turn
 * (start of the first to end of the last); unlabelled ones are grouped into readable paragraphs
 * (break on a pause of 2 s, a `- ` marker, or about 600 characters at a sentence end). Timed
 * input is ordered by start time first; equal or overlapping starts keep source order.
 */
export function buildTurns(utterances: readonly Utterance[]): Turn[] {
  const ordered = isTimed(utterances)
    ? utterances.slice().sort((a, b) => (a.startMs ?? 0) - (b.startMs ?? 0))
    : utterances;
  const turns: OpenTurn[] = [];
  for (const u of ordered) {
    const text = cleanTurnText(u.text);
    if (text === '') continue;
    const last = turns[turns.length - 1];
    if (last && !startsNewTurn(last, u)) extend(last, u, text);
    else turns.push(open(u, text));
  }
  return turns.map(({ speaker, startMs, endMs, text }) => ({ speaker, startMs, endMs, text }));
}

/** The last known time: the greatest end (or start, when ends are unknown) of any turn. */
export function durationOf(turns: readonly Turn[]): number | null {
  let max: number | null = null;
  for (const t of turns) {
    const time = t.endMs ?? t.startMs;
    if (time !== null && (max === null || time > max)) max = time;
  }
  return max;
}
