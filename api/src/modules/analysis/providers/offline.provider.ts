import {
  type DeductiveTagger,
  type DiscoveredTheme,
  discoverThemes,
  trainDeductiveTagger,
  type TurnText,
} from '@verbatim/analysis';
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

/** Turns per offline chunk: the tagger needs no context window, so chunks only pace progress. */
const TURNS_PER_CHUNK = 60;

/** The INDUCTIVE plan: themes found across all of the run's transcripts, members by turn. */
interface ThemePlan {
  themes: {
    name: string;
    definition: string;
    keywords?: string[];
    members: { transcriptId: string; turn: number; start: number; end: number; score: number }[];
  }[];
}

/**
 * The offline tagger from @verbatim/analysis. DEDUCTIVE: learns each tag from its description
 * and the highlights people made with it. INDUCTIVE: clusters the run's turns once (prepare) and
 * proposes each cluster as a theme named by its distinctive words.
 */
export class OfflineProvider implements AnalysisProvider {
  readonly kind = AnalysisProviderKind.OFFLINE;
  readonly model = null;
  readonly endpoint = null;
  readonly label = OFFLINE_LABEL;
  readonly readsText = false;
  readonly usesBackground = true;
  /** A trained tagger per run, reused by the run's chunks in this process. */
  private readonly taggers = new Map<
    string,
    { key: string; tagger: DeductiveTagger; background: string[] }
  >();

  /** Whether this process already trained the run's tagger (then the background need not be read again). */
  hasModelFor(runId: string): boolean {
    return this.taggers.has(runId);
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
    const themes: DiscoveredTheme[] = discoverThemes(docs);
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
        ? this.deductive(input, inChunk)
        : this.inductive(input, inChunk);
    return {
      proposals,
      usage: { promptTokens: 0, completionTokens: 0 },
      requests: 0,
      exchanges: [],
    };
  }

  private deductive(input: ChunkInput, inChunk: (index: number) => boolean): Proposal[] {
    const tagger = this.taggerFor(input);
    // Each tag's own threshold (learnt when the tagger was trained) decides what is proposed.
    return tagger.suggest(input.turns.filter((t) => inChunk(t.index))).map((s) => ({
      quote: s.quote,
      span: {
        startIndex: s.startIndex,
        startOffset: s.startOffset,
        endIndex: s.endIndex,
        endOffset: s.endOffset,
      },
      tagIds: s.tagIds,
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

  /** Trained once per run and process; retrained when the codebook or its examples changed meanwhile. */
  private taggerFor(input: ChunkInput): DeductiveTagger {
    const key = JSON.stringify(
      input.codebook.map((t) => [
        t.id,
        t.name,
        t.description,
        t.examples.length,
        t.counterExamples?.length ?? 0,
      ]),
    );
    const cached = this.taggers.get(input.runId);
    if (cached?.key === key) return cached.tagger;
    const background = input.background.length ? input.background : (cached?.background ?? []);
    const tagger = trainDeductiveTagger({ tags: input.codebook, background });
    if (this.taggers.size > 20) this.taggers.delete(this.taggers.keys().next().value!);
    this.taggers.set(input.runId, { key, tagger, background });
    return tagger;
  }
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
