import { expect } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import http from 'node:http';
import net from 'node:net';
import { TestApp } from '../../../test/test-app';

const LIMIT = 256 * 1024;

/** One speaker line padded with words to exactly `bytes` bytes of UTF-8. */
function transcriptOfSize(bytes: number): Buffer {
  const head = 'Interviewer: How was onboarding?\nMaria: ';
  const body = Buffer.alloc(bytes, 'word ');
  body.write(head, 0, 'utf8');
  body[bytes - 1] = 0x0a;
  return body;
}

interface RawOutcome {
  status: number | null;
  body: string;
  /** A socket error the client saw (e.g. EPIPE, ECONNRESET), at any point. */
  error: string | null;
  /** How much of its body the client had sent when the answer arrived. */
  sentWhenAnswered: number | null;
  total: number;
}

/**
 * Sends a multipart upload over a real socket the way a plain HTTP client does: the whole body,
 * chunk by chunk with backpressure, whatever the server answers meanwhile (clients such as
 * Python's requests read the answer only once everything is sent). Node's client stops sending
 * once it has read a complete `Connection: close` answer. Resolves when the request is closed.
 */
function rawUpload(
  url: string,
  token: string,
  opts: { fileBytes: number; declareLength: boolean },
): Promise<RawOutcome> {
  const boundary = `----verbatim${randomUUID()}`;
  const head = Buffer.from(
    `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="huge.txt"\r\n` +
      `Content-Type: text/plain\r\n\r\n`,
  );
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
  const total = head.length + opts.fileBytes + tail.length;
  const chunk = Buffer.alloc(64 * 1024, 'a');
  return new Promise((resolve) => {
    const outcome: RawOutcome = {
      status: null,
      body: '',
      error: null,
      sentWhenAnswered: null,
      total,
    };
    let sent = 0;
    const req = http.request(url, {
      method: 'POST',
      agent: false,
      headers: {
        authorization: `Bearer ${token}`,
        'content-type': `multipart/form-data; boundary=${boundary}`,
        ...(opts.declareLength ? { 'content-length': String(total) } : {}),
      },
    });
    req.on('response', (res) => {
      outcome.status = res.statusCode ?? null;
      outcome.sentWhenAnswered = sent;
      res.setEncoding('utf8');
      res.on('data', (d: string) => (outcome.body += d));
      res.on('error', (e) => (outcome.error ??= e.message));
    });
    req.on('error', (e) => (outcome.error ??= (e as NodeJS.ErrnoException).code ?? e.message));
    req.on('close', () => resolve(outcome));
    const pump = () => {
      if (req.destroyed) return;
      if (sent === 0) {
        req.write(head);
        sent += head.length;
      }
      while (sent < total - tail.length) {
        const n = Math.min(chunk.length, total - tail.length - sent);
        sent += n;
        if (!req.write(n === chunk.length ? chunk : chunk.subarray(0, n))) {
          req.once('drain', pump);
          return;
        }
      }
      sent += tail.length;
      req.end(tail);
    };
    pump();
  });
}

/**
 * A client that sends its whole request, headers and body, without looking at anything the
 * server says meanwhile, and only then reads the answer (as Python's requests or a shell script
 * piping into a socket would).
 */
function stubbornUpload(
  baseUrl: string,
  path: string,
  token: string,
  fileBytes: number,
): Promise<{ status: number | null; body: string; error: string | null }> {
  const { hostname, port } = new URL(baseUrl);
  const boundary = `----verbatim${randomUUID()}`;
  const head = Buffer.from(
    `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="huge.txt"\r\n\r\n`,
  );
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
  const length = head.length + fileBytes + tail.length;
  const request = Buffer.from(
    `POST ${path} HTTP/1.1\r\nHost: ${hostname}:${port}\r\nAuthorization: Bearer ${token}\r\n` +
      `Content-Type: multipart/form-data; boundary=${boundary}\r\nContent-Length: ${length}\r\n\r\n`,
  );
  const chunk = Buffer.alloc(64 * 1024, 'b');
  return new Promise((resolve) => {
    let received = '';
    let error: string | null = null;
    const socket = net.connect(Number(port), hostname);
    socket.setEncoding('latin1');
    socket.on('data', (d: string) => (received += d));
    socket.on('error', (e) => (error ??= (e as NodeJS.ErrnoException).code ?? e.message));
    socket.on('close', () => {
      const [headers = '', body = ''] = received.split('\r\n\r\n');
      const status = /^HTTP\/1\.1 (\d{3})/.exec(headers)?.[1];
      resolve({ status: status ? Number(status) : null, body, error });
    });
    socket.on('connect', () => {
      let sent = 0;
      socket.write(request);
      socket.write(head);
      const pump = () => {
        while (sent < fileBytes) {
          const n = Math.min(chunk.length, fileBytes - sent);
          sent += n;
          if (!socket.write(n === chunk.length ? chunk : chunk.subarray(0, n))) {
            socket.once('drain', pump);
            return;
          }
        }
        socket.end(tail);
      };
      pump();
    });
  });
}

describe('transcript uploads', () => {
  let t: TestApp;
  beforeAll(async () => (t = await TestApp.start({ MAX_UPLOAD_BYTES: String(LIMIT) })));
  afterAll(() => t.close());

  const transcriptOf = async (id: string, token: string) =>
    (
      await t.ok<{ transcript: { title: string; filename: string } }>(
        `query($id: ID!) { transcript(id: $id) { title filename } }`,
        { id },
        token,
      )
    ).transcript;

  it('keeps a filename with accents, CJK and emoji as the browser sends it (raw UTF-8)', async () => {
    const { user, projectId } = await t.newProject();
    const name = 'Entrevista José Müller – 北京 🎤.txt';
    const res = await t.upload(projectId, user.token, {
      name,
      bytes: 'Interviewer: Hola?\nJosé: Sí.\n',
    });
    expect(res.status).toBe(201);
    const tr = await transcriptOf(res.body['id'] as string, user.token);
    expect(tr.filename).toBe(name);
    expect(tr.title).toBe('Entrevista José Müller – 北京 🎤');
  });

  it('reads an RFC 5987 filename* in preference to the plain filename', async () => {
    const { user, projectId } = await t.newProject();
    const name = 'Müller 訪談 😀.txt';
    const boundary = `----verbatim${randomUUID()}`;
    const body = Buffer.concat([
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="interview.txt"; ` +
          `filename*=UTF-8''${encodeURIComponent(name)}\r\nContent-Type: text/plain\r\n\r\n`,
      ),
      Buffer.from('Interviewer: Hallo?\nMüller: Ja.\n'),
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]);
    const res = await fetch(`${t.baseUrl}/api/projects/${projectId}/transcripts`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${user.token}`,
        'content-type': `multipart/form-data; boundary=${boundary}`,
      },
      body,
    });
    expect(res.status).toBe(201);
    const { id } = (await res.json()) as { id: string };
    expect((await transcriptOf(id, user.token)).title).toBe('Müller 訪談 😀');
  });

  it('accepts a file of exactly MAX_UPLOAD_BYTES and refuses one byte more', async () => {
    const { user, projectId } = await t.newProject();
    const exact = await t.upload(projectId, user.token, {
      name: 'exact.txt',
      bytes: transcriptOfSize(LIMIT),
    });
    expect(exact.status).toBe(201);
    const over = transcriptOfSize(LIMIT + 1);
    over.write('Again', 60, 'utf8'); // other bytes than the accepted file, so no duplicate
    const more = await t.upload(projectId, user.token, { name: 'over.txt', bytes: over });
    expect(more.status).toBe(413);
    expect(more.body).toMatchObject({ code: 'PAYLOAD_TOO_LARGE', limitBytes: LIMIT });
  });

  it.each([
    ['declares its length', true],
    ['is sent in chunks without a declared length', false],
  ])(
    'answers a body far over the limit that %s with a 413 the client reads, every time',
    async (_how, declareLength) => {
      const { user, projectId } = await t.newProject();
      const url = `${t.baseUrl}/api/projects/${projectId}/transcripts`;
      for (let attempt = 0; attempt < 5; attempt++) {
        const outcome = await rawUpload(url, user.token, {
          fileBytes: 64 * LIMIT,
          declareLength,
        });
        // Never a reset: the client sends everything it wanted to and then reads the answer.
        expect({ attempt, status: outcome.status, error: outcome.error }).toEqual({
          attempt,
          status: 413,
          error: null,
        });
        expect(JSON.parse(outcome.body)).toMatchObject({
          code: 'PAYLOAD_TOO_LARGE',
          limitBytes: LIMIT,
          message: expect.stringMatching(/upload limit/),
        });
        // The answer comes as soon as the limit is passed, not after the whole body.
        expect(outcome.sentWhenAnswered).toBeLessThan(outcome.total);
      }
      // The server is none the worse: an ordinary upload still goes through.
      const ok = await t.upload(projectId, user.token, {
        name: 'small.txt',
        bytes: `Interviewer: ${randomUUID()}?\nMaria: Yes.\n`,
      });
      expect(ok.status).toBe(201);
    },
  );
  it('lets a client that sends its whole body before reading still read the 413', async () => {
    const { user, projectId } = await t.newProject();
    for (let attempt = 0; attempt < 3; attempt++) {
      const outcome = await stubbornUpload(
        t.baseUrl,
        `/api/projects/${projectId}/transcripts`,
        user.token,
        32 * LIMIT,
      );
      expect({ attempt, status: outcome.status, error: outcome.error }).toEqual({
        attempt,
        status: 413,
        error: null,
      });
      expect(JSON.parse(outcome.body)).toMatchObject({ code: 'PAYLOAD_TOO_LARGE' });
    }
  });
});
