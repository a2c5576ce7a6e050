import { type Utterance } from './build-turns';

/** What a format parser hands to the assembler: utterances in source order plus notes. */
export interface FormatResult {
  utterances: Utterance[];
  warnings: string[];
  language: string | null;
}

const MAX_LISTED_WARNINGS = 25;

/** Keeps the warning list readable: the first problems in full, then a count of the rest. */
export function capWarnings(warnings: readonly string[]): string[] {
  if (warnings.length <= MAX_LISTED_WARNINGS) return [...warnings];
  const rest = warnings.length - MAX_LISTED_WARNINGS;
  return [
    ...warnings.slice(0, MAX_LISTED_WARNINGS),
    `…and ${rest} more problem${rest === 1 ? '' : 's'} like these.`,
  ];
}
