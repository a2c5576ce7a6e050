import { Inject, Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import path from 'node:path';
import { MessageChannel } from 'node:worker_threads';
import { Piscina } from 'piscina';
import { APP_CONFIG } from '../../config/config.module';
import { type AppConfig } from '../../config/env';
import { WorkerOutOfMemoryError, WorkerPoolClosedError, WorkerTimeoutError } from './worker-errors';
import { type Dispatch } from './worker-dispatch';
import { type WorkerTask } from './worker-task';

/** `.ts` when running from the source tree (tests), `.js` from dist: task files share it. */
const EXTENSION = path.extname(__filename);
const DISPATCH = path.join(__dirname, `worker-dispatch${EXTENSION}`);
/** An idle thread is kept this long (it holds what tasks cached, e.g. a trained tagger). */
const IDLE_TIMEOUT_MS = 60_000;

export interface RunOptions {
  /** Aborting stops the task (a running one by stopping its thread). */
  signal?: AbortSignal;
  /** ArrayBuffers moved to the thread instead of copied. */
  transferList?: ArrayBuffer[];
}

/**
 * Worker threads for CPU-heavy work, so the api's event loop only serves requests: parsing, the
 * offline tagger, and later clustering and export rendering. Each thread's heap is capped
 * (WORKER_THREAD_MEMORY): a task that needs more fails with WorkerOutOfMemoryError and its thread
 * is replaced, the process lives on. A task running longer than WORKER_TASK_TIMEOUT (waiting for a
 * free thread does not count) is stopped. Threads start on
 * first use and end after a minute idle. Under ts (tests) the threads compile TypeScript themselves.
 */
@Injectable()
export class WorkerPool implements OnApplicationShutdown {
  private readonly logger = new Logger(WorkerPool.name);
  private readonly options: AppConfig['workerThreads'];
  private pool: Piscina | null = null;
  private closed = false;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    this.options = config.workerThreads;
  }

  get maxThreads(): number {
    return this.options.maxThreads;
  }

  async run<I, O>(task: WorkerTask<I, O>, input: I, options: RunOptions = {}): Promise<O> {
    if (this.closed) throw new WorkerPoolClosedError();
    const controller = new AbortController();
    let timedOut = false;
    let timer: NodeJS.Timeout | undefined;
    const { port1, port2 } = new MessageChannel();
    port1.once('message', () => {
      timer = setTimeout(() => {
        timedOut = true;
        controller.abort();
      }, this.options.taskTimeoutMs);
      timer.unref();
    });
    const signal = options.signal
      ? AbortSignal.any([options.signal, controller.signal])
      : controller.signal;
    const dispatch: Dispatch = {
      file: `${task.module}${EXTENSION}`,
      name: task.name,
      input,
      started: port2,
    };
    try {
      return (await this.piscina().run(dispatch, {
        filename: DISPATCH,
        name: 'dispatch',
        signal,
        transferList: [port2, ...(options.transferList ?? [])],
      })) as O;
    } catch (error) {
      if ((error as { code?: string }).code === 'ERR_WORKER_OUT_OF_MEMORY')
        throw new WorkerOutOfMemoryError(this.options.maxMemoryMb);
      if (timedOut) throw new WorkerTimeoutError(this.options.taskTimeoutMs);
      throw error;
    } finally {
      clearTimeout(timer);
      port1.close();
    }
  }

  async onApplicationShutdown(): Promise<void> {
    this.closed = true;
    const pool = this.pool;
    this.pool = null;
    await pool?.destroy();
  }

  private piscina(): Piscina {
    if (this.pool) return this.pool;
    const memory = this.options.maxMemoryMb;
    this.pool = new Piscina({
      minThreads: 0,
      maxThreads: this.options.maxThreads,
      idleTimeout: IDLE_TIMEOUT_MS,
      resourceLimits: {
        maxOldGenerationSizeMb: memory,
        maxYoungGenerationSizeMb: Math.max(8, Math.min(64, Math.round(memory / 8))),
      },
      ...(EXTENSION === '.ts' ? typeScriptThreads() : {}),
    });
    this.pool.on('error', (error: unknown) =>
      this.logger.error(
        `worker thread failed: ${error instanceof Error ? error.message : String(error)}`,
      ),
    );
    return this.pool;
  }
}

/** Threads that load task files from the source tree: ts-node (through swc) and the path aliases. */
function typeScriptThreads(): { execArgv: string[]; env: Record<string, string> } {
  return {
    execArgv: ['-r', 'ts-node/register/transpile-only', '-r', 'tsconfig-paths/register'],
    env: {
      ...(process.env as Record<string, string>),
      TS_NODE_PROJECT: path.resolve(__dirname, '../../../tsconfig.spec.json'),
      TS_NODE_SWC: 'true',
    },
  };
}
