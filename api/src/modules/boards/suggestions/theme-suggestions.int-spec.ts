import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { TestApp, type TestUser } from '../../../../test/test-app';
import { JobReconciler } from '../../../jobs/reconciler';

// Theme suggestions: the board's unsorted highlights grouped into proposed themes by a job; the
// researcher previews them and applies all or part. Nothing moves until then.

const TURNS: [string, string][] = [
  ['Ana', 'The per seat pricing gets expensive once the team grows.'],
  ['Ben', 'Per seat pricing punishes us for sharing research with more people.'],
  ['Cleo', 'We almost cancelled because the annual plan price went up again.'],
  ['Dev', 'Honestly the annual plan price is why we look at other tools.'],
  ['Eli', 'Paying per seat pricing for readers of reports feels unfair.'],
  ['Ana', 'I never found the export button, it is hidden in a menu.'],
  ['Ben', 'The PDF export breaks the layout of long quotes.'],
  ['Cleo', 'The export button only exports the current page of highlights.'],
  ['Dev', 'Stakeholders want a PDF export they can forward by email.'],
  ['Eli', 'The PDF export takes ages and the export button is slow.'],
  ['Ana', 'Onboarding took two weeks because the setup guide was out of date.'],
  ['Ben', 'I gave up on the setup guide and asked a colleague.'],
  ['Cleo', 'The setup guide skipped inviting teammates to the workspace.'],
  ['Dev', 'Marco spent his first week on the setup guide alone.'],
  ['Eli', 'An onboarding video would have replaced the setup guide.'],
];

const RUN = `id status progress error highlightCount proposals { title description highlightIds cohesion }`;
const SUGGEST = `mutation($i: SuggestThemesInput!) { suggestThemes(input: $i) { ${RUN} } }`;
const READ_RUN = `query($id: ID!) { themeSuggestionRun(id: $id) { ${RUN} } }`;
const APPLY = `mutation($i: ApplyThemeSuggestionsInput!) { applyThemeSuggestions(input: $i) {
  skippedHighlightIds
  themes { id title description cards { id highlight { id } } }
  board { version themes { id title cards { id highlight { id } } } unsorted { id highlight { id } } }
} }`;
const BOARD = `query($id: ID!) { board(id: $id) { version
  themes { id title cards { id version highlight { id } } } unsorted { id version highlight { id } } } }`;

interface Proposal {
  title: string;
  description: string;
  highlightIds: string[];
  cohesion: number;
}
interface Run {
  id: string;
  status: string;
  progress: number;
  error: string | null;
  highlightCount: number;
  proposals: Proposal[];
}
interface CardView {
  id: string;
  version: number;
  highlight: { id: string } | null;
}
interface BoardView {
  version: number;
  themes: { id: string; title: string; cards: CardView[] }[];
  unsorted: CardView[];
}

describe('theme suggestions', () => {
  let t: TestApp;
  let owner: TestUser;
  let projectId: string;
  let highlights: { id: string; quote: string }[];

  const newBoard = async () =>
    (
      await t.ok<{ createBoard: { id: string } }>(
        `mutation($i: CreateBoardInput!) { createBoard(input: $i) { id } }`,
        { i: { projectId, name: 'Synthesis' } },
        owner.token,
      )
    ).createBoard.id;
  const addCards = (boardId: string, highlightIds: string[]) =>
    t.ok<{ addCards: { id: string; highlight: { id: string } }[] }>(
      `mutation($i: AddCardsInput!) { addCards(input: $i) { id highlight { id } } }`,
      { i: { boardId, highlightIds } },
      owner.token,
    );
  const board = async (id: string) =>
    (await t.ok<{ board: BoardView }>(BOARD, { id }, owner.token)).board;
  const suggest = async (boardId: string, highlightIds?: string[]) =>
    (await t.ok<{ suggestThemes: Run }>(SUGGEST, { i: { boardId, highlightIds } }, owner.token))
      .suggestThemes;
  const finished = async (id: string): Promise<Run> => {
    await t.jobs.idle();
    for (let i = 0; i < 400; i++) {
      const run = (await t.ok<{ themeSuggestionRun: Run }>(READ_RUN, { id }, owner.token))
        .themeSuggestionRun;
      if (run.status === 'READY' || run.status === 'FAILED') return run;
      await new Promise((r) => setTimeout(r, 50));
    }
    throw new Error(`theme suggestion run ${id} never finished`);
  };
  /** A run that says QUEUED but has no job (as after a flush of Redis), queued again `requeues` times. */
  const lostRun = async (boardId: string, requeues: number) => {
    const [row] = await t.app.get(DataSource).query<{ id: string }[]>(
      `INSERT INTO theme_suggestion_run (board_id, project_id, highlight_ids, requeues, updated_at)
       VALUES ($1, $2, $3::uuid[], $4, now() - interval '1 hour') RETURNING id`,
      [boardId, projectId, highlights.map((h) => h.id), requeues],
    );
    return row!.id;
  };
  const quoteOf = (id: string) => highlights.find((h) => h.id === id)!.quote.toLowerCase();

  beforeAll(async () => {
    t = await TestApp.start({ JOB_MAX_REQUEUES: '2' });
    const p = await t.newProject();
    owner = p.user;
    projectId = p.projectId;
    const text = TURNS.map(([who, said]) => `Interviewer: Tell me more.\n\n${who}: ${said}\n`).join(
      '\n',
    );
    const res = await t.upload(projectId, owner.token, { name: 'interviews.txt', bytes: text });
    const transcript = await t.waitForTranscript(res.body['id'] as string, owner.token);
    highlights = [];
    for (const turn of transcript.segments.filter((s) => s.speaker !== 'Interviewer')) {
      const h = await t.ok<{ createHighlight: { id: string; quote: string } }>(
        `mutation($i: CreateHighlightInput!) { createHighlight(input: $i) { id quote } }`,
        {
          i: {
            transcriptId: transcript.id,
            start: { segmentId: turn.id, offset: 0 },
            end: { segmentId: turn.id, offset: turn.text.length },
          },
        },
        owner.token,
      );
      highlights.push(h.createHighlight);
    }
    expect(highlights).toHaveLength(TURNS.length);
  });
  afterAll(() => t.close());

  it("proposes themes for the board's unsorted cards, as phrases of their texts, and moves nothing", async () => {
    const boardId = await newBoard();
    await addCards(
      boardId,
      highlights.map((h) => h.id),
    );
    const before = await board(boardId);
    const queued = await suggest(boardId);
    expect(['QUEUED', 'RUNNING', 'READY']).toContain(queued.status);
    expect(queued.highlightCount).toBe(highlights.length);

    const run = await finished(queued.id);
    expect(run).toMatchObject({ status: 'READY', progress: 1, error: null });
    expect(run.proposals.length).toBeGreaterThanOrEqual(2);
    // A partition of a subset of the input.
    const proposed = run.proposals.flatMap((p) => p.highlightIds);
    expect(new Set(proposed).size).toBe(proposed.length);
    const input = new Set(highlights.map((h) => h.id));
    expect(proposed.every((id) => input.has(id))).toBe(true);
    for (const p of run.proposals) {
      expect(p.highlightIds.length).toBeGreaterThanOrEqual(2);
      expect(p.title.split(/\s+/).length).toBeGreaterThanOrEqual(2);
      expect(p.highlightIds.some((id) => quoteOf(id).includes(p.title.toLowerCase()))).toBe(true);
      expect(p.cohesion).toBeGreaterThan(0);
      expect(p.cohesion).toBeLessThanOrEqual(1);
    }
    // The three topics of the interviews come out as three themes.
    const titles = run.proposals.map((p) => p.title.toLowerCase()).join(' | ');
    expect(titles).toMatch(/pric|plan/);
    expect(titles).toMatch(/export/);
    expect(titles).toMatch(/setup guide|onboarding/);

    expect(await board(boardId)).toEqual(before);
  });

  it('applies part of the proposals: exactly those themes, exactly those cards move, the rest stays', async () => {
    const boardId = await newBoard();
    await addCards(
      boardId,
      highlights.map((h) => h.id),
    );
    const run = await finished((await suggest(boardId)).id);
    const [chosen, ...others] = run.proposals;
    const edited = { ...chosen!, title: 'Pricing and plans (edited)' };
    const res = await t.ok<{
      applyThemeSuggestions: {
        skippedHighlightIds: string[];
        themes: { title: string; cards: CardView[] }[];
        board: BoardView;
      };
    }>(
      APPLY,
      {
        i: {
          runId: run.id,
          proposals: [
            {
              title: edited.title,
              description: edited.description,
              highlightIds: edited.highlightIds,
            },
          ],
        },
      },
      owner.token,
    );
    const applied = res.applyThemeSuggestions;
    expect(applied.skippedHighlightIds).toEqual([]);
    expect(applied.themes.map((x) => x.title)).toEqual(['Pricing and plans (edited)']);
    const after = await board(boardId);
    expect(after.themes.map((x) => x.title)).toEqual(['Pricing and plans (edited)']);
    expect(after.themes[0]!.cards.map((c) => c.highlight!.id)).toEqual(chosen!.highlightIds);
    const unsorted = after.unsorted.map((c) => c.highlight!.id);
    expect(unsorted.sort()).toEqual(
      highlights
        .map((h) => h.id)
        .filter((id) => !chosen!.highlightIds.includes(id))
        .sort(),
    );
    // The other proposals are still there to apply later.
    expect(others.length).toBeGreaterThan(0);
    const again = await finished(run.id);
    expect(again.proposals).toEqual(run.proposals);
  });

  it('adds cards for highlights that were not on the board yet', async () => {
    const boardId = await newBoard();
    const run = await finished(
      (
        await suggest(
          boardId,
          highlights.map((h) => h.id),
        )
      ).id,
    );
    expect(run.status).toBe('READY');
    const chosen = run.proposals[0]!;
    await t.ok(
      APPLY,
      {
        i: {
          runId: run.id,
          proposals: [{ title: chosen.title, highlightIds: chosen.highlightIds }],
        },
      },
      owner.token,
    );
    const after = await board(boardId);
    expect(after.themes[0]!.cards.map((c) => c.highlight!.id)).toEqual(chosen.highlightIds);
    expect(after.unsorted).toEqual([]);
  });

  it('leaves alone, and reports, cards removed or moved on the board since the run', async () => {
    const boardId = await newBoard();
    const cards = (
      await addCards(
        boardId,
        highlights.map((h) => h.id),
      )
    ).addCards;
    const run = await finished((await suggest(boardId)).id);
    const chosen = run.proposals[0]!;
    const [removedHighlight, movedHighlight] = chosen.highlightIds;
    const cardOf = (h: string) => cards.find((c) => c.highlight.id === h)!.id;
    await t.ok(
      `mutation($id: ID!) { removeCard(id: $id) }`,
      { id: cardOf(removedHighlight!) },
      owner.token,
    );
    const elsewhere = (
      await t.ok<{ createTheme: { id: string } }>(
        `mutation($i: CreateThemeInput!) { createTheme(input: $i) { id } }`,
        { i: { boardId, title: 'Sorted by hand' } },
        owner.token,
      )
    ).createTheme.id;
    await t.ok(
      `mutation($i: MoveCardInput!) { moveCard(input: $i) { id } }`,
      { i: { cardId: cardOf(movedHighlight!), themeId: elsewhere, afterCardId: null, version: 1 } },
      owner.token,
    );

    const res = await t.ok<{ applyThemeSuggestions: { skippedHighlightIds: string[] } }>(
      APPLY,
      {
        i: {
          runId: run.id,
          proposals: [{ title: chosen.title, highlightIds: chosen.highlightIds }],
        },
      },
      owner.token,
    );
    expect(res.applyThemeSuggestions.skippedHighlightIds.sort()).toEqual(
      [removedHighlight!, movedHighlight!].sort(),
    );
    const after = await board(boardId);
    const created = after.themes.find((x) => x.title === chosen.title)!;
    expect(created.cards.map((c) => c.highlight!.id)).toEqual(chosen.highlightIds.slice(2));
    // The removed card is not brought back; the moved one stays where it was put.
    const everywhere = [...after.unsorted, ...after.themes.flatMap((x) => x.cards)];
    expect(everywhere.some((c) => c.highlight!.id === removedHighlight)).toBe(false);
    expect(after.themes.find((x) => x.id === elsewhere)!.cards.map((c) => c.highlight!.id)).toEqual(
      [movedHighlight],
    );
  });

  it('refuses highlights the run did not propose, and a run that failed', async () => {
    const boardId = await newBoard();
    const run = await finished(
      (
        await suggest(
          boardId,
          highlights.map((h) => h.id),
        )
      ).id,
    );
    const unproposed = highlights
      .map((h) => h.id)
      .find((id) => !run.proposals.some((p) => p.highlightIds.includes(id)));
    const res = await t.gql(
      APPLY,
      {
        i: {
          runId: run.id,
          proposals: [{ title: 'Mine', highlightIds: [unproposed ?? randomUUID()] }],
        },
      },
      owner.token,
    );
    expect(res.errors?.[0]?.extensions?.['code']).toBe('BAD_USER_INPUT');
    expect((await board(boardId)).themes).toEqual([]);

    const failed = await lostRun(boardId, 2);
    await t.app.get(JobReconciler).runOnce(0);
    const notReady = await t.gql(
      APPLY,
      { i: { runId: failed, proposals: [{ title: 'Mine', highlightIds: [highlights[0]!.id] }] } },
      owner.token,
    );
    expect(notReady.errors?.[0]?.extensions?.['code']).toBe('BAD_USER_INPUT');
    expect(notReady.errors?.[0]?.message).toMatch(/failed/);
  });

  it('queues a run whose job was lost again, and fails it with the reason once that happened too often', async () => {
    const boardId = await newBoard();
    const lost = await lostRun(boardId, 0);
    const hopeless = await lostRun(boardId, 2);
    const outcome = await t.app.get(JobReconciler).runOnce(0);
    expect(outcome['theme suggestions']).toMatchObject({ requeued: 1, failed: 1 });
    expect((await finished(lost)).status).toBe('READY');
    const run = await finished(hopeless);
    expect(run.status).toBe('FAILED');
    expect(run.error).toMatch(/interrupted 3 times.*Nothing on the board changed/);
  });

  it("refuses highlights of another project, and a board that does not exist or is someone else's", async () => {
    const boardId = await newBoard();
    const other = await t.newProject();
    const upload = await t.upload(other.projectId, other.user.token, {
      name: 'other.txt',
      bytes: 'Zoe: The per seat pricing is too expensive.\n',
    });
    const transcript = await t.waitForTranscript(upload.body['id'] as string, other.user.token);
    const turn = transcript.segments[0]!;
    const foreign = (
      await t.ok<{ createHighlight: { id: string } }>(
        `mutation($i: CreateHighlightInput!) { createHighlight(input: $i) { id } }`,
        {
          i: {
            transcriptId: transcript.id,
            start: { segmentId: turn.id, offset: 0 },
            end: { segmentId: turn.id, offset: turn.text.length },
          },
        },
        other.user.token,
      )
    ).createHighlight.id;

    const mixed = await t.gql(
      SUGGEST,
      { i: { boardId, highlightIds: [highlights[0]!.id, highlights[1]!.id, foreign] } },
      owner.token,
    );
    expect(mixed.errors?.[0]?.extensions?.['code']).toBe('BAD_USER_INPUT');

    const missing = await t.gql(SUGGEST, { i: { boardId: randomUUID() } }, owner.token);
    expect(missing.errors?.[0]?.extensions?.['code']).toBe('NOT_FOUND');
    const theirs = await t.gql(SUGGEST, { i: { boardId } }, other.user.token);
    expect(theirs.errors?.[0]?.extensions?.['code']).toBe('NOT_FOUND');
    const noRun = await t.gql(READ_RUN, { id: randomUUID() }, owner.token);
    expect(noRun.errors?.[0]?.extensions?.['code']).toBe('NOT_FOUND');
  });

  it('says why when there is too little to group', async () => {
    const boardId = await newBoard();
    const res = await t.gql(SUGGEST, { i: { boardId } }, owner.token);
    expect(res.errors?.[0]?.extensions?.['code']).toBe('BAD_USER_INPUT');
    expect(res.errors?.[0]?.message).toMatch(/at least two highlights/i);
  });
});
