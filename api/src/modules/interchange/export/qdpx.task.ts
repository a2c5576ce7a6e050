/**
 * Writes a `.qdpx` in a worker thread of the WorkerPool (see refi-renderers.ts): the project's
 * head (users, codebook, dates) comes with the task, its sources from a work file of JSON lines
 * that the job wrote as it read the transcripts one at a time. So the zip deflate and the XML of
 * twenty thousand codings never run on the api's event loop, and neither side holds every
 * transcript in memory.
 */
import { type QdaProjectInput, type QdaTextSourceInput, writeProject } from '@verbatim/interop';
import { createWriteStream } from 'node:fs';
import { pipeline } from 'node:stream/promises';
import { readJsonLines } from '../../../common/files/json-lines';

export interface WriteQdpxInput {
  /** Everything but the sources and notes; dates arrive as dates (structured clone). */
  project: Omit<QdaProjectInput, 'sources' | 'notes'>;
  /** JSON lines, one `QdaTextSourceInput` per line, in the order they are written. */
  sourcesPath: string;
  outPath: string;
}

export async function writeQdpx(input: WriteQdpxInput): Promise<{ sources: number }> {
  let sources = 0;
  const archive = writeProject(
    {
      ...input.project,
      sources: readJsonLines<QdaTextSourceInput>(input.sourcesPath, reviveDates),
      notes: [],
    },
    { onProgress: (p) => (sources = p.sources) },
  );
  await pipeline(archive, createWriteStream(input.outPath));
  return { sources };
}

/** JSON has no dates: the model's `…DateTime` fields come back as `Date`s. */
function reviveDates(key: string, value: unknown): unknown {
  return key.endsWith('DateTime') && typeof value === 'string' ? new Date(value) : value;
}
