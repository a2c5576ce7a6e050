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
      queue.process(d, async (_data, ctx) => {
        attempts.push([ctx.attempt, ctx.isFinalAttempt]);
        if (ctx.isFinalAttempt) resolve();
        throw new Error('always');
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
      queue.process(d, async (_data, ctx) => {
        seen.push(ctx.attempt);
        if (seen.length <= 4) throw new RetryLaterError(20, 'rate limited');
        resolve();
      }),
    );
    await queue.enqueue(d, { n: 1 }, { jobId: `later-${randomUUID()}` });
    await done;
    expect(seen).toEqual([1, 1, 1, 1, 1]);
  });
});
