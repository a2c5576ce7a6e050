/**
 * `npm run eval:tagging` — agreement of the DEDUCTIVE tagger with human coding.
 *
 *   npx ts-node --transpile-only -P libs/analysis/eval/tsconfig.json libs/analysis/eval/eval-tagging.ts [options]
 *
 * Options: --folds N (default 5)  --seed N (default 42)  --min-train N (default 5)
 *          --dev (score only the development fold 0)  --qc (also the local-only qc set; automatic
 *          when ../shared/testdata exists)  --no-qc  --openai-limit N (texts per fold for OpenAI)
 *          --min-confidence X (offline threshold; default: the tagger's own)
 *          --curve X,Y,… (also precision and κ at each of these thresholds, for every tag alike)
 *          --per-text (every text its own `suggest` call, qc's lines too: the protocol before
 *          2026-12-08; by default qc's held-out lines go to the tagger 200 to a call, in order)
 * See libs/analysis/eval/README.md for the protocol.
 */
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { splitSentences } from '../src/lib/text';
import { trainDeductiveTagger, type OfflineSuggestion } from '../src/lib/offline';
import type { CodebookTag, TurnText } from '../src/lib/types';
import { shuffled } from '../src/lib/offline/random';
import { loadGamesAsArt, loadQcDemo, type GoldSet, type GoldText } from './data';
import { addCounts, emptyCounts, record, scores, type Counts } from './metrics';

interface Args {
  folds: number;
  seed: number;
  minTrain: number;
  dev: boolean;
  qc: boolean | null;
  openaiLimit: number;
  minConfidence: number | undefined;
  /** Thresholds of the trade-off curve (--curve 0.2,0.3,…): precision and κ at each, besides the default rule. */
  curve: number[];
  /** Model knobs for tuning on the development fold: --opt k=value (see DeductiveTaggerOptions). */
  model: Record<string, number>;
  /** --per-text: every text its own `suggest` call, qc's lines too (the protocol before 2026-12-08). */
  perText: boolean;
}

function parseArgs(argv: string[]): Args {
  const a: Args = {
    folds: 5,
    seed: 42,
    minTrain: 5,
    dev: false,
    qc: null,
    openaiLimit: Infinity,
    minConfidence: undefined,
    curve: [],
    model: {},
    perText: false,
  };
  for (let i = 0; i < argv.length; i++) {
    const k = argv[i];
    const v = argv[i + 1];
    if (k === '--folds') {
      a.folds = Number(v);
      i++;
    } else if (k === '--seed') {
      a.seed = Number(v);
      i++;
    } else if (k === '--min-train') {
      a.minTrain = Number(v);
      i++;
    } else if (k === '--openai-limit') {
      a.openaiLimit = Number(v);
      i++;
    } else if (k === '--min-confidence') {
      a.minConfidence = Number(v);
      i++;
    } else if (k === '--curve') {
      a.curve = (v ?? '').split(',').filter(Boolean).map(Number);
      i++;
    } else if (k === '--opt') {
      const [key, value] = (v ?? '').split('=');
      if (key) a.model[key] = Number(value);
      i++;
    } else if (k === '--dev') a.dev = true;
    else if (k === '--per-text') a.perText = true;
    else if (k === '--qc') a.qc = true;
    else if (k === '--no-qc') a.qc = false;
  }
  return a;
}

/** A predicted or gold span covers a unit when they overlap by at least half of the shorter one. */
function covers(uStart: number, uEnd: number, sStart: number, sEnd: number): boolean {
  const overlap = Math.min(uEnd, sEnd) - Math.max(uStart, sStart);
  return overlap > 0 && overlap >= 0.5 * Math.min(uEnd - uStart, sEnd - sStart);
}

/** A proposed span and its tags, each with its own confidence (a tag counts on its own). */
interface Prediction {
  start: number;
  end: number;
  tags: { tagId: string; confidence: number }[];
}

interface ProviderResult {
  name: string;
  sentence: Map<string, Counts>;
  text: Map<string, Counts>;
  suggestions: number;
  /** Texts scored, and (text, tag) labels people gave and the provider proposed, over all tags. */
  texts: number;
  humanLabels: number;
  proposedLabels: number;
  /** Words of the texts scored, and (span, tag) labels people gave and the provider proposed. */
  words: number;
  humanSpanLabels: number;
  proposedSpanLabels: number;
  ungrounded: number;
  unknownTags: number;
  /** CPU milliseconds spent training (per fold, summed) and in `suggest` at the default threshold. */
  trainMs: number;
  suggestMs: number;
  /** Models trained (one per scored fold). */
  models: number;
  /** (confidence, correct) per suggested (sentence, tag), for the reliability table. */
  reliability: { confidence: number; correct: boolean }[];
  notes: string[];
}

const newResult = (name: string): ProviderResult => ({
  name,
  sentence: new Map(),
  text: new Map(),
  suggestions: 0,
  texts: 0,
  humanLabels: 0,
  proposedLabels: 0,
  words: 0,
  humanSpanLabels: 0,
  proposedSpanLabels: 0,
  ungrounded: 0,
  unknownTags: 0,
  trainMs: 0,
  suggestMs: 0,
  models: 0,
  reliability: [],
  notes: [],
});

function scoreText(
  result: ProviderResult,
  gold: GoldText,
  preds: Prediction[],
  evalTags: string[],
  unitMode: 'sentence' | 'text',
): void {
  const units =
    unitMode === 'sentence' ? splitSentences(gold.text) : [{ start: 0, end: gold.text.length }];
  const has = (p: Prediction, tag: string): boolean => p.tags.some((t) => t.tagId === tag);
  result.texts++;
  result.humanLabels += new Set(gold.spans.flatMap((s) => s.codes)).size;
  result.proposedLabels += new Set(preds.flatMap((p) => p.tags.map((t) => t.tagId))).size;
  result.words += gold.text.split(/\s+/).filter(Boolean).length;
  result.humanSpanLabels += gold.spans.reduce((n, s) => n + s.codes.length, 0);
  result.proposedSpanLabels += preds.reduce((n, p) => n + p.tags.length, 0);
  for (const tag of evalTags) {
    const sc = result.sentence.get(tag) ?? emptyCounts();
    for (const u of units) {
      const g = gold.spans.some(
        (s) => s.codes.includes(tag) && covers(u.start, u.end, s.start, s.end),
      );
      const p = preds.some((s) => has(s, tag) && covers(u.start, u.end, s.start, s.end));
      record(sc, g, p);
    }
    result.sentence.set(tag, sc);
    const tc = result.text.get(tag) ?? emptyCounts();
    record(
      tc,
      gold.spans.some((s) => s.codes.includes(tag)),
      preds.some((s) => has(s, tag)),
    );
    result.text.set(tag, tc);
  }
}

function codebookFrom(set: GoldSet, train: GoldText[]): CodebookTag[] {
  const examples = new Map<string, string[]>();
  for (const code of set.descriptions.keys()) examples.set(code, []);
  for (const t of train) {
    for (const s of t.spans) {
      for (const code of s.codes) {
        const list = examples.get(code) ?? [];
        list.push(t.text.slice(s.start, s.end));
        examples.set(code, list);
      }
    }
  }
  return [...examples.entries()]
    .sort((a, b) => a[0].localeCompare(b[0]))
    .map(([code, ex]) => ({
      id: code,
      name: tagName(code),
      description: set.descriptions.get(code) || null,
      examples: ex,
    }));
}

/** Hierarchical qc codes ("rq1/practices/computational_thinking") are named by their last part. */
const tagName = (code: string): string => (code.split('/').pop() ?? code).replace(/_/g, ' ');

/** Untagged training text: sentences no coded span touches. */
function backgroundFrom(train: GoldText[]): string[] {
  const out: string[] = [];
  for (const t of train) {
    for (const s of splitSentences(t.text)) {
      if (!t.spans.some((sp) => sp.end > s.start && sp.start < s.end)) out.push(s.text);
    }
  }
  return out;
}

const asTurns = (t: GoldText): TurnText[] => [asTurn(t, 0)];
const asTurn = (t: GoldText, index: number): TurnText => ({
  index,
  text: t.text,
  speaker: 'Participant',
  isInterviewer: false,
});

/**
 * Turns per call for a set whose texts are the lines of one transcript: the product's offline
 * provider calls `suggest` once per chunk of at most 200 turns of a transcript
 * (api/src/modules/analysis/providers/offline.provider.ts, TURNS_PER_CHUNK).
 */
const TURNS_PER_CALL = 200;

/**
 * How the held-out texts are given to the tagger: each answer of a survey on its own (each is
 * its own document), the lines of one transcript (qc) in their order, 200 to a call, as the
 * product reads a transcript.
 */
function callsOf(set: GoldSet, test: GoldText[], perText: boolean): GoldText[][] {
  if (!set.oneDocument || perText) return test.map((t) => [t]);
  const ordered = [...test].sort((a, b) => (a.order ?? 0) - (b.order ?? 0));
  const calls: GoldText[][] = [];
  for (let i = 0; i < ordered.length; i += TURNS_PER_CALL)
    calls.push(ordered.slice(i, i + TURNS_PER_CALL));
  return calls;
}

function checkGrounded(t: GoldText | undefined, s: OfflineSuggestion): boolean {
  return (
    !!t &&
    s.startIndex === s.endIndex &&
    t.text.slice(s.startOffset, s.endOffset) === s.quote &&
    s.quote.length > 0
  );
}

interface LlmModule {
  LlmClient: new (o: {
    apiKey: string;
    baseURL?: string | null;
    model: string;
    maxInlineRetryDelayMs?: number;
  }) => {
    deductive(input: {
      chunkText: string;
      codebook: { name: string; description: string | null; examples: string[] }[];
    }): Promise<{
      output: { suggestions: { quote: string; tags: string[]; confidence: number }[] };
      usage: { promptTokens: number; completionTokens: number };
    }>;
  };
}
interface GroundingModule {
  groundQuote(
    quote: string,
    turns: TurnText[],
  ): { startOffset: number; endOffset: number; quote: string } | null;
}

function tryRequire<T>(path: string, member: string): T | null {
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const mod = require(path) as Record<string, unknown>;
    return typeof mod[member] === 'function' ? (mod as T) : null;
  } catch {
    return null;
  }
}

async function evaluate(set: GoldSet, args: Args, unitMode: 'sentence' | 'text'): Promise<void> {
  const idx = shuffled(
    set.texts.map((_t, i) => i),
    args.seed,
  );
  const folds: number[][] = Array.from({ length: args.folds }, () => []);
  idx.forEach((textIndex, n) => folds[n % args.folds]?.push(textIndex));

  // Tags evaluated: those with ≥ minTrain human examples in the training part of every fold.
  const allCodes = new Set<string>([
    ...set.descriptions.keys(),
    ...set.texts.flatMap((t) => t.spans.flatMap((s) => s.codes)),
  ]);
  const spanCount = (texts: GoldText[], code: string): number =>
    texts.reduce((n, t) => n + t.spans.filter((s) => s.codes.includes(code)).length, 0);
  const evalTags = [...allCodes]
    .filter((code) =>
      folds.every(
        (_f, k) =>
          spanCount(
            set.texts.filter((_t, i) => !folds[k]?.includes(i)),
            code,
          ) >= args.minTrain,
      ),
    )
    .sort((a, b) => spanCount(set.texts, b) - spanCount(set.texts, a) || a.localeCompare(b));

  const scoredFolds = args.dev ? [0] : folds.map((_f, k) => k).filter((k) => k !== 0);
  const offline = newResult('offline');
  const llm = process.env['OPENAI_API_KEY']
    ? newResult(`openai (${process.env['LLM_MODEL'] ?? 'gpt-4o-mini'})`)
    : null;
  const llmModule = llm ? tryRequire<LlmModule>('../src/lib/llm', 'LlmClient') : null;
  const grounding = tryRequire<GroundingModule>('../src/lib/grounding', 'groundQuote');
  if (llm && !llmModule) llm.notes.push('src/lib/llm has no LlmClient yet: OpenAI path skipped');
  const curve = new Map<number | null, ProviderResult>(
    args.curve.length ? [null, ...args.curve].map((c) => [c, newResult(String(c))]) : [],
  );
  let promptTokens = 0;
  let completionTokens = 0;

  for (const k of scoredFolds) {
    const test = (folds[k] ?? []).map((i) => set.texts[i] as GoldText);
    const train = set.texts.filter((_t, i) => !folds[k]?.includes(i));
    const codebook = codebookFrom(set, train);
    const trainStart = cpuMs();
    const tagger = trainDeductiveTagger(
      { tags: codebook, background: backgroundFrom(train) },
      args.model,
    );
    offline.trainMs += cpuMs() - trainStart;
    offline.models++;
    // One `suggest` call per answer, or per chunk of a transcript's lines as the product calls
    // the tagger (see `callsOf`): the label-rate cap applies per call.
    for (const call of callsOf(set, test, args.perText)) {
      const turns = call.map((t, i) => asTurn(t, i));
      const suggestStart = cpuMs();
      const suggestions = tagger.suggest(
        turns,
        args.minConfidence === undefined ? {} : { minConfidence: args.minConfidence },
      );
      offline.suggestMs += cpuMs() - suggestStart;
      offline.suggestions += suggestions.length;
      offline.ungrounded += suggestions.filter((s) => !checkGrounded(call[s.startIndex], s)).length;
      const curvePreds = [...curve].map(
        ([c, result]) =>
          [result, tagger.suggest(turns, c === null ? {} : { minConfidence: c })] as const,
      );
      const sentenceScores = tagger.scoreSentences(turns);
      call.forEach((t, i) => {
        const preds = (list: OfflineSuggestion[]): Prediction[] =>
          list
            .filter((s) => s.startIndex === i)
            .map((s) => ({ start: s.startOffset, end: s.endOffset, tags: s.tags }));
        scoreText(offline, t, preds(suggestions), evalTags, unitMode);
        for (const [result, list] of curvePreds)
          scoreText(result, t, preds(list), evalTags, unitMode);
        for (const unit of sentenceScores.filter((u) => u.turnIndex === i)) {
          for (const sc of unit.scores) {
            if (!evalTags.includes(sc.tagId) || sc.confidence < 0.05) continue;
            const correct = t.spans.some(
              (s) => s.codes.includes(sc.tagId) && covers(unit.start, unit.end, s.start, s.end),
            );
            offline.reliability.push({ confidence: sc.confidence, correct });
          }
        }
      });
    }
    if (llm && llmModule) {
      const client = new llmModule.LlmClient({
        apiKey: process.env['OPENAI_API_KEY'] as string,
        baseURL: process.env['OPENAI_BASE_URL'] ?? null,
        model: process.env['LLM_MODEL'] ?? 'gpt-4o-mini',
        // a batch script: wait for a provider's Retry-After in place, as before
        maxInlineRetryDelayMs: 30_000,
      });
      const names = new Map(codebook.map((c) => [c.name.toLowerCase(), c.id]));
      const llmCodebook = codebook.map((c) => ({
        name: c.name,
        description: c.description,
        examples: c.examples.slice(0, 8),
      }));
      for (const t of test.slice(0, args.openaiLimit)) {
        const turns = asTurns(t);
        try {
          const res = await client.deductive({
            chunkText: `Participant: ${t.text}`,
            codebook: llmCodebook,
          });
          promptTokens += res.usage.promptTokens;
          completionTokens += res.usage.completionTokens;
          const preds: Prediction[] = [];
          for (const s of res.output.suggestions) {
            llm.suggestions++;
            const g = grounding
              ? grounding.groundQuote(s.quote, turns)
              : exactGround(s.quote, t.text);
            if (!g) {
              llm.ungrounded++;
              continue;
            }
            const tags = s.tags
              .map((n) => names.get(n.toLowerCase()))
              .filter((x): x is string => !!x);
            llm.unknownTags += s.tags.length - tags.length;
            // One confidence per suggestion: it is every tag's.
            preds.push({
              start: g.startOffset,
              end: g.endOffset,
              tags: tags.map((tagId) => ({ tagId, confidence: s.confidence })),
            });
          }
          scoreText(llm, t, preds, evalTags, unitMode);
        } catch (err) {
          llm.notes.push(`${t.id}: ${(err as Error).message}`);
        }
      }
    }
  }
  if (llm && llmModule)
    llm.notes.push(`tokens: ${promptTokens} prompt + ${completionTokens} completion`);

  const foldsLabel = args.dev
    ? 'development fold 0 only'
    : `held-out folds 1–${args.folds - 1} (fold 0 was used for tuning)`;
  console.log(`\n=== ${set.name} ===`);
  console.log(
    `${set.texts.length} texts, ${set.texts.reduce((n, t) => n + t.spans.length, 0)} coded spans, ${allCodes.size} codes; ` +
      `${args.folds}-fold CV (seed ${args.seed}), scored on ${foldsLabel}.`,
  );
  console.log(
    `Tags evaluated: ${evalTags.length} with ≥ ${args.minTrain} human examples in the training part of every fold ` +
      `(all ${allCodes.size} tags are in the codebook the tagger sees).`,
  );
  console.log(
    `Unit: ${unitMode === 'sentence' ? 'sentence × tag (a span counts for a sentence when they overlap by ≥ half of the shorter)' : 'coded line × tag'}.`,
  );
  if (set.notes) console.log(`Note: ${set.notes}`);
  for (const r of [offline, ...(llm ? [llm] : [])]) report(r, evalTags, unitMode);
  if (curve.size) reportCurve(curve, evalTags, unitMode);
}

/** Micro precision, recall and κ, and macro κ, of the offline tagger at each threshold of the curve. */
function reportCurve(
  curve: Map<number | null, ProviderResult>,
  evalTags: string[],
  unitMode: 'sentence' | 'text',
): void {
  const line = (counts: Map<string, Counts>): string => {
    let micro = emptyCounts();
    let macro = 0;
    for (const tag of evalTags) {
      const c = counts.get(tag) ?? emptyCounts();
      micro = addCounts(micro, c);
      macro += scores(c).kappa;
    }
    const m = scores(micro);
    return `P ${pct(m.precision)} R ${pct(m.recall)} κ ${pct(m.kappa)} macro κ ${pct(macro / (evalTags.length || 1))}`;
  };
  console.log('\ntrade-off (offline; threshold: one for every tag, "default" = each tag\'s own):');
  for (const [c, r] of curve) {
    const perText = (n: number): string => (r.texts ? n / r.texts : 0).toFixed(2);
    const label = c === null ? 'default' : c.toFixed(2);
    const text = unitMode === 'sentence' ? `; text ${line(r.text)}` : '';
    console.log(
      `CURVE ${label.padEnd(8)} ${unitMode === 'sentence' ? 'sentence' : 'line'} ${line(r.sentence)}${text}; labels/text ${perText(r.proposedLabels)}`,
    );
  }
}

function exactGround(
  quote: string,
  text: string,
): { startOffset: number; endOffset: number; quote: string } | null {
  const at = text.indexOf(quote);
  return at < 0 ? null : { startOffset: at, endOffset: at + quote.length, quote };
}

const pct = (x: number): string => x.toFixed(2);
/** CPU time of this process in milliseconds (user + system): steadier than the clock on a busy machine. */
const cpuMs = (): number => {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
};
/** The sets have no timings: an hour of conversation is taken as this many words a minute. */
const WORDS_PER_MINUTE = 150;
const perHour = (labels: number, words: number): string =>
  (words ? (labels * WORDS_PER_MINUTE * 60) / words : 0).toFixed(1);
const rateOf = (c: Counts): string =>
  c.tp + c.fn ? ((c.tp + c.fp) / (c.tp + c.fn)).toFixed(2) : '—';

function report(r: ProviderResult, evalTags: string[], unitMode: 'sentence' | 'text'): void {
  console.log(`\n--- provider: ${r.name} ---`);
  for (const note of r.notes.slice(0, 8)) console.log(`note: ${note}`);
  if (r.notes.length > 8) console.log(`note: … ${r.notes.length - 8} more`);
  const table = (label: string, short: string, counts: Map<string, Counts>): void => {
    console.log(`\n${label}`);
    const width = Math.max(24, ...evalTags.map((t) => t.length)) + 2;
    console.log(`${'tag'.padEnd(width)}support  pred  rate   prec  recall    F1   kappa`);
    let micro = emptyCounts();
    const macro = { precision: 0, recall: 0, f1: 0, kappa: 0 };
    for (const tag of evalTags) {
      const c = counts.get(tag) ?? emptyCounts();
      micro = addCounts(micro, c);
      const s = scores(c);
      macro.precision += s.precision;
      macro.recall += s.recall;
      macro.f1 += s.f1;
      macro.kappa += s.kappa;
      console.log(
        `${tag.padEnd(width)}${String(c.tp + c.fn).padStart(7)}${String(c.tp + c.fp).padStart(6)}${rateOf(c).padStart(6)}  ${pct(s.precision).padStart(5)}  ${pct(s.recall).padStart(6)}  ${pct(s.f1).padStart(5)}  ${pct(s.kappa).padStart(6)}`,
      );
    }
    const n = evalTags.length || 1;
    const ms = scores(micro);
    console.log(
      `${'micro (pooled)'.padEnd(width)}${String(micro.tp + micro.fn).padStart(7)}${String(micro.tp + micro.fp).padStart(6)}${rateOf(micro).padStart(6)}  ${pct(ms.precision).padStart(5)}  ${pct(ms.recall).padStart(6)}  ${pct(ms.f1).padStart(5)}  ${pct(ms.kappa).padStart(6)}`,
    );
    console.log(
      `${'macro (mean of tags)'.padEnd(width)}${''.padStart(19)}  ${pct(macro.precision / n).padStart(5)}  ${pct(macro.recall / n).padStart(6)}  ${pct(macro.f1 / n).padStart(5)}  ${pct(macro.kappa / n).padStart(6)}`,
    );
    summary.push(
      `${short} micro P ${pct(ms.precision)} R ${pct(ms.recall)} κ ${pct(ms.kappa)}, macro κ ${pct(macro.kappa / n)}`,
    );
    precise.push(
      `${short} micro κ ${ms.kappa.toFixed(4)}, macro κ ${(macro.kappa / n).toFixed(4)} (TP ${micro.tp}, FP ${micro.fp}, FN ${micro.fn})`,
    );
  };
  const precise: string[] = [];
  const summary: string[] = [];
  console.log(
    'support: units people gave the tag; pred: units proposed with it; rate: pred / support (≤ 1: proposed no more often than people used it).',
  );
  table(
    unitMode === 'sentence' ? 'Per sentence × tag:' : 'Per line × tag:',
    unitMode === 'sentence' ? 'sentence' : 'line',
    r.sentence,
  );
  if (unitMode === 'sentence')
    table('Per text × tag (tag present anywhere in the answer):', 'text', r.text);
  const perText = (n: number): string => (r.texts ? n / r.texts : 0).toFixed(2);
  console.log(
    `\nlabels per text (text × tag, all ${r.name === 'offline' ? 'codebook' : 'proposed'} tags): people ${perText(r.humanLabels)}, proposed ${perText(r.proposedLabels)} over ${r.texts} texts`,
  );
  console.log(
    `SUMMARY ${r.name}: ${summary.join('; ')}; labels/text people ${perText(r.humanLabels)} proposed ${perText(r.proposedLabels)}`,
  );
  // Four decimals and the pooled counts: to tell "not below" from "equal when rounded".
  console.log(`PRECISE ${r.name}: ${precise.join('; ')}`);
  const perKWords = (n: number): string => (r.words ? (1000 * n) / r.words : 0).toFixed(2);
  console.log(
    `labels per 1,000 words ((span, tag) pairs, all tags): people ${perKWords(r.humanSpanLabels)}, proposed ${perKWords(r.proposedSpanLabels)}; ` +
      `per interview-hour at ${WORDS_PER_MINUTE} words a minute: people ${perHour(r.humanSpanLabels, r.words)}, proposed ${perHour(r.proposedSpanLabels, r.words)}`,
  );
  const rate = r.suggestions ? r.ungrounded / r.suggestions : 0;
  console.log(
    `\nsuggestions: ${r.suggestions}; ungrounded quotes: ${r.ungrounded} (rate ${(rate * 100).toFixed(1)}%)${r.unknownTags ? `; unknown tags rejected: ${r.unknownTags}` : ''}`,
  );
  if (r.trainMs > 0) {
    const perMinute = r.suggestMs > 0 ? Math.round((r.suggestions * 60_000) / r.suggestMs) : 0;
    const withTraining = Math.round((r.suggestions * 60_000) / (r.suggestMs + r.trainMs));
    // Fewer suggestions make fewer a minute at the same speed: texts read a minute say how fast.
    const textsPerMinute = r.suggestMs > 0 ? Math.round((r.texts * 60_000) / r.suggestMs) : 0;
    console.log(
      `SPEED offline (CPU time): ${r.suggestions} suggestions for ${r.texts} texts in ${Math.round(r.suggestMs)} ms, ` +
        `${perMinute.toLocaleString('en-US')} a minute (${textsPerMinute.toLocaleString('en-US')} texts a minute); training ${Math.round(r.trainMs / (r.models || 1))} ms a model ` +
        `(${r.models} models; ${withTraining.toLocaleString('en-US')} suggestions a minute counting training)`,
    );
  }
  if (r.reliability.length > 0) {
    console.log(
      'calibration (sentence × tag scores of evaluated tags): confidence bin → observed precision',
    );
    const bins = [0.05, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.8, 1.01];
    for (let i = 0; i + 1 < bins.length; i++) {
      const lo = bins[i] as number;
      const hi = bins[i + 1] as number;
      const inBin = r.reliability.filter((x) => x.confidence >= lo && x.confidence < hi);
      if (inBin.length === 0) continue;
      const right = inBin.filter((x) => x.correct).length;
      console.log(
        `  [${lo.toFixed(2)}, ${Math.min(hi, 1).toFixed(2)}${hi > 1 ? ']' : ')'}  n=${String(inBin.length).padStart(5)}  precision ${pct(right / inBin.length)}`,
      );
    }
  }
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  const here = __dirname;
  const fixtures = resolve(here, '..', 'fixtures');
  await evaluate(loadGamesAsArt(fixtures), args, 'sentence');
  const testdata = resolve(here, '..', '..', '..', '..', 'shared', 'testdata');
  const wantQc = args.qc ?? existsSync(testdata);
  if (wantQc) {
    const qc = loadQcDemo(testdata);
    if (qc) await evaluate(qc, { ...args, minTrain: Math.min(args.minTrain, 5) }, 'text');
    else
      console.log(
        `\n(qc demo set not found under ${join(testdata, 'coded-datasets')}: skipped; it is local only)`,
      );
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});
