/** A parsed clock time and the index just after it. */
export interface ClockTime {
  ms: number;
  end: number;
}

function isDigit(code: number): boolean {
  return code >= 48 && code <= 57;
}

/** Index of the first non-digit at or after `pos`. */
function digitsEnd(s: string, pos: number): number {
  let i = pos;
  while (i < s.length && isDigit(s.charCodeAt(i))) i++;
  return i;
}

/**
 * The WebVTT "collect a WebVTT timestamp" algorithm: `[hh+:]mm:ss.ttt` with exactly two digit
 * minutes and seconds and exactly three fraction digits. Returns seconds as the spec does.
 */
export function collectWebVttTimestamp(
  s: string,
  pos: number,
): { seconds: number; end: number } | null {
  let i = pos;
  const e1 = digitsEnd(s, i);
  if (e1 === i) return null;
  const v1 = Number(s.slice(i, e1));
  const hours = e1 - i !== 2 || v1 > 59;
  if (s.charCodeAt(e1) !== 58) return null;
  i = e1 + 1;
  const e2 = digitsEnd(s, i);
  if (e2 - i !== 2) return null;
  let h = 0;
  let m = v1;
  let sec = Number(s.slice(i, e2));
  i = e2;
  if (hours || s.charCodeAt(i) === 58) {
    if (s.charCodeAt(i) !== 58) return null;
    const e3 = digitsEnd(s, i + 1);
    if (e3 - (i + 1) !== 2) return null;
    [h, m, sec] = [v1, sec, Number(s.slice(i + 1, e3))];
    i = e3;
  }
  if (s.charCodeAt(i) !== 46) return null;
  const e4 = digitsEnd(s, i + 1);
  if (e4 - (i + 1) !== 3) return null;
  if (m > 59 || sec > 59) return null;
  return { seconds: h * 3600 + m * 60 + sec + Number(s.slice(i + 1, e4)) / 1000, end: e4 };
}

/**
 * A forgiving clock time as real tools write it: `h:mm:ss[.,]fff`, `mm:ss`, Teams' `0:0:0.570`,
 * SRT's `00:01:39` (no fraction) and `00:02:04,08` (a 1-3 digit fraction is decimal seconds,
 * so `,08` is 80 ms). Minutes and seconds take one or two digits; hours any number.
 */
export function parseClockTime(s: string, pos: number): ClockTime | null {
  const groups: number[] = [];
  let i = pos;
  for (;;) {
    const e = digitsEnd(s, i);
    const len = e - i;
    if (len === 0 || (groups.length > 0 && len > 2) || len > 9) return null;
    groups.push(Number(s.slice(i, e)));
    i = e;
    if (groups.length === 3 || s.charCodeAt(i) !== 58 || !isDigit(s.charCodeAt(i + 1))) break;
    i++;
  }
  if (groups.length < 2) return null;
  const [a = 0, b = 0, c] = groups;
  const [h, m, sec] = c === undefined ? [0, a, b] : [a, b, c];
  if (sec > 59 || (c !== undefined && m > 59)) return null;
  let ms = (h * 3600 + m * 60 + sec) * 1000;
  const sep = s.charCodeAt(i);
  if ((sep === 46 || sep === 44) && isDigit(s.charCodeAt(i + 1))) {
    const e = digitsEnd(s, i + 1);
    const fraction = s.slice(i + 1, Math.min(e, i + 10));
    ms += Math.round(Number(`0.${fraction}`) * 1000);
    i = e;
  }
  return { ms, end: i };
}

/** `HH:MM:SS.mmm` for messages and synthetic files. */
export function formatClock(ms: number, separator: '.' | ',' = '.'): string {
  const total = Math.max(0, Math.round(ms));
  const h = Math.floor(total / 3_600_000);
  const m = Math.floor(total / 60_000) % 60;
  const s = Math.floor(total / 1000) % 60;
  const f = total % 1000;
  return `${pad(h, 2)}:${pad(m, 2)}:${pad(s, 2)}${separator}${pad(f, 3)}`;
}

function pad(n: number, width: number): string {
  return String(n).padStart(width, '0');
}
