const SUFFIXES = ['ingly', 'edly', 'ing', 'ed', 'es', 'ly', 's'];
const WORD = /[\p{L}\p{N}]+(?:['’][\p{L}]+)*/gu;

/** A crude stem: the word without a common English ending, never shorter than 3 letters. */
export function stem(word: string): string {
  const lower = word.toLocaleLowerCase();
  for (const suffix of SUFFIXES) {
    if (lower.endsWith(suffix) && lower.length - suffix.length >= 3)
      return lower.slice(0, -suffix.length);
  }
  return lower;
}

/**
 * The stems of a search query's words, without its operators: quotes and parentheses are
 * dropped, OR/AND are not words, and excluded words (-word) are not marked.
 */
export function queryStems(query: string | null | undefined): string[] {
  if (!query) return [];
  const stems = new Set<string>();
  for (const token of query.split(/\s+/)) {
    if (!token || token.startsWith('-') || token === 'OR' || token === 'AND') continue;
    for (const word of token.match(WORD) ?? []) stems.add(stem(word));
  }
  return [...stems].filter(Boolean);
}

/** Whole words of `text` that start with one of the stems (case-insensitive), as [start, end). */
export function matchRanges(text: string, stems: readonly string[]): [number, number][] {
  if (!stems.length) return [];
  const ranges: [number, number][] = [];
  for (const m of text.matchAll(WORD)) {
    const word = m[0].toLocaleLowerCase();
    if (stems.some((s) => word.startsWith(s))) ranges.push([m.index, m.index + m[0].length]);
  }
  return ranges;
}
