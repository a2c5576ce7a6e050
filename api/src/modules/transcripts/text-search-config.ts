/**
 * A transcript's language decides how its turns are stemmed for search: PostgreSQL's text-search
 * configuration of that language where it has one (english, german, …), `simple` otherwise.
 */

export const SIMPLE_CONFIG = 'simple';

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
 * when there is none. The caller still checks that the database has it (see `availableConfig`).
 */
export function textSearchConfigFor(language: string | null | undefined): string {
  const tag = language?.trim().toLowerCase();
  if (!tag) return SIMPLE_CONFIG;
  return BY_NAME.get(tag) ?? BY_NAME.get(tag.split(/[-_]/)[0]!) ?? SIMPLE_CONFIG;
}

/** Configuration names are plain identifiers; anything else is never put in SQL. */
export const isConfigName = (name: string): boolean => /^[a-z_]{1,63}$/.test(name);

/** A language the server can stem: its tag, English name and PostgreSQL configuration. */
export interface StemmingLanguage {
  code: string;
  name: string;
  config: string;
}

/** Every language with a configuration, by its shortest tag ("en", "de", …), named in English. */
export const STEMMING_LANGUAGES: readonly StemmingLanguage[] = Object.entries(CONFIGS)
  .map(([config, names]) => ({
    code: names[0]!,
    name: config.charAt(0).toUpperCase() + config.slice(1),
    config,
  }))
  .sort((a, b) => a.name.localeCompare(b.name));
