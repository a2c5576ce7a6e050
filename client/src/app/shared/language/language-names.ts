import type { LanguageSource } from '@verbatim/contracts';

/** A language picker's entry: the tag to store and what the reader sees. */
export interface LanguageOption {
  code: string;
  name: string;
}

const displayNames = (() => {
  try {
    return new Intl.DisplayNames(['en'], { type: 'language' });
  } catch {
    return null;
  }
})();

/** "German" for "de" (from the server's list, else the browser's names), the tag itself else. */
export function languageName(code: string, known: readonly LanguageOption[] = []): string {
  const listed = known.find((l) => l.code.toLowerCase() === code.toLowerCase());
  if (listed) return listed.name;
  try {
    return displayNames?.of(code) ?? code;
  } catch {
    return code;
  }
}

const SOURCE_LABELS: Record<LanguageSource, string> = {
  DETECTED: 'Detected',
  FILE: 'From the file',
  MANUAL: 'Set by hand',
  PROJECT: 'Project default',
};

/** "Detected: German", "Set by hand: French", or that there is none. */
export function languageLabel(
  language: string | null,
  source: LanguageSource | null,
  known: readonly LanguageOption[] = [],
): string {
  if (!language) return 'No language (search does not stem)';
  const name = languageName(language, known);
  return source ? `${SOURCE_LABELS[source]}: ${name}` : name;
}

/** The options of a picker: the known languages, plus the current one if it is not among them. */
export function withCurrent(
  known: readonly LanguageOption[],
  current: string | null,
): LanguageOption[] {
  if (!current || known.some((l) => l.code.toLowerCase() === current.toLowerCase()))
    return [...known];
  return [...known, { code: current, name: languageName(current, known) }];
}
