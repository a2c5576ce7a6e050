import {
  addInto,
  dot,
  normalize,
  splitSentences,
  tokenizeWithOffsets,
  type SparseVector,
  type TfIdfModel,
  type Token,
} from '../text';
import type { TurnText } from '../types';
import {
  wordFeatureTerms,
  type Core,
  type LabelledDoc,
  type TagModel,
  type TaggerSettings,
} from './deductive-training';
import { isGenericTerm } from './generic-words';
import { sigmoid } from './logistic';

/** Tags with fewer human examples lean on their name and description too. */
export const FEW_EXAMPLES = 3;
/** Cosine similarity at which a sentence counts as a near-repeat of a counter-example. */
const NEAR_REPEAT = 0.6;
/** Similarity a missing neighbour counts with: a sentence unlike anything stays untagged. */
const ABSENT_NEIGHBOUR = 0.05;

/** A sentence of a participant's turn, as the tagger reads it. */
export interface Unit {
  turn: number;
  start: number;
  end: number;
  tokens: Token[];
  vec: SparseVector;
  /** What the logistic regression and the neighbour search read: `vec`, or stems and words as written. */
  wordVec: SparseVector;
}

/** One tag's score for a unit, with its parts (for the rationale). */
export interface Scored {
  tag: number;
  /** The confidence: the raw score, or the tag's calibration of it. */
  p: number;
  /** The raw score: the blend of its parts, or the prior. */
  raw: number;
  lr: number;
  knn: number;
  prior: number;
  neighbours: number[];
}

/** What scoring needs of a trained tagger. */
export interface ScoringModel {
  docs: LabelledDoc[];
  tagModels: TagModel[];
  nearest: NeighbourSearch;
  opt: TaggerSettings;
}

/**
 * Every tag's confidence for a sentence vector (`stems`: its words), by the fit `core`: the
 * logistic regression averaged with the vote of the nearest labelled sentences, lowered near
 * a counter-example, and at least the prior of the tag's name and description (weighted by
 * `priorWeight` for tags with enough examples). Tags at 0 are left out; in tag order.
 */
export function scoreTags(
  model: ScoringModel,
  core: Core,
  vec: SparseVector,
  stems: Set<string>,
  wordVec: SparseVector = vec,
): Scored[] {
  const { docs, tagModels, opt } = model;
  const top = model.nearest.search(core.postings, wordVec);
  // Docs with no shared word count as neighbours at a small similarity.
  const totalSim =
    top.reduce((s, [, v]) => s + v, 0) + ABSENT_NEIGHBOUR * Math.max(0, opt.k - top.length) + 1e-9;
  const logits = linearScores(core, wordVec);
  const out: Scored[] = [];
  for (const m of tagModels) {
    const weights = core.weights[m.index] ?? null;
    if (!weights && m.nameTerms.length === 0) continue;
    let lr = 0;
    let knn = 0;
    const neighbours: number[] = [];
    if (weights) {
      lr = sigmoid((logits[m.index] as number) + (core.bias[m.index] ?? 0));
      knn = neighbourVote(top, docs, m.index, totalSim, neighbours);
    }
    let p = weights ? opt.lrWeight * lr + (1 - opt.lrWeight) * knn : 0;
    // Near-repeats of something people said is not this tag are not proposed again as it.
    const against = counterSimilarity(m, vec);
    if (against >= NEAR_REPEAT) p *= 1 - Math.min(1, against);
    // The tag's name said out loud, or its description's words: all a tag with few examples has;
    // for the others (`priorWeight`), people's words for the tag that their quotes may lack.
    const priorWeight = m.exampleCount < FEW_EXAMPLES ? 1 : opt.priorWeight;
    const prior = priorWeight > 0 ? priorWeight * namePrior(m, vec, stems, against) : 0;
    p = Math.max(p, prior);
    if (p > 0) out.push({ tag: m.index, p, raw: p, lr, knn, prior, neighbours });
  }
  return out;
}

/** Every tag's regression's dot product with the vector, in one pass over its terms. */
function linearScores(core: Core, vec: SparseVector): Float64Array {
  const sums = new Float64Array(core.weights.length);
  for (const [term, x] of vec) {
    const row = core.byTerm.get(term);
    if (!row) continue;
    for (let t = 0; t < row.length; t++) sums[t] = (sums[t] as number) + (row[t] as number) * x;
  }
  return sums;
}

/**
 * The share of the neighbours' similarity that falls on examples of the tag; those neighbours are
 * added to `neighbours`, most similar first.
 */
function neighbourVote(
  top: [doc: number, sim: number][],
  docs: LabelledDoc[],
  tag: number,
  totalSim: number,
  neighbours: number[],
): number {
  let s = 0;
  for (const [doc, sim] of top) {
    if ((docs[doc] as LabelledDoc).tags.has(tag)) {
      s += sim;
      neighbours.push(doc);
    }
  }
  return s / totalSim;
}

/** The similarity of the vector to the closest thing people said is not this tag. */
const counterSimilarity = (m: TagModel, vec: SparseVector): number =>
  m.counterVecs.reduce((max, cv) => Math.max(max, dot(cv, vec)), 0);

/**
 * Prior evidence for a tag with few examples: its name said out loud, or its description's words.
 * Words close to something people said is not this tag (`against`) weaken it: a rejection
 * outweighs a mere mention of the tag's name.
 */
function namePrior(m: TagModel, vec: SparseVector, stems: Set<string>, against: number): number {
  const named = m.nameTerms.length > 0 && m.nameTerms.every((n) => stems.has(n));
  let prior = named ? 0.55 : 0;
  if (m.descriptionVec) {
    const sim = dot(m.descriptionVec, vec);
    prior = Math.max(
      prior,
      Math.min(0.8, (sim - 0.12) * 2.5),
      named ? Math.min(0.85, 0.55 + sim) : 0,
    );
  }
  return prior * (1 - Math.min(1, against));
}

/**
 * The scorable sentences of a participant's turn: those with `minTokens` words or more, each a
 * vector of its own words borrowing `contextWeight` of its turn's.
 */
export function sentenceUnits(
  turn: TurnText,
  vocabulary: TfIdfModel,
  opt: TaggerSettings,
  language: string | null,
  wordVocabulary: TfIdfModel | null = null,
): Unit[] {
  const units: Unit[] = [];
  // The turn is read once: words never cross a sentence boundary (sentences end before white
  // space or a line break), so each sentence's words are the turn's words within it.
  const turnTokens = tokenizeWithOffsets(turn.text, { language });
  const turnVec = vocabulary.vector(turnTokens.map((t) => t.term));
  // The words as written (stop words included), when the model reads them too.
  const written = wordVocabulary
    ? tokenizeWithOffsets(turn.text, { language, stopWords: false, stem: false })
    : [];
  const wordVectorOf = (tokens: Token[], words: Token[]): SparseVector =>
    (wordVocabulary as TfIdfModel).vector(
      wordFeatureTerms(
        tokens.map((t) => t.term),
        words.map((t) => t.word),
      ),
    );
  const turnWordVec = wordVocabulary ? wordVectorOf(turnTokens, written) : null;
  let next = 0;
  let nextWritten = 0;
  for (const sentence of splitSentences(turn.text)) {
    while (next < turnTokens.length && (turnTokens[next] as Token).start < sentence.start) next++;
    const tokens: Token[] = [];
    for (; next < turnTokens.length; next++) {
      const token = turnTokens[next] as Token;
      if (token.end > sentence.end) break;
      tokens.push(token);
    }
    while (nextWritten < written.length && (written[nextWritten] as Token).start < sentence.start)
      nextWritten++;
    const words: Token[] = [];
    for (; nextWritten < written.length; nextWritten++) {
      const word = written[nextWritten] as Token;
      if (word.end > sentence.end) break;
      words.push(word);
    }
    if (tokens.length < opt.minTokens) continue;
    const own = vocabulary.vector(tokens.map((t) => t.term));
    if (own.size === 0) continue;
    const vec = normalize(addInto(new Map(own), turnVec, opt.contextWeight));
    const wordVec = turnWordVec
      ? normalize(addInto(wordVectorOf(tokens, words), turnWordVec, opt.contextWeight))
      : vec;
    units.push({
      turn: turn.index,
      start: sentence.start,
      end: sentence.end,
      tokens,
      vec,
      wordVec,
    });
  }
  return units;
}

/**
 * Whether a word of the unit that says something (not a stop word, filler or generic spoken word
 * such as "go", "big", "sure", "gave") speaks for the tag: a tag is never proposed on such words alone.
 */
export function hasEvidence(unit: Unit, m: TagModel, minWords = 1): boolean {
  return distinctiveWords(unit, m).length >= Math.max(1, minWords);
}

/** Content words of the unit that push towards the tag most, as written. */
export function distinctiveWords(unit: Unit, m: TagModel): string[] {
  const scored = new Map<string, { word: string; score: number }>();
  for (const tok of unit.tokens) {
    if (isGenericTerm(tok.term)) continue;
    const w =
      (m.weights?.get(tok.term) ?? 0) +
      (m.descriptionVec?.get(tok.term) ?? 0) +
      (m.nameTerms.includes(tok.term) ? 1 : 0);
    const score = w * (unit.vec.get(tok.term) ?? 0);
    if (score > 0 && !scored.has(tok.term)) scored.set(tok.term, { word: tok.word, score });
  }
  return [...scored.values()]
    .sort((a, b) => b.score - a.score || a.word.localeCompare(b.word))
    .slice(0, 4)
    .map((x) => x.word);
}

/** Why the tag was proposed for the unit: its closest examples, or its name or description; its words. */
export function rationaleFor(model: ScoringModel, s: Scored, unit: Unit): string {
  const m = model.tagModels[s.tag] as TagModel;
  const name = m.tag.name;
  const exampleNeighbours = s.neighbours.filter(
    (i) => (model.docs[i] as LabelledDoc).kind === 'example',
  );
  const parts: string[] = [];
  if (exampleNeighbours.length > 0) {
    const best = (model.docs[exampleNeighbours[0] as number] as LabelledDoc).text;
    const n = exampleNeighbours.length;
    parts.push(
      `Close to ${n} quote${n === 1 ? '' : 's'} tagged '${name}' (e.g. “${ellipsis(best, 90)}”)`,
    );
  } else if (s.prior > 0 && s.prior >= s.raw - 1e-9) {
    const named =
      m.nameTerms.length > 0 && m.nameTerms.every((n) => unit.tokens.some((t) => t.term === n));
    parts.push(named ? `Mentions '${name}' by name` : `Matches the description of '${name}'`);
  } else {
    parts.push(`Resembles quotes tagged '${name}'`);
  }
  const words = distinctiveWords(unit, m);
  if (words.length > 0) parts.push(`words: ${words.join(', ')}`);
  return `${parts.join('; ')} (${Math.round(s.p * 100)}%)`;
}

function ellipsis(text: string, max: number): string {
  const clean = text.replace(/\s+/g, ' ').trim();
  if (clean.length <= max) return clean;
  const cut = clean.slice(0, max);
  const space = cut.lastIndexOf(' ');
  return `${(space > max * 0.6 ? cut.slice(0, space) : cut).trimEnd()}…`;
}

/**
 * The k labelled docs most similar to a vector by cosine (vectors are unit length, so cosine =
 * dot), most similar first, ties by doc index. Similarities are summed into one array reused by
 * every search, and only the best k are kept while scanning: a sentence shares a word with
 * hundreds of docs, and sorting them all for every sentence was most of the tagger's time.
 */
export class NeighbourSearch {
  private readonly sims: Float64Array;
  private readonly touched: number[] = [];

  constructor(
    docCount: number,
    private readonly k: number,
  ) {
    this.sims = new Float64Array(docCount);
  }

  search(postings: Core['postings'], vec: SparseVector): [doc: number, sim: number][] {
    const { sims, touched, k } = this;
    for (const [term, w] of vec) {
      for (const p of postings.get(term) ?? []) {
        const sum = sims[p.doc] as number;
        if (sum === 0) touched.push(p.doc);
        sims[p.doc] = sum + w * p.w;
      }
    }
    const top: [number, number][] = [];
    for (const doc of touched) {
      const sim = sims[doc] as number;
      sims[doc] = 0;
      if (!(sim > 0) || k <= 0) continue;
      const last = top[top.length - 1];
      if (top.length === k && last && !ranksBefore(doc, sim, last)) continue;
      let at = top.length === k ? k - 1 : top.length;
      while (at > 0 && ranksBefore(doc, sim, top[at - 1] as [number, number])) {
        top[at] = top[at - 1] as [number, number];
        at--;
      }
      top[at] = [doc, sim];
    }
    touched.length = 0;
    return top;
  }
}

/** Higher similarity first, then the lower doc index. */
const ranksBefore = (doc: number, sim: number, other: [number, number]): boolean =>
  sim > other[1] || (sim === other[1] && doc < other[0]);
