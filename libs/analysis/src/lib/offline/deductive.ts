import { tokenize as tokenizeText, type TfIdfModel } from '../text';
import type { CodebookTag, TurnSpan, TurnText } from '../types';
import { calibrated, fitPlatt, rawScoreFor, type HeldOutScore } from './calibration';
import {
  FEW_EXAMPLES,
  hasEvidence,
  NeighbourSearch,
  rationaleFor,
  scoreTags,
  sentenceUnits,
  type Scored,
  type ScoringModel,
  type Unit,
} from './deductive-scoring';
import {
  buildTagModels,
  buildVocabulary,
  canonicalInput,
  chooseThreshold,
  collectExamples,
  describeTags,
  fitCore,
  heldOutScores,
  labelledDocs,
  sampleBackground,
  tagEvidence,
  tokenizeTrainingTexts,
  type Core,
  type TaggerSettings,
  type TagModel,
  addWordFeatures,
  baseRateScore,
} from './deductive-training';
import { capAtPeopleRate, labelBudget, labelRate } from './label-rate';
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
  /**
   * Calibrates each tag's confidences by Platt scaling on the inner cross-validation's held-out
   * scores (needs `innerFolds` ≥ 2): 1 = confidences become estimated probabilities and one
   * threshold, `minConfidence`, applies to every tag; 2 = calibrated confidences with each tag's
   * own threshold (the same decisions as 0); 0 = raw scores (default). Tried on the development
   * fold: 1 lowered macro κ, 2 changed nothing but the confidences shown.
   */
  calibrate?: number;
  /**
   * 1 = a tag's threshold is never below the held-out score at which it is proposed as often as
   * people used it (default 0; no gain on the development fold).
   */
  capAtBaseRate?: number;
  /**
   * A tag is proposed for a sentence only when at least this many of its content words (no stop
   * words, fillers or generic spoken words) speak for it (default 1; 2 raised precision with
   * stems alone but cost κ; with `wordFeatures` one word kept κ at the earlier figures).
   */
  minEvidenceWords?: number;
  /**
   * Weight of a tag's name and description in its score when it has enough examples (its score is
   * at least this share of what its name said out loud or its description's words give; default
   * 1; 0 = only tags with fewer than 3 examples lean on them).
   */
  priorWeight?: number;
  /**
   * The labels (span × tag) of one `suggest` call are at most this multiple of people's rate in
   * the training data (their labels per content word of examples and background), the most
   * confident kept (default 1; 0 = no cap). A call of a few words may still get one label.
   */
  labelRateCap?: number;
  /**
   * 1 = the logistic regression and the neighbour search read the words as written, stop words
   * included ("I", "my", "was"), besides their stems (default 1; 0 = stems only, as before).
   * The name and description prior and the evidence rule read the stems of content words only.
   */
  wordFeatures?: number;
  /**
   * What the label-rate cap keeps first: 0 = the most confident; 1 = the labels furthest above
   * their own tag's threshold (confidence ÷ threshold), so that tags whose scores run high do not
   * crowd out the others (default 1).
   */
  capRank?: number;
  /**
   * Two signals must agree for a label below `agreeBelow`: besides the blend, the second
   * strongest of the regression, the neighbour vote and the name/description prior reaches this
   * share of the tag's threshold (default 0.5; 0 = off). Not for a tag without examples.
   */
  agreeShare?: number;
  /** Confidence from which one signal is enough (`agreeShare`; default 1). */
  agreeBelow?: number;
}

const DEFAULTS: TaggerSettings = {
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
  calibrate: 0,
  capAtBaseRate: 0,
  minEvidenceWords: 1,
  priorWeight: 1,
  labelRateCap: 1,
  wordFeatures: 1,
  capRank: 1,
  agreeShare: 0.5,
  agreeBelow: 1,
};

/**
 * Trains the offline DEDUCTIVE tagger from the codebook: each tag's human examples (quotes people
 * tagged), its name and description ("When not to use" paragraphs count against it). `background`
 * is untagged text of the project (e.g. participant sentences of its transcripts): it teaches the
 * tagger what ordinary, untagged talk looks like, which keeps it from tagging everything.
 *
 * Model: TF-IDF over sentences (their stems and their words as written, stop words included); per
 * tag a one-vs-rest logistic regression averaged with a k-nearest-neighbour vote over the labelled
 * sentences, and at least what the tag's description and a literal mention of its name give. A
 * tag is proposed only where a content word speaks for it (`minEvidenceWords`; never on stop
 * words or fillers alone), and a call proposes no more labels per word than people gave in the
 * training data (those furthest above their tag's threshold kept). A label of a tag with
 * examples also needs a second signal (regression, neighbour vote or name/description prior) at
 * half its tag's threshold, not one signal alone (`agreeShare`). Each tag gets its own decision
 * threshold from a 3-fold inner cross-validation over the training examples and background (the
 * score at which it is proposed as often as people used it, shrunk towards `minConfidence`); the
 * confidences themselves are unchanged. Deterministic.
 */
export function trainDeductiveTagger(
  input: DeductiveTrainingInput,
  options: DeductiveTaggerOptions = {},
): DeductiveTagger {
  const opt: TaggerSettings = { ...DEFAULTS, ...options };
  const { tags, background } = canonicalInput(input);
  const language = input.language ?? null;
  const tokenize = (text: string): string[] => tokenizeText(text, { language });

  const examples = collectExamples(tags);
  const descriptions = describeTags(tags);
  const { sample: backgroundSample, total: backgroundTotal } = sampleBackground(
    background,
    examples,
    opt.maxBackground,
  );
  const texts = tokenizeTrainingTexts(tags, examples, descriptions, backgroundSample, tokenize);
  const vocabulary = buildVocabulary(texts, opt);
  const docs = labelledDocs(tags, descriptions, texts, vocabulary, opt);
  const wordVocabulary = opt.wordFeatures ? addWordFeatures(docs, tokenize, language) : null;
  const order = shuffled(
    docs.map((_d, i) => i),
    17,
  );
  const evidence = tagEvidence(tags, docs, descriptions);
  const core = fitCore(docs, order, null, evidence, opt, opt.epochs);
  const tagModels = buildTagModels(
    tags,
    descriptions,
    texts,
    evidence,
    docs,
    core,
    vocabulary,
    tokenize,
    opt,
  );
  const model: ScoringModel = {
    docs,
    tagModels,
    nearest: new NeighbourSearch(docs.length, opt.k),
    opt,
  };
  if (opt.innerFolds >= 2) {
    const oof = heldOutScores(docs, order, evidence, opt, (c, doc) =>
      scoreTags(model, c, doc.vec, new Set(doc.vec.keys()), doc.wordVec),
    );
    tagModels.forEach((m, t) => setDecisionRule(m, oof[t] ?? [], opt));
  }
  // the background's words as if all of it had been read, not only the sample
  const backgroundShare = backgroundSample.length / Math.max(1, backgroundTotal);
  const labelsPerWord = labelRate(texts, backgroundShare);
  return taggerOf({ model, core, vocabulary, wordVocabulary, language, labelsPerWord });
}

/**
 * A tag's calibration and threshold from its held-out scores: the score at which it is proposed
 * about as often as people used it, shrunk towards `minConfidence` (or, calibrated, one threshold
 * for all), never below the score of its base rate with `capAtBaseRate`.
 */
function setDecisionRule(m: TagModel, oof: HeldOutScore[], opt: TaggerSettings): void {
  m.calibration = opt.calibrate ? fitPlatt(oof) : null;
  let threshold =
    m.calibration && opt.calibrate === 1
      ? rawScoreFor(m.calibration, opt.minConfidence)
      : chooseThreshold(oof, opt.minConfidence, opt.thresholdShrink);
  const baseRate = opt.capAtBaseRate ? baseRateScore(oof) : null;
  if (baseRate !== null) threshold = Math.max(threshold, baseRate);
  m.threshold = threshold;
}

/** A trained model, ready to read transcripts. */
interface TrainedTagger {
  model: ScoringModel;
  core: Core;
  vocabulary: TfIdfModel;
  /** The word vectors' vocabulary (`wordFeatures`); null: the model reads stems only. */
  wordVocabulary: TfIdfModel | null;
  language: string | null;
  /** People's (span, tag) labels per content word in the training data; null: unknown. */
  labelsPerWord: number | null;
}

function taggerOf(trained: TrainedTagger): DeductiveTagger {
  const { model } = trained;
  const tagId = (s: Scored): string => (model.tagModels[s.tag] as TagModel).tag.id;
  return {
    suggest(turns: TurnText[], suggestOptions: SuggestOptions = {}): OfflineSuggestion[] {
      const units = scoreTurns(trained, turns);
      const proposed = units
        .map(({ unit, scored }) => ({
          unit,
          scored: tagsToPropose(model, unit, scored, suggestOptions.minConfidence),
        }))
        .filter((p) => p.scored.length > 0);
      const budget = labelBudget(model.opt.labelRateCap, trained.labelsPerWord, units);
      const picked = capAtPeopleRate(
        proposed,
        budget,
        model.opt.capRank === 1
          ? (s) => s.raw / Math.max(1e-6, (model.tagModels[s.tag] as TagModel).threshold)
          : undefined,
      );
      const byIndex = new Map(turns.map((t) => [t.index, t]));
      return mergeAdjacent(picked).map(({ unit, scored, end }) => {
        const turn = byIndex.get(unit.turn) as TurnText;
        return {
          startIndex: unit.turn,
          startOffset: unit.start,
          endIndex: unit.turn,
          endOffset: end,
          quote: turn.text.slice(unit.start, end),
          tags: scored.map((s) => ({ tagId: tagId(s), confidence: round3(s.p) })),
          confidence: round3((scored[0] as Scored).p),
          rationale: scored.map((s) => rationaleFor(model, s, unit)).join(' · '),
        };
      });
    },
    scoreSentences(turns: TurnText[]): SentenceScores[] {
      return scoreTurns(trained, turns).map(({ unit, scored }) => ({
        turnIndex: unit.turn,
        start: unit.start,
        end: unit.end,
        scores: scored.map((s) => ({ tagId: tagId(s), confidence: round3(s.p) })),
      }));
    },
  };
}

/** Scores every scorable sentence of the participants' turns, each tag most confident first. */
function scoreTurns(
  { model, core, vocabulary, wordVocabulary, language }: TrainedTagger,
  turns: TurnText[],
): { unit: Unit; scored: Scored[] }[] {
  const out: { unit: Unit; scored: Scored[] }[] = [];
  if (model.tagModels.every((m) => !m.weights && m.nameTerms.length === 0)) return out;
  for (const turn of turns) {
    if (turn.isInterviewer || !turn.text.trim()) continue;
    for (const unit of sentenceUnits(turn, vocabulary, model.opt, language, wordVocabulary)) {
      const stems = new Set(unit.tokens.map((t) => t.term));
      const scored = scoreTags(model, core, unit.vec, stems, unit.wordVec)
        .map((s) => calibrate(model, s))
        .sort((a, b) => b.p - a.p || a.tag - b.tag);
      out.push({ unit, scored });
    }
  }
  return out;
}

/** The score with its confidence through the tag's calibration, if it has one. */
function calibrate(model: ScoringModel, s: Scored): Scored {
  const scaling = (model.tagModels[s.tag] as TagModel).calibration;
  return scaling ? { ...s, p: calibrated(scaling, s.p) } : s;
}

/**
 * The tags to propose for a unit: those at or above the threshold (`minConfidence`, else each
 * tag's own) with `minEvidenceWords` words that speak for them (one for a tag with fewer than 3
 * examples), at most `maxTagsPerSpan`.
 */
function tagsToPropose(
  model: ScoringModel,
  unit: Unit,
  scored: Scored[],
  minConfidence: number | undefined,
): Scored[] {
  const { maxTagsPerSpan, minEvidenceWords } = model.opt;
  const kept = scored.filter((s) => {
    const m = model.tagModels[s.tag] as TagModel;
    const passes = minConfidence === undefined ? s.raw >= m.threshold : s.p >= minConfidence;
    // A tag with few examples leans on its name and description: one of their words is enough.
    const words = m.exampleCount < FEW_EXAMPLES ? 1 : minEvidenceWords;
    return passes && hasEvidence(unit, m, words) && signalsAgree(model, m, s);
  });
  return kept.slice(0, maxTagsPerSpan);
}

/** Whether two signals speak for a label under `agreeBelow` (`agreeShare`; always true when off). */
function signalsAgree(model: ScoringModel, m: TagModel, s: Scored): boolean {
  const { agreeShare, agreeBelow } = model.opt;
  // A tag nobody has used yet has only its name and description: nothing to agree with.
  if (!(agreeShare > 0) || s.raw >= agreeBelow || m.exampleCount === 0) return true;
  const second = [s.lr, s.knn, s.prior].sort((a, b) => b - a)[1] as number;
  return second >= agreeShare * m.threshold;
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

const round3 = (x: number): number => Math.round(x * 1000) / 1000;
