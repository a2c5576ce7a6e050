import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { threadId } from 'node:worker_threads';
import { loadConfig } from '../../config/env';
import { ECHO, FAIL, HOG, SPIN } from './testing/probe-tasks';
import { WorkerOutOfMemoryError, WorkerPoolClosedError, WorkerTimeoutError } from './worker-errors';
import { WorkerPool } from './worker-pool';

function pool(env: Record<string, string> = {}): WorkerPool {
  return new WorkerPool(
    loadConfig({
      DATA_DIR: mkdtempSync(path.join(tmpdir(), 'verbatim-pool-')),
      WORKER_THREADS: '1',
      WORKER_THREAD_MEMORY: '96MB',
      ...env,
    }),
  );
}

describe('WorkerPool', () => {
  let workers: WorkerPool;
  beforeAll(() => (workers = pool()));
  afterAll(() => workers.onApplicationShutdown());

  it('runs a task file in a worker thread with plain data in and out', async () => {
    const out = await workers.run(ECHO, { text: 'hello' });
    expect(out.text).toBe('HELLO');
    expect(out.threadId).not.toBe(threadId);
  });

  it('keeps this thread’s event loop turning while a task keeps its thread busy', async () => {
    let ticks = 0;
    const timer = setInterval(() => ticks++, 5);
    const spins = await workers.run(SPIN, { ms: 400 });
    clearInterval(timer);
    expect(spins).toBeGreaterThan(0);
    expect(ticks).toBeGreaterThan(0);
  });

  it('fails a task that needs more memory than allowed with a clear error, then runs the next one', async () => {
    const error = await workers.run(HOG, undefined as never).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(WorkerOutOfMemoryError);
    expect((error as Error).message).toBe(
      'the task needs more memory than allowed (96 MB per worker thread, WORKER_THREAD_MEMORY)',
    );
    expect((await workers.run(ECHO, { text: 'still here' })).text).toBe('STILL HERE');
  });

  it('hands a task’s own error back to the caller', async () => {
    await expect(workers.run(FAIL, { message: 'bad input' })).rejects.toThrow('bad input');
  });

  it('stops a task that runs past WORKER_TASK_TIMEOUT and replaces its thread', async () => {
    const quick = pool({ WORKER_TASK_TIMEOUT: '2s' });
    try {
      await expect(quick.run(SPIN, { ms: 60_000 })).rejects.toBeInstanceOf(WorkerTimeoutError);
      expect((await quick.run(ECHO, { text: 'next' })).text).toBe('NEXT');
    } finally {
      await quick.onApplicationShutdown();
    }
  });

  it('does not count the wait for a free thread against a task’s timeout', async () => {
    const one = pool({ WORKER_TASK_TIMEOUT: '5s' });
    try {
      // One thread: the second task waits while the first one runs 3 s, then runs 3 s itself.
      const both = await Promise.all([one.run(SPIN, { ms: 3000 }), one.run(SPIN, { ms: 3000 })]);
      expect(both.every((spins) => spins > 0)).toBe(true);
    } finally {
      await one.onApplicationShutdown();
    }
  });

  it('stops a task when its caller aborts', async () => {
    const controller = new AbortController();
    const running = workers.run(SPIN, { ms: 60_000 }, { signal: controller.signal });
    setTimeout(() => controller.abort(), 50);
    await expect(running).rejects.toThrow(/abort/i);
  });

  it('refuses work once shut down', async () => {
    const closing = pool();
    await closing.onApplicationShutdown();
    await expect(closing.run(ECHO, { text: 'late' })).rejects.toBeInstanceOf(WorkerPoolClosedError);
  });
});
