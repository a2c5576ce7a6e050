import { InProcessQueue } from './in-process-queue';
import { type JobDefinition, RetryLaterError } from './job-queue';

const def: JobDefinition<{ n: number }> = { queue: 'test', attempts: 3, backoffMs: 5 };

describe('InProcessQueue', () => {
  it('retries a failing job with backoff until it succeeds, telling the handler which attempt it is', async () => {
    const q = new InProcessQueue(2);
    const attempts: [number, boolean][] = [];
    q.process(def, (_data, ctx) => {
      attempts.push([ctx.attempt, ctx.isFinalAttempt]);
      return ctx.attempt < 3 ? Promise.reject(new Error('flaky')) : Promise.resolve();
    });
    await q.enqueue(def, { n: 1 });
    await q.idle();
    expect(attempts).toEqual([
      [1, false],
      [2, false],
      [3, true],
    ]);
  });

  it('gives up after the last attempt', async () => {
    const q = new InProcessQueue(1);
    let calls = 0;
    q.process(def, () => {
      calls++;
      return Promise.reject(new Error('always'));
    });
    await q.enqueue(def, { n: 1 });
    await q.idle();
    expect(calls).toBe(3);
  });

  it('does not add a job whose id is already waiting or running', async () => {
    const q = new InProcessQueue(1);
    const seen: number[] = [];
    q.process(def, async (data) => {
      seen.push(data.n);
      await new Promise((r) => setTimeout(r, 20));
    });
    await q.enqueue(def, { n: 1 }, { jobId: 'same' });
    await q.enqueue(def, { n: 2 }, { jobId: 'same' });
    await q.idle();
    await q.enqueue(def, { n: 3 }, { jobId: 'same' });
    await q.idle();
    expect(seen).toEqual([1, 3]);
  });

  it('keeps jobs queued until a handler is registered, and respects concurrency', async () => {
    const q = new InProcessQueue(2);
    for (let n = 0; n < 6; n++) await q.enqueue(def, { n });
    let running = 0;
    let peak = 0;
    q.process(def, async () => {
      running++;
      peak = Math.max(peak, running);
      await new Promise((r) => setTimeout(r, 5));
      running--;
    });
    await q.idle();
    expect(peak).toBe(2);
  });

  it('runs a job again after RetryLaterError without spending an attempt', async () => {
    const q = new InProcessQueue(1);
    const attempts: number[] = [];
    q.process(def, (_data, ctx) => {
      attempts.push(ctx.attempt);
      return attempts.length <= 4
        ? Promise.reject(new RetryLaterError(5, 'busy'))
        : Promise.resolve();
    });
    await q.enqueue(def, { n: 1 });
    await q.idle();
    // Four postponements and then success, all on the first attempt: a job with 3 attempts
    // would have given up after the third failure.
    expect(attempts).toEqual([1, 1, 1, 1, 1]);
  });
});
