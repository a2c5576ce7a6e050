import { expect } from '@jest/globals';
import { Client } from 'pg';
import { TestApp, type TestUser, type TranscriptView } from '../../../test/test-app';

const INTERVIEW = `Interviewer: How do you plan a research week?
Ana: We plan on Mondays. Schedulling acros time zones is the hardest part, honestly.
Interviewer: What would make it easier?
Ana: A shared calender that shows everyone's working hours.
Ben: I agree with that completely.
Ana: Also the dashboard is confusing and slow.
Ben: Yes, slow.
`;

const CORRECT = `mutation($i: CorrectSegmentInput!) { correctSegment(input: $i) {
  segment { id text speaker editedAt participant { id displayName } }
  reanchoredCount flagged { id quote needsAttention } } }`;
const HIGHLIGHTS = `query($f: HighlightFilter!) { highlights(filter: $f, first: 100) { totalCount edges { node {
  id quote needsAttention start { segmentId offset } end { segmentId offset } participant { id displayName } } } } }`;

interface Correction {
  segment: {
    id: string;
    text: string;
    speaker: string | null;
    editedAt: string | null;
    participant: { id: string; displayName: string } | null;
  };
  reanchoredCount: number;
  flagged: { id: string; quote: string; needsAttention: boolean }[];
}
interface Node {
  id: string;
  quote: string;
  needsAttention: boolean;
  start: { segmentId: string; offset: number };
  end: { segmentId: string; offset: number };
  participant: { id: string; displayName: string } | null;
}

describe('transcript corrections re-anchor highlights', () => {
  let t: TestApp;
  let owner: TestUser;
  let projectId: string;
  let workspaceId: string;
  let tr: TranscriptView;

  const turn = async (i: number) => (await t.waitForTranscript(tr.id, owner.token)).segments[i]!;
  const highlight = async (from: [number, string], to: [number, string] | null = null) => {
    const s = await turn(from[0]);
    const e = to ? await turn(to[0]) : s;
    const start = s.text.indexOf(from[1]);
    const end = to ? e.text.indexOf(to[1]) + to[1].length : start + from[1].length;
    if (start < 0 || end < 0) throw new Error(`not in the turn: ${from[1]}`);
    const res = await t.ok<{ createHighlight: { id: string; quote: string } }>(
      `mutation($i: CreateHighlightInput!) { createHighlight(input: $i) { id quote } }`,
      {
        i: {
          transcriptId: tr.id,
          start: { segmentId: s.id, offset: start },
          end: { segmentId: e.id, offset: end },
        },
      },
      owner.token,
    );
    return res.createHighlight;
  };
  const correct = async (
    i: number,
    input: { text?: string; participantId?: string; expectedText?: string },
    token = owner.token,
  ) =>
    t.gql<{ correctSegment: Correction }>(
      CORRECT,
      { i: { segmentId: (await turn(i)).id, ...input } },
      token,
    );
  const fix = async (i: number, input: { text?: string; participantId?: string }) => {
    const res = await correct(i, input);
    if (res.errors?.length) throw new Error(JSON.stringify(res.errors));
    return res.data!.correctSegment;
  };
  const list = async (f: object = {}) =>
    (
      await t.ok<{ highlights: { totalCount: number; edges: { node: Node }[] } }>(
        HIGHLIGHTS,
        { f: { projectId, transcriptId: tr.id, ...f } },
        owner.token,
      )
    ).highlights;
  const get = async (id: string) => (await list()).edges.find((e) => e.node.id === id)!.node;

  /** Every highlight that is not flagged quotes exactly the transcript text between its positions. */
  const expectExactQuotes = async () => {
    const { segments } = await t.waitForTranscript(tr.id, owner.token);
    const index = new Map(segments.map((s, i) => [s.id, i]));
    for (const { node } of (await list({ needsAttention: false })).edges) {
      const a = index.get(node.start.segmentId)!;
      const b = index.get(node.end.segmentId)!;
      const text =
        a === b
          ? segments[a]!.text.slice(node.start.offset, node.end.offset)
          : [
              segments[a]!.text.slice(node.start.offset),
              ...segments.slice(a + 1, b).map((s) => s.text),
              segments[b]!.text.slice(0, node.end.offset),
            ].join('\n');
      expect(node.quote).toBe(text);
    }
  };

  beforeAll(async () => {
    t = await TestApp.start();
    const p = await t.newProject();
    owner = p.user;
    projectId = p.projectId;
    workspaceId = p.workspaceId;
    tr = await t.uploadAndWait(projectId, owner.token, {
      name: 'week.txt',
      bytes: INTERVIEW,
      title: 'Planning week',
    });
  }, 120_000);
  afterAll(() => t.close());

  it('follows a quote when the text before it changes, and fixes a typo inside a quote', async () => {
    const hardest = await highlight([1, 'the hardest part']);
    const typo = await highlight([1, 'Schedulling acros time zones']);
    const res = await fix(1, {
      text: 'Well, we usually plan on Monday mornings. Scheduling across time zones is the hardest part, honestly.',
    });
    expect(res.reanchoredCount).toBe(2);
    expect(res.flagged).toEqual([]);
    expect(res.segment.editedAt).not.toBeNull();
    const read = await t.ok<{
      transcript: { segments: { index: number; editedAt: string | null }[] };
    }>(
      'query($id: ID!) { transcript(id: $id) { segments { index editedAt } } }',
      { id: tr.id },
      owner.token,
    );
    expect(read.transcript.segments.filter((s) => s.editedAt).map((s) => s.index)).toEqual([1]);
    expect((await get(hardest.id)).quote).toBe('the hardest part');
    expect((await get(typo.id)).quote).toBe('Scheduling across time zones');
    await expectExactQuotes();
  });

  it('keeps cross-turn quotes exact when a turn in the middle or at either end changes', async () => {
    const across = await highlight([1, 'honestly.'], [3, 'A shared calender']);
    await fix(2, { text: 'And what would make planning easier for you?' });
    expect((await get(across.id)).quote).toBe(
      'honestly.\nAnd what would make planning easier for you?\nA shared calender',
    );
    const res = await fix(3, { text: 'A shared calendar that shows everyone’s working hours.' });
    expect(res.flagged).toEqual([]);
    expect((await get(across.id)).quote).toBe(
      'honestly.\nAnd what would make planning easier for you?\nA shared calendar',
    );
    await fix(1, {
      text: 'Well, we usually plan on Monday mornings. Scheduling across time zones is the hardest part, truthfully, honestly.',
    });
    expect((await get(across.id)).quote).toBe(
      'honestly.\nAnd what would make planning easier for you?\nA shared calendar',
    );
    await expectExactQuotes();
  });

  it('lets an editor put a flagged highlight on new words, which clears the flag', async () => {
    const slow = await highlight([6, 'Yes, slow']);
    const res = await fix(6, { text: 'Right, it lags.' });
    expect(res.flagged.map((h) => h.id)).toEqual([slow.id]);
    const s = await turn(6);
    const UPDATE = `mutation($i: UpdateHighlightInput!) { updateHighlight(input: $i) { id quote needsAttention } }`;
    const half = await t.gql(
      UPDATE,
      { i: { id: slow.id, start: { segmentId: s.id, offset: 7 } } },
      owner.token,
    );
    expect(half.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const moved = await t.ok<{
      updateHighlight: { id: string; quote: string; needsAttention: boolean };
    }>(
      UPDATE,
      {
        i: {
          id: slow.id,
          start: { segmentId: s.id, offset: 7 },
          end: { segmentId: s.id, offset: 14 },
        },
      },
      owner.token,
    );
    expect(moved.updateHighlight).toEqual({ id: slow.id, quote: 'it lags', needsAttention: false });
    expect((await list({ needsAttention: true })).edges.some((e) => e.node.id === slow.id)).toBe(
      false,
    );
    await expectExactQuotes();
  });

  it('re-anchors overlapping highlights in the same turn independently', async () => {
    const wide = await highlight([5, 'the dashboard is confusing and slow']);
    const narrow = await highlight([5, 'dashboard is confusing']);
    const tail = await highlight([5, 'confusing and slow']);
    const res = await fix(5, { text: 'Also, honestly, the dashbord is confusing and so slow.' });
    expect(res.flagged).toEqual([]);
    expect(res.reanchoredCount).toBe(3);
    expect((await get(wide.id)).quote).toBe('the dashbord is confusing and so slow');
    expect((await get(narrow.id)).quote).toBe('dashbord is confusing');
    expect((await get(tail.id)).quote).toBe('confusing and so slow');
    await expectExactQuotes();
  });

  it('flags a highlight whose words were deleted, keeps it, and lists it as needing attention', async () => {
    const agree = await highlight([4, 'agree with that completely']);
    const res = await fix(4, { text: 'No.' });
    expect(res.reanchoredCount).toBe(0);
    expect(res.flagged).toEqual([
      { id: agree.id, quote: 'agree with that completely', needsAttention: true },
    ]);
    const flagged = await list({ needsAttention: true });
    expect(flagged.edges.map((e) => e.node.id)).toEqual([agree.id]);
    expect((await list({ needsAttention: false })).edges.some((e) => e.node.id === agree.id)).toBe(
      false,
    );
    await expectExactQuotes();
    // Putting the words back anchors it again.
    const back = await fix(4, { text: 'Yes, I agree with that completely.' });
    expect(back).toMatchObject({ reanchoredCount: 1, flagged: [] });
    expect(await get(agree.id)).toMatchObject({
      quote: 'agree with that completely',
      needsAttention: false,
    });
    await expectExactQuotes();
  });

  it('changes the speaker and re-attributes highlights to them', async () => {
    const ben = tr.participants.find((p) => p.label === 'Ben')!;
    const said = await highlight([3, 'working hours']);
    expect((await get(said.id)).participant?.displayName).toBe('Ana');
    const res = await fix(3, { participantId: ben.id });
    expect(res.segment).toMatchObject({
      speaker: 'Ben',
      participant: { id: ben.id, displayName: 'Ben' },
    });
    expect((await get(said.id)).participant?.id).toBe(ben.id);
    const activity = await t.ok<{
      activity: { edges: { node: { verb: string; summary: string } }[] };
    }>(
      `query($w: ID!) { activity(workspaceId: $w) { edges { node { verb summary } } } }`,
      { w: workspaceId },
      owner.token,
    );
    expect(activity.activity.edges.map((e) => e.node)).toContainEqual({
      verb: 'segment.corrected',
      summary: expect.stringContaining('speaker of turn 4'),
    });
  });

  it('refuses a correction made on text someone changed since, and keeps their change', async () => {
    const before = (await turn(6)).text; // "Ben: Yes, slow."
    const mine = 'Yes, far too slow.';
    const theirs = 'Yes, slow, and it crashes.';
    // Both open the turn's editor on the same text and save at the same moment: one wins.
    const [a, b] = await Promise.all([
      correct(6, { text: mine, expectedText: before }),
      correct(6, { text: theirs, expectedText: before }),
    ]);
    const won = [a, b].filter((r) => !r.errors?.length);
    const lost = [a, b].filter((r) => r.errors?.length);
    expect(won).toHaveLength(1);
    expect(lost).toHaveLength(1);
    const current = won[0]!.data!.correctSegment.segment.text;
    expect([mine, theirs]).toContain(current);
    expect(lost[0]!.errors![0]!.extensions).toMatchObject({
      code: 'CONFLICT',
      currentText: current,
    });
    expect((await turn(6)).text).toBe(current);
    // Saved again on the text as it is now, the correction goes through.
    const again = await correct(6, { text: 'Yes, slow. It crashes too.', expectedText: current });
    expect(again.errors).toBeUndefined();
    expect((await turn(6)).text).toBe('Yes, slow. It crashes too.');
  });

  it('refuses empty, unchanged or oversized text and speakers of other projects', async () => {
    const code = async (i: number, input: object) =>
      (await correct(i, input)).errors?.[0]?.extensions?.code;
    const current = await turn(0);
    expect(await code(0, { text: '   ' })).toBe('BAD_USER_INPUT');
    expect(await code(0, { text: current.text })).toBe('BAD_USER_INPUT');
    expect(await code(0, {})).toBe('BAD_USER_INPUT');
    expect(await code(0, { text: 'x'.repeat(50_001) })).toBe('BAD_USER_INPUT');
    const other = await t.newProject(owner);
    const zoe = (
      await t.uploadAndWait(other.projectId, owner.token, {
        name: 'o.txt',
        bytes: 'Zoe: hello there\nYan: hi\nZoe: how are you?\nYan: fine\n',
      })
    ).participants[0]!;
    expect(await code(0, { participantId: zoe.id })).toBe('BAD_USER_INPUT');
    expect((await turn(0)).text).toBe(current.text);
  });

  it('lets only editors and owners correct; strangers see nothing', async () => {
    const join = (role: string) => t.join(owner, workspaceId, role, role);
    const before = (await turn(0)).text;
    for (const role of ['COMMENTER', 'VIEWER']) {
      const res = await correct(
        0,
        { text: 'Changed by someone who may not.' },
        (await join(role)).token,
      );
      expect(res.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    }
    const stranger = await t.signUp('Stranger');
    const res = await correct(0, { text: 'Changed by a stranger.' }, stranger.token);
    expect(res.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    expect(res.data).toBeNull();
    expect((await turn(0)).text).toBe(before);
    const editor = await join('EDITOR');
    expect(
      (await correct(0, { text: 'How do you plan your research week?' }, editor.token)).errors,
    ).toBeUndefined();
  });

  // Needs a second connection holding a row lock, which only a real PostgreSQL server has.
  (process.env['DATABASE_URL'] ? it : it.skip)(
    'takes the quote of a highlight made during a correction of its turn from the corrected text',
    async () => {
      const target = await turn(4);
      const corrected = 'Ben: Agreed, completely.'.slice(5);
      const editor = new Client({ connectionString: process.env['VERBATIM_TEST_DATABASE_URL'] });
      await editor.connect();
      try {
        // What correctSegment does: lock the turn, change its text, commit.
        await editor.query('BEGIN');
        await editor.query('SELECT id FROM segment WHERE id = $1 FOR UPDATE', [target.id]);
        const creating = t.gql<{ createHighlight: { quote: string } }>(
          `mutation($i: CreateHighlightInput!) { createHighlight(input: $i) { quote } }`,
          {
            i: {
              transcriptId: tr.id,
              start: { segmentId: target.id, offset: 0 },
              end: { segmentId: target.id, offset: 6 },
            },
          },
          owner.token,
        );
        // Give the highlight time to read the turn; without a lock of its own it would read the old text.
        await new Promise((r) => setTimeout(r, 300));
        await editor.query('UPDATE segment SET text = $2 WHERE id = $1', [target.id, corrected]);
        await editor.query('COMMIT');
        const res = await creating;
        expect(res.errors).toBeUndefined();
        expect(res.data!.createHighlight.quote).toBe(corrected.slice(0, 6));
      } finally {
        await editor.end();
      }
    },
  );
});
