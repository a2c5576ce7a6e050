import {
  addInto,
  dot,
  normalize,
  splitSentences,
  TfIdfModel,
  tokenize as tokenizeText,
  tokenizeWithOffsets,
  type SparseVector,
  type Token,
} from '../text';
import type { CodebookTag, TurnSpan, TurnText } from '../types';
import { parseDescription } from './description';
import { fitLogistic, sigmoid } from './logistic';
import { isGenericTerm } from './generic-words';
import { shuffled } from './random';

/** A codebook tag proposed for a span, with its own confidence. */
export interface ProposedTag {
  tagId: string;
  /** 0..1: the estimated probability that this tag applies to the span. */
  confidence: number;
}

/** A span the offline tagger proposes, with the codebook tags it proposes for it. */
export interface OfflineSuggestion extends TurnSpan {
  /** The transcript's own text of the span (turn texts joined by '\n' across turns). */
  quote: string;
  /** The tags proposed, each with its own confidence, most confident first. */
  tags: ProposedTag[];
  /** The confidence of the first (most confident) tag. */
  confidence: number;
  rationale: string;
}

/** What the DEDUCTIVE tagger learns from. */
export interface DeductiveTrainingInput {
  tags: CodebookTag[];
  /** Untagged talk of the project: what ordinary, untagged sentences look like. */
  background?: string[];
  /** The language of the text ('en', 'de', 'german'…): its stop words and stemmer. English by default. */
  language?: string | null;
}

export interface SuggestOptions {
  /**
   * Suggestions below this confidence are not returned, whatever the tag. Default: each tag's own
   * threshold, learned at training time (see `DeductiveTaggerOptions.innerFolds`).
   */
  minConfidence?: number;
}

/** Every tag's confidence for one sentence (for evaluation, calibration and benchmarks). */
export interface SentenceScores {
  turnIndex: number;
  start: number;
  end: number;
  /** Tags with a non-zero confidence, most confident first. */
  scores: { tagId: string; confidence: number }[];
}

export interface DeductiveTagger {
  /** Suggested spans (sentences, merged when neighbours get the same tags) of participant turns. */
  suggest(turns: TurnText[], options?: SuggestOptions): OfflineSuggestion[];
  /** The scores behind `suggest`, per sentence, before thresholds and merging. */
  scoreSentences(turns: TurnText[]): SentenceScores[];
}

/** Knobs of the offline model; the defaults were chosen on the evaluation's development fold. */
export interface DeductiveTaggerOptions {
  /** Fallback threshold of `suggest`, towards which per-tag thresholds are pulled (default 0.25). */
  minConfidence?: number;
  /** Neighbours voting in the k-nearest-neighbour part (default 20). */
  k?: number;
  /** Weight of the logistic-regression part vs. the nearest-neighbour part (default 0.5). */
  lrWeight?: number;
  /** How much of its turn a sentence's vector borrows as context (default 0.25). */
  contextWeight?: number;
  /** Weight of one background sentence as a negative example (default 0.5). */
  backgroundWeight?: number;
  /** Cap on background sentences used (default 4000, taken evenly). */
  maxBackground?: number;
  /** Weight decay per epoch of the logistic regression (default 0.02). */
  l2?: number;
  /** SGD epochs of the logistic regression (default 40). */
  epochs?: number;
  /** Tags proposed for one span at most (default 3). */
  maxTagsPerSpan?: number;
  /** Sentences with fewer content words are not scored on their own (default 2). */
  minTokens?: number;
  /**
   * Folds of the inner cross-validation over the training examples and background that picks each
   * tag's own decision threshold (default 3; 0 or 1 = one threshold, `minConfidence`, for all tags).
   */
  innerFolds?: number;
  /** SGD epochs of the inner cross-validation's logistic regressions (default 20). */
  innerEpochs?: number;
  /** Pseudo-count of positives pulling a tag's threshold towards `minConfidence` (default 5). */
  thresholdShrink?: number;
  /** Word bigrams in the TF-IDF vectors besides single words (default false). */
  bigrams?: boolean;
  /** Positive examples weigh this much more in the logistic regression (class balance; default 1). */
  positiveWeight?: number;
}

const DEFAULTS: Required<DeductiveTaggerOptions> = {
  minConfidence: 0.25,
  k: 20,
  lrWeight: 0.5,
  contextWeight: 0.25,
  backgroundWeight: 0.5,
  maxBackground: 4000,
  l2: 0.02,
  epochs: 40,
  maxTagsPerSpan: 3,
  minTokens: 2,
  innerFolds: 3,
  innerEpochs: 20,
  thresholdShrink: 5,
  bigrams: false,
  positiveWeight: 1,
};

/** Tags with fewer human examples lean on their name and description too. */
const FEW_EXAMPLES = 3;
/** Cosine similarity at which a sentence counts as a near-repeat of a counter-example. */
const NEAR_REPEAT = 0.6;

interface LabelledDoc {
  text: string;
  vec: SparseVector;
  /** Tag indices this doc is a positive example of. */
  tags: Set<number>;
  kind: 'example' | 'description' | 'background' | 'negative';
  /** For 'negative' docs: the tag it is a counter-example of. */
  negativeOf?: number;
  weight: number;
}

interface TagModel {
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
  /** The tag's decision threshold for `suggest` without an explicit `minConfidence`. */
  threshold: number;
}

/** Logistic regressions (per tag; null without evidence) and the neighbour index of one fit. */
interface Core {
  weights: (SparseVector | null)[];
  bias: number[];
  postings: Map<string, { doc: number; w: number }[]>;
}

interface Unit {
  turn: number;
  start: number;
  end: number;
  tokens: Token[];
  vec: SparseVector;
}

interface Scored {
  tag: number;
  p: number;
  lr: number;
  knn: number;
  prior: number;
  neighbours: number[];
}

const normKey = (s: string): string => s.replace(/\s+/g, ' ').trim().toLowerCase();

/**
 * Trains the offline DEDUCTIVE tagger from the codebook: each tag's human examples (quotes people
 * tagged), its name and description ("When not to use" paragraphs count against it). `background`
 * is untagged text of the project (e.g. participant sentences of its transcripts): it teaches the
 * tagger what ordinary, untagged talk looks like, which keeps it from tagging everything.
 *
 * Model: TF-IDF over sentences; per tag a one-vs-rest logistic regression averaged with a
 * k-nearest-neighbour vote over the labelled sentences; tags with fewer than 3 examples also match
 * on their description and on literal mentions of their name. Each tag gets its own decision
 * threshold from a 3-fold inner cross-validation over the training examples and background (the
 * score at which it is proposed as often as people used it, shrunk towards `minConfidence`); the
 * confidences themselves are unchanged. Deterministic.
 */
export function trainDeductiveTagger(
  input: DeductiveTrainingInput,
  options: DeductiveTaggerOptions = {},
): DeductiveTagger {
  const opt: Required<DeductiveTaggerOptions> = { ...DEFAULTS, ...options };
  const { tags, background: backgroundTexts } = canonicalInput(input);
  const language = input.language ?? null;
  const tokenize = (text: string): string[] => tokenizeText(text, { language });

  // 1. Raw labelled texts: examples (deduplicated; a quote tagged twice is positive for both).
  const exampleTags = new Map<string, { text: string; tags: Set<number> }>();
  tags.forEach((tag, t) => {
    for (const ex of tag.examples) {
      const key = normKey(ex);
      if (!key) continue;
      const entry = exampleTags.get(key) ?? { text: ex, tags: new Set<number>() };
      entry.tags.add(t);
      exampleTags.set(key, entry);
    }
  });
  const descriptions = tags.map((tag) => {
    const parsed = parseDescription(tag.description);
    return {
      positive: `${tag.name}. ${parsed.positive}`.trim(),
      hasDescription: parsed.positive.length > 0,
      negative: parsed.negative,
    };
  });
  const exampleKeys = new Set(exampleTags.keys());
  const background: string[] = [];
  for (const text of backgroundTexts) {
    for (const s of splitSentences(text)) {
      const key = normKey(s.text);
      if (!exampleKeys.has(key) && ![...exampleKeys].some((k) => k.length > 20 && k.includes(key)))
        background.push(s.text);
    }
  }
  const bgSample = evenSample(background, opt.maxBackground);

  // 2. TF-IDF vocabulary over everything the tagger knows.
  const rawDocs: { text: string; tokens: string[] }[] = [];
  const pushRaw = (text: string): string[] => {
    const tokens = tokenize(text);
    rawDocs.push({ text, tokens });
    return tokens;
  };
  const exampleTokens = [...exampleTags.values()].map((e) => pushRaw(e.text));
  const descTokens = descriptions.map((d) => pushRaw(d.positive));
  const negTokens = descriptions.map((d) => (d.negative ? pushRaw(d.negative) : []));
  const counterTokens = tags.map((tag) =>
    (tag.counterExamples ?? [])
      .filter((c) => normKey(c))
      .map((c) => ({ text: c, tokens: pushRaw(c) })),
  );
  const bgTokens = bgSample.map((s) => pushRaw(s));
  const model = new TfIdfModel(
    rawDocs.map((d) => d.tokens),
    { bigrams: opt.bigrams },
  );

  const docs: LabelledDoc[] = [];
  [...exampleTags.values()].forEach((e, i) => {
    docs.push({
      text: e.text,
      vec: model.vector(exampleTokens[i] as string[]),
      tags: e.tags,
      kind: 'example',
      weight: 1,
    });
  });
  tags.forEach((_tag, t) => {
    const d = descriptions[t] as { positive: string; hasDescription: boolean; negative: string };
    const vec = model.vector(descTokens[t] as string[]);
    if (vec.size > 0 && (d.hasDescription || tags[t]?.examples.length)) {
      docs.push({ text: d.positive, vec, tags: new Set([t]), kind: 'description', weight: 1 });
    }
    const nvec = model.vector(negTokens[t] as string[]);
    if (nvec.size > 0)
      docs.push({
        text: d.negative,
        vec: nvec,
        tags: new Set(),
        kind: 'negative',
        negativeOf: t,
        weight: 1,
      });
    // A quote rejected for this tag counts against it (and only it): a reviewer's "no" is a label.
    for (const counter of counterTokens[t] ?? []) {
      const cvec = model.vector(counter.tokens);
      if (cvec.size > 0)
        docs.push({
          text: counter.text,
          vec: cvec,
          tags: new Set(),
          kind: 'negative',
          negativeOf: t,
          weight: 1,
        });
    }
  });
  bgSample.forEach((s, i) => {
    const vec = model.vector(bgTokens[i] as string[]);
    if (vec.size > 0)
      docs.push({
        text: s,
        vec,
        tags: new Set(),
        kind: 'background',
        weight: opt.backgroundWeight,
      });
  });

  // 3. One-vs-rest logistic regression per tag with evidence, and the neighbour index.
  const order = shuffled(
    docs.map((_d, i) => i),
    17,
  );
  const evidence = tags.map((_tag, t) => {
    const exampleCount = docs.filter((d) => d.kind === 'example' && d.tags.has(t)).length;
    return {
      exampleCount,
      has: exampleCount > 0 || (descriptions[t] as { hasDescription: boolean }).hasDescription,
    };
  });
  const core = buildCore(
    docs,
    order,
    null,
    evidence.map((e) => e.has),
    opt,
    opt.epochs,
  );
  const tagModels: TagModel[] = tags.map((tag, t) => {
    const d = descriptions[t] as { hasDescription: boolean };
    const ev = evidence[t] as { exampleCount: number; has: boolean };
    const nameTerms = [...new Set(tokenize(tag.name))];
    const descriptionVec = d.hasDescription ? model.vector(descTokens[t] as string[]) : null;
    return {
      tag,
      index: t,
      exampleCount: ev.exampleCount,
      weights: core.weights[t] ?? null,
      bias: core.bias[t] ?? 0,
      descriptionVec,
      nameTerms,
      counterVecs: docs
        .filter((doc) => doc.kind === 'negative' && doc.negativeOf === t)
        .map((doc) => doc.vec),
      threshold: opt.minConfidence,
    };
  });

  const nearest = new NeighbourSearch(docs.length, opt.k);
  const rawScores = (c: Core, vec: SparseVector, stems: Set<string>): Scored[] => {
    const top = nearest.search(c.postings, vec);
    // Docs with no shared word count as neighbours at similarity 0: a sentence unlike anything stays untagged.
    const totalSim =
      top.reduce((s, [, v]) => s + v, 0) + 0.05 * Math.max(0, opt.k - top.length) + 1e-9;
    const out: Scored[] = [];
    for (const m of tagModels) {
      const weights = c.weights[m.index] ?? null;
      if (!weights && m.nameTerms.length === 0) continue;
      let lr = 0;
      let knn = 0;
      const neighbours: number[] = [];
      if (weights) {
        lr = sigmoid(dot(weights, vec) + (c.bias[m.index] ?? 0));
        let s = 0;
        for (const [doc, sim] of top) {
          if ((docs[doc] as LabelledDoc).tags.has(m.index)) {
            s += sim;
            neighbours.push(doc);
          }
        }
        knn = s / totalSim;
      }
      let p = weights ? opt.lrWeight * lr + (1 - opt.lrWeight) * knn : 0;
      // Near-repeats of something people said is not this tag are not proposed again as it.
      const against = m.counterVecs.reduce((max, cv) => Math.max(max, dot(cv, vec)), 0);
      if (against >= NEAR_REPEAT) p *= 1 - Math.min(1, against);
      // Prior evidence for tags with few examples: the name said out loud, or the description's words.
      let prior = 0;
      if (m.exampleCount < FEW_EXAMPLES) {
        const named = m.nameTerms.length > 0 && m.nameTerms.every((n) => stems.has(n));
        if (named) prior = 0.55;
        if (m.descriptionVec) {
          const sim = dot(m.descriptionVec, vec);
          prior = Math.max(
            prior,
            Math.min(0.8, (sim - 0.12) * 2.5),
            named ? Math.min(0.85, 0.55 + sim) : 0,
          );
        }
        // Words close to something people said is not this tag weaken the prior: a rejection
        // outweighs a mere mention of the tag's name.
        prior *= 1 - Math.min(1, against);
        p = Math.max(p, prior);
      }
      if (p > 0) out.push({ tag: m.index, p, lr, knn, prior, neighbours });
    }
    return out;
  };

  // 4. Per-tag decision thresholds from an inner cross-validation over the training docs only.
  if (opt.innerFolds >= 2) {
    const heldOut = (i: number): number => {
      const d = docs[i] as LabelledDoc;
      return d.kind === 'example' || d.kind === 'background' ? (foldOf.get(i) ?? -1) : -1;
    };
    const foldOf = new Map<number, number>();
    order.forEach((i, n) => foldOf.set(i, n % opt.innerFolds));
    const oof: { p: number; y: boolean }[][] = tags.map(() => []);
    for (let f = 0; f < opt.innerFolds; f++) {
      const inner = buildCore(
        docs,
        order,
        (i) => heldOut(i) !== f,
        evidence.map((e) => e.has),
        opt,
        opt.innerEpochs,
      );
      docs.forEach((d, i) => {
        if (heldOut(i) !== f) return;
        const stems = new Set(d.vec.keys());
        const got = new Map(rawScores(inner, d.vec, stems).map((s) => [s.tag, s.p]));
        tags.forEach((_tag, t) => oof[t]?.push({ p: got.get(t) ?? 0, y: d.tags.has(t) }));
      });
    }
    tagModels.forEach((m, t) => {
      m.threshold = chooseThreshold(oof[t] ?? [], opt.minConfidence, opt.thresholdShrink);
    });
  }

  const scoreUnit = (vec: SparseVector, tokens: Token[]): Scored[] =>
    rawScores(core, vec, new Set(tokens.map((t) => t.term))).sort(
      (a, b) => b.p - a.p || a.tag - b.tag,
    );

  const rationaleFor = (s: Scored, unit: Unit): string => {
    const m = tagModels[s.tag] as TagModel;
    const name = m.tag.name;
    const exampleNeighbours = s.neighbours.filter(
      (i) => (docs[i] as LabelledDoc).kind === 'example',
    );
    const parts: string[] = [];
    if (exampleNeighbours.length > 0) {
      const best = (docs[exampleNeighbours[0] as number] as LabelledDoc).text;
      const n = exampleNeighbours.length;
      parts.push(
        `Close to ${n} quote${n === 1 ? '' : 's'} tagged '${name}' (e.g. “${ellipsis(best, 90)}”)`,
      );
    } else if (s.prior > 0 && s.prior >= s.p - 1e-9) {
      const named =
        m.nameTerms.length > 0 && m.nameTerms.every((n) => unit.tokens.some((t) => t.term === n));
      parts.push(named ? `Mentions '${name}' by name` : `Matches the description of '${name}'`);
    } else {
      parts.push(`Resembles quotes tagged '${name}'`);
    }
    const words = distinctiveWords(unit, m);
    if (words.length > 0) parts.push(`words: ${words.join(', ')}`);
    return `${parts.join('; ')} (${Math.round(s.p * 100)}%)`;
  };

  /** Scores every scorable sentence of the participants' turns. */
  const scoreTurns = (turns: TurnText[]): { unit: Unit; scored: Scored[] }[] => {
    const out: { unit: Unit; scored: Scored[] }[] = [];
    if (tagModels.every((m) => !m.weights && m.nameTerms.length === 0)) return out;
    for (const turn of turns) {
      if (turn.isInterviewer || !turn.text.trim()) continue;
      // The turn is read once: words never cross a sentence boundary (sentences end before white
      // space or a line break), so each sentence's words are the turn's words within it.
      const turnTokens = tokenizeWithOffsets(turn.text, { language });
      const turnVec = model.vector(turnTokens.map((t) => t.term));
      let next = 0;
      for (const sentence of splitSentences(turn.text)) {
        while (next < turnTokens.length && (turnTokens[next] as Token).start < sentence.start)
          next++;
        const tokens: Token[] = [];
        for (; next < turnTokens.length; next++) {
          const token = turnTokens[next] as Token;
          if (token.end > sentence.end) break;
          tokens.push(token);
        }
        if (tokens.length < opt.minTokens) continue;
        const own = model.vector(tokens.map((t) => t.term));
        if (own.size === 0) continue;
        const vec = normalize(addInto(new Map(own), turnVec, opt.contextWeight));
        const unit: Unit = {
          turn: turn.index,
          start: sentence.start,
          end: sentence.end,
          tokens,
          vec,
        };
        out.push({ unit, scored: scoreUnit(vec, tokens) });
      }
    }
    return out;
  };

  return {
    suggest(turns: TurnText[], suggestOptions: SuggestOptions = {}): OfflineSuggestion[] {
      const minConfidence = suggestOptions.minConfidence;
      const passes = (s: Scored): boolean =>
        s.p >= (minConfidence ?? (tagModels[s.tag] as TagModel).threshold);
      const picked = scoreTurns(turns)
        .map(({ unit, scored }) => ({
          unit,
          scored: scored
            .filter((s) => passes(s) && hasEvidence(unit, tagModels[s.tag] as TagModel))
            .slice(0, opt.maxTagsPerSpan),
        }))
        .filter((p) => p.scored.length > 0);
      const byIndex = new Map(turns.map((t) => [t.index, t]));
      return mergeAdjacent(picked).map(({ unit, scored, end }) => {
        const turn = byIndex.get(unit.turn) as TurnText;
        return {
          startIndex: unit.turn,
          startOffset: unit.start,
          endIndex: unit.turn,
          endOffset: end,
          quote: turn.text.slice(unit.start, end),
          tags: scored.map((s) => ({
            tagId: (tagModels[s.tag] as TagModel).tag.id,
            confidence: round3(s.p),
          })),
          confidence: round3((scored[0] as Scored).p),
          rationale: scored.map((s) => rationaleFor(s, unit)).join(' · '),
        };
      });
    },
    scoreSentences(turns: TurnText[]): SentenceScores[] {
      return scoreTurns(turns).map(({ unit, scored }) => ({
        turnIndex: unit.turn,
        start: unit.start,
        end: unit.end,
        scores: scored.map((s) => ({
          tagId: (tagModels[s.tag] as TagModel).tag.id,
          confidence: round3(s.p),
        })),
      }));
    },
  };
}

/** Consecutive sentences of one turn with the same tags become one span. */
function mergeAdjacent(
  picked: { unit: Unit; scored: Scored[] }[],
): { unit: Unit; scored: Scored[]; end: number }[] {
  const out: { unit: Unit; scored: Scored[]; end: number; lastEnd: number }[] = [];
  for (const p of picked) {
    const prev = out[out.length - 1];
    const sameTags =
      prev &&
      prev.unit.turn === p.unit.turn &&
      prev.scored
        .map((s) => s.tag)
        .sort()
        .join() ===
        p.scored
          .map((s) => s.tag)
          .sort()
          .join() &&
      p.unit.start >= prev.lastEnd;
    if (prev && sameTags) {
      prev.end = p.unit.end;
      prev.lastEnd = p.unit.end;
      prev.scored = prev.scored.map((s) => {
        const other = p.scored.find((o) => o.tag === s.tag) as Scored;
        return other.p > s.p
          ? { ...other, neighbours: [...new Set([...s.neighbours, ...other.neighbours])] }
          : s;
      });
      prev.scored.sort((a, b) => b.p - a.p || a.tag - b.tag);
      prev.unit = { ...prev.unit, tokens: [...prev.unit.tokens, ...p.unit.tokens] };
    } else {
      out.push({ ...p, end: p.unit.end, lastEnd: p.unit.end });
    }
  }
  return out;
}

/**
 * The k labelled docs most similar to a vector by cosine (vectors are unit length, so cosine =
 * dot), most similar first, ties by doc index. Similarities are summed into one array reused by
 * every search, and only the best k are kept while scanning: a sentence shares a word with
 * hundreds of docs, and sorting them all for every sentence was most of the tagger's time.
 */
class NeighbourSearch {
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

/** Fits the logistic regressions and the neighbour index on the docs `include` keeps (all when null). */
function buildCore(
  docs: LabelledDoc[],
  order: number[],
  include: ((i: number) => boolean) | null,
  hasEvidence: boolean[],
  opt: Required<DeductiveTaggerOptions>,
  epochs: number,
): Core {
  const kept = include ? order.filter(include) : order;
  const weights: (SparseVector | null)[] = [];
  const bias: number[] = [];
  hasEvidence.forEach((has, t) => {
    if (!has) {
      weights.push(null);
      bias.push(0);
      return;
    }
    // A counter-example of another tag says nothing about this one.
    const examples = kept
      .map((i) => docs[i] as LabelledDoc)
      .filter((d) => d.kind !== 'negative' || d.negativeOf === t)
      .map((d) => ({ vec: d.vec, positive: d.tags.has(t), weight: d.weight }));
    const fitted = fitLogistic(examples, {
      epochs,
      l2: opt.l2,
      positiveWeight: opt.positiveWeight,
    });
    weights.push(fitted.weights);
    bias.push(fitted.bias);
  });
  const postings = new Map<string, { doc: number; w: number }[]>();
  docs.forEach((d, i) => {
    if ((d.kind !== 'example' && d.kind !== 'background') || (include && !include(i))) return;
    for (const [term, w] of d.vec) {
      const list = postings.get(term) ?? [];
      list.push({ doc: i, w });
      postings.set(term, list);
    }
  });
  return { weights, bias, postings };
}

/**
 * The threshold at which the tag is proposed as often, out of fold, as people used it (so each tag
 * keeps its own base rate: rare, abstract tags get a lower bar), clamped to 0.05..0.6 and pulled
 * towards `fallback` for tags with few positives (`shrink` pseudo-positives at the fallback).
 */
function chooseThreshold(
  oof: { p: number; y: boolean }[],
  fallback: number,
  shrink: number,
): number {
  const positives = oof.filter((x) => x.y).length;
  if (positives < 2 || oof.length === 0) return fallback;
  const sorted = oof.map((x) => x.p).sort((a, b) => b - a);
  const rateMatched = sorted[Math.min(sorted.length - 1, positives)] ?? fallback;
  const th = Math.max(0.05, Math.min(0.6, rateMatched));
  return (positives * th + shrink * fallback) / (positives + shrink);
}

/**
 * Whether a word of the unit that says something (not a stop word, filler or generic spoken word
 * such as "go", "big", "sure", "gave") speaks for the tag: a tag is never proposed on such words alone.
 */
function hasEvidence(unit: Unit, m: TagModel): boolean {
  return distinctiveWords(unit, m).length > 0;
}

/** Content words of the unit that push towards the tag most, as written. */
function distinctiveWords(unit: Unit, m: TagModel): string[] {
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

function evenSample<T>(items: T[], max: number): T[] {
  if (items.length <= max) return items;
  const out: T[] = [];
  const step = items.length / max;
  for (let i = 0; i < max; i++) out.push(items[Math.floor(i * step)] as T);
  return out;
}

function ellipsis(text: string, max: number): string {
  const clean = text.replace(/\s+/g, ' ').trim();
  if (clean.length <= max) return clean;
  const cut = clean.slice(0, max);
  const space = cut.lastIndexOf(' ');
  return `${(space > max * 0.6 ? cut.slice(0, space) : cut).trimEnd()}…`;
}

const round3 = (x: number): number => Math.round(x * 1000) / 1000;

const byText = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/**
 * The training input in one order whatever order it came in (tags by id, their examples and
 * counter-examples and the background by text), so the same data always trains the same model.
 */
function canonicalInput(input: DeductiveTrainingInput): {
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
