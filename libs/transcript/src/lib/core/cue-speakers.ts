import { type Utterance } from './build-turns';
import {
  cleanLabel,
  decideLabels,
  isNameLine,
  type LabelDecision,
  splitLabel,
} from './speaker-labels';

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

/** Teams transcripts pasted into Word: every cue is `name line` + text lines. */
function usesNameLines(segments: readonly Segment[]): boolean {
  if (segments.length === 0 || segments.some((s) => s.voice !== null || s.marker)) return false;
  const byCue = new Map<TimedCue, Segment[]>();
  for (const s of segments) byCue.set(s.cue, [...(byCue.get(s.cue) ?? []), s]);
  return [...byCue.values()].every(
    (group) =>
      group.length === 1 &&
      (group[0]?.lines.length ?? 0) >= 2 &&
      isNameLine(group[0]?.lines[0] ?? ''),
  );
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

/** YouTube-style rolling captions repeat the previous cue's last line as their first line. */
function dropRollingRepeats(segments: Segment[]): void {
  let repeats = 0;
  for (let i = 1; i < segments.length; i++) {
    if (segments[i]?.lines[0] === segments[i - 1]?.lines.at(-1)) repeats++;
  }
  if (repeats < 2 || repeats < segments.length * 0.25) return;
  let previousLast: string | undefined;
  for (const s of segments) {
    const last = s.lines.at(-1);
    if (s.lines[0] === previousLast) s.lines = s.lines.slice(1);
    previousLast = last;
  }
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
