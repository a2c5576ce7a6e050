import { describe, expect, it } from 'vitest';
import { type MoveQueueHost, type MoveRequest, MoveQueue } from './move-queue';

interface FakeCard {
  id: string;
  version: number;
}

/** A server that answers each move when the test says so. */
function harness(where: Record<string, string | null> = {}) {
  const sent: MoveRequest[] = [];
  const answers: ((result: FakeCard | Error) => void)[] = [];
  const confirmed: MoveRequest[] = [];
  const failed: string[] = [];
  const host: MoveQueueHost<FakeCard, string> = {
    request: (cardId) => ({ cardId, themeId: where[cardId] ?? null, afterCardId: null }),
    send: (move) => {
      sent.push(move);
      return new Promise((resolve, reject) =>
        answers.push((r) => (r instanceof Error ? reject(r) : resolve(r))),
      );
    },
    confirmed: (_card, move) => confirmed.push(move),
    failed: (error, move) => failed.push(`${move.cardId}: ${error}`),
    toError: (e) => (e instanceof Error ? e.message : String(e)),
  };
  const queue = new MoveQueue(host);
  const flush = () => new Promise((r) => setTimeout(r, 0));
  const answer = async (result: FakeCard | Error) => {
    answers.shift()!(result);
    await flush();
  };
  return { queue, sent, confirmed, failed, answer, flush };
}

describe('the move queue', () => {
  it('sends moves one at a time, in order', async () => {
    const h = harness();
    h.queue.enqueue('a', 1);
    h.queue.enqueue('b', 4);
    await h.flush();
    expect(h.sent.map((m) => m.cardId)).toEqual(['a']);
    expect(h.queue.unsent()).toEqual(new Set(['b']));
    await h.answer({ id: 'a', version: 2 });
    expect(h.sent.map((m) => `${m.cardId}@${m.version}`)).toEqual(['a@1', 'b@4']);
    await h.answer({ id: 'b', version: 5 });
    await h.queue.idle();
    expect(h.confirmed).toHaveLength(2);
  });

  it('sends a card moved twice before it was sent once, on the version first seen', async () => {
    const h = harness({ b: 'T2' });
    h.queue.enqueue('a', 1);
    h.queue.enqueue('b', 3);
    h.queue.enqueue('b', 3);
    await h.answer({ id: 'a', version: 2 });
    await h.answer({ id: 'b', version: 4 });
    expect(h.sent.map((m) => `${m.cardId}@${m.version}:${m.themeId}`)).toEqual([
      'a@1:null',
      'b@3:T2',
    ]);
  });

  it('sends a card moved again while its move was on the way with the version that move gave', async () => {
    const h = harness();
    h.queue.enqueue('a', 1);
    await h.flush();
    h.queue.enqueue('a', 1);
    await h.answer({ id: 'a', version: 2 });
    expect(h.sent.map((m) => m.version)).toEqual([1, 2]);
    expect(h.queue.pending()).toEqual(new Set(['a']));
    await h.answer({ id: 'a', version: 3 });
    expect(h.queue.pending()).toEqual(new Set());
  });

  it('reports a refused move and drops the later move of the same card that rested on it', async () => {
    const h = harness();
    h.queue.enqueue('a', 1);
    await h.flush();
    h.queue.enqueue('a', 1);
    h.queue.enqueue('b', 7);
    await h.answer(new Error('CONFLICT'));
    expect(h.failed).toEqual(['a: CONFLICT']);
    expect(h.sent.map((m) => m.cardId)).toEqual(['a', 'b']);
  });
});
