/**
 * Runs in every worker thread of the WorkerPool: says when a task starts (its timeout counts from
 * then, not from when it was queued), then calls the task file's export with the task's input.
 */
import { type MessagePort } from 'node:worker_threads';

export interface Dispatch {
  file: string;
  name: string;
  input: unknown;
  started: MessagePort;
}

export async function dispatch(task: Dispatch): Promise<unknown> {
  task.started.postMessage(null);
  task.started.close();
  const exports = (await import(task.file)) as Record<string, unknown>;
  const run = exports[task.name];
  if (typeof run !== 'function') throw new Error(`${task.file} exports no task '${task.name}'`);
  return (run as (input: unknown) => unknown)(task.input);
}
