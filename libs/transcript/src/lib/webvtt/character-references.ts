// The full HTML named character reference table shipped with webvtt-parser (its built-in default
// table is incomplete and decodes `&amp;` wrongly, so we use the JSON file directly).
import entityTable from 'webvtt-parser/html-entities.json';

const ENTITIES: Readonly<Record<string, string | undefined>> = entityTable;
const LONGEST_NAME = 32;

/** Windows-1252 meanings of numeric references in the C1 range, per the HTML spec. */
const C1_REPLACEMENTS: Readonly<Record<number, number>> = {
  0x80: 0x20ac,
  0x82: 0x201a,
  0x83: 0x0192,
  0x84: 0x201e,
  0x85: 0x2026,
  0x86: 0x2020,
  0x87: 0x2021,
  0x88: 0x02c6,
  0x89: 0x2030,
  0x8a: 0x0160,
  0x8b: 0x2039,
  0x8c: 0x0152,
  0x8e: 0x017d,
  0x91: 0x2018,
  0x92: 0x2019,
  0x93: 0x201c,
  0x94: 0x201d,
  0x95: 0x2022,
  0x96: 0x2013,
  0x97: 0x2014,
  0x98: 0x02dc,
  0x99: 0x2122,
  0x9a: 0x0161,
  0x9b: 0x203a,
  0x9c: 0x0153,
  0x9e: 0x017e,
  0x9f: 0x0178,
};

export interface CharacterReference {
  text: string;
  /** Index just after the reference. */
  end: number;
}

function isAlphanumeric(code: number): boolean {
  return (code >= 48 && code <= 57) || (code >= 65 && code <= 90) || (code >= 97 && code <= 122);
}

function isHexDigit(code: number): boolean {
  return (code >= 48 && code <= 57) || (code >= 65 && code <= 70) || (code >= 97 && code <= 102);
}

function numericReference(s: string, pos: number): CharacterReference | null {
  let i = pos + 1;
  const hex = s[i] === 'x' || s[i] === 'X';
  if (hex) i++;
  const digitsStart = i;
  while (i < s.length && (hex ? isHexDigit(s.charCodeAt(i)) : isDigitCode(s.charCodeAt(i)))) i++;
  if (i === digitsStart) return null;
  const digits = s.slice(digitsStart, Math.min(i, digitsStart + 10));
  let code = parseInt(digits, hex ? 16 : 10);
  if (s[i] === ';') i++;
  if (code === 0 || code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff)) code = 0xfffd;
  code = C1_REPLACEMENTS[code] ?? code;
  return { text: String.fromCodePoint(code), end: i };
}

function isDigitCode(code: number): boolean {
  return code >= 48 && code <= 57;
}

function namedReference(s: string, pos: number, inAttribute: boolean): CharacterReference | null {
  let runEnd = pos;
  while (runEnd < s.length && runEnd - pos <= LONGEST_NAME && isAlphanumeric(s.charCodeAt(runEnd)))
    runEnd++;
  const run = s.slice(pos, runEnd);
  for (let len = Math.min(run.length, LONGEST_NAME); len > 0; len--) {
    const name = `&${run.slice(0, len)}`;
    if (len === run.length && s[pos + len] === ';') {
      const withSemicolon = ENTITIES[`${name};`];
      if (withSemicolon !== undefined) return { text: withSemicolon, end: pos + len + 1 };
    }
    const legacy = ENTITIES[name];
    if (legacy === undefined) continue;
    const next = s.charCodeAt(pos + len);
    if (inAttribute && (next === 61 || isAlphanumeric(next))) return null;
    return { text: legacy, end: pos + len };
  }
  return null;
}

/**
 * HTML "consume a character reference" starting just after an `&` at `pos`. Returns null when
 * the `&` does not start a reference (the caller then keeps the `&` as text).
 */
export function consumeCharacterReference(
  s: string,
  pos: number,
  additionalAllowed?: string,
): CharacterReference | null {
  const c = s[pos];
  if (
    c === undefined ||
    c === '\t' ||
    c === '\n' ||
    c === '\f' ||
    c === ' ' ||
    c === '<' ||
    c === '&'
  )
    return null;
  if (c === additionalAllowed) return null;
  if (c === '#') return numericReference(s, pos);
  return namedReference(s, pos, additionalAllowed !== undefined);
}

/**
 * Decodes `&name;` and `&#n;` references in plain text (SRT and text sources). Only references
 * closed by `;` count here, so prose such as "Barnes&noble" or "AT&T" is left alone.
 */
export function decodeCharacterReferences(text: string): string {
  if (!text.includes('&')) return text;
  const parts: string[] = [];
  let from = 0;
  let amp = text.indexOf('&');
  while (amp !== -1) {
    const ref = consumeCharacterReference(text, amp + 1);
    const closed = ref !== null && text.charCodeAt(ref.end - 1) === 59;
    if (ref && closed) {
      parts.push(text.slice(from, amp), ref.text);
      from = ref.end;
    }
    amp = text.indexOf('&', ref && closed ? ref.end : amp + 1);
  }
  parts.push(text.slice(from));
  return parts.join('');
}
