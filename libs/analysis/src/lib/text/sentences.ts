/** A sentence of a text: UTF-16 offsets into the text (end exclusive), trimmed of outer spaces. */
export interface SentenceSpan {
  start: number;
  end: number;
  text: string;
}

// Lower-case abbreviations after which a full stop does not end a sentence.
const ABBREVIATIONS = new Set([
  'mr',
  'mrs',
  'ms',
  'dr',
  'prof',
  'sr',
  'jr',
  'st',
  'vs',
  'etc',
  'e.g',
  'i.e',
  'eg',
  'ie',
  'cf',
  'approx',
  'no',
  'fig',
  'inc',
  'ltd',
  'co',
  'corp',
  'dept',
  'est',
  'min',
  'max',
  'mt',
  'jan',
  'feb',
  'mar',
  'apr',
  'jun',
  'jul',
  'aug',
  'sep',
  'sept',
  'oct',
  'nov',
  'dec',
  'u.s',
  'a.m',
  'p.m',
]);

const TERMINATOR = /[.!?…。！？]/u;
const CLOSER = /["'”’)\]»]/u;
const SPACE = /\s/u;

/**
 * Splits `text` into sentences. A sentence ends at . ! ? … (plus closing quotes/brackets) followed
 * by white space — whatever the case of the next letter, because transcripts are often lower case —
 * or at a line break. Abbreviations ("Dr.", "e.g."), single initials and decimals do not end one.
 * Offsets are UTF-16 code units, so `text.slice(start, end) === sentence.text`.
 */
export function splitSentences(text: string): SentenceSpan[] {
  const out: SentenceSpan[] = [];
  let sentenceStart = 0;
  const push = (end: number): void => {
    let s = sentenceStart;
    let e = end;
    while (s < e && SPACE.test(text[s] as string)) s++;
    while (e > s && SPACE.test(text[e - 1] as string)) e--;
    if (e > s && /[\p{L}\p{N}\p{So}]/u.test(text.slice(s, e)))
      out.push({ start: s, end: e, text: text.slice(s, e) });
    sentenceStart = end;
  };
  let i = 0;
  while (i < text.length) {
    const ch = text[i] as string;
    if (ch === '\n' || ch === '\r' || ch === '\u2029') {
      push(i);
      i++;
      continue;
    }
    if (TERMINATOR.test(ch)) {
      let j = i + 1;
      while (
        j < text.length &&
        (TERMINATOR.test(text[j] as string) || CLOSER.test(text[j] as string))
      )
        j++;
      const atEnd = j >= text.length;
      if (atEnd || SPACE.test(text[j] as string)) {
        if (ch === '.' && j === i + 1 && isAbbreviation(text, i)) {
          i = j;
          continue;
        }
        push(j);
      }
      i = j;
      continue;
    }
    i++;
  }
  push(text.length);
  return out;
}

function isAbbreviation(text: string, dot: number): boolean {
  let k = dot;
  while (k > 0 && /[\p{L}.]/u.test(text[k - 1] as string)) k--;
  const word = text.slice(k, dot).toLowerCase();
  if (word.length === 0) return false;
  if (ABBREVIATIONS.has(word)) return true;
  // A single capital initial ("J. Smith"), not the pronoun "I".
  return word.length === 1 && word !== 'i' && /\p{Lu}/u.test(text[k] as string);
}
