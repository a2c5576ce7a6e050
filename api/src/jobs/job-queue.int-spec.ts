import { randomUUID } from 'node:crypto';
import { BullMqQueue } from './bullmq-queue';
import { InProcessQueue } from './in-process-queue';
import { type JobDefinition, type JobQueue, RetryLaterError } from './job-queue';

/**
 * The contract both queues keep, so features behave the same on the embedded defaults and on
 * Redis. BullMQ runs when REDIS_URL is set (CI's second pass).
 */
const kinds: [string, () => JobQueue][] = [['in-process', () => new InProcessQueue(2)]];
const redisUrl = process.env.REDIS_URL;
if (redisUrl) {
  kinds.push([
    'BullMQ',
    () => new BullMqQueue(redisUrl, `verbatim-test-q-${randomUUID().slice(0, 8)}`, true, 2),
  ]);
}

describe.each(kinds)('%s queue', (_name, create) => {
  let queue: JobQueue;
  const def = (): JobDefinition<{ n: number }> => ({
    queue: `contract-${randomUUID().slice(0, 8)}`,
    attempts: 3,
    backoffMs: 10,
  });

  beforeEach(() => {
    queue = create();
  });
  afterEach(() => queue.close());

  it('retries a failing job until its attempts are spent', async () => {
    const d = def();
    const attempts: [number, boolean][] = [];
    const done = new Promise<void>((resolve) =>
      queue.process(d, (_data, ctx) => {
        attempts.push([ctx.attempt, ctx.isFinalAttempt]);
        if (ctx.isFinalAttempt) resolve();
        return Promise.reject(new Error('always'));
      }),
    );
    await queue.enqueue(d, { n: 1 });
    await done;
    await queue.idle();
    expect(attempts).toEqual([
      [1, false],
      [2, false],
      [3, true],
    ]);
  });

  it('postpones a job on RetryLaterError without spending an attempt', async () => {
    const d = def();
    const seen: number[] = [];
    const done = new Promise<void>((resolve) =>
      queue.process(d, (_data, ctx) => {
        seen.push(ctx.attempt);
        if (seen.length <= 4) return Promise.reject(new RetryLaterError(20, 'rate limited'));
        resolve();
        return Promise.resolve();
      }),
    );
    await queue.enqueue(d, { n: 1 }, { jobId: `later-${randomUUID()}` });
    await done;
    expect(seen).toEqual([1, 1, 1, 1, 1]);
  });

  it('lists the ids of jobs that will still run, and forgets a job once it has finished', async () => {
    const d = def();
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const started = new Promise<void>((resolve) =>
      queue.process(d, async (data) => {
        if (data.n === 1) {
          resolve();
          await gate;
        }
      }),
    );
    await queue.enqueue(d, { n: 1 }, { jobId: 'work-1-0' });
    await started;
    await queue.enqueue(d, { n: 2 }, { jobId: 'work-2-0' });
    const live = await queue.liveJobIds(d);
    expect(live.has('work-1-0')).toBe(true);
    release();
    await queue.idle();
    expect([...(await queue.liveJobIds(d))]).toEqual([]);
  });

  it('runs work again under the id of a job that has finished', async () => {
    const d = def();
    const seen: number[] = [];
    queue.process(d, (data) => {
      seen.push(data.n);
      return Promise.resolve();
    });
    await queue.enqueue(d, { n: 1 }, { jobId: 'same-0' });
    await queue.idle();
    await queue.enqueue(d, { n: 2 }, { jobId: 'same-0' });
    await queue.idle();
    expect(seen).toEqual([1, 2]);
  });

  it('runs a scheduled job each period, once per period however often it is scheduled', async () => {
    const d = def();
    const runs: string[] = [];
    const threeRuns = new Promise<void>((resolve) =>
      queue.process(d, (_data, ctx) => {
        runs.push(ctx.jobId);
        if (runs.length === 3) resolve();
        return Promise.resolve();
      }),
    );
    // Scheduled again, as a second process or a restart would: still one job per period.
    await queue.schedule(d, 100, { n: 1 });
    await queue.schedule(d, 100, { n: 1 });
    await threeRuns;
    // The next period's run is not work in progress: idle() does not wait for it.
    await queue.idle();
    expect(new Set(runs).size).toBe(runs.length);
  });
});
