import { parseClockTime } from './timestamps';

export interface CueTiming {
  startMs: number;
  endMs: number;
}

function skipBlanks(s: string, pos: number): number {
  let i = pos;
  while (s.charCodeAt(i) === 32 || s.charCodeAt(i) === 9) i++;
  return i;
}

/**
 * A subtitle timing line, leniently: `00:00:01,000 --> 00:00:04,000` (comma or dot, 1-3 digit
 * fractions, no fraction, Teams' `0:0:1.5`, SRT coordinates or cue settings after it) or
 * YouTube SBV's `0:00:01.000,0:00:04.000`. Null when the line is not one.
 */
export function parseCueTimingLine(line: string): CueTiming | null {
  const start = parseClockTime(line, skipBlanks(line, 0));
  if (!start) return null;
  let i = skipBlanks(line, start.end);
  if (line.startsWith('-->', i)) i = skipBlanks(line, i + 3);
  else if (line.charCodeAt(i) === 44 && i === start.end) i += 1;
  else return null;
  const end = parseClockTime(line, i);
  if (!end) return null;
  const next = line.charCodeAt(end.end);
  if (!(Number.isNaN(next) || next === 32 || next === 9)) return null;
  return { startMs: start.ms, endMs: end.ms };
}

/** True when the line has the `-->` arrow of a (possibly broken) cue timing. */
export function looksLikeTimingLine(line: string): boolean {
  return line.includes('-->');
}
