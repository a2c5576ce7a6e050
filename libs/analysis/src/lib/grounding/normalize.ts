/**
 * Normalisation used to locate a quote in a transcript when the exact text does not match:
 * case-folded, diacritics and compatibility forms folded (NFKD, marks dropped), apostrophes
 * dropped ("don’t" = "don't" = "dont"), every other punctuation mark, dash, quote and math
 * symbol treated as a separator, runs of separators/whitespace collapsed to one space.
 *
 * `normalizeWithMap` keeps, for every character of the normalised string, the UTF-16 range of
 * the original text it came from, so a match in normalised space maps back to original offsets.
 */

const APOSTROPHES = new Set(["'", '\u2018', '\u2019', '\u02bc', '\u02b9', '`', '\u00b4', '\u2032']);
const SEPARATOR = /[\p{P}\p{Sm}\p{Sk}\p{Z}\s]/u;
const MARK = /\p{M}/u;

export interface NormalizedText {
  /** The normalised text (no leading space; may end with one space). */
  text: string;
  /** For each char of `text`: start offset (UTF-16) of the original code point it came from. */
  starts: Int32Array;
  /** For each char of `text`: end offset (exclusive) of the original code point it came from. */
  ends: Int32Array;
}

/** Normalises one code point; returns '' (dropped), ' ' (separator) or folded letters. */
function foldCodePoint(cp: string): string {
  if (APOSTROPHES.has(cp)) return '';
  if (SEPARATOR.test(cp)) return ' ';
  if (MARK.test(cp)) return '';
  // Cheap path for ASCII.
  if (cp.length === 1 && cp.charCodeAt(0) < 0x80) return cp.toLowerCase();
  let out = '';
  for (const part of cp.normalize('NFKD')) {
    if (MARK.test(part)) continue;
    if (APOSTROPHES.has(part)) continue;
    if (SEPARATOR.test(part)) {
      out += ' ';
      continue;
    }
    out += part.toLowerCase();
  }
  return out;
}

/** ASCII fast path: the folded char code, -1 for a separator, 0 for dropped. */
const ASCII = new Int32Array(128);
for (let c = 0; c < 128; c++) {
  const ch = String.fromCharCode(c);
  const folded = foldCodePoint(ch);
  ASCII[c] = folded === '' ? 0 : folded === ' ' ? -1 : folded.charCodeAt(0);
}

export function normalizeWithMap(original: string): NormalizedText {
  let cap = original.length + 16;
  let codes = new Uint16Array(cap);
  let starts = new Int32Array(cap);
  let ends = new Int32Array(cap);
  let n = 0;
  const push = (code: number, start: number, end: number): void => {
    if (n === cap) {
      cap *= 2;
      const c2 = new Uint16Array(cap);
      c2.set(codes);
      codes = c2;
      const s2 = new Int32Array(cap);
      s2.set(starts);
      starts = s2;
      const e2 = new Int32Array(cap);
      e2.set(ends);
      ends = e2;
    }
    codes[n] = code;
    starts[n] = start;
    ends[n] = end;
    n++;
  };
  let lastWasSpace = true; // drops leading separators
  let i = 0;
  while (i < original.length) {
    const start = i;
    const c = original.charCodeAt(i);
    if (c < 128) {
      i++;
      const f = ASCII[c] as number;
      if (f === 0) continue;
      if (f === -1) {
        if (!lastWasSpace) push(32, start, i);
        lastWasSpace = true;
        continue;
      }
      push(f, start, i);
      lastWasSpace = false;
      continue;
    }
    const cp = String.fromCodePoint(original.codePointAt(i) as number);
    i += cp.length;
    for (const ch of foldCodePoint(cp)) {
      if (ch === ' ') {
        if (lastWasSpace) continue;
        lastWasSpace = true;
      } else {
        lastWasSpace = false;
      }
      // `ch` may be a surrogate pair (emoji); both units map to the same original range.
      for (let k = 0; k < ch.length; k++) push(ch.charCodeAt(k), start, i);
    }
  }
  let text = '';
  for (let k = 0; k < n; k += 8192)
    text += String.fromCharCode(...codes.subarray(k, Math.min(n, k + 8192)));
  return { text, starts: starts.slice(0, n), ends: ends.slice(0, n) };
}

/** The normalised form of a string (no offset map), trimmed. */
export function normalizeText(text: string): string {
  return normalizeWithMap(text).text.trim();
}
