import { type DeductiveTrainingInput, type TurnText } from '@verbatim/analysis';
import { createHash } from 'node:crypto';
import path from 'node:path';
import { type WorkerPool } from '../../../common/workers/worker-pool';
import { workerTask } from '../../../common/workers/worker-task';
import { AnalysisMode, AnalysisProviderKind } from '../analysis-run.entity';
import {
  type AnalysisProvider,
  type ChunkInput,
  OFFLINE_LABEL,
  type ChunkOutput,
  type ChunkRange,
  type PrepareInput,
  type Proposal,
} from './analysis-provider';
import type * as OfflineTagger from './offline-tagger.task';

const TASKS = path.join(__dirname, 'offline-tagger.task');
const SUGGEST = workerTask<typeof OfflineTagger.suggest>(TASKS, 'suggest');
const DISCOVER = workerTask<typeof OfflineTagger.discover>(TASKS, 'discover');

/**
 * Turns per offline chunk: the tagger needs no context window, so chunks only pace progress (and
 * bound what a retry redoes). Every chunk costs a job and its reads and writes, which cost more
 * than tagging 60 turns: 200 (a third of a one-hour interview) made a run three times as fast.
 */
const TURNS_PER_CHUNK = 200;

/** The INDUCTIVE plan: themes found across all of the run's transcripts, members by turn. */
interface ThemePlan {
  themes: {
    name: string;
    definition: string;
    keywords?: string[];
    members: { transcriptId: string; turn: number; start: number; end: number; score: number }[];
  }[];
}

/** What a run's tagger is trained from, kept so any worker thread can train it again. */
interface TaggerModel {
  /** The codebook as trained (a change retrains). */
  key: string;
  /** Names the model in the worker threads' caches. */
  modelKey: string;
  training: DeductiveTrainingInput;
}

/**
 * The offline tagger from @verbatim/analysis. DEDUCTIVE: learns each tag from its description
 * and the highlights people made with it. INDUCTIVE: clusters the run's turns once (prepare) and
 * proposes each cluster as a theme named by its distinctive words. Training, scoring and
 * clustering run in the worker-thread pool (offline-tagger.task.ts), never on the event loop.
 */
export class OfflineProvider implements AnalysisProvider {
  readonly kind = AnalysisProviderKind.OFFLINE;
  readonly model = null;
  readonly endpoint = null;
  readonly label = OFFLINE_LABEL;
  readonly readsText = false;
  readonly usesBackground = true;
  /**
   * What each run's taggers are trained from, one per language of its transcripts (keyed
   * `runId:language`); the worker threads keep the trained taggers.
   */
  private readonly models = new Map<string, TaggerModel>();
  /** Each run's background, read once. */
  private readonly backgrounds = new Map<string, string[]>();

  constructor(private readonly workers: WorkerPool) {}

  /** Whether this process holds what the run's tagger learns from (then the background need not be read again). */
  hasModelFor(runId: string): boolean {
    return this.backgrounds.has(runId);
  }

  chunk(turns: TurnText[]): ChunkRange[] {
    const ranges: ChunkRange[] = [];
    for (let first = 0; first < turns.length; first += TURNS_PER_CHUNK) {
      ranges.push({
        firstTurn: turns[first]!.index,
        lastTurn: turns[Math.min(first + TURNS_PER_CHUNK, turns.length) - 1]!.index,
      });
    }
    return ranges;
  }

  async prepare(input: PrepareInput): Promise<ThemePlan | null> {
    if (input.mode !== AnalysisMode.INDUCTIVE) return null;
    const docs = input.transcripts.flatMap(({ id, turns }) =>
      turns
        .filter((t) => !t.isInterviewer && t.text.trim())
        .map((t) => ({ key: `${id}:${t.index}`, text: t.text })),
    );
    const themes = await this.workers.run(DISCOVER, { docs });
    return {
      themes: themes.map((theme) => ({
        name: theme.name,
        definition: theme.definition,
        keywords: theme.keywords,
        members: theme.members.map((m) => {
          const [transcriptId = '', turn = '0'] = m.key.split(':');
          return { transcriptId, turn: Number(turn), start: m.start, end: m.end, score: m.score };
        }),
      })),
    };
  }

  async analyse(input: ChunkInput): Promise<ChunkOutput> {
    const inChunk = (index: number) =>
      index >= input.chunk.firstTurn && index <= input.chunk.lastTurn;
    const proposals: Proposal[] =
      input.mode === AnalysisMode.DEDUCTIVE
        ? await this.deductive(input, inChunk)
        : this.inductive(input, inChunk);
    return {
      proposals,
      usage: { promptTokens: 0, completionTokens: 0 },
      requests: 0,
      exchanges: [],
    };
  }

  private async deductive(
    input: ChunkInput,
    inChunk: (index: number) => boolean,
  ): Promise<Proposal[]> {
    const model = this.modelFor(input);
    const turns = input.turns.filter((t) => inChunk(t.index));
    const options = { signal: input.signal };
    // A thread trains the run's tagger once and keeps it; the first chunk it sees brings the data.
    let out = await this.workers.run(SUGGEST, { modelKey: model.modelKey, turns }, options);
    if (out.missing) {
      const { modelKey, training } = model;
      out = await this.workers.run(SUGGEST, { modelKey, training, turns }, options);
    }
    // Each tag's own threshold (learnt when the tagger was trained) decides what is proposed.
    return (out.suggestions ?? []).map((s) => ({
      quote: s.quote,
      span: {
        startIndex: s.startIndex,
        startOffset: s.startOffset,
        endIndex: s.endIndex,
        endOffset: s.endOffset,
      },
      tags: s.tags.map((t) => ({ id: t.tagId, confidence: t.confidence })),
      rationale: s.rationale,
      confidence: s.confidence,
    }));
  }

  private inductive(input: ChunkInput, inChunk: (index: number) => boolean): Proposal[] {
    const plan = input.plan as ThemePlan | null;
    const byIndex = new Map(input.turns.map((t) => [t.index, t]));
    return (plan?.themes ?? []).flatMap((theme) =>
      theme.members
        .filter(
          (m) => m.transcriptId === input.transcriptId && inChunk(m.turn) && byIndex.has(m.turn),
        )
        .map((m) => {
          const quote = byIndex.get(m.turn)!.text.slice(m.start, m.end);
          return {
            quote,
            span: { startIndex: m.turn, startOffset: m.start, endIndex: m.turn, endOffset: m.end },
            themeName: theme.name,
            themeDefinition: theme.definition,
            rationale: themeRationale(
              theme.name,
              theme.members.length,
              theme.keywords ?? [],
              quote,
              m.score,
            ),
            confidence: m.score,
          };
        }),
    );
  }

  /**
   * One model per run and language (the transcript's: its stop words and stemmer); a new one when
   * the codebook or its examples changed meanwhile.
   */
  private modelFor(input: ChunkInput): TaggerModel {
    const language = input.turns.find((t) => t.language)?.language ?? null;
    const key = JSON.stringify([
      language,
      ...input.codebook.map((t) => [
        t.id,
        t.name,
        t.description,
        t.examples.length,
        t.counterExamples?.length ?? 0,
      ]),
    ]);
    const slot = `${input.runId}:${language ?? ''}`;
    const cached = this.models.get(slot);
    if (cached?.key === key) return cached;
    if (input.background.length) keep(this.backgrounds, input.runId, input.background);
    const model: TaggerModel = {
      key,
      modelKey: `${input.runId}:${createHash('sha256').update(key).digest('base64url')}`,
      training: {
        tags: input.codebook,
        background: this.backgrounds.get(input.runId) ?? [],
        language,
      },
    };
    keep(this.models, slot, model);
    return model;
  }
}

/** Keeps what the last 20 runs need. */
function keep<T>(map: Map<string, T>, key: string, value: T): void {
  if (map.size > 20 && !map.has(key)) map.delete(map.keys().next().value!);
  map.set(key, value);
}

/** Why a passage stands for a theme, in words a reviewer can check against the quote. */
export function themeRationale(
  theme: string,
  quotes: number,
  keywords: string[],
  quote: string,
  score: number,
): string {
  const lower = quote.toLowerCase();
  const used = keywords.filter((k) => lower.includes(k.toLowerCase()));
  const words = used.length ? `; it speaks of ${used.slice(0, 4).join(', ')}` : '';
  return `One of the ${quotes} passages most typical of “${theme}” (${Math.round(score * 100)} % like the theme as a whole)${words}.`;
}
