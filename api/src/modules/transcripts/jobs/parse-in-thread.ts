import path from 'node:path';
import { WorkerOutOfMemoryError, WorkerTimeoutError } from '../../../common/workers/worker-errors';
import { type WorkerPool } from '../../../common/workers/worker-pool';
import { workerTask } from '../../../common/workers/worker-task';
import {
  fromParseErrorData,
  needsTooMuchMemory,
  type StreamedTranscript,
  takesTooLong,
  turnsOf,
} from './parse-protocol';
import type * as ParseTask from './parse.task';

export const PARSE_FILE = workerTask<typeof ParseTask.parseFile>(
  path.join(__dirname, 'parse.task'),
  'parseFile',
);

/** Parses a stored original in the worker-thread pool; its turns are handed out in batches. */
export async function parseInThread(
  workers: WorkerPool,
  input: string,
  filename: string,
): Promise<StreamedTranscript> {
  const reply = await workers.run(PARSE_FILE, { path: input, filename }).catch((error: unknown) => {
    // Neither gets better on a retry: the researcher is told at once.
    if (error instanceof WorkerOutOfMemoryError) throw needsTooMuchMemory(error.limitMb);
    if (error instanceof WorkerTimeoutError) throw takesTooLong(error.timeoutMs);
    throw error;
  });
  if (!reply.ok) throw fromParseErrorData(reply.parseError);
  const { turns } = reply;
  return {
    format: reply.format,
    language: reply.language,
    detectedLanguage: reply.detectedLanguage,
    durationMs: reply.durationMs,
    speakers: turns.speakers.filter(Boolean),
    turnCount: turns.text.length,
    batches: function* (size) {
      for (let from = 0; from < turns.text.length; from += size)
        yield turnsOf(turns, from, from + size);
    },
    dispose: () => Promise.resolve(),
  };
}
