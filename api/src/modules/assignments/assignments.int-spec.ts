import { expect } from '@jest/globals';
import { TestApp, type TestUser } from '../../../test/test-app';

// Giving a transcript to code or a theme to review to a colleague: who may, who can be given
// it, what the assignee is told and sees in "My work", and what the project's activity says.

const INTERVIEW = `Interviewer: How did the trial go?
Nina: The trial ended before we had invited the whole team.
`;

const NODE = `id targetType targetId targetTitle projectId projectName transcriptId boardId boardName
  dueAt note doneAt createdAt assignee { id name } assignedBy { id name }`;

interface Assignment {
  id: string;
  targetType: string;
  targetId: string;
  targetTitle: string;
  projectId: string;
  projectName: string;
  transcriptId: string | null;
  boardId: string | null;
  boardName: string | null;
  dueAt: string | null;
  note: string;
  doneAt: string | null;
  assignee: { id: string; name: string };
  assignedBy: { id: string; name: string } | null;
}
interface Page {
  totalCount: number;
  edges: { node: Assignment }[];
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
}
interface Notice {
  kind: string;
  summary: string;
  targetType: string;
  targetId: string;
  transcriptId: string | null;
  boardId: string | null;
  actor: { name: string } | null;
}

const HOUR = 3600_000;
const inHours = (h: number) => new Date(Date.now() + h * HOUR).toISOString();

describe('assignments', () => {
  let t: TestApp;
  beforeAll(async () => (t = await TestApp.start()));
  afterAll(() => t.close());

  /** An owner (Olga), an editor (Vera) and a viewer (Cy), and a transcript of the project. */
  async function team() {
    const { user: olga, workspaceId, projectId } = await t.newProject();
    const vera = await t.join(olga, workspaceId, 'EDITOR', 'Vera Editor');
    const cy = await t.join(olga, workspaceId, 'VIEWER', 'Cy Viewer');
    const transcript = await t.importText(projectId, olga.token, 'nina.txt', INTERVIEW);
    return { olga, vera, cy, workspaceId, projectId, transcriptId: transcript.id };
  }

  const assign = (by: TestUser, input: Record<string, unknown>) =>
    t.gql<{ assign: Assignment }>(
      `mutation($i: AssignInput!) { assign(input: $i) { ${NODE} } }`,
      { i: input },
      by.token,
    );
  const assigned = async (by: TestUser, input: Record<string, unknown>) => {
    const res = await assign(by, input);
    if (!res.data) throw new Error(JSON.stringify(res.errors));
    return res.data.assign;
  };
  const myWork = async (user: TestUser, args: Record<string, unknown> = {}) =>
    (
      await t.ok<{ myWork: Page }>(
        `query($first: Int, $after: String, $includeDone: Boolean) {
           myWork(first: $first, after: $after, includeDone: $includeDone) {
             totalCount edges { node { ${NODE} } } pageInfo { hasNextPage endCursor } } }`,
        args,
        user.token,
      )
    ).myWork;
  const notices = async (user: TestUser) =>
    (
      await t.ok<{ notifications: { edges: { node: Notice }[] } }>(
        `{ notifications(first: 50) { edges { node {
           kind summary targetType targetId transcriptId boardId actor { name } } } } }`,
        {},
        user.token,
      )
    ).notifications.edges.map((e) => e.node);
  const onTranscript = async (user: TestUser, id: string) =>
    (
      await t.ok<{ transcript: { assignments: Assignment[] } }>(
        `query($id: ID!) { transcript(id: $id) { assignments { ${NODE} } } }`,
        { id },
        user.token,
      )
    ).transcript.assignments;
  const activity = async (user: TestUser, workspaceId: string) =>
    (
      await t.ok<{ activity: { edges: { node: { verb: string; summary: string } }[] } }>(
        `query($w: ID!) { activity(workspaceId: $w, first: 20) { edges { node { verb summary } } } }`,
        { w: workspaceId },
        user.token,
      )
    ).activity.edges
      .map((e) => e.node)
      .filter((a) => a.verb.startsWith('assignment.'));
  const setDone = (user: TestUser, id: string, done: boolean) =>
    t.gql<{ completeAssignment?: Assignment; reopenAssignment?: Assignment }>(
      `mutation($id: ID!) { ${done ? 'completeAssignment' : 'reopenAssignment'}(id: $id) { id doneAt } }`,
      { id },
      user.token,
    );
  const code = (res: { errors?: { extensions?: { code?: string } }[] }) =>
    res.errors?.[0]?.extensions?.code;

  it('gives a transcript to an editor, who is told, and sees it in My work and on the transcript', async () => {
    const w = await team();
    const due = inHours(72);
    const a = await assigned(w.olga, {
      targetType: 'TRANSCRIPT',
      targetId: w.transcriptId,
      assigneeId: w.vera.id,
      dueAt: due,
      note: '  Tag the pricing bits first.  ',
    });
    expect(a).toMatchObject({
      targetType: 'TRANSCRIPT',
      targetId: w.transcriptId,
      targetTitle: 'nina',
      projectId: w.projectId,
      projectName: 'Onboarding study',
      transcriptId: w.transcriptId,
      boardId: null,
      dueAt: due,
      note: 'Tag the pricing bits first.',
      doneAt: null,
      assignee: { id: w.vera.id, name: 'Vera Editor' },
      assignedBy: { id: w.olga.id, name: 'Ada Researcher' },
    });

    expect(await notices(w.vera)).toEqual([
      {
        kind: 'ASSIGNMENT',
        summary: 'Ada Researcher asked you to code “nina”',
        targetType: 'TRANSCRIPT',
        targetId: w.transcriptId,
        transcriptId: w.transcriptId,
        boardId: null,
        actor: { name: 'Ada Researcher' },
      },
    ]);
    expect(await notices(w.olga)).toEqual([]);
    const work = await myWork(w.vera);
    expect(work.totalCount).toBe(1);
    expect(work.edges.map((e) => e.node.id)).toEqual([a.id]);
    expect((await myWork(w.olga)).totalCount).toBe(0);
    // Everyone who reads the transcript sees who has it, a viewer too.
    expect((await onTranscript(w.cy, w.transcriptId)).map((x) => x.assignee.name)).toEqual([
      'Vera Editor',
    ]);
    expect(await activity(w.olga, w.workspaceId)).toEqual([
      { verb: 'assignment.assigned', summary: 'Ada Researcher asked Vera Editor to code “nina”' },
    ]);
  });

  it('gives a theme to review, opening on its board', async () => {
    const w = await team();
    const { createBoard } = await t.ok<{ createBoard: { id: string } }>(
      `mutation($i: CreateBoardInput!) { createBoard(input: $i) { id } }`,
      { i: { projectId: w.projectId, name: 'Synthesis' } },
      w.olga.token,
    );
    const { createTheme } = await t.ok<{ createTheme: { id: string } }>(
      `mutation($i: CreateThemeInput!) { createTheme(input: $i) { id } }`,
      { i: { boardId: createBoard.id, title: 'Pricing confusion' } },
      w.olga.token,
    );
    const a = await assigned(w.olga, {
      targetType: 'THEME',
      targetId: createTheme.id,
      assigneeId: w.vera.id,
    });
    expect(a).toMatchObject({
      targetTitle: 'Pricing confusion',
      transcriptId: null,
      boardId: createBoard.id,
      boardName: 'Synthesis',
      dueAt: null,
      note: '',
    });
    expect(await notices(w.vera)).toEqual([
      expect.objectContaining({
        kind: 'ASSIGNMENT',
        summary: 'Ada Researcher asked you to review the theme “Pricing confusion”',
        targetType: 'THEME',
        targetId: createTheme.id,
        boardId: createBoard.id,
      }),
    ]);
    const { board } = await t.ok<{
      board: { themes: { id: string; assignments: Assignment[] }[] };
    }>(
      `query($id: ID!) { board(id: $id) { themes { id assignments { id assignee { name } } } } }`,
      { id: createBoard.id },
      w.cy.token,
    );
    expect(board.themes[0]!.assignments.map((x) => x.assignee.name)).toEqual(['Vera Editor']);
  });

  it('changes the one assignment when the same person is assigned again, and reopens a done one', async () => {
    const w = await team();
    const input = { targetType: 'TRANSCRIPT', targetId: w.transcriptId, assigneeId: w.vera.id };
    const first = await assigned(w.olga, { ...input, dueAt: inHours(48) });
    const later = inHours(96);
    const again = await assigned(w.olga, { ...input, dueAt: later, note: 'No rush' });
    expect(again).toMatchObject({ id: first.id, dueAt: later, note: 'No rush' });
    expect((await onTranscript(w.olga, w.transcriptId)).length).toBe(1);
    expect((await notices(w.vera)).length).toBe(1);

    expect(code(await setDone(w.vera, first.id, true))).toBeUndefined();
    const reopened = await assigned(w.olga, { ...input, dueAt: later, note: 'No rush' });
    expect(reopened).toMatchObject({ id: first.id, doneAt: null });
    expect((await notices(w.vera)).map((n) => n.kind)).toEqual(['ASSIGNMENT', 'ASSIGNMENT']);
    expect((await activity(w.olga, w.workspaceId)).map((a) => a.verb)).toEqual([
      'assignment.assigned',
      'assignment.done',
      'assignment.changed',
      'assignment.assigned',
    ]);
  });

  it('refuses bad input with a clear message and changes nothing', async () => {
    const w = await team();
    const base = { targetType: 'TRANSCRIPT', targetId: w.transcriptId, assigneeId: w.vera.id };
    const refused = [
      await assign(w.olga, { ...base, dueAt: inHours(-1) }),
      await assign(w.olga, { ...base, dueAt: inHours(24 * 365 * 6) }),
      await assign(w.olga, { ...base, note: 'x'.repeat(501) }),
      await assign(w.olga, { ...base, assigneeId: 'not-an-id' }),
    ];
    expect(refused.map(code)).toEqual([
      'BAD_USER_INPUT',
      'BAD_USER_INPUT',
      'BAD_USER_INPUT',
      'BAD_USER_INPUT',
    ]);
    expect(refused.map((r) => r.errors?.[0]?.message)).toEqual([
      'dueAt must be in the future.',
      'dueAt must be within five years from now.',
      expect.stringContaining('note must be at most 500 characters'),
      expect.stringContaining('assigneeId must be a user id'),
    ]);
    expect(await onTranscript(w.olga, w.transcriptId)).toEqual([]);
    expect(await notices(w.vera)).toEqual([]);
  });

  it('assigns only members who can open the project, with one answer that reveals nothing', async () => {
    const w = await team();
    const stranger = await t.signUp('Sam Stranger');
    const outside = await assign(w.olga, {
      targetType: 'TRANSCRIPT',
      targetId: w.transcriptId,
      assigneeId: stranger.id,
    });
    // A project restricted to Olga and Cy: Vera is a member, but cannot open it.
    await t.ok(
      `mutation($i: UpdateProjectAccessInput!) { updateProjectAccess(input: $i) { id } }`,
      { i: { projectId: w.projectId, restricted: true, memberIds: [w.cy.id] } },
      w.olga.token,
    );
    const restricted = await assign(w.olga, {
      targetType: 'TRANSCRIPT',
      targetId: w.transcriptId,
      assigneeId: w.vera.id,
    });
    for (const res of [outside, restricted]) {
      expect(code(res)).toBe('BAD_USER_INPUT');
      expect(res.errors?.[0]?.message).toBe(
        'Only a member who can open this project can be assigned to it.',
      );
    }
    // A viewer can be given something to review.
    expect(
      (
        await assigned(w.olga, {
          targetType: 'TRANSCRIPT',
          targetId: w.transcriptId,
          assigneeId: w.cy.id,
        })
      ).assignee.name,
    ).toBe('Cy Viewer');
  });

  it('answers NOT_FOUND for another workspace’s transcript and assignment', async () => {
    const w = await team();
    const other = await team();
    const theirs = await assigned(other.olga, {
      targetType: 'TRANSCRIPT',
      targetId: other.transcriptId,
      assigneeId: other.vera.id,
    });
    const onTheirs = await assign(w.olga, {
      targetType: 'TRANSCRIPT',
      targetId: other.transcriptId,
      assigneeId: w.vera.id,
    });
    const takeBack = await t.gql(
      `mutation($id: ID!) { unassign(id: $id) }`,
      { id: theirs.id },
      w.olga.token,
    );
    expect([code(onTheirs), code(takeBack), code(await setDone(w.olga, theirs.id, true))]).toEqual([
      'NOT_FOUND',
      'NOT_FOUND',
      'NOT_FOUND',
    ]);
    expect((await myWork(other.vera)).edges[0]!.node.doneAt).toBeNull();
  });

  it('is marked done by its assignee or an editor, not by anyone else, and taken back by an editor', async () => {
    const w = await team();
    const forVera = await assigned(w.olga, {
      targetType: 'TRANSCRIPT',
      targetId: w.transcriptId,
      assigneeId: w.vera.id,
    });
    const forCy = await assigned(w.olga, {
      targetType: 'TRANSCRIPT',
      targetId: w.transcriptId,
      assigneeId: w.cy.id,
    });
    const cyOnVeras = await setDone(w.cy, forVera.id, true);
    expect(code(cyOnVeras)).toBe('FORBIDDEN');

    expect((await setDone(w.cy, forCy.id, true)).data?.completeAssignment?.doneAt).toBeTruthy();
    expect((await myWork(w.cy)).totalCount).toBe(0);
    const withDone = await myWork(w.cy, { includeDone: true });
    expect(withDone.edges.map((e) => [e.node.id, !!e.node.doneAt])).toEqual([[forCy.id, true]]);
    expect((await onTranscript(w.olga, w.transcriptId)).map((a) => a.id)).toEqual([forVera.id]);

    expect((await setDone(w.olga, forCy.id, false)).data?.reopenAssignment?.doneAt).toBeNull();
    expect((await myWork(w.cy)).totalCount).toBe(1);

    const viewerTakesBack = await t.gql(
      `mutation($id: ID!) { unassign(id: $id) }`,
      { id: forVera.id },
      w.cy.token,
    );
    expect(code(viewerTakesBack)).toBe('FORBIDDEN');
    await t.ok(`mutation($id: ID!) { unassign(id: $id) }`, { id: forVera.id }, w.vera.token);
    expect((await myWork(w.vera)).totalCount).toBe(0);
    expect((await activity(w.olga, w.workspaceId)).map((a) => a.summary)).toEqual([
      'Vera Editor took back their assignment to code “nina”',
      'Ada Researcher reopened Cy Viewer’s assignment to code “nina”',
      'Cy Viewer finished coding “nina”',
      'Ada Researcher asked Cy Viewer to code “nina”',
      'Ada Researcher asked Vera Editor to code “nina”',
    ]);
  });

  it('lists My work soonest due first, undated last, a page at a time', async () => {
    const w = await team();
    const ids: Record<string, string> = {};
    for (const [title, due] of [
      ['later', inHours(200)],
      ['undated', null],
      ['soon', inHours(30)],
    ] as const) {
      const tr = await t.importText(
        w.projectId,
        w.olga.token,
        `${title}.txt`,
        `${INTERVIEW}Interviewer: About ${title}?\n`,
      );
      ids[title] = (
        await assigned(w.olga, {
          targetType: 'TRANSCRIPT',
          targetId: tr.id,
          assigneeId: w.vera.id,
          dueAt: due,
        })
      ).targetTitle;
    }
    const first = await myWork(w.vera, { first: 2 });
    expect(first.totalCount).toBe(3);
    expect(first.pageInfo.hasNextPage).toBe(true);
    const rest = await myWork(w.vera, { first: 2, after: first.pageInfo.endCursor });
    expect(rest.pageInfo.hasNextPage).toBe(false);
    expect([...first.edges, ...rest.edges].map((e) => e.node.targetTitle)).toEqual([
      'soon',
      'later',
      'undated',
    ]);
    const bad = await t.gql(`{ myWork(after: "nonsense") { totalCount } }`, {}, w.vera.token);
    expect(code(bad)).toBe('BAD_USER_INPUT');
  });

  it('disappears from My work when the assignee can no longer open the project, and with the transcript', async () => {
    const w = await team();
    const a = await assigned(w.olga, {
      targetType: 'TRANSCRIPT',
      targetId: w.transcriptId,
      assigneeId: w.vera.id,
    });
    expect((await myWork(w.vera)).totalCount).toBe(1);
    await t.ok(
      `mutation($i: UpdateProjectAccessInput!) { updateProjectAccess(input: $i) { id } }`,
      { i: { projectId: w.projectId, restricted: true, memberIds: [w.cy.id] } },
      w.olga.token,
    );
    expect((await myWork(w.vera)).totalCount).toBe(0);
    expect(await onTranscript(w.olga, w.transcriptId)).toEqual([]);
    expect(code(await setDone(w.vera, a.id, true))).toBe('NOT_FOUND');
    // Access given back: the assignment is there again.
    await t.ok(
      `mutation($i: UpdateProjectAccessInput!) { updateProjectAccess(input: $i) { id } }`,
      { i: { projectId: w.projectId, restricted: false, memberIds: [] } },
      w.olga.token,
    );
    expect((await myWork(w.vera)).totalCount).toBe(1);

    await t.ok(
      `mutation($id: ID!) { deleteTranscript(id: $id) }`,
      { id: w.transcriptId },
      w.olga.token,
    );
    expect((await myWork(w.vera)).totalCount).toBe(0);
  });
});
