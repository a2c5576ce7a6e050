import { textLanguage } from './language';

/** A word of a text: its stemmed term, the word as written (lower case) and its UTF-16 span. */
export interface Token {
  term: string;
  word: string;
  start: number;
  end: number;
}

export interface TokenizeOptions {
  /** Drop the language's stop words and spoken fillers (default true). */
  stopWords?: boolean;
  /** Apply the language's Snowball stemmer (default true). */
  stem?: boolean;
  /** Shortest word kept, in characters (default 2). */
  minLength?: number;
  /** The text's language ('en', 'de-AT', 'german'…); English when unknown (see textLanguage). */
  language?: string | null;
}

// Letters and digits of any script, with inner apostrophes/hyphens ("don't", "e-mail", "naïve").
const WORD = /[\p{L}\p{N}\p{M}]+(?:['’\-][\p{L}\p{N}\p{M}]+)*/gu;
const NUMBER = /^\p{N}+$/u;
// Possessive and contracted endings carry no topic: "customer's" → "customer".
const CLITIC = /'(s|re|ve|ll|d|m|t)$/;

/** Splits `text` into normalised word tokens with their offsets in `text`. */
export function tokenizeWithOffsets(text: string, options: TokenizeOptions = {}): Token[] {
  const dropStop = options.stopWords ?? true;
  const doStem = options.stem ?? true;
  const minLength = options.minLength ?? 2;
  const lang = textLanguage(options.language);
  const tokens: Token[] = [];
  for (const match of text.matchAll(WORD)) {
    const raw = match[0];
    const start = match.index;
    let word = raw.normalize('NFC').toLowerCase().replace(/’/g, "'");
    if (dropStop && lang.isStopWord(word)) continue;
    if (lang.code === 'en') word = word.replace(CLITIC, '');
    if ([...word].length < minLength || NUMBER.test(word)) continue;
    if (dropStop && lang.isStopWord(word)) continue;
    const parts = word.includes('-') ? word.split('-') : [word];
    const term = parts.map((p) => (doStem ? lang.stem(p) : p)).join('-');
    tokens.push({ term, word, start, end: start + raw.length });
  }
  return tokens;
}

/** Normalised terms of `text` (lower case, stop words dropped, stemmed). */
export function tokenize(text: string, options: TokenizeOptions = {}): string[] {
  return tokenizeWithOffsets(text, options).map((t) => t.term);
}
