import { DataSource } from 'typeorm';
import { type GqlResult, TestApp, type TestUser } from '../../../test/test-app';

// Comments: threads one level deep on highlights, turns, transcripts, themes and insights.

const COMMENT = `id body parentId createdAt editedAt deleted resolved replyCount
  author { id name } mentions { id } reactions { emoji count reactedByMe }`;
const ADD = `mutation($i: AddCommentInput!) { addComment(input: $i) { ${COMMENT} } }`;
const EDIT = `mutation($i: EditCommentInput!) { editComment(input: $i) { ${COMMENT} } }`;
const DELETE = `mutation($id: ID!) { deleteComment(id: $id) }`;
const RESOLVE = `mutation($id: ID!) { resolveThread(id: $id) { ${COMMENT} } }`;
const REOPEN = `mutation($id: ID!) { reopenThread(id: $id) { ${COMMENT} } }`;
const REACT = `mutation($id: ID!, $e: String!) { reactToComment(id: $id, emoji: $e) { ${COMMENT} } }`;
const LIST = `query($type: CommentTargetType!, $id: ID!, $first: Int, $after: String) {
  comments(targetType: $type, targetId: $id, first: $first, after: $after) {
    totalCount pageInfo { hasNextPage endCursor }
    edges { cursor node { ${COMMENT} replies { ${COMMENT} } } } } }`;

interface Comment {
  id: string;
  body: string;
  parentId: string | null;
  createdAt: string;
  editedAt: string | null;
  deleted: boolean;
  resolved: boolean;
  replyCount: number;
  author: { id: string; name: string } | null;
  mentions: { id: string }[];
  reactions: { emoji: string; count: number; reactedByMe: boolean }[];
}
interface Thread extends Comment {
  replies: Comment[];
}
interface Page {
  totalCount: number;
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
  edges: { cursor: string; node: Thread }[];
}
type Target = { targetType: string; targetId: string };

const codeOf = (res: GqlResult<unknown>) => res.errors?.[0]?.extensions?.code;

describe('comments', () => {
  let t: TestApp;
  let owner: TestUser;
  let editor: TestUser;
  let commenter: TestUser;
  let viewer: TestUser;
  let workspaceId: string;
  let projectId: string;
  let transcriptId: string;
  let segmentId: string;
  let highlightId: string;
  let themeId: string;
  let insightId: string;
  /** A highlight of another workspace, and its owner. */
  let foreignHighlightId: string;
  let outsider: TestUser;

  const add = async (target: Target, body: string, token = owner.token, extra = {}) =>
    (await t.ok<{ addComment: Comment }>(ADD, { i: { ...target, body, ...extra } }, token))
      .addComment;
  const list = async (target: Target, first = 20, after?: string, token = owner.token) =>
    (
      await t.ok<{ comments: Page }>(
        LIST,
        { type: target.targetType, id: target.targetId, first, after },
        token,
      )
    ).comments;

  async function newHighlight(token = owner.token): Promise<string> {
    const res = await t.ok<{ createHighlight: { id: string } }>(
      `mutation($i: CreateHighlightInput!) { createHighlight(input: $i) { id } }`,
      {
        i: {
          transcriptId,
          start: { segmentId, offset: 0 },
          end: { segmentId, offset: 5 },
        },
      },
      token,
    );
    return res.createHighlight.id;
  }
  const onNewHighlight = async (): Promise<Target> => ({
    targetType: 'HIGHLIGHT',
    targetId: await newHighlight(),
  });

  beforeAll(async () => {
    t = await TestApp.start();
    ({ user: owner, workspaceId, projectId } = await t.newProject());
    editor = await t.join(owner, workspaceId, 'EDITOR', 'Eda Editor');
    commenter = await t.join(owner, workspaceId, 'COMMENTER', 'Cora Commenter');
    viewer = await t.join(owner, workspaceId, 'VIEWER', 'Vic Viewer');
    const transcript = await t.importText(
      projectId,
      owner.token,
      'interview.txt',
      'Interviewer: How was onboarding?\nAna: Onboarding took me two weeks.\nInterviewer: Why?\nAna: The guide was out of date.\n',
    );
    transcriptId = transcript.id;
    segmentId = transcript.segments[1]!.id;
    highlightId = await newHighlight();
    const board = await t.ok<{ createBoard: { id: string } }>(
      `mutation($i: CreateBoardInput!) { createBoard(input: $i) { id } }`,
      { i: { projectId, name: 'Onboarding' } },
      owner.token,
    );
    const theme = await t.ok<{ createTheme: { id: string } }>(
      `mutation($i: CreateThemeInput!) { createTheme(input: $i) { id } }`,
      { i: { boardId: board.createBoard.id, title: 'Slow setup' } },
      owner.token,
    );
    themeId = theme.createTheme.id;
    const insight = await t.ok<{ createInsight: { id: string } }>(
      `mutation($i: CreateInsightInput!) { createInsight(input: $i) { id } }`,
      { i: { projectId, title: 'Onboarding is slow', highlightIds: [highlightId] } },
      owner.token,
    );
    insightId = insight.createInsight.id;

    const other = await t.newProject();
    outsider = other.user;
    const foreign = await t.importText(
      other.projectId,
      outsider.token,
      'other.txt',
      'Interviewer: Hi?\nBen: Pricing is confusing.\nInterviewer: How so?\nBen: Seats cost extra.\n',
    );
    const made = await t.ok<{ createHighlight: { id: string } }>(
      `mutation($i: CreateHighlightInput!) { createHighlight(input: $i) { id } }`,
      {
        i: {
          transcriptId: foreign.id,
          start: { segmentId: foreign.segments[1]!.id, offset: 0 },
          end: { segmentId: foreign.segments[1]!.id, offset: 7 },
        },
      },
      outsider.token,
    );
    foreignHighlightId = made.createHighlight.id;
  }, 120_000);
  afterAll(() => t.close());

  it('lists threads oldest first with their replies in order, page by page', async () => {
    const target = await onNewHighlight();
    const first = await add(target, 'First thread');
    const second = await add(target, 'Second thread', commenter.token);
    const third = await add(target, 'Third thread', editor.token);
    const r1 = await add(target, 'Reply one', commenter.token, { parentId: first.id });
    const r2 = await add(target, 'Reply two', viewer.token, { parentId: first.id }).catch(
      () => null,
    );
    expect(r2).toBeNull(); // a viewer cannot reply
    const r3 = await add(target, 'Reply three', editor.token, { parentId: first.id });

    const page1 = await list(target, 2);
    expect(page1.totalCount).toBe(3);
    expect(page1.pageInfo.hasNextPage).toBe(true);
    expect(page1.edges.map((e) => e.node.body)).toEqual(['First thread', 'Second thread']);
    expect(page1.edges[0]!.node.replies.map((r) => r.id)).toEqual([r1.id, r3.id]);
    expect(page1.edges[0]!.node.replies.map((r) => r.parentId)).toEqual([first.id, first.id]);
    expect(page1.edges[0]!.node.replyCount).toBe(2);
    expect(page1.edges[1]!.node.author?.name).toBe('Cora Commenter');

    const page2 = await list(target, 2, page1.pageInfo.endCursor!);
    expect(page2.edges.map((e) => e.node.id)).toEqual([third.id]);
    expect(page2.pageInfo.hasNextPage).toBe(false);
    expect(second.parentId).toBeNull();

    // A viewer reads the same threads.
    expect((await list(target, 10, undefined, viewer.token)).totalCount).toBe(3);
    // A cursor that is not one of this list's is refused.
    const bad = await t.gql(
      LIST,
      { type: 'HIGHLIGHT', id: target.targetId, first: 20, after: 'not-a-cursor' },
      owner.token,
    );
    expect(codeOf(bad)).toBe('BAD_USER_INPUT');
  });

  it('comments on every kind of target, and records each comment in the activity log', async () => {
    for (const [targetType, targetId] of [
      ['SEGMENT', segmentId],
      ['TRANSCRIPT', transcriptId],
      ['THEME', themeId],
      ['INSIGHT', insightId],
    ] as const) {
      const made = await add({ targetType, targetId }, `On a ${targetType.toLowerCase()}`);
      const page = await list({ targetType, targetId });
      expect(page.edges.map((e) => e.node.id)).toContain(made.id);
    }
    const activity = await t.ok<{
      activity: { edges: { node: { verb: string; summary: string } }[] };
    }>(
      `query($w: ID!) { activity(workspaceId: $w, first: 10) { edges { node { verb summary } } } }`,
      { w: workspaceId },
      viewer.token,
    );
    const added = activity.activity.edges.filter((e) => e.node.verb === 'comment.added');
    expect(added.map((e) => e.node.summary)).toContain('Ada Researcher commented on an insight');
  });

  it('lets only its author edit a comment, and marks it edited', async () => {
    const target = await onNewHighlight();
    const made = await add(target, 'Typo hree', commenter.token);
    expect(made.editedAt).toBeNull();
    const edited = (
      await t.ok<{ editComment: Comment }>(
        EDIT,
        { i: { id: made.id, body: '  Typo here  ' } },
        commenter.token,
      )
    ).editComment;
    expect(edited.body).toBe('Typo here');
    expect(edited.editedAt).not.toBeNull();
    for (const other of [owner, editor]) {
      const res = await t.gql(EDIT, { i: { id: made.id, body: 'Not mine' } }, other.token);
      expect(codeOf(res)).toBe('FORBIDDEN');
    }
    const [thread] = (await list(target)).edges;
    expect(thread!.node.body).toBe('Typo here');
  });

  it('deletes a comment without replies, and keeps one with replies as deleted', async () => {
    const target = await onNewHighlight();
    const lone = await add(target, 'Lonely', commenter.token);
    const root = await add(target, 'Has replies', commenter.token);
    const reply = await add(target, 'A reply', editor.token, { parentId: root.id });

    // Neither another commenter nor an editor may delete someone else's comment.
    expect(codeOf(await t.gql(DELETE, { id: lone.id }, editor.token))).toBe('FORBIDDEN');
    await t.ok(DELETE, { id: lone.id }, commenter.token);
    await t.ok(DELETE, { id: root.id }, owner.token); // an owner may

    let page = await list(target);
    expect(page.totalCount).toBe(1);
    const kept = page.edges[0]!.node;
    expect(kept).toMatchObject({ id: root.id, deleted: true, body: '' });
    expect(kept.replies.map((r) => r.body)).toEqual(['A reply']);
    // A deleted comment takes no replies, and cannot be edited.
    const late = await t.gql(
      ADD,
      { i: { ...target, body: 'Too late', parentId: root.id } },
      commenter.token,
    );
    expect(codeOf(late)).toBe('BAD_USER_INPUT');

    // Its last reply gone, the deleted root goes too.
    await t.ok(DELETE, { id: reply.id }, editor.token);
    page = await list(target);
    expect(page.totalCount).toBe(0);
  });

  it('resolves and reopens a thread through any of its comments', async () => {
    const target = await onNewHighlight();
    const root = await add(target, 'Should we rename this?');
    const reply = await add(target, 'Yes', commenter.token, { parentId: root.id });
    const resolved = (
      await t.ok<{ resolveThread: Comment }>(RESOLVE, { id: reply.id }, commenter.token)
    ).resolveThread;
    expect(resolved).toMatchObject({ id: root.id, resolved: true });
    let thread = (await list(target)).edges[0]!.node;
    expect(thread.resolved).toBe(true);
    expect(thread.replies[0]!.resolved).toBe(true);
    const reopened = (await t.ok<{ reopenThread: Comment }>(REOPEN, { id: root.id }, editor.token))
      .reopenThread;
    expect(reopened.resolved).toBe(false);
    thread = (await list(target)).edges[0]!.node;
    expect(thread.resolved).toBe(false);
    expect(codeOf(await t.gql(RESOLVE, { id: root.id }, viewer.token))).toBe('FORBIDDEN');
  });

  it('toggles a person’s reaction, counting each emoji once per person', async () => {
    const target = await onNewHighlight();
    const made = await add(target, 'Great quote');
    const react = async (token: string, e: string) =>
      (await t.ok<{ reactToComment: Comment }>(REACT, { id: made.id, e }, token)).reactToComment;
    await react(owner.token, '👍');
    await react(commenter.token, '👍');
    let after = await react(commenter.token, '🇩🇪');
    expect(after.reactions).toEqual([
      { emoji: '👍', count: 2, reactedByMe: true },
      { emoji: '🇩🇪', count: 1, reactedByMe: true },
    ]);
    after = await react(commenter.token, '👍');
    expect(after.reactions).toEqual([
      { emoji: '👍', count: 1, reactedByMe: false },
      { emoji: '🇩🇪', count: 1, reactedByMe: true },
    ]);
    const seen = (await list(target, 10, undefined, owner.token)).edges[0]!.node.reactions;
    expect(seen).toEqual([
      { emoji: '👍', count: 1, reactedByMe: true },
      { emoji: '🇩🇪', count: 1, reactedByMe: false },
    ]);
    for (const e of ['ok', '👍👍', '<script>', ''])
      expect(codeOf(await t.gql(REACT, { id: made.id, e }, owner.token))).toBe('BAD_USER_INPUT');
    expect(codeOf(await t.gql(REACT, { id: made.id, e: '👍' }, viewer.token))).toBe('FORBIDDEN');
  });

  it('lets commenters and above comment, and refuses viewers', async () => {
    const target = await onNewHighlight();
    for (const who of [owner, editor, commenter]) await add(target, 'I can', who.token);
    const res = await t.gql(ADD, { i: { ...target, body: 'Me too?' } }, viewer.token);
    expect(codeOf(res)).toBe('FORBIDDEN');
    expect(res.errors?.[0]?.message).toContain('commenter');
    expect((await list(target)).totalCount).toBe(3);
  });

  it('drops a mention of someone who cannot see the target, and refuses non-members', async () => {
    const restricted = await t.ok<{ createProject: { id: string } }>(
      `mutation($i: CreateProjectInput!) { createProject(input: $i) { id } }`,
      { i: { workspaceId, name: 'Board-level interviews' } },
      owner.token,
    );
    const secretProjectId = restricted.createProject.id;
    const secret = await t.importText(
      secretProjectId,
      owner.token,
      's.txt',
      'Interviewer: Why?\nCeo: Budget.\n',
    );
    await t.ok(
      `mutation($i: UpdateProjectAccessInput!) { updateProjectAccess(input: $i) { id } }`,
      { i: { projectId: secretProjectId, restricted: true, memberIds: [commenter.id] } },
      owner.token,
    );
    const target = { targetType: 'TRANSCRIPT', targetId: secret.id };
    const made = await add(target, '@Eda @Vic @Ada have a look', commenter.token, {
      mentionIds: [editor.id, viewer.id, owner.id],
    });
    // The owner sees every project; the editor and viewer are not on this one's list.
    expect(made.mentions.map((m) => m.id)).toEqual([owner.id]);
    const stored = (await list(target, 10, undefined, commenter.token)).edges[0]!.node;
    expect(stored.mentions.map((m) => m.id)).toEqual([owner.id]);
    // The editor cannot even find the thread.
    const hidden = await t.gql(
      LIST,
      { type: 'TRANSCRIPT', id: secret.id, first: 20 },
      editor.token,
    );
    expect(codeOf(hidden)).toBe('NOT_FOUND');

    // In an open project, members are mentioned; someone outside the workspace is refused.
    const open = await onNewHighlight();
    const mentioned = await add(open, 'cc @Vic', commenter.token, { mentionIds: [viewer.id] });
    expect(mentioned.mentions.map((m) => m.id)).toEqual([viewer.id]);
    const refused = await t.gql(
      ADD,
      { i: { ...open, body: 'cc', mentionIds: [outsider.id] } },
      commenter.token,
    );
    expect(codeOf(refused)).toBe('BAD_USER_INPUT');
  });

  it('tells the people it mentions, and on a reply the others who wrote in the thread', async () => {
    const NOTIFICATIONS = `query { notifications(first: 20) { edges { node {
      kind summary targetType targetId transcriptId actor { id } } } } }`;
    type Notice = {
      kind: string;
      summary: string;
      targetType: string;
      targetId: string;
      transcriptId: string | null;
      actor: { id: string } | null;
    };
    const noticesOf = async (user: TestUser, targetId: string): Promise<Notice[]> =>
      (
        await t.ok<{ notifications: { edges: { node: Notice }[] } }>(NOTIFICATIONS, {}, user.token)
      ).notifications.edges
        .map((e) => e.node)
        .filter((n) => n.targetId === targetId);

    const target = await onNewHighlight();
    const root = await add(target, 'Is this onboarding or pricing? @Vic', commenter.token, {
      mentionIds: [viewer.id],
    });
    expect(await noticesOf(viewer, target.targetId)).toEqual([
      {
        kind: 'MENTION',
        summary: 'Cora Commenter mentioned you in a comment on a highlight in “interview”',
        targetType: 'HIGHLIGHT',
        targetId: target.targetId,
        transcriptId,
        actor: { id: commenter.id },
      },
    ]);
    // Nobody is told about their own comment.
    expect(await noticesOf(commenter, target.targetId)).toEqual([]);

    // The editor replies, mentioning the viewer again: the thread's author is told of the reply,
    // the viewer of the mention only, the editor of nothing.
    await add(target, 'Onboarding. @Vic agrees', editor.token, {
      parentId: root.id,
      mentionIds: [viewer.id],
    });
    expect((await noticesOf(commenter, target.targetId)).map((n) => [n.kind, n.summary])).toEqual([
      ['REPLY', 'Eda Editor replied in a thread you wrote in, on a highlight in “interview”'],
    ]);
    expect((await noticesOf(viewer, target.targetId)).map((n) => n.kind)).toEqual([
      'MENTION',
      'MENTION',
    ]);
    expect(await noticesOf(editor, target.targetId)).toEqual([]);

    // A third person's reply tells both earlier writers.
    await add(target, 'Agreed.', owner.token, { parentId: root.id });
    expect((await noticesOf(editor, target.targetId)).map((n) => n.kind)).toEqual(['REPLY']);
    expect((await noticesOf(commenter, target.targetId)).map((n) => n.kind)).toEqual([
      'REPLY',
      'REPLY',
    ]);
  });

  it('answers NOT_FOUND for targets of another workspace or of another kind', async () => {
    const foreign = { targetType: 'HIGHLIGHT', targetId: foreignHighlightId };
    expect(codeOf(await t.gql(ADD, { i: { ...foreign, body: 'Hi' } }, owner.token))).toBe(
      'NOT_FOUND',
    );
    expect(
      codeOf(
        await t.gql(LIST, { type: 'HIGHLIGHT', id: foreignHighlightId, first: 20 }, owner.token),
      ),
    ).toBe('NOT_FOUND');
    // A highlight's id named as a theme's.
    const wrongKind = await t.gql(
      ADD,
      { i: { targetType: 'THEME', targetId: highlightId, body: 'Hi' } },
      owner.token,
    );
    expect(codeOf(wrongKind)).toBe('NOT_FOUND');
    // The other workspace's owner cannot touch our comments.
    const ours = await add(await onNewHighlight(), 'Ours');
    expect(codeOf(await t.gql(DELETE, { id: ours.id }, outsider.token))).toBe('NOT_FOUND');
    expect(codeOf(await t.gql(REACT, { id: ours.id, e: '👍' }, outsider.token))).toBe('NOT_FOUND');
  });

  it('keeps threads one level deep and on one target', async () => {
    const target = await onNewHighlight();
    const root = await add(target, 'Root');
    const reply = await add(target, 'Reply', owner.token, { parentId: root.id });
    const deeper = await t.gql(
      ADD,
      { i: { ...target, body: 'Reply to a reply', parentId: reply.id } },
      owner.token,
    );
    expect(codeOf(deeper)).toBe('BAD_USER_INPUT');
    const elsewhere = await t.gql(
      ADD,
      { i: { targetType: 'HIGHLIGHT', targetId: highlightId, body: 'x', parentId: root.id } },
      owner.token,
    );
    expect(codeOf(elsewhere)).toBe('BAD_USER_INPUT');
  });

  it('stores hostile Markdown as written and returns it unchanged', async () => {
    const target = await onNewHighlight();
    const body =
      '<script>alert(1)</script> [click](javascript:alert(document.cookie)) <img src=x onerror=alert(1)> **bold**';
    const made = await add(target, body);
    expect(made.body).toBe(body);
    expect((await list(target)).edges[0]!.node.body).toBe(body);
  });

  it('refuses empty and too long bodies with a clear message', async () => {
    const target = await onNewHighlight();
    const empty = await t.gql(ADD, { i: { ...target, body: '   \n ' } }, owner.token);
    expect(codeOf(empty)).toBe('BAD_USER_INPUT');
    expect(empty.errors?.[0]?.message).toBe('A comment must not be empty.');
    const long = await t.gql(ADD, { i: { ...target, body: 'a'.repeat(10_001) } }, owner.token);
    expect(codeOf(long)).toBe('BAD_USER_INPUT');
    expect(long.errors?.[0]?.message).toContain('at most 10,000 characters');
    await add(target, 'a'.repeat(10_000));
    const made = await add(target, 'short');
    const edit = await t.gql(EDIT, { i: { id: made.id, body: 'b'.repeat(10_001) } }, owner.token);
    expect(codeOf(edit)).toBe('BAD_USER_INPUT');
  });

  it('counts the comments of highlights, themes and insights, deleted ones not', async () => {
    const target = await onNewHighlight();
    const root = await add(target, 'One');
    await add(target, 'Two', commenter.token, { parentId: root.id });
    const gone = await add(target, 'Three');
    await t.ok(DELETE, { id: gone.id }, owner.token);
    const theme = { targetType: 'THEME', targetId: themeId };
    const insight = { targetType: 'INSIGHT', targetId: insightId };
    const themeBefore = (await list(theme)).edges.length;
    const insightBefore = (await list(insight)).edges.length;
    await add(theme, 'On the theme');
    await add(insight, 'On the insight');

    const highlights = await t.ok<{
      highlights: { edges: { node: { id: string; commentCount: number } }[] };
    }>(
      `query($f: HighlightFilter!) { highlights(filter: $f, first: 100) { edges { node { id commentCount } } } }`,
      { f: { projectId } },
      viewer.token,
    );
    const counted = highlights.highlights.edges.find((e) => e.node.id === target.targetId);
    expect(counted?.node.commentCount).toBe(2);
    const uncommented = await newHighlight();
    const again = await t.ok<{
      highlights: { edges: { node: { id: string; commentCount: number } }[] };
    }>(
      `query($f: HighlightFilter!) { highlights(filter: $f, first: 100) { edges { node { id commentCount } } } }`,
      { f: { projectId } },
      viewer.token,
    );
    expect(again.highlights.edges.find((e) => e.node.id === uncommented)?.node.commentCount).toBe(
      0,
    );

    const insightRes = await t.ok<{ insight: { commentCount: number } }>(
      `query($id: ID!) { insight(id: $id) { commentCount } }`,
      { id: insightId },
      viewer.token,
    );
    expect(insightRes.insight.commentCount).toBe(insightBefore + 1);
    const boards = await t.ok<{
      boards: { id: string }[];
    }>(`query($p: ID!) { boards(projectId: $p) { id } }`, { p: projectId }, viewer.token);
    const board = await t.ok<{ board: { themes: { id: string; commentCount: number }[] } }>(
      `query($id: ID!) { board(id: $id) { themes { id commentCount } } }`,
      { id: boards.boards[0]!.id },
      viewer.token,
    );
    expect(board.board.themes.find((x) => x.id === themeId)?.commentCount).toBe(themeBefore + 1);
  });
  it('moves the threads of a merged-away turn to the merged turn', async () => {
    const tr = await t.importText(
      projectId,
      owner.token,
      'merge.txt',
      'Interviewer: Tell me more?\nAna: It was slow.\nInterviewer: And then?\nAna: I gave up.\n',
    );
    const [a, b] = [tr.segments[1]!, tr.segments[2]!];
    const onA = await add({ targetType: 'SEGMENT', targetId: a.id }, 'On the first turn');
    const onB = await add({ targetType: 'SEGMENT', targetId: b.id }, 'On the second turn');
    const reply = await add({ targetType: 'SEGMENT', targetId: b.id }, 'A reply', owner.token, {
      parentId: onB.id,
    });
    await t.ok(
      `mutation($i: MergeSegmentsInput!) { mergeSegments(input: $i) { removedSegmentId } }`,
      { i: { firstSegmentId: a.id, secondSegmentId: b.id } },
      owner.token,
    );
    const page = await list({ targetType: 'SEGMENT', targetId: a.id });
    expect(page.edges.map((e) => e.node.id)).toEqual([onA.id, onB.id]);
    expect(page.edges[1]!.node.replies.map((r) => r.id)).toEqual([reply.id]);
  });

  it('deletes the comments of a deleted target, and of what it takes with it', async () => {
    const tr = await t.importText(
      projectId,
      owner.token,
      'gone.txt',
      'Interviewer: Anything else?\nAna: No.\nInterviewer: Sure?\nAna: Yes.\n',
    );
    const turn = tr.segments[1]!;
    const made = await t.ok<{ createHighlight: { id: string } }>(
      `mutation($i: CreateHighlightInput!) { createHighlight(input: $i) { id } }`,
      {
        i: {
          transcriptId: tr.id,
          start: { segmentId: turn.id, offset: 0 },
          end: { segmentId: turn.id, offset: 2 },
        },
      },
      owner.token,
    );
    const lone = await onNewHighlight();
    const ids = [
      (await add(lone, 'On a highlight deleted by itself')).id,
      (
        await add(
          { targetType: 'HIGHLIGHT', targetId: made.createHighlight.id },
          'On its highlight',
        )
      ).id,
      (await add({ targetType: 'SEGMENT', targetId: turn.id }, 'On its turn')).id,
      (await add({ targetType: 'TRANSCRIPT', targetId: tr.id }, 'On the transcript')).id,
    ];
    const root = await add({ targetType: 'TRANSCRIPT', targetId: tr.id }, 'Thread');
    ids.push(
      root.id,
      (
        await add({ targetType: 'TRANSCRIPT', targetId: tr.id }, 'Reply', commenter.token, {
          parentId: root.id,
        })
      ).id,
    );
    await t.ok(
      `mutation($id: ID!) { reactToComment(id: $id, emoji: "👍") { id } }`,
      { id: root.id },
      owner.token,
    );
    await t.ok(
      `mutation($id: ID!) { deleteHighlight(id: $id) }`,
      { id: lone.targetId },
      owner.token,
    );
    await t.ok(`mutation($id: ID!) { deleteTranscript(id: $id) }`, { id: tr.id }, owner.token);
    const left = await t.app
      .get(DataSource)
      .query<
        { n: number }[]
      >(`SELECT count(*)::int AS n FROM comment WHERE id = ANY($1::uuid[])`, [ids]);
    expect(left[0]!.n).toBe(0);
    expect(
      codeOf(await t.gql(LIST, { type: 'TRANSCRIPT', id: tr.id, first: 20 }, owner.token)),
    ).toBe('NOT_FOUND');
  });
});
