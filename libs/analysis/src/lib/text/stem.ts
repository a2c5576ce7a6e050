import { textLanguage } from './language';

/**
 * Stems one lower-case word with the Snowball stemmer of its language (English by default):
 * inflected and derived forms share one key ("prices", "pricing" → "price"). Stems are keys, not
 * words: show users the surface forms.
 */
export function stem(word: string, language?: string | null): string {
  return textLanguage(language).stem(word);
}
