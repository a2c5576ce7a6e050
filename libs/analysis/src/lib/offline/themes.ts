import {
  dot,
  normalize,
  splitSentences,
  TfIdfModel,
  tokenizeWithOffsets,
  type SparseVector,
  type Token,
} from '../text';
import { kMeans, silhouette } from './clustering';
import { isGenericTerm } from './generic-words';

/** One text to cluster (a turn or a sentence); `key` is opaque and comes back on members. */
export interface ThemeDoc {
  key: string;
  text: string;
  /** Optional speaker (or participant) id: lets the definition say how many people a theme spans. */
  speaker?: string | null;
}

export interface ThemeMember {
  key: string;
  /** UTF-16 offsets in the doc's text of the quoted sentence(s). */
  start: number;
  end: number;
  /** 0..1: how close the passage is to the theme's centre. */
  score: number;
}

export interface DiscoveredTheme {
  name: string;
  definition: string;
  keywords: string[];
  members: ThemeMember[];
}

export interface DiscoverThemesOptions {
  /** At most this many themes (default 8). */
  maxThemes?: number;
  /** Themes quoting fewer turns are dropped as noise (default 3). */
  minMembers?: number;
  /** At most this many quotes per theme, the most representative first (default 8). */
  maxQuotesPerTheme?: number;
  /**
   * Passages with fewer content words (stop words and generic spoken words such as "thank",
   * "want", "people" aside) take no part: "Thank you." or "Yeah, sure." is never a quote
   * (default 5; stopwords-iso's lists leave fewer content words than a hand-written list did).
   */
  minContentTokens?: number;
}

interface Sentence {
  start: number;
  end: number;
  /** Content tokens: no stop words, no generic spoken words. */
  tokens: Token[];
  /** Adjacent content-word pairs of the sentence ("computer science"), as stems and as written. */
  bigrams: { term: string; words: string }[];
}

interface Passage {
  doc: number;
  sentences: Sentence[];
  tokens: Token[];
  vec: SparseVector;
}

const SEED = 20240611;
/** Below this mean similarity to its centre a cluster is a grab bag, not a theme. */
const MIN_COHESION = 0.2;
/** The theme's first keyword must come up in this share of its passages. */
const MIN_TOP_KEYWORD_SHARE = 0.3;
/** A pair names a theme instead of its words when it makes up this share of the word's uses there. */
const BIGRAM_SHARE = 0.4;
/** What may separate the two words of a pair in the text: spaces or a hyphen, nothing else. */
const PAIR_GAP = /^[\s\-‐‑]*$/u;

/**
 * INDUCTIVE mode: clusters passages (a short doc, or windows of three sentences of a long one)
 * with enough content words by TF-IDF with spherical k-means (k-means++ seeding from a fixed seed;
 * k chosen by silhouette); generic spoken words ("thank", "want", "people") and words in over half
 * of the passages are ignored. Each cluster is named by its class-based TF-IDF keywords, a pair of
 * words when the pair is how the cluster says it ("Computer Science · Committee"), and quotes at
 * most `maxQuotesPerTheme` turns: the passages closest to its centre that use its keywords, one per
 * turn, each by its sentence(s) closest to the cluster. Small, incoherent or vaguely named clusters
 * are dropped. Same input, same output.
 */
export function discoverThemes(
  docs: ThemeDoc[],
  options: DiscoverThemesOptions = {},
): DiscoveredTheme[] {
  const settings: ThemeSettings = {
    maxThemes: Math.max(1, options.maxThemes ?? 8),
    minMembers: Math.max(2, options.minMembers ?? 3),
    maxQuotes: Math.max(1, options.maxQuotesPerTheme ?? 8),
    minContent: Math.max(1, options.minContentTokens ?? 5),
  };
  const { minMembers } = settings;
  const passages = passagesOf(docs, settings.minContent);
  if (passages.length < minMembers * 2) return [];
  const vocabulary = weighPassages(passages);
  const usable = passages.filter((p) => p.vec.size > 0);
  if (usable.length < minMembers * 2) return [];

  const { groups, groupCount } = findGroups(usable, settings);
  const candidates = describeGroups(groups, usable, vocabulary, groupCount, minMembers);
  const home = keywordHomes(candidates);
  const themes: RankedTheme[] = [];
  candidates.forEach((candidate, at) => {
    const mine = (term: string): boolean => (home.get(term)?.at ?? at) === at;
    const theme = themeOf(candidate, mine, vocabulary.common, docs, settings);
    if (theme) themes.push(theme);
  });
  return themes
    .sort((a, b) => b.size - a.size || b.cohesion - a.cohesion || a.name.localeCompare(b.name))
    .slice(0, settings.maxThemes)
    .map(({ cohesion: _c, size: _s, ...theme }) => theme);
}

/** The options of `discoverThemes` with their defaults and bounds applied. */
interface ThemeSettings {
  maxThemes: number;
  minMembers: number;
  maxQuotes: number;
  minContent: number;
}

/** A theme with what orders it among the others: how many turns it spans, how cohesive it is. */
type RankedTheme = DiscoveredTheme & { cohesion: number; size: number };

/** The TF-IDF weights of the passages, and the terms too common to name a theme. */
interface PassageVocabulary {
  model: TfIdfModel;
  common: (term: string) => boolean;
}

/**
 * The passages to cluster: a short doc whole, a long one in windows of three sentences; a window
 * with too few content words joins its neighbour in the same turn, and what still has too few is
 * left out.
 */
function passagesOf(docs: ThemeDoc[], minContent: number): Passage[] {
  const passages: Passage[] = [];
  docs.forEach((doc, d) => {
    const sentences = splitSentences(doc.text).map((s) =>
      sentenceOf(doc.text, s.start, s.end, s.text),
    );
    const windows = sentences.length <= 4 ? [sentences] : chunk(sentences, 3);
    const merged: Sentence[][] = [];
    for (const w of windows) {
      const last = merged[merged.length - 1];
      if (last && contentCount(last) < minContent) last.push(...w);
      else if (last && contentCount(w) < minContent) last.push(...w);
      else merged.push([...w]);
    }
    for (const w of merged) {
      const tokens = w.flatMap((s) => s.tokens);
      if (tokens.length >= minContent)
        passages.push({ doc: d, sentences: w, tokens, vec: new Map() });
    }
  });
  return passages;
}

/**
 * Gives each passage its TF-IDF vector (terms in at least two passages), without the terms in
 * more than half of the passages ("game" in a study about games names no one theme).
 */
function weighPassages(passages: Passage[]): PassageVocabulary {
  const model = new TfIdfModel(
    passages.map((p) => p.tokens.map((t) => t.term)),
    { minDf: 2 },
  );
  const df = new Map<string, number>();
  for (const p of passages)
    for (const term of new Set(p.tokens.map((t) => t.term))) df.set(term, (df.get(term) ?? 0) + 1);
  const common = (term: string): boolean => (df.get(term) ?? 0) > passages.length / 2;
  for (const p of passages) {
    p.vec = model.vector(p.tokens.map((t) => t.term));
    for (const term of [...p.vec.keys()]) if (common(term)) p.vec.delete(term);
    normalize(p.vec);
  }
  return { model, common };
}

/**
 * Clusters the passages. k-means leaves a grab bag of loosely related passages (low cohesion)
 * next to the real themes; the grab bag often hides themes of its own, so it is clustered once
 * more. `groupCount` counts the groups, the grab bag as one.
 */
function findGroups(
  usable: Passage[],
  { maxThemes, minMembers }: ThemeSettings,
): { groups: Group[]; groupCount: number } {
  const first = clusterPassages(usable, maxThemes + 2, minMembers, SEED);
  const loose = first.filter((g) => g.cohesion < MIN_COHESION).flatMap((g) => g.members);
  const groups = first.filter((g) => g.cohesion >= MIN_COHESION);
  if (loose.length >= minMembers * 4)
    groups.push(...clusterPassages(loose, maxThemes + 2, minMembers, SEED + 1));
  return { groups, groupCount: groups.length + (loose.length > 0 ? 1 : 0) };
}

/**
 * Each group's keywords, ranked by class-based TF-IDF (term frequency in the cluster × log(1 +
 * average cluster size / term frequency overall)), the groups spanning the most turns first;
 * groups too small, too loose or without a word most of their passages share are dropped.
 */
function describeGroups(
  groups: Group[],
  usable: Passage[],
  { model, common }: PassageVocabulary,
  groupCount: number,
  minMembers: number,
): GroupWords[] {
  const counted = (term: string): boolean => model.idf.has(term) && !common(term);
  const totalTf = new Map<string, number>();
  for (const p of usable) {
    for (const t of p.tokens)
      if (counted(t.term)) totalTf.set(t.term, (totalTf.get(t.term) ?? 0) + 1);
  }
  const avgSize = [...totalTf.values()].reduce((a, b) => a + b, 0) / Math.max(1, groupCount);
  const docCount = (g: Group): number => new Set(g.members.map((p) => p.doc)).size;
  groups.sort((x, y) => docCount(y) - docCount(x) || y.cohesion - x.cohesion);
  return groups
    .filter((g) => g.cohesion >= MIN_COHESION && docCount(g) >= minMembers)
    .map((g) => describeGroup(g, counted, totalTf, avgSize))
    .filter(({ group, ranked, termDf }) => {
      const top = ranked[0];
      return !!top && (termDf.get(top.term) ?? 0) >= MIN_TOP_KEYWORD_SHARE * group.members.length;
    });
}

/**
 * Where each keyword weighs most: a word names only that theme, so two themes of a study about
 * computer science are not both "Computer Science · …".
 */
function keywordHomes(candidates: GroupWords[]): Map<string, { at: number; score: number }> {
  const home = new Map<string, { at: number; score: number }>();
  candidates.forEach(({ ranked }, at) => {
    for (const { term, score } of ranked)
      if (score > (home.get(term)?.score ?? -Infinity)) home.set(term, { at, score });
  });
  return home;
}

/** One part of a theme's name: a keyword, or the pair of words it mostly comes in. */
interface NamePart {
  terms: string[];
  label: string;
}

/**
 * A group as a theme: named by its keywords (`mine`: those whose home it is), quoted by its
 * passages closest to its centre that use them; null when it has no name or quotes too few turns.
 */
function themeOf(
  words: GroupWords,
  mine: (term: string) => boolean,
  common: (term: string) => boolean,
  docs: ThemeDoc[],
  settings: ThemeSettings,
): RankedTheme | null {
  const { parts, used } = nameParts(words, mine, common);
  if (parts.length === 0) return null;
  const { ranked, surface, group } = words;
  const keywords = [
    ...parts.map((p) => p.label.toLocaleLowerCase()),
    ...ranked
      .filter(({ term }) => !used.has(term))
      .slice(0, Math.max(0, 5 - parts.length))
      .map(({ term }) => mostCommon(surface.get(term)) ?? term),
  ];
  const keyTerms = new Set(
    ranked
      .slice(0, 5)
      .map(({ term }) => term)
      .concat([...used]),
  );
  const byDoc = closestPassagePerTurn(group, keyTerms);
  if (byDoc.size < settings.minMembers) return null;
  const members = quotesOf(byDoc, group.centre, docs, settings);
  return {
    name: parts.map((p) => p.label).join(' · '),
    definition: definitionOf(parts, members.length, byDoc, docs),
    keywords,
    members,
    cohesion: group.cohesion,
    size: byDoc.size,
  };
}

/**
 * The theme's name: its top keywords (at most three parts, three words), each replaced by the
 * pair it mostly comes in ("computer science"). A pair only stands for a word when it is the
 * word's most frequent pair and its partner's too ("science committee" does not, when "computer
 * science" is how the cluster says "science").
 */
function nameParts(
  { ranked, termDf, pairDf, pairForms, surface }: GroupWords,
  mine: (term: string) => boolean,
  common: (term: string) => boolean,
): { parts: NamePart[]; used: Set<string> } {
  const parts: NamePart[] = [];
  const used = new Set<string>();
  const strongest = new Map<string, number>();
  for (const [key, count] of pairDf)
    for (const w of key.split(' ')) strongest.set(w, Math.max(count, strongest.get(w) ?? 0));
  for (const { term } of ranked.filter(({ term }) => mine(term)).slice(0, 6)) {
    if (used.has(term)) continue;
    if (
      parts.length >= 3 ||
      (parts.length >= 2 && parts.reduce((n, part) => n + part.terms.length, 0) >= 3)
    )
      break;
    const uses = termDf.get(term) ?? 0;
    let pair: { key: string; count: number } | null = null;
    for (const [key, count] of pairDf) {
      const [a = '', b = ''] = key.split(' ');
      const other = a === term ? b : a;
      if (a === b || (a !== term && b !== term) || used.has(other) || !mine(other)) continue;
      if (
        count < 2 ||
        count < BIGRAM_SHARE * uses ||
        count < (strongest.get(a) ?? 0) ||
        count < (strongest.get(b) ?? 0)
      )
        continue;
      if (isGenericTerm(a) || isGenericTerm(b) || common(a) || common(b)) continue;
      if (!pair || count > pair.count || (count === pair.count && key < pair.key))
        pair = { key, count };
    }
    if (pair) {
      const terms = pair.key.split(' ');
      terms.forEach((t) => used.add(t));
      parts.push({
        terms,
        label: (mostCommon(pairForms.get(pair.key)) ?? pair.key)
          .split(' ')
          .map(titleCase)
          .join(' '),
      });
    } else {
      used.add(term);
      parts.push({ terms: [term], label: titleCase(mostCommon(surface.get(term)) ?? term) });
    }
  }
  return { parts, used };
}

/** Per turn, its passage in the group closest to the centre among those that use a keyword. */
function closestPassagePerTurn(
  { members, sims }: Group,
  keyTerms: Set<string>,
): Map<number, { p: Passage; sim: number }> {
  const byDoc = new Map<number, { p: Passage; sim: number }>();
  members.forEach((p, j) => {
    const sim = sims[j] as number;
    if (!p.tokens.some((t) => keyTerms.has(t.term))) return;
    const prev = byDoc.get(p.doc);
    if (!prev || sim > prev.sim) byDoc.set(p.doc, { p, sim });
  });
  return byDoc;
}

/** The theme's quotes, the closest to its centre first: each passage's sentence(s) closest to it. */
function quotesOf(
  byDoc: Map<number, { p: Passage; sim: number }>,
  centre: SparseVector,
  docs: ThemeDoc[],
  { maxQuotes, minContent }: ThemeSettings,
): ThemeMember[] {
  return [...byDoc.values()]
    .map(({ p, sim }) => {
      const span = bestSentences(p, centre, minContent);
      return {
        key: (docs[p.doc] as ThemeDoc).key,
        start: span.start,
        end: span.end,
        score: round3(Math.max(0, Math.min(1, sim))),
      };
    })
    .sort((a, b) => b.score - a.score || a.key.localeCompare(b.key) || a.start - b.start)
    .slice(0, maxQuotes);
}

/** "Passages about x and y; 5 quotes from 3 speakers (the closest of 9 turns)." */
function definitionOf(
  parts: NamePart[],
  quoted: number,
  byDoc: Map<number, { p: Passage; sim: number }>,
  docs: ThemeDoc[],
): string {
  const speakers = new Set(
    [...byDoc.keys()].map((d) => docs[d]?.speaker).filter((s): s is string => !!s),
  );
  const about = listOf(parts.map((p) => p.label.toLocaleLowerCase()));
  const count = `${quoted} quote${quoted === 1 ? '' : 's'}${speakers.size > 0 ? ` from ${speakers.size} speaker${speakers.size === 1 ? '' : 's'}` : ''}`;
  const more = byDoc.size > quoted ? ` (the closest of ${byDoc.size} turns)` : '';
  return `Passages about ${about}; ${count}${more}.`;
}

interface GroupWords {
  group: Group;
  /** Keywords (stems), most distinctive first (class-based TF-IDF). */
  ranked: { term: string; score: number }[];
  /** In how many of the group's passages each term and each pair comes up. */
  termDf: Map<string, number>;
  pairDf: Map<string, number>;
  /** How the group writes each term and each pair. */
  surface: Map<string, Map<string, number>>;
  pairForms: Map<string, Map<string, number>>;
}

/**
 * Class-based TF-IDF of a group: term frequency in the group × log(1 + average group size / term
 * frequency overall). A keyword is no generic word and comes up in at least two of its passages.
 */
function describeGroup(
  group: Group,
  usable: (term: string) => boolean,
  totalTf: Map<string, number>,
  avgSize: number,
): GroupWords {
  const tf = new Map<string, number>();
  const surface = new Map<string, Map<string, number>>();
  const termDf = new Map<string, number>();
  const pairDf = new Map<string, number>();
  const pairForms = new Map<string, Map<string, number>>();
  const count = (m: Map<string, Map<string, number>>, key: string, form: string): void => {
    const forms = m.get(key) ?? new Map<string, number>();
    forms.set(form, (forms.get(form) ?? 0) + 1);
    m.set(key, forms);
  };
  for (const p of group.members) {
    for (const t of p.tokens) {
      if (!usable(t.term)) continue;
      tf.set(t.term, (tf.get(t.term) ?? 0) + 1);
      count(surface, t.term, t.word);
    }
    for (const term of new Set(p.tokens.map((t) => t.term)))
      termDf.set(term, (termDf.get(term) ?? 0) + 1);
    const seen = new Set<string>();
    for (const b of p.sentences.flatMap((s) => s.bigrams)) {
      count(pairForms, b.term, b.words);
      if (!seen.has(b.term)) pairDf.set(b.term, (pairDf.get(b.term) ?? 0) + 1);
      seen.add(b.term);
    }
  }
  const size = [...tf.values()].reduce((a, b) => a + b, 0) || 1;
  const ranked = [...tf.entries()]
    .filter(([term]) => (termDf.get(term) ?? 0) >= 2 && !isGenericTerm(term))
    .map(([term, n]) => ({
      term,
      score: (n / size) * Math.log(1 + avgSize / (totalTf.get(term) ?? 1)),
    }))
    .sort((a, b) => b.score - a.score || a.term.localeCompare(b.term));
  return { group, ranked, termDf, pairDf, pairForms, surface };
}

function sentenceOf(text: string, start: number, end: number, sentence: string): Sentence {
  const tokens = tokenizeWithOffsets(sentence)
    .map((t) => ({ ...t, start: t.start + start, end: t.end + start }))
    .filter((t) => !isGenericTerm(t.term));
  const bigrams: Sentence['bigrams'] = [];
  for (let i = 0; i + 1 < tokens.length; i++) {
    const a = tokens[i] as Token;
    const b = tokens[i + 1] as Token;
    if (PAIR_GAP.test(text.slice(a.end, b.start)))
      bigrams.push({ term: `${a.term} ${b.term}`, words: `${a.word} ${b.word}` });
  }
  return { start, end, tokens, bigrams };
}

const contentCount = (sentences: Sentence[]): number =>
  sentences.reduce((a, s) => a + s.tokens.length, 0);

function listOf(words: string[]): string {
  if (words.length <= 1) return words[0] ?? '';
  return `${words.slice(0, -1).join(', ')} and ${words[words.length - 1]}`;
}

interface Group {
  members: Passage[];
  centre: SparseVector;
  /** Each member's similarity to the centre. */
  sims: number[];
  /** Mean similarity to the centre. */
  cohesion: number;
}

/**
 * Spherical k-means with k chosen by silhouette between half the √(n/2) rule of thumb and `maxK`
 * (silhouette alone favours two huge clusters on sparse text).
 */
function clusterPassages(
  points: Passage[],
  maxK: number,
  minMembers: number,
  seed: number,
): Group[] {
  const kMax = Math.max(2, Math.min(maxK, Math.floor(points.length / minMembers)));
  const kMin = Math.max(2, Math.min(kMax, Math.round(Math.sqrt(points.length / 2) / 2)));
  let best: { assign: number[]; centroids: SparseVector[]; silhouette: number } | null = null;
  const vectors = points.map((p) => p.vec);
  for (let k = kMin; k <= kMax; k++) {
    const { assign, centroids } = kMeans(vectors, k, seed + k);
    const s = silhouette(vectors, assign, k);
    if (!best || s > best.silhouette + 1e-9) best = { assign, centroids, silhouette: s };
  }
  if (!best) return [];
  const { assign, centroids } = best;
  return centroids
    .map((centre, c) => {
      const members = points.filter((_, i) => assign[i] === c);
      const sims = members.map((p) => dot(p.vec, centre));
      return {
        members,
        centre,
        sims,
        cohesion: sims.reduce((a, b) => a + b, 0) / Math.max(1, sims.length),
      };
    })
    .filter((g) => g.members.length > 0);
}

/**
 * The sentence closest to the theme, widened with its neighbours (the closer one first) until the
 * quote has the content words a passage needs, so that it can stand alone.
 */
function bestSentences(
  p: Passage,
  centre: SparseVector,
  minContent: number,
): { start: number; end: number } {
  const closeness = p.sentences.map((s) => {
    let score = 0;
    for (const t of s.tokens) score += centre.get(t.term) ?? 0;
    return score / Math.sqrt(Math.max(1, s.tokens.length));
  });
  let first = 0;
  closeness.forEach((score, i) => {
    if (score > (closeness[first] as number)) first = i;
  });
  let last = first;
  const content = (): number => contentCount(p.sentences.slice(first, last + 1));
  while (content() < minContent && (first > 0 || last < p.sentences.length - 1)) {
    const before = first > 0 ? (closeness[first - 1] as number) : -Infinity;
    const after = last < p.sentences.length - 1 ? (closeness[last + 1] as number) : -Infinity;
    if (after >= before) last++;
    else first--;
  }
  return {
    start: (p.sentences[first] as Sentence).start,
    end: (p.sentences[last] as Sentence).end,
  };
}

function chunk<T>(items: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  // A one-sentence tail joins the previous window.
  if (out.length > 1 && (out[out.length - 1] as T[]).length === 1)
    (out[out.length - 2] as T[]).push(...(out.pop() as T[]));
  return out;
}

function mostCommon(forms: Map<string, number> | undefined): string | undefined {
  if (!forms) return undefined;
  return [...forms.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0]?.[0];
}

const titleCase = (w: string): string => w.charAt(0).toLocaleUpperCase() + w.slice(1);
const round3 = (x: number): number => Math.round(x * 1000) / 1000;
