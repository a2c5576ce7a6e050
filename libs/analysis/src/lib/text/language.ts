import { newStemmer } from 'snowball-stemmers';
import stopwordsJson from 'stopwords-iso/stopwords-iso.json';

/** stopwords-iso: ISO 639-1 code → the language's stop words. */
const stopwordsIso: Readonly<Record<string, readonly string[] | undefined>> = stopwordsJson;

/**
 * How the text functions read one language: its stop words (stopwords-iso, plus the fillers of
 * spoken interviews) and its Snowball stemmer (snowball-stemmers; none for a language Snowball
 * does not cover, whose words are then compared as written).
 */
export interface TextLanguage {
  /** ISO 639-1 code ('en', 'de', …). */
  code: string;
  /** The Snowball algorithm, or null when the language has none. */
  stemmer: string | null;
  isStopWord(word: string): boolean;
  /** Stems one lower-case word. */
  stem(word: string): string;
}

/** ISO 639-1 code → Snowball algorithm (also PostgreSQL's name of the text-search configuration). */
const SNOWBALL: Readonly<Record<string, string>> = {
  ar: 'arabic',
  hy: 'armenian',
  eu: 'basque',
  ca: 'catalan',
  cs: 'czech',
  da: 'danish',
  nl: 'dutch',
  en: 'english',
  fi: 'finnish',
  fr: 'french',
  de: 'german',
  hu: 'hungarian',
  it: 'italian',
  ga: 'irish',
  nb: 'norwegian',
  no: 'norwegian',
  nn: 'norwegian',
  pt: 'portuguese',
  ro: 'romanian',
  ru: 'russian',
  es: 'spanish',
  sl: 'slovene',
  sv: 'swedish',
  ta: 'tamil',
  tr: 'turkish',
};

const BY_NAME: ReadonlyMap<string, string> = new Map(
  Object.entries(SNOWBALL).map(([code, name]) => [name, code]),
);

/**
 * Fillers, hedges and back-channel words of spoken interviews that the written stop lists lack
 * ("um", "yeah", "gonna"); they carry no topic in a transcript.
 */
const SPOKEN_FILLERS: Readonly<Record<string, string>> = {
  en: `ah aha alright eh er erm gonna gotta hm hmm huh kinda lol mhm mm mmm nah oh ok okay oops sorta uh uhm
       uh-huh um umm wanna yeah yep yup`,
  de: `äh ähm ähh eh hm hmm halt naja ne nee ok okay quasi sozusagen irgendwie genau joa jo ja`,
  fr: `ah bah ben bon euh eh hein hm hmm ok okay ouais voilà quoi genre truc`,
  es: `ah eh em este ehm hm hmm mmm o sea ok okay pues vale bueno tipo`,
  it: `ah boh cioè eh ehm hm hmm insomma mah ok okay tipo vabbè allora`,
  nl: `eh ehm hm hmm nou ok okay zeg maar ja nee`,
  pt: `ah eh hm hmm né ok okay tipo então pronto`,
};

/**
 * Words a stop list of stopwords-iso has that name what people talk about in interviews. Its
 * English list merges lists made for web search, which drop "computer", "website", "problem",
 * "price"-like topics; the tagger and the theme finder keep these.
 */
const TOPIC_WORDS: Readonly<Record<string, string>> = {
  en: `area areas bill billion caption click computer copy date detail early face faces fire free goods group
       groups high higher highest home homepage html http important importance index information interest
       interested interesting invention keys large length line member members microsoft million money msie
       name netscape novel number numbers older oldest open order orders page pages present problem problems
       proud research room rooms sensible serious site small smaller smallest state states system test text
       thick thin useful usefulness value web webpage website width work worked working works world young
       younger youngest`,
};

const cache = new Map<string, TextLanguage>();

/** The ISO 639-1 code of a language tag ('en-GB', 'EN', 'english', 'German'); null when unknown. */
export function languageCode(language: string | null | undefined): string | null {
  const raw = typeof language === 'string' ? language.trim().toLowerCase() : '';
  if (!raw) return null;
  const primary = raw.split(/[-_]/)[0] ?? '';
  if (primary.length === 2 && (SNOWBALL[primary] || stopwordsIso[primary])) return primary;
  return BY_NAME.get(raw) ?? null;
}

/**
 * The text language for a tag such as 'en', 'de-AT' or 'german'. Unknown or missing languages
 * read as English, the stop words and stemming the tagger has always used.
 */
export function textLanguage(language?: string | null): TextLanguage {
  const code = languageCode(language) ?? 'en';
  let found = cache.get(code);
  if (!found) {
    found = buildLanguage(code);
    cache.set(code, found);
  }
  return found;
}

function buildLanguage(code: string): TextLanguage {
  const stopWords = new Set<string>(
    (stopwordsIso[code] ?? []).map((w) => w.normalize('NFC').toLowerCase().replace(/’/g, "'")),
  );
  for (const w of (TOPIC_WORDS[code] ?? '').split(/\s+/)) stopWords.delete(w);
  for (const w of (SPOKEN_FILLERS[code] ?? '').split(/\s+/)) if (w) stopWords.add(w);
  const algorithm = SNOWBALL[code] ?? null;
  const stemmer = algorithm ? newStemmer(algorithm) : null;
  // Stemming is pure: remembering a word's stem makes the tagger several times faster.
  const stems = new Map<string, string>();
  return {
    code,
    stemmer: algorithm,
    isStopWord: (word) => stopWords.has(word),
    stem: stemmer
      ? (word) => {
          let s = stems.get(word);
          if (s === undefined) {
            s = stemmer.stem(word);
            if (stems.size > 200_000) stems.clear();
            stems.set(word, s);
          }
          return s;
        }
      : (word) => word,
  };
}

/** Languages with a Snowball stemmer, as ISO 639-1 codes. */
export const STEMMED_LANGUAGES: readonly string[] = Object.keys(SNOWBALL);
