// Tasks for the WorkerPool's own tests (not shipped in dist).
import { threadId } from 'node:worker_threads';

export function echo(input: { text: string }): { text: string; threadId: number } {
  return { text: input.text.toUpperCase(), threadId };
}

/** Keeps the thread busy for `ms`, as parsing or training would. */
export function spin(input: { ms: number }): number {
  const until = Date.now() + input.ms;
  let n = 0;
  while (Date.now() < until) n++;
  return n;
}

/** Allocates until the heap limit stops it. */
export function hog(): number {
  const kept: number[][] = [];
  for (;;) kept.push(new Array<number>(1_000_000).fill(kept.length + 0.5));
}

export function fail(input: { message: string }): never {
  throw new Error(input.message);
}
