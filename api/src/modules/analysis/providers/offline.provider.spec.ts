import {
  type CodebookTag,
  discoverThemes,
  trainDeductiveTagger,
  type TurnText,
} from '@verbatim/analysis';
import { makeSyntheticTranscript, parseTranscriptText } from '@verbatim/transcript';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { WorkerPool } from '../../../common/workers/worker-pool';
import { loadConfig } from '../../../config/env';
import { AnalysisMode } from '../analysis-run.entity';
import { type ChunkInput } from './analysis-provider';
import { OfflineProvider } from './offline.provider';

const TOPICS = [
  ['pricing', 'Pricing', 'the pricing page', 'Price, plans and what things cost.'],
  ['search', 'Search', 'the search page', 'Finding things with search.'],
  ['support', 'Support', 'customer support', 'Contact with customer support.'],
] as const;

function interview(seed: number): TurnText[] {
  const { turns } = parseTranscriptText(
    makeSyntheticTranscript({ format: 'WEBVTT', minutes: 20, seed }),
  );
  return turns.map((t, index) => ({
    index,
    text: t.text,
    speaker: t.speaker,
    isInterviewer: t.speaker === 'Alex Moreno',
  }));
}

/** A codebook learnt from two interviews coded by hand: every sentence naming a topic is an example. */
function codebook(): { tags: CodebookTag[]; background: string[] } {
  const sentences = [...interview(1), ...interview(2)]
    .filter((t) => !t.isInterviewer)
    .flatMap((t) => t.text.split(/(?<=[.?!])\s+/));
  const tags = TOPICS.map(([id, name, words, description]) => ({
    id,
    name,
    description,
    examples: sentences.filter((s) => s.includes(words)),
  }));
  const background = sentences.filter((s) => !TOPICS.some(([, , words]) => s.includes(words)));
  return { tags, background };
}

describe('OfflineProvider on the worker-thread pool', () => {
  let workers: WorkerPool;
  let provider: OfflineProvider;
  const { tags, background } = codebook();
  const turns = interview(3);
  const chunk = (index: number, extra: Partial<ChunkInput> = {}): ChunkInput => ({
    runId: 'run-1',
    mode: AnalysisMode.DEDUCTIVE,
    redaction: { emails: false, phones: false, names: false },
    transcriptId: 't-3',
    chunk: { index, firstTurn: index * 60, lastTurn: index * 60 + 59 },
    turns,
    codebook: tags,
    background,
    participantNames: [],
    plan: null,
    signal: new AbortController().signal,
    ...extra,
  });

  beforeAll(() => {
    workers = new WorkerPool(
      loadConfig({
        DATA_DIR: mkdtempSync(path.join(tmpdir(), 'verbatim-offline-')),
        WORKER_THREADS: '2',
      }),
    );
    provider = new OfflineProvider(workers);
  });
  afterAll(() => workers.onApplicationShutdown());

  it('proposes exactly what the tagger trained in this thread would, while this event loop keeps turning', async () => {
    const inChunk = turns.filter((t) => t.index < 60);
    const expected = trainDeductiveTagger({ tags, background }).suggest(inChunk);
    expect(expected.length).toBeGreaterThan(0);
    let ticks = 0;
    const timer = setInterval(() => ticks++, 1);
    const out = await provider.analyse(chunk(0));
    clearInterval(timer);
    expect(ticks).toBeGreaterThan(0);
    expect(out.proposals).toEqual(
      expected.map((s) => ({
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
      })),
    );
    expect(provider.hasModelFor('run-1')).toBe(true);
  });

  it('scores later chunks without the background again, on whichever thread takes them', async () => {
    const tagger = trainDeductiveTagger({ tags, background });
    const outs = await Promise.all(
      [1, 2, 3].map((i) => provider.analyse(chunk(i, { background: [] }))),
    );
    outs.forEach((out, n) => {
      const i = n + 1;
      const expected = tagger.suggest(
        turns.filter((t) => t.index >= i * 60 && t.index < i * 60 + 60),
      );
      expect(out.proposals.map((p) => [p.quote, p.tags, p.confidence])).toEqual(
        expected.map((s) => [
          s.quote,
          s.tags.map((t) => ({ id: t.tagId, confidence: t.confidence })),
          s.confidence,
        ]),
      );
    });
  });

  it('learns again when the codebook changes during the run', async () => {
    const onlySearch = tags.filter((t) => t.id === 'search');
    const out = await provider.analyse(chunk(0, { codebook: onlySearch, background: [] }));
    const expected = trainDeductiveTagger({ tags: onlySearch, background }).suggest(
      turns.filter((t) => t.index < 60),
    );
    const ids = (tags: { id?: string; tagId?: string }[] = []) => tags.map((t) => t.id ?? t.tagId);
    expect(out.proposals.map((p) => ids(p.tags))).toEqual(expected.map((s) => ids(s.tags)));
    expect(out.proposals.every((p) => p.tags?.every((t) => t.id === 'search'))).toBe(true);
  });

  it('clusters an INDUCTIVE run’s turns in the pool, as discoverThemes does', async () => {
    const transcripts = [1, 2, 3].map((seed) => ({ id: `t-${seed}`, turns: interview(seed) }));
    const plan = (await provider.prepare({
      runId: 'run-2',
      mode: AnalysisMode.INDUCTIVE,
      transcripts,
    })) as { themes: { name: string; members: unknown[] }[] };
    const expected = discoverThemes(
      transcripts.flatMap(({ id, turns: ts }) =>
        ts
          .filter((t) => !t.isInterviewer && t.text.trim())
          .map((t) => ({ key: `${id}:${t.index}`, text: t.text })),
      ),
    );
    expect(plan.themes.map((t) => [t.name, t.members.length])).toEqual(
      expected.map((t) => [t.name, t.members.length]),
    );
  });
});
