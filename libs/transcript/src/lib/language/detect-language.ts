import { detectAll } from 'tinyld';

/** A language the text is written in, as the detector saw it. */
export interface DetectedLanguage {
  /** ISO 639-1 code where there is one (`en`, `de`), else the detector's ISO 639-3 code. */
  language: string;
  /** The share of the judged text in that language, 0..1. */
  score: number;
}

/** Below this many letters a guess is too often wrong (one "Yes. Okay." turn says nothing). */
export const MIN_DETECTION_LETTERS = 150;
/** The detector reads at most this much of the transcript. */
export const MAX_SAMPLE_CHARS = 4000;
/** Each sampled turn contributes at least this many characters (a shorter slice says too little). */
const MIN_SHARE = 80;
/** The sample is judged turn by turn; turns with fewer letters than this are not judged... */
const MIN_PIECE_LETTERS = 15;
/** ...and one language must win at least this share of the letters of the pieces it could judge. */
export const MIN_DETECTION_SHARE = 0.7;

/** What says nothing about the language: links, addresses, numbers, `[inaudible]`-style notes. */
const NOISE = /https?:\/\/\S+|\S+@\S+\.\S+|\[[^\]\n]{0,60}\]|<[^>\n]{0,60}>|\p{N}+/gu;

const letterCount = (text: string) => text.match(/\p{L}/gu)?.length ?? 0;

/**
 * Spoken text for detection, in order: up to MAX_SAMPLE_CHARS taken evenly from all the given
 * turn texts (each contributes a slice), without links, numbers or bracketed notes.
 */
function sampleParts(texts: readonly string[]): string[] {
  const share = Math.max(MIN_SHARE, Math.floor(MAX_SAMPLE_CHARS / Math.max(1, texts.length)));
  // More texts than slices: every k-th text, so the end of the list is read as well as its start.
  const step = Math.max(1, Math.floor(texts.length / Math.floor(MAX_SAMPLE_CHARS / MIN_SHARE)));
  const parts: string[] = [];
  let length = 0;
  for (let i = 0; i < texts.length; i += step) {
    const text = texts[i] ?? '';
    const part = text
      .slice(0, share * 2)
      .replace(NOISE, ' ')
      .replace(/\s+/g, ' ')
      .trim()
      .slice(0, share);
    if (!part) continue;
    parts.push(part);
    length += part.length + 1;
    if (length >= MAX_SAMPLE_CHARS) break;
  }
  return parts;
}

/** The sample the detector reads (for tests and diagnostics). */
export function languageSample(texts: readonly string[]): string {
  return sampleParts(texts).join(' ').slice(0, MAX_SAMPLE_CHARS);
}

/**
 * The language of a transcript's turns, or null when there is too little text or no language
 * clearly wins: the sample is judged turn by turn by tinyld (an n-gram detector with no network
 * and no model files), and one language must have at least 70 % of the judged letters and
 * MIN_DETECTION_LETTERS of its own. A transcript that switches language between turns is not
 * guessed.
 */
export function detectLanguage(texts: readonly string[]): DetectedLanguage | null {
  return judge(sampleParts(texts), false);
}

/**
 * Judges the pieces in order. With `settleEarly`, stops as soon as the pieces left could change
 * neither the winner nor whether it passes, counting every letter left as judged for another
 * language; the score returned is then that of the pieces judged so far.
 */
function judge(parts: readonly string[], settleEarly: boolean): DetectedLanguage | null {
  const letterCounts = parts.map(letterCount);
  // The same as counting the letters of the joined sample: the spaces between pieces are none.
  if (letterCounts.reduce((a, b) => a + b, 0) < MIN_DETECTION_LETTERS) return null;
  let left = 0;
  for (const letters of letterCounts) if (letters >= MIN_PIECE_LETTERS) left += letters;
  const votes = new Map<string, number>();
  let judged = 0;
  for (const [i, part] of parts.entries()) {
    const letters = letterCounts[i] ?? 0;
    if (letters < MIN_PIECE_LETTERS) continue;
    left -= letters;
    const best = detectAll(part)[0];
    if (!best) continue;
    votes.set(best.lang, (votes.get(best.lang) ?? 0) + letters);
    judged += letters;
    if (settleEarly) {
      let first = 0;
      let second = 0;
      let leader = '';
      for (const [language, count] of votes) {
        if (count > first) [second, first, leader] = [first, count, language];
        else if (count > second) second = count;
      }
      if (
        first >= MIN_DETECTION_LETTERS &&
        first > second + left &&
        first / (judged + left) >= MIN_DETECTION_SHARE
      )
        return { language: leader, score: first / judged };
    }
  }
  const [language, letters] = [...votes].sort((a, b) => b[1] - a[1])[0] ?? ['', 0];
  const score = judged === 0 ? 0 : letters / judged;
  if (!language || letters < MIN_DETECTION_LETTERS || score < MIN_DETECTION_SHARE) return null;
  return { language, score };
}

/** Turns read for detection: evenly spread over the transcript, at most this many. */
export const SAMPLE_TURNS = 200;

/**
 * The language of a whole transcript's turns (see detectLanguage), read from at most
 * SAMPLE_TURNS of them taken evenly from start to end: every k-th turn from the first.
 */
export function detectTranscriptLanguage(
  turns: readonly { readonly text: string }[],
): DetectedLanguage | null {
  return detectLanguage(sampleTurnTexts(turns));
}

/**
 * The language code detectTranscriptLanguage gives, for less work: judging stops once the rest
 * of the sample could not change the answer (a clearly English transcript is settled after about
 * 70 % of its pieces). For the ingest, which keeps the code and never the score.
 */
export function detectTranscriptLanguageCode(
  turns: readonly { readonly text: string }[],
): string | null {
  return judge(sampleParts(sampleTurnTexts(turns)), true)?.language ?? null;
}

function sampleTurnTexts(turns: readonly { readonly text: string }[]): string[] {
  const step = Math.max(1, Math.ceil(turns.length / SAMPLE_TURNS));
  const texts: string[] = [];
  for (let i = 0; i < turns.length && texts.length < SAMPLE_TURNS; i += step)
    texts.push(turns[i]?.text ?? '');
  return texts;
}
