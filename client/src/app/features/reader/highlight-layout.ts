import type { ReaderHighlightFragment } from '@verbatim/contracts';

type TextPosition = ReaderHighlightFragment['start'];

/** Where a highlight lies in a transcript, and how it looks. */
export interface LaidHighlight {
  id: string;
  start: TextPosition;
  end: TextPosition;
  /** Colour of its first tag; a neutral grey without tags. */
  color: string;
  needsAttention: boolean;
  /** A machine suggestion waiting for review: outlined with dashes, not filled. */
  suggested?: boolean;
}

/** The part of one highlight that falls in one turn: [start, end) in UTF-16 units. */
export interface TurnSpan {
  id: string;
  start: number;
  end: number;
  color: string;
  needsAttention: boolean;
  suggested?: boolean;
  /** Underline line of this highlight in this turn; 0 sits nearest the text. */
  lane: number;
}

/** A stretch of a turn's text covered by the same highlights (and query match, or not). */
export interface Run {
  start: number;
  end: number;
  text: string;
  /** Ids of the highlights covering this run, in lane order. */
  highlightIds: readonly string[];
  match: boolean;
  /** Inline CSS for the run's tints and underlines; empty when plain. */
  style: string;
  /** Set (true) when a pending suggestion covers the run. */
  suggested?: boolean;
}

export interface TurnLayout {
  runs: readonly Run[];
  /** Highlights touching the turn, in lane order. */
  highlightIds: readonly string[];
}

export const NO_TAG_COLOR = '#8a909a';
const LINE_PX = 3;

/**
 * Splits every highlight into its per-turn spans. `turns` are in transcript order; a highlight
 * whose turns are not loaded yet shows only on the turns that are.
 */
export function spansByTurn(
  turns: readonly { id: string; text: string }[],
  highlights: readonly LaidHighlight[],
): Map<string, TurnSpan[]> {
  const position = new Map(turns.map((t, i) => [t.id, i]));
  const spans = new Map<string, TurnSpan[]>();
  for (const h of highlights) {
    const first = position.get(h.start.segmentId);
    const last = position.get(h.end.segmentId);
    if (first === undefined && last === undefined) continue;
    const from = first ?? 0;
    const to = last ?? turns.length - 1;
    for (let i = from; i <= to; i++) {
      const turn = turns[i]!;
      const start = i === first ? h.start.offset : 0;
      const end = Math.min(turn.text.length, i === last ? h.end.offset : turn.text.length);
      if (end <= start) continue;
      const list = spans.get(turn.id) ?? [];
      list.push({
        id: h.id,
        start,
        end,
        color: h.color,
        needsAttention: h.needsAttention,
        ...(h.suggested ? { suggested: true } : {}),
        lane: 0,
      });
      spans.set(turn.id, list);
    }
  }
  for (const list of spans.values()) assignLanes(list);
  return spans;
}

/** Gives each span the lowest underline line not taken by an overlapping span (greedy). */
export function assignLanes(spans: TurnSpan[]): void {
  spans.sort((a, b) => a.start - b.start || b.end - a.end || a.id.localeCompare(b.id));
  const laneEnds: number[] = [];
  for (const span of spans) {
    let lane = laneEnds.findIndex((end) => end <= span.start);
    if (lane === -1) lane = laneEnds.length;
    laneEnds[lane] = span.end;
    span.lane = lane;
  }
}

/** Cuts a turn's text at every highlight and match boundary. Runs join back to the exact text. */
export function layoutTurn(
  text: string,
  spans: readonly TurnSpan[],
  matches: readonly (readonly [number, number])[] = [],
): TurnLayout {
  const cuts = new Set([0, text.length]);
  for (const s of spans) cuts.add(s.start).add(s.end);
  for (const [a, b] of matches) cuts.add(a).add(b);
  const points = [...cuts].filter((c) => c >= 0 && c <= text.length).sort((a, b) => a - b);
  const lanes = spans.reduce((max, s) => Math.max(max, s.lane + 1), 0);
  const byLane = [...spans].sort((a, b) => a.lane - b.lane);
  const runs: Run[] = [];
  for (let i = 0; i + 1 < points.length; i++) {
    const start = points[i]!;
    const end = points[i + 1]!;
    const covering = byLane.filter((s) => s.start <= start && s.end >= end);
    runs.push({
      start,
      end,
      text: text.slice(start, end),
      highlightIds: covering.map((s) => s.id),
      match: matches.some(([a, b]) => a <= start && b >= end),
      style: runStyle(covering, lanes),
      ...(covering.some((s) => s.suggested) ? { suggested: true } : {}),
    });
  }
  return { runs, highlightIds: byLane.map((s) => s.id) };
}

/**
 * A light tint per highlight (overlaps blend darker) and one underline per highlight, stacked
 * under the text by lane; highlights needing attention get a dashed line. A suggestion gets no
 * tint but dashed lines above and below, so it reads as an outline around words not yet tagged.
 */
export function runStyle(covering: readonly TurnSpan[], lanes: number): string {
  if (!covering.length) return '';
  const layers: string[] = [];
  const positions: string[] = [];
  const sizes: string[] = [];
  for (const s of covering) {
    const dashed = `repeating-linear-gradient(90deg, ${s.color} 0 4px, transparent 4px 7px)`;
    const line =
      s.needsAttention || s.suggested ? dashed : `linear-gradient(${s.color}, ${s.color})`;
    layers.push(line);
    positions.push(`0 calc(100% - ${(lanes - 1 - s.lane) * LINE_PX}px)`);
    sizes.push('100% 2px');
    if (s.suggested) {
      layers.push(dashed);
      positions.push('0 0');
      sizes.push('100% 1.5px');
    }
  }
  for (const s of covering) {
    if (s.suggested) continue;
    const tint = `color-mix(in srgb, ${s.color} 14%, transparent)`;
    layers.push(`linear-gradient(${tint}, ${tint})`);
    positions.push('0 0');
    sizes.push('100% 100%');
  }
  return [
    `padding-bottom: ${lanes * LINE_PX}px`,
    `background-image: ${layers.join(', ')}`,
    `background-position: ${positions.join(', ')}`,
    `background-size: ${sizes.join(', ')}`,
  ].join('; ');
}

/** Layouts of every turn, computed once per change of turns, highlights or query. */
export function layoutTurns(
  turns: readonly { id: string; index: number; text: string }[],
  highlights: readonly LaidHighlight[],
  matchesOf: (turn: { index: number; text: string }) => readonly (readonly [number, number])[],
): Map<string, TurnLayout> {
  const spans = spansByTurn(turns, highlights);
  const layouts = new Map<string, TurnLayout>();
  for (const turn of turns) {
    const matches = matchesOf(turn);
    const own = spans.get(turn.id);
    if (!own && !matches.length) continue;
    layouts.set(turn.id, layoutTurn(turn.text, own ?? [], matches));
  }
  return layouts;
}

/** The layout of a turn that nothing marks: one plain run. */
export function plainLayout(text: string): TurnLayout {
  return {
    runs: [{ start: 0, end: text.length, text, highlightIds: [], match: false, style: '' }],
    highlightIds: [],
  };
}
