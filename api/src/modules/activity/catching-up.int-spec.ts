import { type GqlResult, TestApp, type TestUser } from '../../../test/test-app';

// Catching up: read markers per user and project, and the digest of what is new since.

const MARK = `mutation($p: ID!) { markProjectSeen(projectId: $p) }`;
const LAST_SEEN = `query($id: ID!) { project(id: $id) { id lastSeenAt } }`;
const LIST = `query($w: ID!) { projects(workspaceId: $w, first: 50) { edges { node { id lastSeenAt } } } }`;

const DIGEST = `query($p: ID!) { projectDigest(projectId: $p) { since sinceLastSeen
  newTranscripts { count items { id title } }
  newHighlights { count byTag { tag { id name } count } }
  newComments { count } mentions { count } newInsights { count items { id title } } boardMoves { count } } }`;

interface Digest {
  since: string;
  sinceLastSeen: boolean;
  newTranscripts: { count: number; items: { id: string; title: string }[] };
  newHighlights: { count: number; byTag: { tag: { id: string; name: string }; count: number }[] };
  newComments: { count: number };
  mentions: { count: number };
  newInsights: { count: number; items: { id: string; title: string }[] };
  boardMoves: { count: number };
}

const codeOf = (res: GqlResult<unknown>) => res.errors?.[0]?.extensions?.code;

describe('catching up', () => {
  let t: TestApp;
  let owner: TestUser;
  let colleague: TestUser;
  let outsider: TestUser;
  let workspaceId: string;
  let projectId: string;
  let secretProjectId: string;

  const lastSeen = async (id: string, token: string) =>
    (await t.ok<{ project: { lastSeenAt: string | null } }>(LAST_SEEN, { id }, token)).project
      .lastSeenAt;

  beforeAll(async () => {
    t = await TestApp.start();
    ({ user: owner, workspaceId, projectId } = await t.newProject());
    colleague = await t.join(owner, workspaceId, 'EDITOR', 'Cole League');
    outsider = await t.join(owner, workspaceId, 'EDITOR', 'Otto Outsider');
    const secret = await t.ok<{ createProject: { id: string } }>(
      `mutation($i: CreateProjectInput!) { createProject(input: $i) { id } }`,
      { i: { workspaceId, name: 'Secret study' } },
      owner.token,
    );
    secretProjectId = secret.createProject.id;
    await t.ok(
      `mutation($i: UpdateProjectAccessInput!) { updateProjectAccess(input: $i) { id } }`,
      { i: { projectId: secretProjectId, restricted: true, memberIds: [colleague.id] } },
      owner.token,
    );
  }, 120_000);
  afterAll(() => t.close());

  describe('read markers', () => {
    it("stores the caller's marker per project and shows it as lastSeenAt", async () => {
      expect(await lastSeen(projectId, colleague.token)).toBeNull();
      const marked = (
        await t.ok<{ markProjectSeen: string }>(MARK, { p: projectId }, colleague.token)
      ).markProjectSeen;
      expect(new Date(marked).getTime()).not.toBeNaN();
      expect(await lastSeen(projectId, colleague.token)).toBe(marked);
      // Someone else's marker, and another project, are untouched.
      expect(await lastSeen(projectId, owner.token)).toBeNull();
      expect(await lastSeen(secretProjectId, colleague.token)).toBeNull();

      // Marking again moves the marker forward (one row per user and project).
      const again = (
        await t.ok<{ markProjectSeen: string }>(MARK, { p: projectId }, colleague.token)
      ).markProjectSeen;
      expect(new Date(again).getTime()).toBeGreaterThanOrEqual(new Date(marked).getTime());
      const list = await t.ok<{
        projects: { edges: { node: { id: string; lastSeenAt: string | null } }[] };
      }>(LIST, { w: workspaceId }, colleague.token);
      const byId = new Map(list.projects.edges.map((e) => [e.node.id, e.node.lastSeenAt]));
      expect(byId.get(projectId)).toBe(again);
      expect(byId.get(secretProjectId)).toBeNull();
    });

    it('answers NOT_FOUND for a restricted project the caller is not on', async () => {
      const res = await t.gql(MARK, { p: secretProjectId }, outsider.token);
      expect(codeOf(res)).toBe('NOT_FOUND');
      expect(await lastSeen(secretProjectId, colleague.token)).toBeNull();
    });
  });

  describe('projectDigest', () => {
    const digest = async (p: string, token: string) =>
      (await t.ok<{ projectDigest: Digest }>(DIGEST, { p }, token)).projectDigest;

    /** `token`'s user imports a transcript, highlights it twice with tags, comments, writes an insight. */
    async function work(p: string, token: string, mentionIds: string[]) {
      const tr = await t.importText(
        p,
        token,
        'interview.txt',
        'Interviewer: How was onboarding?\nAna: Onboarding took me two weeks.\nInterviewer: Why?\nAna: The guide was out of date.\n',
      );
      const tag = async (name: string) =>
        (
          await t.ok<{ createTag: { id: string } }>(
            `mutation($i: CreateTagInput!) { createTag(input: $i) { id } }`,
            { i: { projectId: p, name } },
            token,
          )
        ).createTag.id;
      const slow = await tag(`Slow ${mentionIds.length}-${Math.random()}`);
      const docs = await tag(`Docs ${mentionIds.length}-${Math.random()}`);
      const highlight = async (segment: number, tagIds: string[]) =>
        (
          await t.ok<{ createHighlight: { id: string } }>(
            `mutation($i: CreateHighlightInput!) { createHighlight(input: $i) { id } }`,
            {
              i: {
                transcriptId: tr.id,
                start: { segmentId: tr.segments[segment]!.id, offset: 0 },
                end: { segmentId: tr.segments[segment]!.id, offset: 5 },
                tagIds,
              },
            },
            token,
          )
        ).createHighlight.id;
      const h1 = await highlight(1, [slow, docs]);
      await highlight(3, [docs]);
      await t.ok(
        `mutation($i: AddCommentInput!) { addComment(input: $i) { id } }`,
        { i: { targetType: 'HIGHLIGHT', targetId: h1, body: 'Have a look', mentionIds } },
        token,
      );
      const insight = await t.ok<{ createInsight: { id: string } }>(
        `mutation($i: CreateInsightInput!) { createInsight(input: $i) { id } }`,
        { i: { projectId: p, title: 'Onboarding is slow', highlightIds: [h1] } },
        token,
      );
      return { transcriptId: tr.id, slow, docs, insightId: insight.createInsight.id };
    }

    it('tells the caller what a colleague did, then nothing after markProjectSeen', async () => {
      const { projectId: p, user: me } = await t.newProject();
      const { workspaceId: w } = await t
        .ok<{
          project: { workspaceId: string };
        }>(`query($id: ID!) { project(id: $id) { workspaceId } }`, { id: p }, me.token)
        .then((d) => d.project);
      const other = await t.join(me, w, 'EDITOR', 'Cole League');
      const before = await digest(p, me.token);
      // Never seen: the last 7 days.
      expect(before.sinceLastSeen).toBe(false);
      const week = Date.now() - new Date(before.since).getTime();
      expect(week).toBeGreaterThanOrEqual(7 * 24 * 3600 * 1000 - 60_000);
      expect(before.newTranscripts.count).toBe(0);

      const done = await work(p, other.token, [me.id]);
      const d = await digest(p, me.token);
      expect(d.newTranscripts.count).toBe(1);
      expect(d.newTranscripts.items.map((i) => i.id)).toEqual([done.transcriptId]);
      expect(d.newHighlights.count).toBe(2);
      expect(d.newHighlights.byTag.map((b) => [b.tag.id, b.count])).toEqual([
        [done.docs, 2],
        [done.slow, 1],
      ]);
      expect(d.newComments.count).toBe(1);
      expect(d.mentions.count).toBe(1);
      expect(d.newInsights).toEqual({
        count: 1,
        items: [{ id: done.insightId, title: 'Onboarding is slow' }],
      });

      const marked = (await t.ok<{ markProjectSeen: string }>(MARK, { p }, me.token))
        .markProjectSeen;
      const after = await digest(p, me.token);
      expect(after.since).toBe(marked);
      expect(after.sinceLastSeen).toBe(true);
      expect(after).toMatchObject({
        newTranscripts: { count: 0, items: [] },
        newHighlights: { count: 0, byTag: [] },
        newComments: { count: 0 },
        mentions: { count: 0 },
        newInsights: { count: 0, items: [] },
        boardMoves: { count: 0 },
      });
    }, 60_000);

    it("does not count the caller's own work", async () => {
      const { projectId: p, user: me } = await t.newProject();
      await work(p, me.token, []);
      const d = await digest(p, me.token);
      expect(d).toMatchObject({
        newTranscripts: { count: 0 },
        newHighlights: { count: 0, byTag: [] },
        newComments: { count: 0 },
        mentions: { count: 0 },
        newInsights: { count: 0 },
      });
    }, 60_000);

    it('counts the board changes of others: cards moved to another column, boards made, cards added; not reorders, renames or the caller’s own', async () => {
      const { projectId: p, user: me, workspaceId: w } = await t.newProject();
      const transcript = await t.importText(
        p,
        me.token,
        'call.txt',
        'Ann: The export button is hidden.\n\nBob: Onboarding took two weeks.\n',
      );
      const highlightIds: string[] = [];
      for (const turn of transcript.segments) {
        const { createHighlight } = await t.ok<{ createHighlight: { id: string } }>(
          `mutation($i: CreateHighlightInput!) { createHighlight(input: $i) { id } }`,
          {
            i: {
              transcriptId: transcript.id,
              start: { segmentId: turn.id, offset: 0 },
              end: { segmentId: turn.id, offset: turn.text.length },
            },
          },
          me.token,
        );
        highlightIds.push(createHighlight.id);
      }
      const { createBoard } = await t.ok<{ createBoard: { id: string } }>(
        `mutation($i: CreateBoardInput!) { createBoard(input: $i) { id } }`,
        { i: { projectId: p, name: 'Synthesis' } },
        me.token,
      );
      const { createTheme } = await t.ok<{ createTheme: { id: string } }>(
        `mutation($i: CreateThemeInput!) { createTheme(input: $i) { id } }`,
        { i: { boardId: createBoard.id, title: 'Findability' } },
        me.token,
      );
      const { addCards } = await t.ok<{ addCards: { id: string; version: number }[] }>(
        `mutation($i: AddCardsInput!) { addCards(input: $i) { id version } }`,
        { i: { boardId: createBoard.id, highlightIds, themeId: null } },
        me.token,
      );
      await t.ok(`mutation($p: ID!) { markProjectSeen(projectId: $p) }`, { p }, me.token);
      const move = (
        token: string,
        card: { id: string; version: number },
        themeId: string | null,
        afterCardId: string | null = null,
      ) =>
        t.ok<{ moveCard: { id: string; version: number } }>(
          `mutation($i: MoveCardInput!) { moveCard(input: $i) { id version } }`,
          { i: { cardId: card.id, themeId, afterCardId, version: card.version } },
          token,
        );
      const other = await t.join(me, w, 'EDITOR');
      const [first, second] = addCards as [
        { id: string; version: number },
        { id: string; version: number },
      ];
      // A reorder within the unsorted column, and the caller's own move: nothing new.
      const reordered = (await move(other.token, first, null, second.id)).moveCard;
      await move(me.token, second, createTheme.id);
      expect((await digest(p, me.token)).boardMoves.count).toBe(0);
      // A colleague moves a card into the theme: one.
      await move(other.token, reordered, createTheme.id);
      expect((await digest(p, me.token)).boardMoves.count).toBe(1);
      // She makes a board and adds a card to it: two more. Renaming it is not counted.
      const theirs = await t.ok<{ createBoard: { id: string } }>(
        `mutation($i: CreateBoardInput!) { createBoard(input: $i) { id } }`,
        { i: { projectId: p, name: 'Hers' } },
        other.token,
      );
      await t.ok(
        `mutation($i: AddCardsInput!) { addCards(input: $i) { id } }`,
        { i: { boardId: theirs.createBoard.id, highlightIds: [highlightIds[0]], themeId: null } },
        other.token,
      );
      await t.ok(
        `mutation($i: UpdateBoardInput!) { updateBoard(input: $i) { id } }`,
        { i: { id: theirs.createBoard.id, name: 'Her board' } },
        other.token,
      );
      expect((await digest(p, me.token)).boardMoves.count).toBe(3);
    });

    it('answers NOT_FOUND for a restricted project the caller is not on', async () => {
      const res = await t.gql(DIGEST, { p: secretProjectId }, outsider.token);
      expect(codeOf(res)).toBe('NOT_FOUND');
      expect(res.data).toBeNull();
      expect((await digest(secretProjectId, colleague.token)).newTranscripts.count).toBe(0);
    });
  });

  describe('per transcript and board', () => {
    const TRANSCRIPTS = `query($p: ID!) { transcripts(projectId: $p, first: 25) {
      edges { node { id readState unseenHighlightCount } } } }`;
    const BOARDS = `query($p: ID!) { boards(projectId: $p) { id version readState } }`;

    const transcriptNews = async (p: string, token: string) =>
      new Map(
        (
          await t.ok<{
            transcripts: {
              edges: { node: { id: string; readState: string; unseenHighlightCount: number } }[];
            };
          }>(TRANSCRIPTS, { p }, token)
        ).transcripts.edges.map((e) => [
          e.node.id,
          [e.node.readState, e.node.unseenHighlightCount],
        ]),
      );
    const boardStates = async (p: string, token: string) =>
      new Map(
        (
          await t.ok<{ boards: { id: string; version: number; readState: string }[] }>(
            BOARDS,
            { p },
            token,
          )
        ).boards.map((b) => [b.id, b.readState]),
      );
    const highlightAll = async (
      transcript: { id: string; segments: { id: string; text: string }[] },
      token: string,
    ) => {
      for (const turn of transcript.segments) {
        await t.ok(
          `mutation($i: CreateHighlightInput!) { createHighlight(input: $i) { id } }`,
          {
            i: {
              transcriptId: transcript.id,
              start: { segmentId: turn.id, offset: 0 },
              end: { segmentId: turn.id, offset: turn.text.length },
            },
          },
          token,
        );
      }
    };

    it('marks a colleague’s transcript new until opened, then counts the highlights made since', async () => {
      const { projectId: p, user: me, workspaceId: w } = await t.newProject();
      const other = await t.join(me, w, 'EDITOR', 'Cole League');
      const mine = await t.importText(p, me.token, 'mine.txt', 'Ann: My own upload.\n');
      const theirs = await t.importText(
        p,
        other.token,
        'theirs.txt',
        'Ann: The export button is hidden.\n\nBob: Onboarding took two weeks.\n',
      );
      expect(await transcriptNews(p, me.token)).toEqual(
        new Map([
          [mine.id, ['SEEN', 0]],
          [theirs.id, ['NEW', 0]],
        ]),
      );
      // Her highlights on a transcript I never opened are all unseen; it stays NEW.
      await highlightAll(theirs, other.token);
      expect((await transcriptNews(p, me.token)).get(theirs.id)).toEqual(['NEW', 2]);

      await t.ok(
        `mutation($t: ID!) { markTranscriptSeen(transcriptId: $t) }`,
        { t: theirs.id },
        me.token,
      );
      expect((await transcriptNews(p, me.token)).get(theirs.id)).toEqual(['SEEN', 0]);
      // My own highlights are nothing new to me; hers after I looked are.
      await highlightAll(theirs, me.token);
      expect((await transcriptNews(p, me.token)).get(theirs.id)).toEqual(['SEEN', 0]);
      await highlightAll(mine, other.token);
      expect((await transcriptNews(p, me.token)).get(mine.id)).toEqual(['UPDATED', 1]);
      // Her view is her own: she uploaded "theirs", and never opened mine.
      expect(await transcriptNews(p, other.token)).toEqual(
        new Map([
          [mine.id, ['NEW', 0]],
          [theirs.id, ['UPDATED', 2]],
        ]),
      );
    }, 60_000);

    it('marks a board changed by others after the version the caller last had open', async () => {
      const { projectId: p, user: me, workspaceId: w } = await t.newProject();
      const other = await t.join(me, w, 'EDITOR', 'Cole League');
      const { createBoard } = await t.ok<{ createBoard: { id: string; version: number } }>(
        `mutation($i: CreateBoardInput!) { createBoard(input: $i) { id version } }`,
        { i: { projectId: p, name: 'Synthesis' } },
        me.token,
      );
      const b = createBoard.id;
      expect(await boardStates(p, me.token)).toEqual(new Map([[b, 'SEEN']]));
      expect(await boardStates(p, other.token)).toEqual(new Map([[b, 'NEW']]));
      const seen = async (token: string, version: number) =>
        (
          await t.ok<{ markBoardSeen: number }>(
            `mutation($b: ID!, $v: Int!) { markBoardSeen(boardId: $b, version: $v) }`,
            { b, v: version },
            token,
          )
        ).markBoardSeen;
      expect(await seen(other.token, createBoard.version)).toBe(createBoard.version);
      expect((await boardStates(p, other.token)).get(b)).toBe('SEEN');

      // I add a theme while she is away: changed for her, not for me once I have left it.
      const { createTheme } = await t.ok<{ createTheme: { id: string } }>(
        `mutation($i: CreateThemeInput!) { createTheme(input: $i) { id } }`,
        { i: { boardId: b, title: 'Findability' } },
        me.token,
      );
      expect(createTheme.id).toBeTruthy();
      expect((await boardStates(p, other.token)).get(b)).toBe('UPDATED');
      // A version beyond the board's is stored as the board's; an older one (a second tab
      // closing late) never moves the marker back.
      expect(await seen(me.token, 1_000)).toBe(createBoard.version + 1);
      expect(await seen(me.token, createBoard.version)).toBe(createBoard.version + 1);
      expect((await boardStates(p, me.token)).get(b)).toBe('SEEN');
      expect(await seen(other.token, createBoard.version + 1)).toBe(createBoard.version + 1);
      expect((await boardStates(p, other.token)).get(b)).toBe('SEEN');
    }, 60_000);
  });
});
