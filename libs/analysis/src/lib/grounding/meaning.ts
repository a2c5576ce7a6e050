/**
 * What a fuzzy match must not change: negations and numbers. "staff were not awful" is 0.9
 * similar to "staff were awful" and means the opposite; "2 weeks" and "12 weeks" differ by one
 * character. A fuzzy match whose quote and transcript words differ in either is refused.
 *
 * Negations are recognised in English (not, no, never, n't, cannot, without, hardly, barely,
 * scarcely, nothing, nobody, none, nowhere, neither, nor), German, French, Spanish, Italian,
 * Portuguese and Dutch (their common negation words). Numbers are digit runs (thousands
 * separators ignored) and English number words (zero … twenty, the tens, hundred, thousand,
 * million, billion, dozen, half, once, twice), a word counting as the number it names.
 */

const NEGATIONS: Record<string, string> = {};
for (const word of [
  // English (n't and the contractions written without an apostrophe are handled below)
  'not',
  'no',
  'never',
  'cannot',
  'without',
  'hardly',
  'barely',
  'scarcely',
  'nothing',
  'nobody',
  'none',
  'nowhere',
  'neither',
  'nor',
  // German
  'nicht',
  'kein',
  'keine',
  'keinen',
  'keinem',
  'keiner',
  'keines',
  'nie',
  'niemals',
  'nichts',
  'niemand',
  'ohne',
  'kaum',
  // French
  'ne',
  "n'",
  'pas',
  'jamais',
  'rien',
  'aucun',
  'aucune',
  'sans',
  'guere',
  // Spanish
  'nunca',
  'jamas',
  'nada',
  'nadie',
  'ningun',
  'ninguna',
  'ninguno',
  'sin',
  'tampoco',
  'apenas',
  // Italian
  'non',
  'mai',
  'niente',
  'nulla',
  'nessuno',
  'nessuna',
  'senza',
  // Portuguese
  'nao',
  'ninguem',
  'nenhum',
  'nenhuma',
  'sem',
  // Dutch
  'niet',
  'geen',
  'nooit',
  'niets',
  'zonder',
  'nauwelijks',
]) {
  NEGATIONS[word] = word;
}
// Contractions all count as "not": don't = do not, can't = cannot.
for (const word of [
  'cannot',
  'dont',
  'doesnt',
  'didnt',
  'isnt',
  'arent',
  'wasnt',
  'werent',
  'cant',
  'couldnt',
  'wouldnt',
  'shouldnt',
  'wont',
  'havent',
  'hasnt',
  'hadnt',
  'aint',
  'neednt',
  'mustnt',
  'mightnt',
  'shant',
]) {
  NEGATIONS[word] = 'not';
}

const NUMBER_WORDS: Record<string, string> = {
  zero: '0',
  one: '1',
  two: '2',
  three: '3',
  four: '4',
  five: '5',
  six: '6',
  seven: '7',
  eight: '8',
  nine: '9',
  ten: '10',
  eleven: '11',
  twelve: '12',
  thirteen: '13',
  fourteen: '14',
  fifteen: '15',
  sixteen: '16',
  seventeen: '17',
  eighteen: '18',
  nineteen: '19',
  twenty: '20',
  thirty: '30',
  forty: '40',
  fifty: '50',
  sixty: '60',
  seventy: '70',
  eighty: '80',
  ninety: '90',
  hundred: '100',
  thousand: '1000',
  million: '1000000',
  billion: '1000000000',
  dozen: '12',
  half: '0.5',
  once: '×1',
  twice: '×2',
};

const WORD = /\d+(?:[.,]\d+)*|[\p{L}\p{N}]+(?:'\p{L}+)*/gu;

function fold(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .replace(/[’‘`´]/g, "'")
    .toLowerCase();
}

/** The negations and numbers of a text, as sorted lists of canonical markers. */
export function meaningMarkers(text: string): { negations: string[]; numbers: string[] } {
  const negations: string[] = [];
  const numbers: string[] = [];
  for (const m of fold(text).matchAll(WORD)) {
    const word = m[0];
    if (/^\d/.test(word)) {
      // 1,000 = 1.000 = 1000; 1.5 stays apart from 15
      numbers.push(/^\d{1,3}(?:[.,]\d{3})+$/.test(word) ? word.replace(/[.,]/g, '') : word);
      continue;
    }
    if (word.endsWith("n't")) {
      negations.push('not');
      continue;
    }
    if (/^n'/.test(word)) negations.push("n'"); // French n'aime
    const bare = word.replace(/'/g, '');
    const negation = NEGATIONS[word] ?? NEGATIONS[bare];
    if (negation) negations.push(negation);
    const number = NUMBER_WORDS[bare];
    if (number) numbers.push(number);
    else if (/\d/.test(bare)) numbers.push(bare.replace(/\D/g, ''));
  }
  return { negations: negations.sort(), numbers: numbers.sort() };
}

/** Why two texts differ in meaning (a negation or a number), or null when they do not. */
export function meaningChange(asked: string, found: string): 'NEGATION' | 'NUMBER' | null {
  const a = meaningMarkers(asked);
  const b = meaningMarkers(found);
  if (a.negations.join(' ') !== b.negations.join(' ')) return 'NEGATION';
  if (a.numbers.join(' ') !== b.numbers.join(' ')) return 'NUMBER';
  return null;
}
