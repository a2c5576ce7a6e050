import { splitSentences, TfIdfModel, tokenize as tokenizeText, type SparseVector } from '../text';
import type { CodebookTag } from '../types';
import type { HeldOutScore, PlattScaling } from './calibration';
import type { DeductiveTaggerOptions, DeductiveTrainingInput } from './deductive';
import { parseDescription } from './description';
import { fitLogistic } from './logistic';

/** The tagger's knobs with every default filled in. */
export type TaggerSettings = Required<DeductiveTaggerOptions>;

/** A sentence the tagger learns from, as a TF-IDF vector with what it is an example of. */
export interface LabelledDoc {
  text: string;
  vec: SparseVector;
  /**
   * What the logistic regression and the neighbour search read: `vec`, or a vector of its stems
   * and its words as written (`wordFeatures`).
   */
  wordVec: SparseVector;
  /** Tag indices this doc is a positive example of. */
  tags: Set<number>;
  kind: 'example' | 'description' | 'background' | 'negative';
  /** For 'negative' docs: the tag it is a counter-example of. */
  negativeOf?: number;
  weight: number;
}

/** What the tagger knows of one tag. */
export interface TagModel {
  tag: CodebookTag;
  index: number;
  exampleCount: number;
  /** Logistic regression; null when the tag has no examples or description. */
  weights: SparseVector | null;
  bias: number;
  /** Name + positive description vector, for tags that lean on it. */
  descriptionVec: SparseVector | null;
  /** Stemmed content words of the name: all present in a sentence = a literal mention. */
  nameTerms: string[];
  /** What people said is not this tag (rejected suggestions, "when not to use"). */
  counterVecs: SparseVector[];
  /** The tag's decision threshold on raw scores, for `suggest` without an explicit `minConfidence`. */
  threshold: number;
  /** Maps the tag's raw scores to calibrated confidences; null: the raw score is the confidence. */
  calibration: PlattScaling | null;
}

/** Logistic regressions (per tag; null without evidence) and the neighbour index of one fit. */
export interface Core {
  weights: (SparseVector | null)[];
  bias: number[];
  /** The same weights by term: each term's weight in every tag's regression (0: none). */
  byTerm: Map<string, Float64Array>;
  postings: Map<string, { doc: number; w: number }[]>;
}

/** A tag's description split into what speaks for it (with its name) and against it. */
export interface TagDescription {
  positive: string;
  hasDescription: boolean;
  negative: string;
}

/** An example quote (deduplicated by its words) and every tag it is an example of. */
export interface ExampleQuote {
  text: string;
  tags: Set<number>;
}

/** Every text the tagger learns from, tokenised, in the order the vocabulary and docs use. */
export interface TrainingTexts {
  examples: { quote: ExampleQuote; tokens: string[] }[];
  /** Per tag: its name and positive description. */
  descriptions: string[][];
  /** Per tag: its "when not to use" paragraph; null when it has none. */
  negatives: (string[] | null)[];
  /** Per tag: the quotes people rejected for it. */
  counters: { text: string; tokens: string[] }[][];
  background: { text: string; tokens: string[] }[];
}

/** Whether a tag has anything to learn from, and how many human examples. */
export interface TagEvidence {
  exampleCount: number;
  has: boolean;
}

const normKey = (s: string): string => s.replace(/\s+/g, ' ').trim().toLowerCase();

const byText = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/**
 * The training input in one order whatever order it came in (tags by id, their examples and
 * counter-examples and the background by text), so the same data always trains the same model.
 */
export function canonicalInput(input: DeductiveTrainingInput): {
  tags: CodebookTag[];
  background: string[];
} {
  return {
    tags: [...input.tags]
      .sort((a, b) => byText(a.id, b.id))
      .map((tag) => ({
        ...tag,
        examples: [...tag.examples].sort(byText),
        counterExamples: [...(tag.counterExamples ?? [])].sort(byText),
      })),
    background: [...(input.background ?? [])].sort(byText),
  };
}

/** People's quotes, deduplicated: a quote tagged twice is one example of both tags. */
export function collectExamples(tags: CodebookTag[]): Map<string, ExampleQuote> {
  const examples = new Map<string, ExampleQuote>();
  tags.forEach((tag, t) => {
    for (const ex of tag.examples) {
      const key = normKey(ex);
      if (!key) continue;
      const entry = examples.get(key) ?? { text: ex, tags: new Set<number>() };
      entry.tags.add(t);
      examples.set(key, entry);
    }
  });
  return examples;
}

/** Each tag's name with what its description says for it, and its "when not to use". */
export function describeTags(tags: CodebookTag[]): TagDescription[] {
  return tags.map((tag) => {
    const parsed = parseDescription(tag.description);
    return {
      positive: `${tag.name}. ${parsed.positive}`.trim(),
      hasDescription: parsed.positive.length > 0,
      negative: parsed.negative,
    };
  });
}

/**
 * The background's sentences that are no example (nor part of a longer one), taken evenly down
 * to `max`, and how many there were before.
 */
export function sampleBackground(
  texts: string[],
  examples: Map<string, ExampleQuote>,
  max: number,
): { sample: string[]; total: number } {
  const exampleKeys = new Set(examples.keys());
  const background: string[] = [];
  for (const text of texts) {
    for (const s of splitSentences(text)) {
      const key = normKey(s.text);
      if (!exampleKeys.has(key) && ![...exampleKeys].some((k) => k.length > 20 && k.includes(key)))
        background.push(s.text);
    }
  }
  return { sample: evenSample(background, max), total: background.length };
}

/** Tokenises every text the tagger learns from (examples, descriptions, counter-examples, background). */
export function tokenizeTrainingTexts(
  tags: CodebookTag[],
  examples: Map<string, ExampleQuote>,
  descriptions: TagDescription[],
  background: string[],
  tokenize: (text: string) => string[],
): TrainingTexts {
  return {
    examples: [...examples.values()].map((quote) => ({ quote, tokens: tokenize(quote.text) })),
    descriptions: descriptions.map((d) => tokenize(d.positive)),
    negatives: descriptions.map((d) => (d.negative ? tokenize(d.negative) : null)),
    counters: tags.map((tag) =>
      (tag.counterExamples ?? [])
        .filter((c) => normKey(c))
        .map((c) => ({ text: c, tokens: tokenize(c) })),
    ),
    background: background.map((text) => ({ text, tokens: tokenize(text) })),
  };
}

/** The TF-IDF vocabulary over everything the tagger knows (in the order the texts were read). */
export function buildVocabulary(texts: TrainingTexts, opt: TaggerSettings): TfIdfModel {
  const tokenLists = [
    ...texts.examples.map((e) => e.tokens),
    ...texts.descriptions,
    ...texts.negatives.filter((tokens): tokens is string[] => tokens !== null),
    ...texts.counters.flat().map((c) => c.tokens),
    ...texts.background.map((b) => b.tokens),
  ];
  return new TfIdfModel(tokenLists, { bigrams: opt.bigrams });
}

/**
 * The labelled docs, weighted as TF-IDF vectors: people's examples, each tag's description (when it
 * has one or examples), its "when not to use" and the quotes rejected for it (counter-examples of
 * that tag only: a reviewer's "no" is a label), and the background (negatives of every tag).
 */
export function labelledDocs(
  tags: CodebookTag[],
  descriptions: TagDescription[],
  texts: TrainingTexts,
  vocabulary: TfIdfModel,
  opt: TaggerSettings,
): LabelledDoc[] {
  const docs: LabelledDoc[] = [];
  for (const { quote, tokens } of texts.examples) {
    docs.push({
      text: quote.text,
      vec: vocabulary.vector(tokens),
      wordVec: new Map(),
      tags: quote.tags,
      kind: 'example',
      weight: 1,
    });
  }
  tags.forEach((tag, t) => {
    const d = descriptions[t] as TagDescription;
    const vec = vocabulary.vector(texts.descriptions[t] as string[]);
    if (vec.size > 0 && (d.hasDescription || tag.examples.length)) {
      docs.push({
        text: d.positive,
        vec,
        wordVec: new Map(),
        tags: new Set([t]),
        kind: 'description',
        weight: 1,
      });
    }
    const counters = [
      { text: d.negative, tokens: texts.negatives[t] ?? [] },
      ...(texts.counters[t] ?? []),
    ];
    for (const counter of counters) {
      const cvec = vocabulary.vector(counter.tokens);
      if (cvec.size > 0)
        docs.push({
          text: counter.text,
          vec: cvec,
          wordVec: new Map(),
          tags: new Set(),
          kind: 'negative',
          negativeOf: t,
          weight: 1,
        });
    }
  });
  for (const { text, tokens } of texts.background) {
    const vec = vocabulary.vector(tokens);
    if (vec.size > 0)
      docs.push({
        text,
        vec,
        wordVec: new Map(),
        tags: new Set(),
        kind: 'background',
        weight: opt.backgroundWeight,
      });
  }
  for (const d of docs) d.wordVec = d.vec;
  return docs;
}

/**
 * The terms of a word vector: the stems, and every word as written (marked '='), stop words
 * included: "I felt" and "the game felt" differ in words that stems alone drop.
 */
export function wordFeatureTerms(stems: readonly string[], words: readonly string[]): string[] {
  return [...stems, ...words.map((w) => `=${w}`)];
}

/** The words as written of a text, stop words included, in order. */
export function writtenWords(text: string, language: string | null): string[] {
  return tokenizeText(text, { language, stopWords: false, stem: false });
}

/**
 * Gives every doc its word vector (stems and words as written) for the logistic regression and the
 * neighbour search, and returns its vocabulary (TF-IDF over the docs).
 */
export function addWordFeatures(
  docs: LabelledDoc[],
  tokenize: (text: string) => string[],
  language: string | null,
): TfIdfModel {
  const terms = docs.map((d) => wordFeatureTerms(tokenize(d.text), writtenWords(d.text, language)));
  const wordVocabulary = new TfIdfModel(terms);
  docs.forEach((d, i) => (d.wordVec = wordVocabulary.vector(terms[i] as string[])));
  return wordVocabulary;
}

/** Per tag: how many of people's examples it has, and whether it has anything to learn from. */
export function tagEvidence(
  tags: CodebookTag[],
  docs: LabelledDoc[],
  descriptions: TagDescription[],
): TagEvidence[] {
  return tags.map((_tag, t) => {
    const exampleCount = docs.filter((d) => d.kind === 'example' && d.tags.has(t)).length;
    return {
      exampleCount,
      has: exampleCount > 0 || (descriptions[t] as TagDescription).hasDescription,
    };
  });
}

/**
 * Fits a one-vs-rest logistic regression per tag with evidence, and indexes the examples and
 * background for the neighbour search, on the docs `include` keeps (all when null).
 */
export function fitCore(
  docs: LabelledDoc[],
  order: number[],
  include: ((i: number) => boolean) | null,
  evidence: TagEvidence[],
  opt: TaggerSettings,
  epochs: number,
): Core {
  const kept = include ? order.filter(include) : order;
  const weights: (SparseVector | null)[] = [];
  const bias: number[] = [];
  for (const [t, { has }] of evidence.entries()) {
    if (!has) {
      weights.push(null);
      bias.push(0);
      continue;
    }
    const fitted = fitLogistic(trainingSetOf(t, docs, kept), {
      epochs,
      l2: opt.l2,
      positiveWeight: opt.positiveWeight,
    });
    weights.push(fitted.weights);
    bias.push(fitted.bias);
  }
  return { weights, bias, byTerm: weightsByTerm(weights), postings: neighbourIndex(docs, include) };
}

/**
 * The regressions' weights turned around: term → its weight in each tag's regression, so one pass
 * over a sentence's terms gives every tag's score (a sentence is scored against every tag).
 */
function weightsByTerm(weights: (SparseVector | null)[]): Map<string, Float64Array> {
  const byTerm = new Map<string, Float64Array>();
  weights.forEach((w, t) => {
    if (!w) return;
    for (const [term, x] of w) {
      let row = byTerm.get(term);
      if (!row) {
        row = new Float64Array(weights.length);
        byTerm.set(term, row);
      }
      row[t] = x;
    }
  });
  return byTerm;
}

/** One tag's logistic-regression examples: a counter-example of another tag says nothing about it. */
function trainingSetOf(
  t: number,
  docs: LabelledDoc[],
  kept: number[],
): { vec: SparseVector; positive: boolean; weight: number }[] {
  return kept
    .map((i) => docs[i] as LabelledDoc)
    .filter((d) => d.kind !== 'negative' || d.negativeOf === t)
    .map((d) => ({ vec: d.wordVec, positive: d.tags.has(t), weight: d.weight }));
}

/** Postings (term → docs with its weight) of the examples and background `include` keeps. */
function neighbourIndex(
  docs: LabelledDoc[],
  include: ((i: number) => boolean) | null,
): Core['postings'] {
  const postings = new Map<string, { doc: number; w: number }[]>();
  docs.forEach((d, i) => {
    if ((d.kind !== 'example' && d.kind !== 'background') || (include && !include(i))) return;
    for (const [term, w] of d.wordVec) {
      const list = postings.get(term) ?? [];
      list.push({ doc: i, w });
      postings.set(term, list);
    }
  });
  return postings;
}

/** What the tagger keeps of each tag: its fitted model, description, name and counter-examples. */
export function buildTagModels(
  tags: CodebookTag[],
  descriptions: TagDescription[],
  texts: TrainingTexts,
  evidence: TagEvidence[],
  docs: LabelledDoc[],
  core: Core,
  vocabulary: TfIdfModel,
  tokenize: (text: string) => string[],
  opt: TaggerSettings,
): TagModel[] {
  return tags.map((tag, t) => ({
    tag,
    index: t,
    exampleCount: (evidence[t] as TagEvidence).exampleCount,
    weights: core.weights[t] ?? null,
    bias: core.bias[t] ?? 0,
    descriptionVec: (descriptions[t] as TagDescription).hasDescription
      ? vocabulary.vector(texts.descriptions[t] as string[])
      : null,
    nameTerms: [...new Set(tokenize(tag.name))],
    counterVecs: docs
      .filter((doc) => doc.kind === 'negative' && doc.negativeOf === t)
      .map((doc) => doc.vec),
    threshold: opt.minConfidence,
    calibration: null,
  }));
}

/**
 * Every tag's out-of-fold scores in an `innerFolds`-fold cross-validation over the training
 * examples and background (descriptions and counter-examples stay in every fold): what the
 * tagger says of sentences it did not learn from.
 */
export function heldOutScores(
  docs: LabelledDoc[],
  order: number[],
  evidence: TagEvidence[],
  opt: TaggerSettings,
  score: (core: Core, doc: LabelledDoc) => { tag: number; p: number }[],
): HeldOutScore[][] {
  const foldOf = new Map<number, number>();
  order.forEach((i, n) => foldOf.set(i, n % opt.innerFolds));
  const heldOut = (i: number): number => {
    const d = docs[i] as LabelledDoc;
    return d.kind === 'example' || d.kind === 'background' ? (foldOf.get(i) ?? -1) : -1;
  };
  const oof: HeldOutScore[][] = evidence.map(() => []);
  for (let f = 0; f < opt.innerFolds; f++) {
    const inner = fitCore(docs, order, (i) => heldOut(i) !== f, evidence, opt, opt.innerEpochs);
    docs.forEach((d, i) => {
      if (heldOut(i) !== f) return;
      const got = new Map(score(inner, d).map((s) => [s.tag, s.p]));
      evidence.forEach((_e, t) => oof[t]?.push({ p: got.get(t) ?? 0, y: d.tags.has(t) }));
    });
  }
  return oof;
}

/**
 * The threshold at which the tag is proposed as often, out of fold, as people used it (so each tag
 * keeps its own base rate: rare, abstract tags get a lower bar), clamped to 0.05..0.6 and pulled
 * towards `fallback` for tags with few positives (`shrink` pseudo-positives at the fallback).
 */
export function chooseThreshold(oof: HeldOutScore[], fallback: number, shrink: number): number {
  const positives = oof.filter((x) => x.y).length;
  const rateMatched = baseRateScore(oof);
  if (rateMatched === null) return fallback;
  const th = Math.max(0.05, Math.min(0.6, rateMatched));
  return (positives * th + shrink * fallback) / (positives + shrink);
}

/**
 * The held-out score at and above which the tag is proposed as often as people used it (null with
 * fewer than two positives).
 */
export function baseRateScore(oof: HeldOutScore[]): number | null {
  const positives = oof.filter((x) => x.y).length;
  if (positives < 2 || oof.length === 0) return null;
  const sorted = oof.map((x) => x.p).sort((a, b) => b - a);
  return sorted[Math.min(sorted.length - 1, positives)] ?? null;
}

function evenSample<T>(items: T[], max: number): T[] {
  if (items.length <= max) return items;
  const out: T[] = [];
  const step = items.length / max;
  for (let i = 0; i < max; i++) out.push(items[Math.floor(i * step)] as T);
  return out;
}
