import { TestApp, type TestUser } from '../../../test/test-app';
import { type WsStream, wsSubscribe } from '../../../test/ws-client';

// Access is checked for every event a subscription delivers, not only when it starts.

const TRANSCRIPT_UPDATED = `subscription($p: ID!) { transcriptUpdated(projectId: $p) { id title segments { text } } }`;
const ANALYSIS_RUN_UPDATED = `subscription($p: ID!) { analysisRunUpdated(projectId: $p) { id status } }`;

interface TranscriptEvent {
  transcriptUpdated: { id: string; title: string; segments: { text: string }[] };
}
interface RunEvent {
  analysisRunUpdated: { id: string; status: string };
}

const codeOf = (s: WsStream<unknown>) => s.errors?.[0]?.extensions?.code;

describe('live subscriptions re-check access for every event', () => {
  let t: TestApp;
  beforeAll(async () => (t = await TestApp.start()));
  afterAll(() => t.close());

  const join = (owner: TestUser, workspaceId: string, role: string): Promise<TestUser> =>
    t.join(owner, workspaceId, role);

  /** An owner's project with one READY transcript, and two more members. */
  async function team(goesAs: 'EDITOR' | 'OWNER') {
    const { user: owner, workspaceId, projectId } = await t.newProject();
    const stays = await join(owner, workspaceId, 'EDITOR');
    const goes = await join(owner, workspaceId, goesAs);
    const uploaded = await t.upload(projectId, owner.token, {
      name: 'interview.txt',
      bytes: 'Ann: The export button is hidden.\nBob: Where did you look for it?\n',
    });
    const transcriptId = uploaded.body['id'] as string;
    await t.waitForTranscript(transcriptId, owner.token);
    return { owner, stays, goes, workspaceId, projectId, transcriptId };
  }

  type Team = Awaited<ReturnType<typeof team>>;

  const rename = (w: Team, title: string) =>
    t.ok(
      `mutation($i: UpdateTranscriptInput!) { updateTranscript(input: $i) { id } }`,
      { i: { id: w.transcriptId, title } },
      w.owner.token,
    );

  const analyse = async (w: Team): Promise<string> => {
    const started = await t.ok<{ startAnalysis: { id: string } }>(
      `mutation($i: StartAnalysisInput!) { startAnalysis(input: $i) { id } }`,
      { i: { projectId: w.projectId, transcriptIds: [w.transcriptId], mode: 'INDUCTIVE' } },
      w.owner.token,
    );
    await t.jobs.idle();
    return started.startAnalysis.id;
  };

  /** Triggers events until one reaches `stream`: then its subscription is in place. */
  async function primed<T>(
    stream: WsStream<T>,
    trigger: () => Promise<unknown>,
    received: (s: WsStream<T>) => boolean,
  ): Promise<void> {
    for (let i = 0; i < 40 && !received(stream); i++) {
      await trigger();
      await stream.until(received, 'an event', 500).catch(() => undefined);
    }
    expect(received(stream)).toBe(true);
  }
  const any = (s: WsStream<unknown>) => s.events.length > 0;

  const titled = (title: string) => (s: WsStream<TranscriptEvent>) =>
    s.events.some((e) => e.transcriptUpdated.title === title);
  const ofRun = (id: string) => (s: WsStream<RunEvent>) =>
    s.events.some((e) => e.analysisRunUpdated.id === id);

  /**
   * Both members receive events; after `change`, the remaining member still does and the other
   * receives nothing more: their subscriptions end with NOT_FOUND at the next event.
   */
  async function expectCutOff(w: Team, change: () => Promise<unknown>): Promise<void> {
    const streams = {
      staysTranscripts: wsSubscribe<TranscriptEvent>(t, w.stays.token, TRANSCRIPT_UPDATED, {
        p: w.projectId,
      }),
      goesTranscripts: wsSubscribe<TranscriptEvent>(t, w.goes.token, TRANSCRIPT_UPDATED, {
        p: w.projectId,
      }),
      staysRuns: wsSubscribe<RunEvent>(t, w.stays.token, ANALYSIS_RUN_UPDATED, { p: w.projectId }),
      goesRuns: wsSubscribe<RunEvent>(t, w.goes.token, ANALYSIS_RUN_UPDATED, { p: w.projectId }),
    };
    try {
      for (const stream of [streams.goesTranscripts, streams.staysTranscripts])
        await primed(stream, () => rename(w, 'before'), any);
      for (const stream of [streams.goesRuns, streams.staysRuns])
        await primed(stream, () => analyse(w), any);
      // Events carry what the subscriber asked for, full transcript text included.
      expect(streams.goesTranscripts.events[0]?.transcriptUpdated.segments[0]?.text).toContain(
        'The export button is hidden.',
      );

      await change();

      await rename(w, 'after');
      const secondRun = await analyse(w);
      await streams.staysTranscripts.until(titled('after'), 'a transcript event after the change');
      await streams.staysRuns.until(ofRun(secondRun), 'a run event after the change');
      await streams.goesTranscripts.until((s) => s.ended, 'the cut-off transcript stream to end');
      await streams.goesRuns.until((s) => s.ended, 'the cut-off run stream to end');
      expect(titled('after')(streams.goesTranscripts)).toBe(false);
      expect(ofRun(secondRun)(streams.goesRuns)).toBe(false);
      expect(codeOf(streams.goesTranscripts)).toBe('NOT_FOUND');
      expect(codeOf(streams.goesRuns)).toBe('NOT_FOUND');
      expect(streams.staysTranscripts.ended).toBe(false);
      expect(streams.staysRuns.ended).toBe(false);
    } finally {
      await Promise.all(Object.values(streams).map((s) => s.close()));
    }
  }

  it('stops delivering to a member removed mid-stream', async () => {
    const w = await team('EDITOR');
    await expectCutOff(w, () =>
      t.ok(
        `mutation($i: RemoveMemberInput!) { removeMember(input: $i) }`,
        { i: { workspaceId: w.workspaceId, userId: w.goes.id } },
        w.owner.token,
      ),
    );
  });

  it('stops delivering to an owner demoted out of a restricted project', async () => {
    const w = await team('OWNER');
    await t.ok(
      `mutation($i: UpdateProjectAccessInput!) { updateProjectAccess(input: $i) { id } }`,
      { i: { projectId: w.projectId, restricted: true, memberIds: [w.stays.id] } },
      w.owner.token,
    );
    await expectCutOff(w, () =>
      t.ok(
        `mutation($i: UpdateMemberRoleInput!) { updateMemberRole(input: $i) { role } }`,
        { i: { workspaceId: w.workspaceId, userId: w.goes.id, role: 'EDITOR' } },
        w.owner.token,
      ),
    );
  });

  it('stops delivering to a member a project is restricted away from', async () => {
    const w = await team('EDITOR');
    await expectCutOff(w, () =>
      t.ok(
        `mutation($i: UpdateProjectAccessInput!) { updateProjectAccess(input: $i) { id } }`,
        { i: { projectId: w.projectId, restricted: true, memberIds: [w.stays.id] } },
        w.owner.token,
      ),
    );
  });

  it('ends a running subscription when its user logs out everywhere', async () => {
    const w = await team('EDITOR');
    const stream = wsSubscribe<TranscriptEvent>(t, w.goes.token, TRANSCRIPT_UPDATED, {
      p: w.projectId,
    });
    try {
      await primed(stream, () => rename(w, 'before'), any);
      await t.ok(`mutation { logOutEverywhere }`, {}, w.goes.token);
      await stream.until((s) => s.ended, 'the stream to end');
      // 4403: the client refreshes its token (refused here: the session is over) and reconnects.
      expect(stream.closeCode).toBe(4403);
      await rename(w, 'after');
      expect(titled('after')(stream)).toBe(false);
    } finally {
      await stream.close();
    }
  });
});

describe('live subscriptions end with their token', () => {
  let t: TestApp;
  // Token times are whole seconds: a 3 s lifetime leaves a loaded machine time to subscribe.
  beforeAll(async () => (t = await TestApp.start({ ACCESS_TOKEN_TTL: '3s' })));
  afterAll(() => t.close());

  it('closes the connection with 4403 when the token it was opened with expires', async () => {
    const { user, projectId } = await t.newProject();
    const stream = wsSubscribe<TranscriptEvent>(t, user.token, TRANSCRIPT_UPDATED, {
      p: projectId,
    });
    try {
      await stream.until((s) => s.ended, 'the connection to close at token expiry', 20_000);
      expect(stream.closeCode).toBe(4403);
      expect(stream.events).toEqual([]);
    } finally {
      await stream.close();
    }
  });
});
