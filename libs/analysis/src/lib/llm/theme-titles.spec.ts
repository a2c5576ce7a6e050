import { fakeEmbedding, type FakeOpenAi, startFakeOpenAi } from '../../testing';
import { createRedactor } from '../redaction';
import { LlmClient, LlmRequestError } from './client';
import { extractBlock } from './prompts';
import { acceptThemeTitles, buildThemeTitleMessages, titleLabels } from './theme-titles';

const groups = [
  { texts: ['The per seat pricing is steep.', 'Participant A says the plan price went up.'] },
  { texts: ['The export button is hidden.', 'PDF export breaks layouts.', 'Export is slow.'] },
];
const redactor = createRedactor({ emails: true, phones: true, names: [['Maria Lopez']] });
// The redactor restores only pseudonyms it gave out.
redactor.redact('Maria Lopez said so.');

describe('theme title prompts', () => {
  it('numbers highlights across groups and keeps them inside a delimited data block', () => {
    expect(titleLabels(groups)).toEqual([
      ['H1', 'H2'],
      ['H3', 'H4', 'H5'],
    ]);
    const messages = buildThemeTitleMessages({ groups, nonce: 'abc123' });
    expect(messages[0]!.content).toContain('abc123');
    const block = extractBlock(messages[1]!.content, 'HIGHLIGHTS')!;
    expect(block).toContain('Group 2:\n[H3] The export button is hidden.');
  });
});

describe('acceptThemeTitles', () => {
  const answer = (highlightIds: string[][], titles = ['Seat pricing', 'Export problems']) => ({
    themes: titles.map((title, i) => ({
      group: i + 1,
      title,
      description: 'Participant A reports it.',
      highlightIds: highlightIds[i]!,
    })),
  });

  it('keeps a title citing highlights of its own group, restored to the participants’ words', () => {
    const [first, second] = acceptThemeTitles(groups, answer([['H1', 'H2'], ['H4']]), redactor);
    expect(first).toEqual({
      title: 'Seat pricing',
      description: 'Maria Lopez reports it.',
      cited: [0, 1],
    });
    expect(second).toMatchObject({ title: 'Export problems', cited: [1] });
  });

  it('discards a title citing nothing, another group’s highlight or an id that was never sent', () => {
    expect(acceptThemeTitles(groups, answer([[], ['H3']]), redactor)[0]).toBeNull();
    expect(acceptThemeTitles(groups, answer([['H1', 'H3'], ['H3']]), redactor)[0]).toBeNull();
    expect(acceptThemeTitles(groups, answer([['H1'], ['H9']]), redactor)[1]).toBeNull();
  });

  it('discards a title naming a pseudonymised participant, and answers for no group', () => {
    const named = answer([['H1'], ['H3']], ['What Participant A wants', 'Export problems']);
    const accepted = acceptThemeTitles(groups, named, redactor);
    expect(accepted[0]).toBeNull();
    expect(accepted[1]).not.toBeNull();
    expect(acceptThemeTitles(groups, { themes: [] }, redactor)).toEqual([null, null]);
  });
});

describe('LlmClient for theme suggestions', () => {
  let fake: FakeOpenAi;
  beforeAll(async () => {
    fake = await startFakeOpenAi();
  });
  afterAll(() => fake.close());

  const client = () =>
    new LlmClient({ apiKey: 'sk-test', baseURL: fake.url, model: 'chat-model', timeoutMs: 2000 });

  it('embeds texts in batches, in order, and audits each request without its vectors', async () => {
    const texts = Array.from({ length: 7 }, (_, i) => `highlight number ${i} about pricing`);
    const result = await client().embed(texts, { model: 'embed-model', batchSize: 3 });
    expect(result.output).toHaveLength(7);
    result.output.forEach((v, i) => {
      const expected = fakeEmbedding(texts[i]!);
      v.forEach((w, d) => expect(w).toBeCloseTo(expected[d]!, 5)); // float32 on the wire
    });
    expect(result.exchanges).toHaveLength(3);
    expect(result.exchanges.every((e) => e.model === 'embed-model' && e.status === 200)).toBe(true);
    expect(JSON.stringify(result.exchanges.map((e) => e.request))).toContain('highlight number 6');
    expect(result.exchanges[0]!.response).toMatchObject({ data: '3 embeddings of 64 dimensions' });
    expect(result.usage.promptTokens).toBeGreaterThan(0);
  });

  it('stops the other batches once one fails for good, and audits every request it sent', async () => {
    // The first text's batch is refused at once; the others would answer after a while.
    fake.respondToEmbeddingsWith((body) =>
      JSON.stringify(body).includes('refused') ? { status: 400 } : { delayMs: 1500 },
    );
    try {
      const error: unknown = await client()
        .embed(['refused text', 'second text', 'third text'], {
          model: 'embed-model',
          batchSize: 1,
        })
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(LlmRequestError);
      const { status, exchanges } = error as LlmRequestError;
      expect(status).toBe(400);
      expect(exchanges).toHaveLength(3);
      expect(exchanges.filter((e) => e.status === 400)).toHaveLength(1);
      expect(exchanges.filter((e) => e.error === 'cancelled')).toHaveLength(2);
    } finally {
      fake.respondToEmbeddingsWith(null);
    }
  });

  it('asks for titles and validates the answer', async () => {
    fake.script({
      json: { themes: [{ group: 1, title: 'Seat pricing', highlightIds: ['H1'] }] },
    });
    const result = await client().themeTitles({ groups });
    expect(result.output.themes[0]).toMatchObject({ title: 'Seat pricing', description: '' });
    expect(result.exchanges[0]!.model).toBe('chat-model');
  });
});
