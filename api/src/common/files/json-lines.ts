import { once } from 'node:events';
import { createReadStream, createWriteStream } from 'node:fs';
import { createInterface } from 'node:readline';

/**
 * Work files of JSON lines: what the event loop reads from the database, handed to a worker
 * thread that writes the user's file (CSV, XLSX, QDPX). One value a line. Each batch is encoded
 * into one write and backpressure is honoured, so a slow disk never buffers a whole export.
 */
export async function writeJsonLines<T>(
  target: string,
  batches: AsyncIterable<readonly T[]>,
  options: {
    signal?: AbortSignal;
    /** After each batch, with the values written so far (progress). */
    written?: (count: number) => Promise<void>;
  } = {},
): Promise<void> {
  const out = createWriteStream(target, { encoding: 'utf8' });
  const closed = once(out, 'close');
  try {
    let count = 0;
    for await (const batch of batches) {
      options.signal?.throwIfAborted();
      let text = '';
      for (const value of batch) text += `${JSON.stringify(value)}\n`;
      if (!out.write(text)) await once(out, 'drain');
      count += batch.length;
      await options.written?.(count);
    }
    out.end();
    await closed;
  } catch (error) {
    closed.catch(() => undefined);
    out.destroy();
    throw error;
  }
}

/** The values of a work file written by `writeJsonLines`, one at a time (in a worker thread). */
export async function* readJsonLines<T>(
  source: string,
  reviver?: (key: string, value: unknown) => unknown,
): AsyncGenerator<T> {
  const lines = createInterface({ input: createReadStream(source, 'utf8'), crlfDelay: Infinity });
  for await (const line of lines) if (line) yield JSON.parse(line, reviver) as T;
}
