import { createClient } from 'graphql-ws';
import { DataSource } from 'typeorm';
import WebSocket from 'ws';
import { TestApp, TRANSCRIPT_QUERY, type TranscriptView } from '../../../test/test-app';
import { IngestService } from './ingest.service';

const ZOOM =
  'transcripts/zoom-export-zoomstudentengagement/GMT20240124-202901_Recording.transcript.vtt';

const REV_STYLE = `Interviewer:  Thanks for joining. Can you tell me how you plan a week of research?
Participant 1:  Sure. I usually start on Monday with the backlog, and then I pick the
interviews that are most urgent. [inaudible 00:01:15] After that it depends.
Interviewer:  What gets in the way?
Participant 1:  Mostly scheduling across time zones.
`;

describe('transcript ingestion', () => {
  let t: TestApp;
  beforeAll(async () => (t = await TestApp.start({ MAX_UPLOAD_BYTES: '256kb' })));
  afterAll(() => t.close());

  const count = async (projectId: string, token: string) =>
    (
      await t.ok<{ transcripts: { totalCount: number } }>(
        `query($p: ID!) { transcripts(projectId: $p) { totalCount } }`,
        { p: projectId },
        token,
      )
    ).transcripts.totalCount;

  it('turns a Zoom WebVTT upload into ordered, markup-free speaker turns and participants', async () => {
    const { user, projectId } = await t.newProject();
    const res = await t.uploadFixture(projectId, user.token, ZOOM);
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ status: 'UPLOADED' });
    const tr = await t.waitForTranscript(res.body['id'] as string, user.token);
    expect(tr).toMatchObject({ status: 'READY', format: 'WEBVTT', error: null, progress: 1 });
    expect(tr.segments.length).toBe(tr.segmentCount);
    expect(tr.segments.length).toBeGreaterThan(5);
    tr.segments.forEach((s, i) => {
      expect(s.index).toBe(i);
      if (i > 0) expect(s.startMs!).toBeGreaterThanOrEqual(tr.segments[i - 1]!.startMs!);
      expect(s.text).not.toMatch(/-->|<\/?v[ .>]|WEBVTT/);
    });
    const speakers = new Set(tr.segments.map((s) => s.speaker));
    expect(speakers.size).toBeGreaterThanOrEqual(2);
    expect(tr.participants.map((p) => p.label).sort()).toEqual([...speakers].sort());
    expect(tr.segments.every((s) => s.participant?.displayName === s.speaker)).toBe(true);
  });

  it('refuses identical bytes in the same project, naming the existing transcript', async () => {
    const { user, projectId } = await t.newProject();
    const first = await t.upload(projectId, user.token, { name: 'notes.txt', bytes: REV_STYLE });
    const again = await t.upload(projectId, user.token, { name: 'renamed.txt', bytes: REV_STYLE });
    expect(again.status).toBe(409);
    expect(again.body).toMatchObject({ code: 'CONFLICT', existingTranscriptId: first.body['id'] });
    expect(await count(projectId, user.token)).toBe(1);
    const other = await t.newProject(user);
    expect(
      (await t.upload(other.projectId, user.token, { name: 'notes.txt', bytes: REV_STYLE })).status,
    ).toBe(201);
  });

  it('marks the speaker who asks the questions as interviewer when no label says so, and never undoes a choice', async () => {
    const { user, projectId } = await t.newProject();
    const named = `Alex Moreno: How do you plan your week?
Priya Raman: I plan on Mondays with the whole team.
Alex Moreno: What gets in the way?
Priya Raman: Meetings across time zones. Who would not hate that?
Alex Moreno: And what helps?
Priya Raman: A shared calendar helps a lot.
`;
    const imported = async (content: string) => {
      const res = await t.ok<{ importTranscript: { id: string } }>(
        `mutation($i: ImportTranscriptInput!) { importTranscript(input: $i) { id } }`,
        { i: { projectId, filename: 'named.txt', content } },
        user.token,
      );
      return t.waitForTranscript(res.importTranscript.id, user.token);
    };
    const first = await imported(named);
    const role = (tr: TranscriptView, label: string) =>
      tr.participants.find((p) => p.label === label)!.isInterviewer;
    expect(role(first, 'Alex Moreno')).toBe(true);
    expect(role(first, 'Priya Raman')).toBe(false);

    // The researcher says Alex is a participant after all; another interview keeps that choice.
    const alex = first.participants.find((p) => p.label === 'Alex Moreno')!;
    await t.ok(
      `mutation($i: UpdateParticipantInput!) { updateParticipant(input: $i) { id } }`,
      { i: { id: alex.id, isInterviewer: false } },
      user.token,
    );
    const second = await imported(`${named}Alex Moreno: Anything else?\n`);
    expect(role(second, 'Alex Moreno')).toBe(false);

    // Two people who both ask and answer: nobody is guessed.
    const mixed = await imported(
      `Kim: Why? Because it is slow.\nLee: Really? Yes, slow.\nKim: Sure? Very.\nLee: Fine? Fine.\n`,
    );
    expect(mixed.participants.every((p) => !p.isInterviewer)).toBe(true);
  });

  it('imports pasted text, keeps speakers, and lets a researcher rename and mark the interviewer', async () => {
    const { user, projectId } = await t.newProject();
    const imported = await t.ok<{
      importTranscript: { id: string; status: string; title: string };
    }>(
      `mutation($i: ImportTranscriptInput!) { importTranscript(input: $i) { id status title } }`,
      { i: { projectId, filename: 'interview-3.txt', content: REV_STYLE } },
      user.token,
    );
    expect(imported.importTranscript.title).toBe('interview-3');
    const tr = await t.waitForTranscript(imported.importTranscript.id, user.token);
    expect(tr.status).toBe('READY');
    expect(tr.segments.map((s) => s.speaker)).toEqual([
      'Interviewer',
      'Participant 1',
      'Interviewer',
      'Participant 1',
    ]);
    expect(tr.segments[1]!.text).toContain('interviews that are most urgent');
    const interviewer = tr.participants.find((p) => p.label === 'Interviewer')!;
    expect(interviewer.isInterviewer).toBe(true);
    const p1 = tr.participants.find((p) => p.label === 'Participant 1')!;
    expect(p1.isInterviewer).toBe(false);
    expect(p1.color).toMatch(/^#[0-9a-f]{6}$/);
    const renamed = await t.ok<{
      updateParticipant: { displayName: string; segmentCount: number };
    }>(
      `mutation($i: UpdateParticipantInput!) { updateParticipant(input: $i) { displayName segmentCount } }`,
      { i: { id: p1.id, displayName: 'Priya (PM, Acme)' } },
      user.token,
    );
    expect(renamed.updateParticipant).toEqual({ displayName: 'Priya (PM, Acme)', segmentCount: 2 });
    const again = await t.ok<{ transcript: TranscriptView }>(
      TRANSCRIPT_QUERY,
      { id: tr.id },
      user.token,
    );
    expect(again.transcript.segments[1]!.participant!.displayName).toBe('Priya (PM, Acme)');
  });

  it('lets an editor fix the title and record the interview day; refuses a day that does not exist', async () => {
    const { user, projectId } = await t.newProject();
    const imported = await t.ok<{ importTranscript: { id: string } }>(
      `mutation($i: ImportTranscriptInput!) { importTranscript(input: $i) { id } }`,
      { i: { projectId, filename: 'zoom_0412.txt', content: REV_STYLE } },
      user.token,
    );
    const id = imported.importTranscript.id;
    await t.waitForTranscript(id, user.token);
    const UPDATE = `mutation($i: UpdateTranscriptInput!) { updateTranscript(input: $i) { title interviewDate } }`;
    const fixed = await t.ok<{ updateTranscript: { title: string; interviewDate: string } }>(
      UPDATE,
      { i: { id, title: 'Priya, product manager', interviewDate: '2026-02-28' } },
      user.token,
    );
    expect(fixed.updateTranscript).toEqual({
      title: 'Priya, product manager',
      interviewDate: '2026-02-28',
    });

    const impossible = await t.gql(UPDATE, { i: { id, interviewDate: '2026-02-30' } }, user.token);
    expect(impossible.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(impossible.errors?.[0]?.message).toContain('2026-02-30 is not a day of the calendar');
    const timed = await t.gql(UPDATE, { i: { id, interviewDate: '2026-02-28T10:00' } }, user.token);
    expect(timed.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');

    const cleared = await t.ok<{ updateTranscript: { title: string; interviewDate: null } }>(
      UPDATE,
      { i: { id, interviewDate: '' } },
      user.token,
    );
    expect(cleared.updateTranscript).toEqual({
      title: 'Priya, product manager',
      interviewDate: null,
    });
  });

  it('matches the interviewer across transcripts of a project, but not "Participant 1"', async () => {
    const { user, projectId } = await t.newProject();
    const a = await t.upload(projectId, user.token, { name: 'a.txt', bytes: REV_STYLE });
    const b = await t.upload(projectId, user.token, {
      name: 'b.txt',
      bytes: REV_STYLE.replace('Sure.', 'Of course.'),
    });
    const [ta, tb] = [
      await t.waitForTranscript(a.body['id'] as string, user.token),
      await t.waitForTranscript(b.body['id'] as string, user.token),
    ];
    const idOf = (tr: TranscriptView, label: string) =>
      tr.participants.find((p) => p.label === label)!.id;
    expect(idOf(ta, 'Interviewer')).toBe(idOf(tb, 'Interviewer'));
    // A generic label is somebody else in every interview.
    expect(idOf(ta, 'Participant 1')).not.toBe(idOf(tb, 'Participant 1'));
    const all = await t.ok<{ participants: { label: string; segmentCount: number }[] }>(
      `query($p: ID!) { participants(projectId: $p) { label segmentCount } }`,
      { p: projectId },
      user.token,
    );
    expect(all.participants).toEqual([
      { label: 'Interviewer', segmentCount: 4 },
      { label: 'Participant 1', segmentCount: 2 },
      { label: 'Participant 1', segmentCount: 2 },
    ]);
  });

  it.each([
    [
      'binary garbage',
      'random.vtt',
      Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919 + 13) % 256)),
      /binary|not a text/i,
    ],
    ['an empty file', 'empty.vtt', Buffer.from('WEBVTT\n\n'), /no (text|words|cues)|empty/i],
    [
      'text that is not UTF-8',
      'latin1.srt',
      Buffer.from('1\n00:00:01,000 --> 00:00:02,000\nCaf\xe9 cr\xe8me\n', 'latin1'),
      /UTF-8/,
    ],
  ])('marks %s FAILED with a reason a person can act on', async (_what, name, bytes, reason) => {
    const { user, projectId } = await t.newProject();
    const res = await t.upload(projectId, user.token, { name, bytes });
    expect(res.status).toBe(201);
    const tr = await t.waitForTranscript(res.body['id'] as string, user.token);
    expect(tr.status).toBe('FAILED');
    expect(tr.error).toMatch(reason);
    // The same file would fail the same way: no Retry is offered.
    expect(tr.retryable).toBe(false);
    expect(tr.segments).toEqual([]);
  });

  it('refuses an upload over MAX_UPLOAD_BYTES with 413 and keeps what was stored', async () => {
    const { user, projectId } = await t.newProject();
    await t.upload(projectId, user.token, { name: 'kept.txt', bytes: REV_STYLE });
    const huge = Buffer.alloc(300 * 1024, 'a');
    const res = await t.upload(projectId, user.token, { name: 'huge.txt', bytes: huge });
    expect(res.status).toBe(413);
    expect(res.body).toMatchObject({ code: 'PAYLOAD_TOO_LARGE' });
    expect(String(res.body['message'])).toMatch(/upload limit/);
    expect(await count(projectId, user.token)).toBe(1);
  });

  it('refuses a body declared far over the limit before reading it', async () => {
    const { user, projectId } = await t.newProject();
    const res = await t.upload(projectId, user.token, {
      name: 'film.txt',
      bytes: Buffer.alloc(4 * 1024 * 1024, 'b'),
    });
    expect(res.status).toBe(413);
    expect(res.body).toMatchObject({ code: 'PAYLOAD_TOO_LARGE', limitBytes: 256 * 1024 });
    expect(await count(projectId, user.token)).toBe(0);
  });

  it('refuses requests without a file, without a token, or for a project of another workspace', async () => {
    const { user, projectId } = await t.newProject();
    const noFile = await fetch(`${t.baseUrl}/api/projects/${projectId}/transcripts`, {
      method: 'POST',
      headers: { authorization: `Bearer ${user.token}` },
      body: (() => {
        const f = new FormData();
        f.append('title', 'x');
        return f;
      })(),
    });
    expect(noFile.status).toBe(400);
    expect(await noFile.json()).toMatchObject({ code: 'BAD_USER_INPUT' });
    expect((await t.upload(projectId, undefined, { name: 'a.txt', bytes: REV_STYLE })).status).toBe(
      401,
    );
    const mallory = await t.signUp('Mallory');
    const foreign = await t.upload(projectId, mallory.token, { name: 'a.txt', bytes: REV_STYLE });
    expect(foreign.status).toBe(404);
    expect(await count(projectId, user.token)).toBe(0);
  });

  it("hides another workspace's transcripts, segments and participants", async () => {
    const { user, projectId } = await t.newProject();
    const res = await t.upload(projectId, user.token, { name: 'secret.txt', bytes: REV_STYLE });
    const tr = await t.waitForTranscript(res.body['id'] as string, user.token);
    const mallory = await t.signUp('Mallory');
    const read = await t.gql(TRANSCRIPT_QUERY, { id: tr.id }, mallory.token);
    expect(read.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    expect(JSON.stringify(read)).not.toContain('time zones');
    const parts = await t.gql(
      `query($p: ID!) { participants(projectId: $p) { label } }`,
      { p: projectId },
      mallory.token,
    );
    expect(parts.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    const rename = await t.gql(
      `mutation($i: UpdateParticipantInput!) { updateParticipant(input: $i) { id } }`,
      { i: { id: tr.participants[0]!.id, displayName: 'pwned' } },
      mallory.token,
    );
    expect(rename.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    const del = await t.gql(
      `mutation($id: ID!) { deleteTranscript(id: $id) }`,
      { id: tr.id },
      mallory.token,
    );
    expect(del.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    const still = await t.ok<{ transcript: TranscriptView }>(
      TRANSCRIPT_QUERY,
      { id: tr.id },
      user.token,
    );
    expect(still.transcript.participants.map((p) => p.displayName)).not.toContain('pwned');
  });

  it('re-running an ingest job after a crash leaves exactly one copy of every turn', async () => {
    const { user, projectId } = await t.newProject();
    const res = await t.upload(projectId, user.token, { name: 'crash.txt', bytes: REV_STYLE });
    const id = res.body['id'] as string;
    await t.waitForTranscript(id, user.token);
    // Simulate a worker that died after writing segments but before marking READY.
    await t.app
      .get(DataSource)
      .query(`UPDATE transcript SET status = 'PROCESSING' WHERE id = $1`, [id]);
    await t.app
      .get(IngestService)
      .ingest({ transcriptId: id }, { jobId: 'retry', attempt: 2, isFinalAttempt: false });
    const tr = (await t.ok<{ transcript: TranscriptView }>(TRANSCRIPT_QUERY, { id }, user.token))
      .transcript;
    expect(tr.status).toBe('READY');
    expect(tr.segments.map((s) => s.index)).toEqual([0, 1, 2, 3]);
  });

  it('streams status changes to subscribers over graphql-ws', async () => {
    const { user, projectId } = await t.newProject();
    const client = createClient({
      url: t.baseUrl.replace('http', 'ws') + '/graphql',
      webSocketImpl: WebSocket,
      connectionParams: { authorization: `Bearer ${user.token}` },
    });
    const seen: string[] = [];
    const done = new Promise<void>((resolve, reject) => {
      client.subscribe<{ transcriptUpdated: { status: string } }>(
        {
          query: `subscription($p: ID!) { transcriptUpdated(projectId: $p) { id status progress } }`,
          variables: { p: projectId },
        },
        {
          next: (msg) => {
            const status = msg.data?.transcriptUpdated.status;
            if (status) seen.push(status);
            if (status === 'READY') resolve();
          },
          error: reject,
          complete: () => undefined,
        },
      );
    });
    await new Promise((r) => setTimeout(r, 300));
    await t.upload(projectId, user.token, { name: 'live.txt', bytes: REV_STYLE });
    await done;
    await client.dispose();
    expect(seen[0]).toBe('UPLOADED');
    expect(seen).toContain('PROCESSING');
    expect(seen.at(-1)).toBe('READY');
  });

  it('does not let a non-member subscribe to a project', async () => {
    const { projectId } = await t.newProject();
    const mallory = await t.signUp('Mallory');
    const client = createClient({
      url: t.baseUrl.replace('http', 'ws') + '/graphql',
      webSocketImpl: WebSocket,
      connectionParams: { authorization: `Bearer ${mallory.token}` },
    });
    const outcome = await new Promise<unknown>((resolve) => {
      client.subscribe(
        {
          query: `subscription($p: ID!) { transcriptUpdated(projectId: $p) { id } }`,
          variables: { p: projectId },
        },
        {
          next: (msg) => resolve(msg),
          error: (e) => resolve(e),
          complete: () => resolve('complete'),
        },
      );
    });
    await client.dispose();
    expect(JSON.stringify(outcome)).toMatch(/NOT_FOUND|not found/);
  });
});

describe('transcript ingestion in a child parser process', () => {
  let inChild: TestApp;
  let inProcess: TestApp;
  beforeAll(async () => {
    inChild = await TestApp.start({ PARSE_IN_CHILD_ABOVE: '0' });
    inProcess = await TestApp.start();
  });
  afterAll(async () => {
    await inChild.close();
    await inProcess.close();
  });

  it('stores exactly the turns the in-process parser stores', async () => {
    const a = await inChild.newProject();
    const b = await inProcess.newProject();
    const [ra, rb] = [
      await inChild.uploadFixture(a.projectId, a.user.token, ZOOM),
      await inProcess.uploadFixture(b.projectId, b.user.token, ZOOM),
    ];
    const ta = await inChild.waitForTranscript(ra.body['id'] as string, a.user.token);
    const tb = await inProcess.waitForTranscript(rb.body['id'] as string, b.user.token);
    expect(ta.status).toBe('READY');
    const shape = (t: TranscriptView) =>
      t.segments.map(({ index, speaker, startMs, endMs, text }) => ({
        index,
        speaker,
        startMs,
        endMs,
        text,
      }));
    expect(shape(ta)).toEqual(shape(tb));
    expect(ta.format).toBe(tb.format);
  });

  it('reports the parser’s own reason when the child refuses a file', async () => {
    const { user, projectId } = await inChild.newProject();
    const res = await inChild.upload(projectId, user.token, {
      name: 'bad.srt',
      bytes: Buffer.from('1\n00:00:01,000 --> 00:00:02,000\nCaf\xe9\n', 'latin1'),
    });
    const tr = await inChild.waitForTranscript(res.body['id'] as string, user.token);
    expect(tr.status).toBe('FAILED');
    expect(tr.error).toMatch(/UTF-8/);
  });
});

describe('transcript ingestion after a restart', () => {
  it('finishes transcripts that an in-process queue lost when the server stopped', async () => {
    const first = await TestApp.start();
    const { user, projectId } = await first.newProject();
    const res = await first.upload(projectId, user.token, {
      name: 'interrupted.txt',
      bytes: REV_STYLE,
    });
    const id = res.body['id'] as string;
    await first.waitForTranscript(id, user.token);
    // As if the process died mid-job: back to PROCESSING with nothing stored.
    await first.app
      .get(DataSource)
      .query(`UPDATE transcript SET status = 'PROCESSING', segment_count = 0 WHERE id = $1`, [id]);
    await first.app.get(DataSource).query(`DELETE FROM segment WHERE transcript_id = $1`, [id]);
    await first.close();
    if (process.env.REDIS_URL) return; // BullMQ keeps and retries its own jobs
    const second = await TestApp.start({ DATA_DIR: first.config.dataDir });
    try {
      const tr = await second.waitForTranscript(id, user.token);
      expect(tr.status).toBe('READY');
      expect(tr.segments).toHaveLength(4);
    } finally {
      await second.close();
    }
  });
});
