/**
 * Approximate substring matching (Sellers' algorithm): the edit distance between a pattern and
 * the best-matching window of a text, where the window may start and end anywhere.
 * O(pattern × text) time, O(pattern) memory — callers bound both.
 */

export interface ApproxMatch {
  /** Start of the window in `text` (inclusive). */
  start: number;
  /** End of the window in `text` (exclusive). */
  end: number;
  distance: number;
}

/** Best end position of an approximate occurrence of `pattern` in text[from, to). */
function bestEnd(
  pattern: string,
  text: string,
  from: number,
  to: number,
  reverse: boolean,
): { end: number; distance: number } {
  const m = pattern.length;
  let prev = new Int32Array(m + 1);
  let cur = new Int32Array(m + 1);
  for (let i = 0; i <= m; i++) prev[i] = i;
  let best = prev[m] as number;
  let bestPos = reverse ? to : from;
  const n = to - from;
  for (let step = 0; step < n; step++) {
    const tj = reverse ? text.charCodeAt(to - 1 - step) : text.charCodeAt(from + step);
    // Forward: the window may start anywhere (free). Backward: anchored at `to` (skipping costs).
    cur[0] = reverse ? step + 1 : 0;
    for (let i = 1; i <= m; i++) {
      const pi = reverse ? pattern.charCodeAt(m - i) : pattern.charCodeAt(i - 1);
      const sub = (prev[i - 1] as number) + (pi === tj ? 0 : 1);
      const del = (prev[i] as number) + 1;
      const ins = (cur[i - 1] as number) + 1;
      cur[i] = sub < del ? (sub < ins ? sub : ins) : del < ins ? del : ins;
    }
    const d = cur[m] as number;
    if (d < best) {
      best = d;
      bestPos = reverse ? to - 1 - step : from + step + 1;
    }
    const t = prev;
    prev = cur;
    cur = t;
  }
  return { end: bestPos, distance: best };
}

/** Best approximate occurrence of `pattern` in text[from, to). */
export function approximateMatch(
  pattern: string,
  text: string,
  from = 0,
  to = text.length,
): ApproxMatch | null {
  if (!pattern || to <= from) return null;
  const forward = bestEnd(pattern, text, from, to, false);
  // Run backwards, anchored at the best end, to find where that window starts.
  const backward = bestEnd(pattern, text, from, forward.end, true);
  return { start: backward.end, end: forward.end, distance: backward.distance };
}

/** Plain Levenshtein distance (two rows). */
export function levenshtein(a: string, b: string): number {
  if (a === b) return 0;
  if (!a.length) return b.length;
  if (!b.length) return a.length;
  let prev = new Int32Array(b.length + 1);
  let cur = new Int32Array(b.length + 1);
  for (let j = 0; j <= b.length; j++) prev[j] = j;
  for (let i = 1; i <= a.length; i++) {
    cur[0] = i;
    const ai = a.charCodeAt(i - 1);
    for (let j = 1; j <= b.length; j++) {
      const sub = (prev[j - 1] as number) + (ai === b.charCodeAt(j - 1) ? 0 : 1);
      const del = (prev[j] as number) + 1;
      const ins = (cur[j - 1] as number) + 1;
      cur[j] = sub < del ? (sub < ins ? sub : ins) : del < ins ? del : ins;
    }
    const t = prev;
    prev = cur;
    cur = t;
  }
  return prev[b.length] as number;
}

/** 1 − distance / longer length, in 0..1. */
export function similarity(a: string, b: string): number {
  const longest = Math.max(a.length, b.length);
  if (longest === 0) return 1;
  return 1 - levenshtein(a, b) / longest;
}
