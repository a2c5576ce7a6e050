import { describe, expect, it } from 'vitest';
import {
  type SendUpload,
  type UploadItem,
  type UploadOutcome,
  UploadQueue,
  uploadFraction,
} from './upload-queue';

function file(name: string, size = 10): File {
  return new File(['x'.repeat(size)], name, { type: 'text/plain' });
}

/** A transport whose requests the test settles by hand, in any order it likes. */
function manualTransport() {
  const calls: {
    name: string;
    progress: (l: number, t: number) => void;
    resolve: (o: UploadOutcome) => void;
    signal: AbortSignal;
  }[] = [];
  const send: SendUpload = (f, progress, signal) =>
    new Promise((resolve, reject) => {
      calls.push({ name: f.name, progress, resolve, signal });
      signal.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError')));
    });
  return { send, calls };
}

const tick = () => new Promise((r) => setTimeout(r, 0));
const states = (q: UploadQueue) => q.items().map((i) => `${i.name}:${i.state}`);

describe('UploadQueue', () => {
  it('sends files one after another, never two at once', async () => {
    const t = manualTransport();
    const queue = new UploadQueue(t.send);
    queue.add([file('a.vtt'), file('b.vtt')]);
    await tick();
    expect(t.calls.map((c) => c.name)).toEqual(['a.vtt']);
    expect(states(queue)).toEqual(['a.vtt:uploading', 'b.vtt:queued']);

    t.calls[0]!.resolve({ kind: 'created', id: 't1' });
    await tick();
    expect(t.calls.map((c) => c.name)).toEqual(['a.vtt', 'b.vtt']);
    expect(states(queue)).toEqual(['a.vtt:created', 'b.vtt:uploading']);

    t.calls[1]!.resolve({ kind: 'created', id: 't2' });
    await queue.whenIdle();
    expect(queue.busy()).toBe(false);
    expect(queue.items().map((i) => i.transcriptId)).toEqual(['t1', 't2']);
  });

  it('tracks byte progress of the file being sent', async () => {
    const t = manualTransport();
    const queue = new UploadQueue(t.send);
    queue.add([file('a.vtt', 200)]);
    await tick();
    t.calls[0]!.progress(50, 200);
    expect(uploadFraction(queue.items()[0]!)).toBe(0.25);
    t.calls[0]!.resolve({ kind: 'created', id: 't1' });
    await queue.whenIdle();
    expect(uploadFraction(queue.items()[0]!)).toBe(1);
  });

  it('keeps going after a refusal and reports duplicates with the original', async () => {
    const t = manualTransport();
    const settled: UploadItem[] = [];
    const queue = new UploadQueue(t.send, (item) => settled.push(item));
    queue.add([file('huge.vtt'), file('same.vtt'), file('ok.vtt')]);
    await tick();
    t.calls[0]!.resolve({
      kind: 'failed',
      code: 'PAYLOAD_TOO_LARGE',
      message: 'File exceeds 50 MB',
    });
    await tick();
    t.calls[1]!.resolve({
      kind: 'duplicate',
      existingTranscriptId: 't0',
      message: 'Already uploaded',
    });
    await tick();
    t.calls[2]!.resolve({ kind: 'created', id: 't3' });
    await queue.whenIdle();

    expect(states(queue)).toEqual(['huge.vtt:failed', 'same.vtt:duplicate', 'ok.vtt:created']);
    expect(queue.items()[0]).toMatchObject({
      code: 'PAYLOAD_TOO_LARGE',
      message: 'File exceeds 50 MB',
    });
    expect(queue.items()[1]).toMatchObject({ existingTranscriptId: 't0' });
    expect(settled.map((i) => i.state)).toEqual(['failed', 'duplicate', 'created']);
  });

  it('cancels a waiting file without sending it, and aborts the one in flight', async () => {
    const t = manualTransport();
    const queue = new UploadQueue(t.send);
    queue.add([file('a.vtt'), file('b.vtt'), file('c.vtt')]);
    await tick();
    const [a, b] = queue.items();
    queue.cancel(b!.key);
    queue.cancel(a!.key);
    await tick();
    expect(t.calls[0]!.signal.aborted).toBe(true);
    expect(t.calls.map((c) => c.name)).toEqual(['a.vtt', 'c.vtt']);
    expect(states(queue)).toEqual(['a.vtt:cancelled', 'b.vtt:cancelled', 'c.vtt:uploading']);

    t.calls[1]!.resolve({ kind: 'created', id: 't3' });
    await queue.whenIdle();
    queue.clearFinished();
    expect(queue.items()).toEqual([]);
  });
});
