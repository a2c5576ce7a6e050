import { isGenericTerm } from '../offline/generic-words';
import { textLanguage, tokenizeWithOffsets } from '../text';

/** A phrase of the texts: its key (stems) and the surface form written most often. */
interface Phrase {
  key: string;
  words: number;
  surface: Map<string, number>;
}

const SENTENCE_END = /[.!?:;"“(\n]\s*$/;
const JOINER = /^[\s-]*$/;

/**
 * Candidate phrases of one text: runs of 1 to 3 adjacent words (no punctuation between them)
 * that start and end on a content word (not a stop word, filler or generic spoken word, not a
 * name). Each phrase once per text.
 */
function phrasesOf(
  text: string,
  language: string | null | undefined,
  isName: (word: string) => boolean,
): Map<string, string> {
  const lang = textLanguage(language);
  const tokens = tokenizeWithOffsets(text, {
    stopWords: false,
    stem: false,
    minLength: 1,
    language,
  });
  const found = new Map<string, string>();
  const content = tokens.map(
    (t) =>
      t.word.length > 1 &&
      !lang.isStopWord(t.word) &&
      !isGenericTerm(lang.stem(t.word)) &&
      !isName(t.word),
  );
  for (let i = 0; i < tokens.length; i++) {
    if (!content[i]) continue;
    for (let n = 1; n <= 3 && i + n <= tokens.length; n++) {
      const last = i + n - 1;
      if (n > 1 && !JOINER.test(text.slice(tokens[last - 1]!.end, tokens[last]!.start))) break;
      if (n > 1 && isName(tokens[last]!.word)) break;
      if (!content[last]) continue;
      const words = tokens.slice(i, last + 1);
      const key = words.map((t) => lang.stem(t.word)).join(' ');
      if (!found.has(key)) found.set(key, words.map((t) => t.word).join(' '));
    }
  }
  return found;
}

/**
 * Words written capitalised in mid-sentence and never in lower case anywhere in the texts
 * ("Ana", "Zendesk"): names of people and products, which make poor theme titles. Plus the
 * words the caller names.
 */
export function nameDetector(
  texts: readonly string[],
  exclude: readonly string[] = [],
): (word: string) => boolean {
  const capitalised = new Set<string>();
  const lower = new Set<string>();
  for (const text of texts) {
    for (const token of tokenizeWithOffsets(text, {
      stopWords: false,
      stem: false,
      minLength: 1,
    })) {
      const raw = text.slice(token.start, token.end);
      const first = raw.charAt(0);
      if (first !== first.toLowerCase()) {
        if (
          !SENTENCE_END.test(text.slice(Math.max(0, token.start - 3), token.start)) &&
          token.start > 0
        )
          capitalised.add(token.word);
      } else {
        lower.add(token.word);
      }
    }
  }
  const names = new Set([...capitalised].filter((w) => !lower.has(w)));
  for (const w of exclude)
    for (const part of w.toLowerCase().split(/\s+/)) if (part) names.add(part);
  return (word) => names.has(word);
}

export interface GroupLabel {
  title: string;
  description: string;
}

/**
 * Labels for groups of texts by class-based TF-IDF (c-TF-IDF, as BERTopic) over phrases of one to
 * three words: a phrase scores by the share of the group's texts that contain it times
 * log(1 + mean texts per group / texts of all groups that contain it), so it names what this
 * group says often and the others rarely. The title is the best phrase of two or more words said
 * in two texts of the group (else in one; a single word only when the texts have no phrase), not
 * used by an earlier group; the description lists the next phrases that share no word with it.
 */
export function labelGroups(
  groups: readonly (readonly number[])[],
  texts: readonly string[],
  languages: readonly (string | null | undefined)[],
  isName: (word: string) => boolean,
): GroupLabel[] {
  const perText = texts.map((text, i) => phrasesOf(text, languages[i], isName));
  const phrases = new Map<string, Phrase>();
  const textsWith = new Map<string, number>();
  perText.forEach((found) => {
    for (const [key, surface] of found) {
      let p = phrases.get(key);
      if (!p) {
        p = { key, words: key.split(' ').length, surface: new Map() };
        phrases.set(key, p);
      }
      p.surface.set(surface, (p.surface.get(surface) ?? 0) + 1);
      textsWith.set(key, (textsWith.get(key) ?? 0) + 1);
    }
  });
  const meanGroupSize = groups.reduce((s, g) => s + g.length, 0) / Math.max(1, groups.length);
  const used = new Set<string>();
  return groups.map((members) => {
    const inGroup = new Map<string, number>();
    for (const i of members)
      for (const key of perText[i]!.keys()) inGroup.set(key, (inGroup.get(key) ?? 0) + 1);
    const scored = [...inGroup.entries()]
      .map(([key, count]) => ({
        key,
        count,
        words: phrases.get(key)!.words,
        score: (count / members.length) * Math.log(1 + meanGroupSize / textsWith.get(key)!),
      }))
      .sort((a, b) => b.score - a.score || b.words - a.words || (a.key < b.key ? -1 : 1));
    const free = scored.filter((s) => !used.has(s.key));
    const title =
      free.find((s) => s.words > 1 && s.count > 1) ??
      free.find((s) => s.words > 1) ??
      free[0] ??
      scored[0];
    if (!title) return { title: 'Untitled theme', description: '' };
    used.add(title.key);
    const taken = new Set(title.key.split(' '));
    const more: string[] = [];
    for (const s of scored) {
      if (more.length >= 3) break;
      if (s === title || s.count < Math.min(2, members.length)) continue;
      const stems = s.key.split(' ');
      if (stems.some((w) => taken.has(w))) continue;
      stems.forEach((w) => taken.add(w));
      more.push(surfaceOf(phrases.get(s.key)!));
    }
    const name = surfaceOf(phrases.get(title.key)!);
    return {
      title: name.charAt(0).toUpperCase() + name.slice(1),
      description: more.length ? `Also: ${more.join(', ')}.` : '',
    };
  });
}

function surfaceOf(phrase: Phrase): string {
  let best = '';
  let bestCount = -1;
  for (const [surface, count] of phrase.surface)
    if (count > bestCount || (count === bestCount && surface < best)) {
      best = surface;
      bestCount = count;
    }
  return best;
}
