/** A task went past the heap a worker thread may use; its thread was stopped, the process lives on. */
export class WorkerOutOfMemoryError extends Error {
  constructor(readonly limitMb: number) {
    super(
      `the task needs more memory than allowed (${limitMb} MB per worker thread, WORKER_THREAD_MEMORY)`,
    );
    this.name = 'WorkerOutOfMemoryError';
  }
}

/** A task ran longer than WORKER_TASK_TIMEOUT; its thread was stopped. */
export class WorkerTimeoutError extends Error {
  constructor(readonly timeoutMs: number) {
    super(
      `the task took longer than allowed (${Math.round(timeoutMs / 1000)} s, WORKER_TASK_TIMEOUT)`,
    );
    this.name = 'WorkerTimeoutError';
  }
}

/** The pool was shut down (the server is stopping). */
export class WorkerPoolClosedError extends Error {
  constructor() {
    super('the worker pool is shut down');
    this.name = 'WorkerPoolClosedError';
  }
}
