import { readFileSync } from 'node:fs';
import path from 'node:path';
import { makeDocx, makeZipBomb, writeZip } from '../../../../libs/transcript/src/testing/zip-files';
import { FIXTURES, TestApp } from '../../../test/test-app';

const BOMB_REFUSED =
  /^This DOCX file was refused: .*\(it looks like a “zip bomb”\)\. Open it in Word/;
const DAMAGED =
  'This DOCX file could not be read: it is damaged or not a Word document. Open it in Word and save it again as .docx, or export the transcript as .txt, .vtt or .srt.';
/** What the ZIP and XML readers say; none of it may reach the researcher. */
const INTERNALS =
  /central directory|signature|xmldom|End of data|offset|Corrupted zip|stack|\bat /i;

describe('hostile and damaged uploads', () => {
  let t: TestApp;
  beforeAll(async () => (t = await TestApp.start({ WORKER_THREAD_MEMORY: '96MB' })));
  afterAll(() => t.close());

  it('refuses four zip bombs uploaded at once with the clear message, and keeps answering meanwhile', async () => {
    const { user, projectId } = await t.newProject();
    const bombs = [
      // 1 GB of spaces from about 1 MB: far beyond any ratio a Word document has.
      makeZipBomb({ megabytes: 1024 }),
      // Sixteen entries sharing one 64 MB payload: 1 GB in all, as overlapping-entry bombs do.
      makeZipBomb({ megabytes: 64, entries: 16, overlapping: true }),
      // A central directory that claims 100 KB for what unpacks to 512 MB.
      makeZipBomb({ megabytes: 512, declaredBytes: 100_000 }),
      // Many entries, each under the ratio limit, that add up past the total.
      writeZip(
        Array.from({ length: 40 }, (_, i) => ({
          name: `word/media/image${i}.bin`,
          deflated: { payload: new Uint8Array(64 * 1024).fill(i), declaredSize: 8 * 1024 * 1024 },
        })),
      ),
    ];
    const rssBefore = process.memoryUsage().rss;
    const uploads = await Promise.all(
      bombs.map((bytes, i) =>
        t.upload(projectId, user.token, { name: `bomb-${i}.docx`, bytes: Buffer.from(bytes) }),
      ),
    );
    expect(uploads.map((u) => u.status)).toEqual([201, 201, 201, 201]);
    // The server keeps answering while it deals with them.
    const me = await t.ok<{ me: { id: string } }>(`{ me { id } }`, {}, user.token);
    expect(me.me.id).toBe(user.id);
    const results = await Promise.all(
      uploads.map((u) => t.waitForTranscript(u.body['id'] as string, user.token)),
    );
    for (const tr of results) {
      expect(tr.status).toBe('FAILED');
      expect(tr.error).toMatch(BOMB_REFUSED);
      expect(tr.segments).toEqual([]);
    }
    expect((await fetch(`${t.baseUrl}/health`)).status).toBe(200);
    // Unpacked, these four would take gigabytes; refused from their directories, nothing grows.
    expect(process.memoryUsage().rss - rssBefore).toBeLessThan(512 * 1024 * 1024);
  });

  it('refuses a damaged .docx with our message only, and reads a sound one uploaded next', async () => {
    const { user, projectId } = await t.newProject();
    const whole = readFileSync(
      path.join(FIXTURES, 'coded-datasets/llmcode-games-as-art/bopp_test_input.docx'),
    );
    const damaged = await t.upload(projectId, user.token, {
      name: 'interview.docx',
      bytes: whole.subarray(0, Math.floor(whole.length * 0.6)),
    });
    const tr = await t.waitForTranscript(damaged.body['id'] as string, user.token);
    expect(tr.status).toBe('FAILED');
    expect(tr.error).toBe(DAMAGED);
    expect(tr.error).not.toMatch(INTERNALS);

    const sound = await t.upload(projectId, user.token, { name: 'interview.docx', bytes: whole });
    const ok = await t.waitForTranscript(sound.body['id'] as string, user.token);
    expect(ok).toMatchObject({ status: 'READY', format: 'DOCX', error: null });
  });

  it('fails a file that needs more memory than a worker thread may use with a clear message, and parses the next file', async () => {
    const { user, projectId } = await t.newProject();
    // About 60 MB of Word XML (packed under 2 MB): mammoth's document tree outgrows a 96 MB heap.
    const lines = Array.from(
      { length: 120_000 },
      (_, i) => `Speaker ${i % 3}: sentence number ${i} of a very long interview, about nothing.`,
    );
    const big = await t.upload(projectId, user.token, {
      name: 'huge.docx',
      bytes: Buffer.from(makeDocx(lines)),
    });
    const tr = await t.waitForTranscript(big.body['id'] as string, user.token);
    expect(tr.status).toBe('FAILED');
    expect(tr.error).toBe(
      'This file needs more memory to read than the server allows (96 MB). Split it into smaller files and upload those.',
    );
    const next = await t.upload(projectId, user.token, {
      name: 'short.txt',
      bytes: 'Ann: Hello.\nBo: Hi there.\nAnn: Shall we start?\n',
    });
    expect((await t.waitForTranscript(next.body['id'] as string, user.token)).status).toBe('READY');
  });
});
