import { TestApp, type TestUser } from '../../../test/test-app';
import { type WsStream, wsSubscribe } from '../../../test/ws-client';

// Everyone on a board sees the others' changes as they happen: checked against each subscriber's
// access at every event, and across two api instances that share PostgreSQL and Redis.

const BOARD_UPDATED = `subscription($b: ID!) {
  boardUpdated(boardId: $b) { kind version cardIds cards { id themeId version highlight { id } } }
}`;

interface BoardEvent {
  boardUpdated: {
    kind: string;
    version: number;
    cardIds: string[];
    cards: { id: string; themeId: string | null; version: number }[];
  };
}

const RENAMES = `subscription($b: ID!) { boardUpdated(boardId: $b) { kind name actorId } }`;

interface RenameEvent {
  boardUpdated: { kind: string; name: string | null; actorId: string | null };
}

interface Team {
  owner: TestUser;
  viewer: TestUser;
  workspaceId: string;
  boardId: string;
  themeId: string;
  cards: { id: string; version: number }[];
  rename(app: TestApp, name: string): Promise<unknown>;
}

/** An owner's board with a theme and two cards, and a VIEWER colleague who watches it. */
async function team(t: TestApp): Promise<Team> {
  const { user: owner, workspaceId, projectId } = await t.newProject();
  const viewer = await t.join(owner, workspaceId, 'VIEWER', 'Vera Viewer');
  const transcript = await t.importText(
    projectId,
    owner.token,
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
      owner.token,
    );
    highlightIds.push(createHighlight.id);
  }
  const { createBoard } = await t.ok<{ createBoard: { id: string } }>(
    `mutation($i: CreateBoardInput!) { createBoard(input: $i) { id } }`,
    { i: { projectId, name: 'Synthesis' } },
    owner.token,
  );
  const { createTheme } = await t.ok<{ createTheme: { id: string } }>(
    `mutation($i: CreateThemeInput!) { createTheme(input: $i) { id } }`,
    { i: { boardId: createBoard.id, title: 'Findability' } },
    owner.token,
  );
  const { addCards } = await t.ok<{ addCards: { id: string; version: number }[] }>(
    `mutation($i: AddCardsInput!) { addCards(input: $i) { id version } }`,
    { i: { boardId: createBoard.id, highlightIds, themeId: null } },
    owner.token,
  );
  return {
    owner,
    viewer,
    workspaceId,
    boardId: createBoard.id,
    themeId: createTheme.id,
    cards: addCards,
    rename: (app, name) =>
      app.ok(
        `mutation($i: UpdateBoardInput!) { updateBoard(input: $i) { id } }`,
        { i: { id: createBoard.id, name } },
        owner.token,
      ),
  };
}

/** Changes the board until the subscription, which starts asynchronously, has seen an event. */
async function primed<E>(stream: WsStream<E>, trigger: () => Promise<unknown>) {
  for (let i = 0; i < 40 && !stream.events.length; i++) {
    await trigger();
    await stream.until((s) => s.events.length > 0, 'an event', 500).catch(() => undefined);
  }
  expect(stream.events.length).toBeGreaterThan(0);
  stream.events.length = 0;
}

const moveCard = (app: TestApp, w: Team, card: { id: string; version: number }) =>
  app.ok<{ moveCard: { id: string; version: number } }>(
    `mutation($i: MoveCardInput!) { moveCard(input: $i) { id version } }`,
    { i: { cardId: card.id, themeId: w.themeId, afterCardId: null, version: card.version } },
    w.owner.token,
  );

describe('board updates in one api', () => {
  let t: TestApp;
  beforeAll(async () => (t = await TestApp.start()));
  afterAll(() => t.close());

  it('lets a viewer watch the board, and stops at the next event once they are removed', async () => {
    const w = await team(t);
    const stream = wsSubscribe<BoardEvent>(t, w.viewer.token, BOARD_UPDATED, { b: w.boardId });
    try {
      await primed(stream, () => w.rename(t, 'Synthesis, again'));
      await moveCard(t, w, w.cards[0]!);
      await stream.until((s) => s.events.length > 0, 'the move');
      expect(stream.events[0]!.boardUpdated.cards).toEqual([
        expect.objectContaining({ id: w.cards[0]!.id, themeId: w.themeId }),
      ]);

      await t.ok(
        `mutation($i: RemoveMemberInput!) { removeMember(input: $i) }`,
        { i: { workspaceId: w.workspaceId, userId: w.viewer.id } },
        w.owner.token,
      );
      const { moveCard: moved } = await moveCard(t, w, w.cards[1]!);
      await stream.until((s) => s.ended, 'the stream to end');
      expect(stream.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
      expect(stream.events.some((e) => e.boardUpdated.cardIds.includes(moved.id))).toBe(false);
    } finally {
      await stream.close();
    }
  });

  it('tells everyone on the board its new name when it is renamed, and no one who left', async () => {
    const w = await team(t);
    const editor = await t.join(w.owner, w.workspaceId, 'EDITOR', 'Eddie Editor');
    const watch = (token: string) => wsSubscribe<RenameEvent>(t, token, RENAMES, { b: w.boardId });
    const viewer = watch(w.viewer.token);
    const colleague = watch(editor.token);
    try {
      await primed(viewer, () => w.rename(t, 'Synthesis, again'));
      await primed(colleague, () => w.rename(t, 'Synthesis, again'));
      await w.rename(t, 'Why teams leave');
      for (const stream of [viewer, colleague]) {
        await stream.until((s) => s.events.length > 0, 'the rename');
        expect(stream.events.at(-1)!.boardUpdated).toEqual({
          kind: 'BOARD_UPDATED',
          name: 'Why teams leave',
          actorId: w.owner.id,
        });
      }

      await t.ok(
        `mutation($i: RemoveMemberInput!) { removeMember(input: $i) }`,
        { i: { workspaceId: w.workspaceId, userId: editor.id } },
        w.owner.token,
      );
      viewer.events.length = 0;
      await w.rename(t, 'Churn, in their words');
      await viewer.until((s) => s.events.length > 0, 'the second rename');
      expect(viewer.events[0]!.boardUpdated.name).toBe('Churn, in their words');
      await colleague.until((s) => s.ended, 'the removed colleague’s stream to end');
      expect(colleague.events.some((e) => e.boardUpdated.name === 'Churn, in their words')).toBe(
        false,
      );
    } finally {
      await viewer.close();
      await colleague.close();
    }
  });

  it('shows everyone on the board a theme promoted to an insight, and promotable again once it is deleted', async () => {
    const w = await team(t);
    const THEMES = `subscription($b: ID!) {
      boardUpdated(boardId: $b) { kind version themeIds themes { id insight { id title } } }
    }`;
    const stream = wsSubscribe<{
      boardUpdated: {
        kind: string;
        version: number;
        themeIds: string[];
        themes: { id: string; insight: { id: string; title: string } | null }[];
      };
    }>(t, w.viewer.token, THEMES, { b: w.boardId });
    try {
      await primed(stream, () => w.rename(t, 'Synthesis, again'));
      const { promoteTheme } = await t.ok<{ promoteTheme: { id: string } }>(
        `mutation($i: PromoteThemeInput!) { promoteTheme(input: $i) { id } }`,
        { i: { themeId: w.themeId } },
        w.owner.token,
      );
      await stream.until((s) => s.events.length > 0, 'the promotion');
      const promoted = stream.events[0]!.boardUpdated;
      expect(promoted).toMatchObject({
        kind: 'THEMES_CHANGED',
        themeIds: [w.themeId],
        themes: [{ id: w.themeId, insight: { id: promoteTheme.id, title: 'Findability' } }],
      });

      // Promoting again changes nothing, so nobody is told anything.
      await t.ok(
        `mutation($i: PromoteThemeInput!) { promoteTheme(input: $i) { id } }`,
        { i: { themeId: w.themeId } },
        w.owner.token,
      );
      stream.events.length = 0;
      await t.ok(
        `mutation($id: ID!) { deleteInsight(id: $id) }`,
        { id: promoteTheme.id },
        w.owner.token,
      );
      await stream.until((s) => s.events.length > 0, 'the deletion');
      expect(stream.events).toHaveLength(1);
      expect(stream.events[0]!.boardUpdated).toMatchObject({
        kind: 'THEMES_CHANGED',
        version: promoted.version,
        themes: [{ id: w.themeId, insight: null }],
      });
    } finally {
      await stream.close();
    }
  });

  it('refuses to subscribe to a board of another workspace', async () => {
    const w = await team(t);
    const stranger = await t.signUp('Stan Ranger');
    const stream = wsSubscribe<BoardEvent>(t, stranger.token, BOARD_UPDATED, { b: w.boardId });
    try {
      await stream.until((s) => s.ended, 'the refusal');
      expect(stream.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
      expect(stream.events).toEqual([]);
    } finally {
      await stream.close();
    }
  });
});

// Without Redis, events stay inside one process (in-memory pub/sub).
(process.env.REDIS_URL ? describe : describe.skip)('board updates across two api instances', () => {
  let first: TestApp;
  let second: TestApp;
  beforeAll(async () => {
    first = await TestApp.start();
    second = await TestApp.start();
  });
  afterAll(async () => {
    await first?.close();
    await second?.close();
  });

  it('delivers a move made through one api to a colleague connected to the other', async () => {
    const w = await team(first);
    const stream = wsSubscribe<BoardEvent>(second, w.viewer.token, BOARD_UPDATED, {
      b: w.boardId,
    });
    try {
      await primed(stream, () => w.rename(first, 'Synthesis, again'));
      const { moveCard: moved } = await moveCard(first, w, w.cards[0]!);
      await stream.until(
        (s) => s.events.some((e) => e.boardUpdated.cardIds.includes(moved.id)),
        'the move made through the first api',
      );
      const event = stream.events.find((e) => e.boardUpdated.cardIds.includes(moved.id))!;
      expect(event.boardUpdated.cards[0]).toMatchObject({
        themeId: w.themeId,
        version: moved.version,
      });
    } finally {
      await stream.close();
    }
  });
});
