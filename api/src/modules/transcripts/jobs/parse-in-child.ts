import { fork } from 'node:child_process';
import { createReadStream } from 'node:fs';
import { rm } from 'node:fs/promises';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { type Turn } from '@verbatim/transcript';
import {
  type ChildParseReply,
  type ChildParseRequest,
  fromParseErrorData,
  needsTooMuchMemory,
  type StreamedTranscript,
  takesTooLong,
} from './parse-protocol';

export type { StreamedTranscript } from './parse-protocol';

const PARSE_TIMEOUT_MS = 10 * 60_000;
/** Heap of the parser process: files above PARSE_IN_CHILD_ABOVE may be tens of MB of text. */
const CHILD_HEAP_MB = 4096;

/** Runs the parser in a child process (see parse-child.ts) and streams its turns back. */
export async function parseInChild(
  input: string,
  filename: string,
  workDir: string,
): Promise<StreamedTranscript> {
  const output = path.join(workDir, `${path.basename(input)}.${process.pid}.${Date.now()}.ndjson`);
  const reply = await runChild({ input, output, filename });
  if (!reply.ok) {
    await rm(output, { force: true });
    if ('parseError' in reply) throw fromParseErrorData(reply.parseError);
    throw new Error(`parser process failed: ${reply.message}`);
  }
  return {
    format: reply.format,
    language: reply.language,
    detectedLanguage: reply.detectedLanguage,
    durationMs: reply.durationMs,
    speakers: reply.speakers,
    turnCount: reply.turnCount,
    batches: (size) => readBatches(output, size),
    dispose: () => rm(output, { force: true }),
  };
}

async function* readBatches(file: string, size: number): AsyncIterable<Turn[]> {
  let batch: Turn[] = [];
  for await (const line of createInterface({
    input: createReadStream(file),
    crlfDelay: Infinity,
  })) {
    if (!line) continue;
    batch.push(JSON.parse(line) as Turn);
    if (batch.length >= size) {
      yield batch;
      batch = [];
    }
  }
  if (batch.length) yield batch;
}

function runChild(request: ChildParseRequest): Promise<ChildParseReply> {
  const script = path.join(__dirname, `parse-child${path.extname(__filename)}`);
  // Under ts (tests), the child compiles TypeScript and resolves the path aliases itself.
  const execArgv = __filename.endsWith('.ts')
    ? ['-r', 'ts-node/register/transpile-only', '-r', 'tsconfig-paths/register']
    : [];
  const child = fork(script, [], {
    execArgv: [...execArgv, `--max-old-space-size=${CHILD_HEAP_MB}`],
    env: {
      ...process.env,
      TS_NODE_PROJECT: path.resolve(__dirname, '../../../../tsconfig.spec.json'),
    },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  return new Promise((resolve, reject) => {
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, PARSE_TIMEOUT_MS);
    let replied = false;
    child.once('message', (reply: ChildParseReply) => {
      replied = true;
      resolve(reply);
    });
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      if (replied) return;
      // V8 aborts the process when its heap is full.
      if (signal === 'SIGABRT' || code === 134) reject(needsTooMuchMemory(CHILD_HEAP_MB));
      else if (timedOut) reject(takesTooLong(PARSE_TIMEOUT_MS));
      else
        reject(
          new Error(`parser process exited without a result (code ${code}, signal ${signal})`),
        );
    });
    child.send(request);
  });
}
