/**
 * How a language tag picked its text-search configuration when this copy was made from
 * modules/transcripts/text-search-config.ts, for the SearchLanguage migration. Migrations import
 * no application code: a later change of the rule must not change what a migration does, and
 * moving the code must not break one. Never edit this copy.
 */

const SIMPLE_CONFIG = 'simple';

/** ISO 639-1 and 639-2/3 codes, English names and endonyms, to PostgreSQL's configuration names. */
const CONFIGS: Record<string, string[]> = {
  arabic: ['ar', 'ara', 'arabic', 'العربية'],
  armenian: ['hy', 'hye', 'arm', 'armenian', 'հայերեն'],
  basque: ['eu', 'eus', 'baq', 'basque', 'euskara'],
  catalan: ['ca', 'cat', 'catalan', 'català'],
  danish: ['da', 'dan', 'danish', 'dansk'],
  dutch: ['nl', 'nld', 'dut', 'dutch', 'flemish', 'nederlands'],
  english: ['en', 'eng', 'english'],
  estonian: ['et', 'est', 'estonian', 'eesti'],
  finnish: ['fi', 'fin', 'finnish', 'suomi'],
  french: ['fr', 'fra', 'fre', 'french', 'français', 'francais'],
  german: ['de', 'deu', 'ger', 'german', 'deutsch'],
  greek: ['el', 'ell', 'gre', 'greek', 'ελληνικά'],
  hindi: ['hi', 'hin', 'hindi', 'हिन्दी'],
  hungarian: ['hu', 'hun', 'hungarian', 'magyar'],
  indonesian: ['id', 'ind', 'indonesian', 'bahasa indonesia'],
  irish: ['ga', 'gle', 'irish', 'gaeilge'],
  italian: ['it', 'ita', 'italian', 'italiano'],
  lithuanian: ['lt', 'lit', 'lithuanian', 'lietuvių'],
  nepali: ['ne', 'nep', 'nepali', 'नेपाली'],
  norwegian: ['no', 'nb', 'nn', 'nor', 'nob', 'nno', 'norwegian', 'norsk', 'bokmål', 'nynorsk'],
  portuguese: ['pt', 'por', 'portuguese', 'português', 'portugues'],
  romanian: ['ro', 'ron', 'rum', 'mo', 'romanian', 'moldavian', 'română', 'romana'],
  russian: ['ru', 'rus', 'russian', 'русский'],
  serbian: ['sr', 'srp', 'serbian', 'српски', 'srpski'],
  spanish: ['es', 'spa', 'spanish', 'castilian', 'español', 'espanol'],
  swedish: ['sv', 'swe', 'swedish', 'svenska'],
  tamil: ['ta', 'tam', 'tamil', 'தமிழ்'],
  turkish: ['tr', 'tur', 'turkish', 'türkçe', 'turkce'],
  yiddish: ['yi', 'yid', 'yiddish', 'ייִדיש'],
};

const BY_NAME = new Map(
  Object.entries(CONFIGS).flatMap(([config, names]) => names.map((n) => [n, config] as const)),
);

/**
 * The configuration for a language tag ("en", "de-DE", "pt_BR", "eng", "German"), or `simple`
 * when there is none. The migration still checks that the database has it.
 */
export function textSearchConfigFor(language: string | null | undefined): string {
  const tag = language?.trim().toLowerCase();
  if (!tag) return SIMPLE_CONFIG;
  return BY_NAME.get(tag) ?? BY_NAME.get(tag.split(/[-_]/)[0]!) ?? SIMPLE_CONFIG;
}
