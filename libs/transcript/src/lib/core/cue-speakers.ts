import { type Utterance } from './build-turns';
import {
  cleanLabel,
  decideLabels,
  isFullNameLine,
  isNameLine,
  type LabelDecision,
  splitLabel,
} from './speaker-labels';
import { hasWords } from './text-cleanup';

/** A timed cue (WebVTT, SRT, Teams-in-Word) with its plain text, grouped by declared voice. */
export interface TimedCue {
  startMs: number;
  endMs: number;
  pieces: Array<{ voice: string | null; text: string }>;
}

interface Segment {
  cue: TimedCue;
  voice: string | null;
  lines: string[];
  /** Started by a `- ` / `>> ` speaker-change marker. */
  marker: boolean;
  speaker: string | null;
}

const MARKER = /^(?:[-–—]|>>)\s+/;

function splitSegments(cue: TimedCue): Segment[] {
  const out: Segment[] = [];
  for (const piece of cue.pieces) {
    let current: Segment | null = null;
    for (const raw of piece.text.split('\n')) {
      const line = raw.trim();
      if (line === '') continue;
      const marker = MARKER.exec(line);
      if (marker || !current) {
        current = { cue, voice: piece.voice, lines: [], marker: marker !== null, speaker: null };
        out.push(current);
      }
      current.lines.push(marker ? line.slice(marker[0].length) : line);
    }
  }
  return out;
}

/**
 * Teams transcripts pasted into Word: every cue is `name line` + text lines, and the text after
 * the name has a letter or digit. A cue whose first line is followed only by symbols (`AT&T` over
 * `^`) is not a name over an utterance: read that way its text would be left out as wordless,
 * losing what was written. At least one name line must be plainly a speaker (a full name, a role
 * or a numbered code): capitalised one-word first lines alone are as likely the words said.
 */
function usesNameLines(segments: readonly Segment[]): boolean {
  if (segments.length === 0 || segments.some((s) => s.voice !== null || s.marker)) return false;
  const byCue = new Map<TimedCue, Segment[]>();
  for (const s of segments) byCue.set(s.cue, [...(byCue.get(s.cue) ?? []), s]);
  const groups = [...byCue.values()];
  // The shape first (each cue one segment of two or more lines): most files fail it at once.
  if (!groups.every((group) => group.length === 1 && (group[0]?.lines.length ?? 0) >= 2))
    return false;
  if (!groups.some((group) => isFullNameLine(group[0]?.lines[0] ?? ''))) return false;
  return groups.every((group) => {
    const lines = group[0]?.lines ?? [];
    return (
      group.length === 1 &&
      lines.length >= 2 &&
      isNameLine(lines[0] ?? '') &&
      hasWords(lines.slice(1).join(' '))
    );
  });
}

function applyLabels(segments: Segment[]): void {
  const candidates = segments.map((s) =>
    s.voice === null ? splitLabel(s.lines.join('\n')) : null,
  );
  const decision: LabelDecision = decideLabels(
    candidates.map((c) => ({ label: c?.label ?? null, blockStart: true })),
    true,
  );
  segments.forEach((s, i) => {
    const candidate = candidates[i];
    if (s.voice !== null) s.speaker = cleanLabel(s.voice) || null;
    else if (candidate && decision.isSpeaker(candidate.label, true)) {
      s.speaker = candidate.label;
      s.lines = candidate.rest.split('\n');
    }
  });
  const covered = segments.filter((s) => s.speaker !== null).length;
  if (covered < segments.length * 0.5) return;
  let previous: string | null = null;
  for (const s of segments) {
    if (s.speaker === null && !s.marker) s.speaker = previous;
    previous = s.speaker;
  }
}

/** Two cues this close count as touching (one frame at 25 fps; exports round their times). */
const TOUCH_MS = 40;

/** What a cue repeats of the cue before it, in the rolling-caption form. */
interface Repeat {
  /** Leading lines that repeat the previous cue's last lines. */
  lines: number;
  /** Characters of the next line that repeat the previous cue's last (growing) line. */
  prefix: number;
}

const NO_REPEAT: Repeat = { lines: 0, prefix: 0 };

function sameLines(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((line, i) => line === b[i]);
}

/**
 * Rolling (roll-up) captions show each line two or three times: a cue repeats the previous
 * cue's last lines before adding a new one, or repeats a growing line with more words. Only a
 * later cue of the same speaker whose time overlaps or touches the previous one can do that.
 */
function repeatOf(prev: Segment, s: Segment): Repeat {
  if (s.cue === prev.cue || s.speaker !== prev.speaker || s.marker) return NO_REPEAT;
  const { startMs } = s.cue;
  if (startMs < prev.cue.startMs || startMs > prev.cue.endMs + TOUCH_MS) return NO_REPEAT;
  for (let k = Math.min(prev.lines.length, s.lines.length); k > 0; k--) {
    if (sameLines(prev.lines.slice(-k), s.lines.slice(0, k))) return { lines: k, prefix: 0 };
  }
  const last = prev.lines.at(-1) ?? '';
  const first = s.lines[0] ?? '';
  if (last !== '' && first.startsWith(`${last} `)) return { lines: 0, prefix: last.length + 1 };
  return NO_REPEAT;
}

/** True when the cue adds words after what it repeats (a roll-up or a growing line). */
function addsWords(s: Segment, r: Repeat): boolean {
  return r.prefix > 0 || r.lines < s.lines.length;
}

/**
 * Drops what rolling captions (YouTube auto-captions, broadcast roll-up) show again. The file
 * must be in that form: repeats in at least two cues and 40 % of cue boundaries, and at least
 * one cue that adds words after its repeat. Distinct utterances with the same words ("Yes."
 * six times, each with its own time, or from different speakers) are never merged.
 */
function dropRollingRepeats(segments: Segment[]): void {
  const repeats = segments.map((s, i) => {
    const prev = segments[i - 1];
    return prev ? repeatOf(prev, s) : NO_REPEAT;
  });
  const found = repeats.filter((r) => r.lines > 0 || r.prefix > 0).length;
  const rolling =
    found >= 2 &&
    found >= (segments.length - 1) * 0.4 &&
    segments.some((s, i) => {
      const r = repeats[i] ?? NO_REPEAT;
      return (r.lines > 0 || r.prefix > 0) && addsWords(s, r);
    });
  if (!rolling) return;
  segments.forEach((s, i) => {
    const r = repeats[i] ?? NO_REPEAT;
    if (r.lines > 0) s.lines = s.lines.slice(r.lines);
    else if (r.prefix > 0) s.lines = [(s.lines[0] ?? '').slice(r.prefix), ...s.lines.slice(1)];
  });
}

/**
 * Attributes timed cues to speakers: `<v>` voices first, then consistent `Name:` labels (or the
 * Teams-in-Word name line), carrying a speaker over unlabelled cues when most cues are labelled.
 */
export function cuesToUtterances(cues: readonly TimedCue[]): Utterance[] {
  const segments = cues.flatMap(splitSegments);
  if (usesNameLines(segments)) {
    for (const s of segments)
      [s.speaker, s.lines] = [cleanLabel(s.lines[0] ?? ''), s.lines.slice(1)];
  } else {
    applyLabels(segments);
  }
  dropRollingRepeats(segments);
  return segments.map((s) => ({
    speaker: s.speaker,
    startMs: s.cue.startMs,
    endMs: s.cue.endMs,
    text: s.lines.join(' '),
    breakBefore: s.marker && s.speaker === null,
  }));
}
