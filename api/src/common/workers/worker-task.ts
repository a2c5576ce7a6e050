/**
 * A function exported by a task file (`*.task.ts`), run in a worker thread of the WorkerPool with
 * plain data in and out (whatever the structured clone algorithm copies: no class instances, no
 * functions; errors lose their class, so tasks return failures the caller must see as data).
 *
 *   import type * as ParseTask from './parse.task';
 *   export const PARSE_FILE = workerTask<typeof ParseTask.parseFile>(path.join(__dirname, 'parse.task'), 'parseFile');
 *
 * `module` is the task file's path without its extension, next to the code that defines the
 * task (so it is found from the source tree under ts and from dist alike, whatever the cwd).
 */
export interface WorkerTask<I, O> {
  readonly module: string;
  readonly name: string;
  /** Carries the input and output types; never set. */
  readonly types?: (input: I) => O;
}

/** Any function of one argument (`never` accepts every parameter type). */
type TaskFunction = (input: never) => unknown;

export function workerTask<F extends TaskFunction>(
  module: string,
  name: string,
): WorkerTask<Parameters<F>[0], Awaited<ReturnType<F>>> {
  return { module, name };
}
