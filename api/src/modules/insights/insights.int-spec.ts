import { DataSource } from 'typeorm';
import { type GqlResult, TestApp, type TestUser } from '../../../test/test-app';

// The research repository: findings written from the evidence, found again by anyone in the
// workspace who may see their project.

const INSIGHT = `id projectId themeId title body status version createdAt updatedAt publishedAt
  author { id name }
  evidence { addedAt highlight { id quote transcript { id } } }
  tags { id name }
  evidenceCount { highlights participants transcripts }`;
const CREATE = `mutation($i: CreateInsightInput!) { createInsight(input: $i) { ${INSIGHT} } }`;
const UPDATE = `mutation($i: UpdateInsightInput!) { updateInsight(input: $i) { ${INSIGHT} } }`;
const ADD = `mutation($i: AddEvidenceInput!) { addEvidence(input: $i) { ${INSIGHT} } }`;
const REMOVE = `mutation($i: RemoveEvidenceInput!) { removeEvidence(input: $i) { ${INSIGHT} } }`;
const PROMOTE = `mutation($i: PromoteThemeInput!) { promoteTheme(input: $i) { ${INSIGHT} } }`;
const GET = `query($id: ID!) { insight(id: $id) { ${INSIGHT} } }`;
const LIST = `query($f: InsightFilter!, $first: Int, $after: String) {
  insights(filter: $f, first: $first, after: $after) {
    totalCount pageInfo { hasNextPage endCursor }
    edges { cursor node { id title projectId status evidenceCount { highlights } tags { id } } }
  } }`;

interface Insight {
  id: string;
  projectId: string;
  themeId: string | null;
  title: string;
  body: string;
  status: 'DRAFT' | 'PUBLISHED';
  version: number;
  publishedAt: string | null;
  author: { id: string; name: string } | null;
  evidence: {
    addedAt: string;
    highlight: { id: string; quote: string; transcript: { id: string } };
  }[];
  tags: { id: string; name: string }[];
  evidenceCount: { highlights: number; participants: number; transcripts: number };
}
interface Page {
  totalCount: number;
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
  edges: { cursor: string; node: { id: string; title: string; projectId: string } }[];
}
interface Highlight {
  id: string;
  quote: string;
  transcriptId: string;
  speaker: string;
}

const INTERVIEWS: [string, string, string][] = [
  ['Ana', 'Onboarding took me two weeks.', 'The setup guide was out of date.'],
  ['Ben', 'I never found the export button.', 'The onboarding call helped a lot.'],
  ['Cleo', 'Pricing is confusing.', 'Seats cost extra for new colleagues.'],
];

describe('insights', () => {
  let t: TestApp;
  let owner: TestUser;
  let editor: TestUser;
  let viewer: TestUser;
  let workspaceId: string;
  let projectId: string;
  /** Another project of the same workspace. */
  let otherProjectId: string;
  let otherHighlight: Highlight;
  let otherTagId: string;
  /** One highlight per interviewee turn of the three interviews, in order. */
  let highlights: Highlight[];
  let tagIds: string[];

  const create = async (input: Record<string, unknown>, token = owner.token) =>
    (await t.ok<{ createInsight: Insight }>(CREATE, { i: { projectId, ...input } }, token))
      .createInsight;
  const list = async (
    filter: Record<string, unknown>,
    token = owner.token,
    first = 50,
    after?: string,
  ) => (await t.ok<{ insights: Page }>(LIST, { f: filter, first, after }, token)).insights;
  const code = (res: GqlResult<unknown>) => res.errors?.[0]?.extensions?.code;

  async function highlightsOf(
    project: string,
    text: string,
    filename: string,
    token = owner.token,
  ): Promise<Highlight[]> {
    const transcript = await t.importText(project, token, filename, text);
    const made: Highlight[] = [];
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
        token,
      );
      made.push({ ...h.createHighlight, transcriptId: transcript.id, speaker: turn.speaker! });
    }
    return made;
  }

  const tag = async (project: string, name: string) =>
    (
      await t.ok<{ createTag: { id: string } }>(
        `mutation($i: CreateTagInput!) { createTag(input: $i) { id } }`,
        { i: { projectId: project, name } },
        owner.token,
      )
    ).createTag.id;

  const newProject = async (name: string) =>
    (
      await t.ok<{ createProject: { id: string } }>(
        `mutation($i: CreateProjectInput!) { createProject(input: $i) { id } }`,
        { i: { workspaceId, name } },
        owner.token,
      )
    ).createProject.id;

  const english = (id: string) =>
    t.ok(
      `mutation($i: UpdateProjectInput!) { updateProject(input: $i) { id } }`,
      { i: { id, defaultLanguage: 'en' } },
      owner.token,
    );

  beforeAll(async () => {
    t = await TestApp.start();
    const p = await t.newProject();
    owner = p.user;
    workspaceId = p.workspaceId;
    projectId = p.projectId;
    await english(projectId);
    editor = await t.join(owner, workspaceId, 'EDITOR', 'Eddie Editor');
    viewer = await t.join(owner, workspaceId, 'VIEWER', 'Vera Viewer');
    highlights = [];
    for (const [i, [who, first, second]] of INTERVIEWS.entries())
      highlights.push(
        ...(await highlightsOf(
          projectId,
          `Interviewer: Tell me about your first month.\n\n${who}: ${first}\n\nInterviewer: Why?\n\n${who}: ${second}\n`,
          `interview-${i + 1}.txt`,
        )),
      );
    tagIds = [await tag(projectId, 'Onboarding'), await tag(projectId, 'Pricing')];
    otherProjectId = await newProject('Pricing study');
    otherHighlight = (
      await highlightsOf(
        otherProjectId,
        'Interviewer: Hello?\n\nDora: The invoice was wrong twice.\n',
        'other.txt',
      )
    )[0]!;
    otherTagId = await tag(otherProjectId, 'Billing');
  }, 120_000);
  afterAll(() => t.close());

  it('creates an insight with evidence and tags and reads it back with its counts', async () => {
    const [ana1, ana2, ben1] = highlights;
    const made = await create({
      title: 'Onboarding is slow',
      body: 'Two of three **new customers** struggled.\n\n- setup guide\n- export',
      highlightIds: [ben1!.id, ana1!.id, ana2!.id, ana1!.id],
      tagIds: [tagIds[0]],
    });
    expect(made).toMatchObject({
      projectId,
      themeId: null,
      title: 'Onboarding is slow',
      body: 'Two of three **new customers** struggled.\n\n- setup guide\n- export',
      status: 'DRAFT',
      version: 1,
      publishedAt: null,
      author: { id: owner.id },
      tags: [{ id: tagIds[0], name: 'Onboarding' }],
      // Ana's two highlights come from one interview and one participant.
      evidenceCount: { highlights: 3, participants: 2, transcripts: 2 },
    });
    // In the order given, each highlight once, with its quote and interview.
    expect(made.evidence.map((e) => e.highlight)).toEqual(
      [ben1!, ana1!, ana2!].map((h) => ({
        id: h.id,
        quote: h.quote,
        transcript: { id: h.transcriptId },
      })),
    );
    const read = (await t.ok<{ insight: Insight }>(GET, { id: made.id }, viewer.token)).insight;
    expect(read).toEqual(made);
  });

  it('adds and removes evidence, each highlight once, and deletes an insight', async () => {
    const made = await create({ title: 'Export is hidden', highlightIds: [highlights[2]!.id] });
    const added = (
      await t.ok<{ addEvidence: Insight }>(
        ADD,
        { i: { insightId: made.id, highlightIds: [highlights[3]!.id, highlights[2]!.id] } },
        editor.token,
      )
    ).addEvidence;
    expect(added.evidence.map((e) => e.highlight.id)).toEqual([
      highlights[2]!.id,
      highlights[3]!.id,
    ]);
    expect(added.version).toBe(1);
    const removed = (
      await t.ok<{ removeEvidence: Insight }>(
        REMOVE,
        { i: { insightId: made.id, highlightIds: [highlights[2]!.id] } },
        owner.token,
      )
    ).removeEvidence;
    expect(removed.evidence.map((e) => e.highlight.id)).toEqual([highlights[3]!.id]);
    expect(removed.evidenceCount).toEqual({ highlights: 1, participants: 1, transcripts: 1 });

    await t.ok(`mutation($id: ID!) { deleteInsight(id: $id) }`, { id: made.id }, editor.token);
    expect(code(await t.gql(GET, { id: made.id }, owner.token))).toBe('NOT_FOUND');
  });

  it('promotes a theme: its title and description, its highlight cards in card order, no sticky notes', async () => {
    const board = await t.ok<{ createBoard: { id: string } }>(
      `mutation($i: CreateBoardInput!) { createBoard(input: $i) { id } }`,
      { i: { projectId, name: 'Synthesis' } },
      owner.token,
    );
    const boardId = board.createBoard.id;
    const theme = await t.ok<{ createTheme: { id: string } }>(
      `mutation($i: CreateThemeInput!) { createTheme(input: $i) { id } }`,
      { i: { boardId, title: 'Getting started is hard', description: 'Setup and first steps.' } },
      owner.token,
    );
    const themeId = theme.createTheme.id;
    const cards = [highlights[3]!, highlights[0]!, highlights[1]!];
    await t.ok(
      `mutation($i: AddCardsInput!) { addCards(input: $i) { id } }`,
      { i: { boardId, themeId, highlightIds: cards.map((h) => h.id) } },
      owner.token,
    );
    await t.ok(
      `mutation($i: AddNoteInput!) { addNote(input: $i) { id } }`,
      { i: { boardId, themeId, text: 'Ask support about this' } },
      owner.token,
    );
    // A highlight elsewhere on the board is not the theme's.
    await t.ok(
      `mutation($i: AddCardsInput!) { addCards(input: $i) { id } }`,
      { i: { boardId, highlightIds: [highlights[4]!.id] } },
      owner.token,
    );

    const promoted = (
      await t.ok<{ promoteTheme: Insight }>(PROMOTE, { i: { themeId } }, editor.token)
    ).promoteTheme;
    expect(promoted).toMatchObject({
      projectId,
      themeId,
      title: 'Getting started is hard',
      body: 'Setup and first steps.',
      status: 'DRAFT',
      author: { id: editor.id },
      evidenceCount: { highlights: 3, participants: 2, transcripts: 2 },
    });
    expect(promoted.evidence.map((e) => e.highlight.id)).toEqual(cards.map((h) => h.id));

    // Viewers read insights but cannot promote.
    expect(code(await t.gql(PROMOTE, { i: { themeId } }, viewer.token))).toBe('FORBIDDEN');
  });

  describe('promoting a theme once', () => {
    const THEME_INSIGHT = `query($id: ID!) { board(id: $id) { themes { id insight { id title } } } }`;

    async function themeOfTwoCards(title: string): Promise<{ boardId: string; themeId: string }> {
      const board = await t.ok<{ createBoard: { id: string } }>(
        `mutation($i: CreateBoardInput!) { createBoard(input: $i) { id } }`,
        { i: { projectId, name: `Board of ${title}` } },
        owner.token,
      );
      const boardId = board.createBoard.id;
      const theme = await t.ok<{ createTheme: { id: string } }>(
        `mutation($i: CreateThemeInput!) { createTheme(input: $i) { id } }`,
        { i: { boardId, title } },
        owner.token,
      );
      await t.ok(
        `mutation($i: AddCardsInput!) { addCards(input: $i) { id } }`,
        {
          i: {
            boardId,
            themeId: theme.createTheme.id,
            highlightIds: [highlights[0]!.id, highlights[2]!.id],
          },
        },
        owner.token,
      );
      return { boardId, themeId: theme.createTheme.id };
    }
    const insightsOfTheme = async (themeId: string) =>
      (
        await t.app
          .get(DataSource)
          .query<{ id: string }[]>(`SELECT id FROM insight WHERE theme_id = $1`, [themeId])
      ).map((r) => r.id);
    const themeInsights = async (boardId: string, token = viewer.token) =>
      (
        await t.ok<{
          board: { themes: { id: string; insight: { id: string; title: string } | null }[] };
        }>(THEME_INSIGHT, { id: boardId }, token)
      ).board.themes;

    it('returns the insight it already made, unchanged, and the theme names it', async () => {
      const { boardId, themeId } = await themeOfTwoCards('Exports are hidden');
      expect(await themeInsights(boardId)).toEqual([{ id: themeId, insight: null }]);
      const first = (
        await t.ok<{ promoteTheme: Insight }>(PROMOTE, { i: { themeId } }, editor.token)
      ).promoteTheme;
      const again = (
        await t.ok<{ promoteTheme: Insight }>(
          PROMOTE,
          { i: { themeId, title: 'Another statement' } },
          owner.token,
        )
      ).promoteTheme;
      expect(again).toMatchObject({ id: first.id, title: 'Exports are hidden', version: 1 });
      expect(again.author?.id).toBe(editor.id);
      expect(await insightsOfTheme(themeId)).toEqual([first.id]);
      // Anyone who reads the board sees the insight in the theme's head.
      expect(await themeInsights(boardId)).toEqual([
        { id: themeId, insight: { id: first.id, title: 'Exports are hidden' } },
      ]);
      // Another insight about the same theme is refused, naming the one it has.
      const written = await t.gql(
        CREATE,
        { i: { projectId, title: 'Also exports', themeId } },
        owner.token,
      );
      expect(code(written)).toBe('CONFLICT');
      expect(written.errors?.[0]?.extensions?.['insightId']).toBe(first.id);

      // Once the insight is deleted, the theme can be promoted again.
      await t.ok(`mutation($id: ID!) { deleteInsight(id: $id) }`, { id: first.id }, owner.token);
      expect(await themeInsights(boardId)).toEqual([{ id: themeId, insight: null }]);
      const anew = (
        await t.ok<{ promoteTheme: Insight }>(
          PROMOTE,
          { i: { themeId, title: 'Exports need a menu entry' } },
          owner.token,
        )
      ).promoteTheme;
      expect(anew.id).not.toBe(first.id);
      expect(anew).toMatchObject({ title: 'Exports need a menu entry', themeId });
      expect(await insightsOfTheme(themeId)).toEqual([anew.id]);
    });

    it('ends with one insight when two people promote the same theme at once', async () => {
      for (let round = 0; round < 3; round++) {
        const { themeId } = await themeOfTwoCards(`Raced theme ${round}`);
        const [a, b] = await Promise.all(
          [owner, editor].map((u) =>
            t.gql<{ promoteTheme: Insight }>(PROMOTE, { i: { themeId } }, u.token),
          ),
        );
        expect([a!.errors, b!.errors]).toEqual([undefined, undefined]);
        expect(a!.data!.promoteTheme.id).toBe(b!.data!.promoteTheme.id);
        expect(await insightsOfTheme(themeId)).toEqual([a!.data!.promoteTheme.id]);
        // One insight with all its evidence, recorded once.
        expect(a!.data!.promoteTheme.evidenceCount.highlights).toBe(2);
        const recorded = await t.app
          .get(DataSource)
          .query<
            { n: number }[]
          >(`SELECT count(*)::int AS n FROM activity WHERE verb = 'insight.created' AND data->>'themeId' = $1`, [themeId]);
        expect(recorded[0]!.n).toBe(1);
      }
    });
  });

  it('refuses a stale version with CONFLICT and the insight as it is now, and records publishing', async () => {
    const made = await create({ title: 'Seats confuse buyers', tagIds: [tagIds[1]] });
    const edited = (
      await t.ok<{ updateInsight: Insight }>(
        UPDATE,
        { i: { id: made.id, version: 1, body: 'Per-seat pricing surprised two teams.' } },
        editor.token,
      )
    ).updateInsight;
    expect(edited).toMatchObject({ version: 2, title: 'Seats confuse buyers', status: 'DRAFT' });

    // The owner saves over version 1: refused, shown what the editor wrote, nothing changed.
    const stale = await t.gql(
      UPDATE,
      { i: { id: made.id, version: 1, title: 'Pricing is fine', status: 'PUBLISHED' } },
      owner.token,
    );
    expect(stale.errors?.[0]?.extensions).toMatchObject({
      code: 'CONFLICT',
      insight: {
        id: made.id,
        title: 'Seats confuse buyers',
        body: 'Per-seat pricing surprised two teams.',
        status: 'DRAFT',
        version: 2,
        tagIds: [tagIds[1]],
      },
    });
    const unchanged = (await t.ok<{ insight: Insight }>(GET, { id: made.id }, owner.token)).insight;
    expect(unchanged).toMatchObject({ version: 2, title: 'Seats confuse buyers', status: 'DRAFT' });

    const published = (
      await t.ok<{ updateInsight: Insight }>(
        UPDATE,
        { i: { id: made.id, version: 2, status: 'PUBLISHED', tagIds: [tagIds[0], tagIds[1]] } },
        owner.token,
      )
    ).updateInsight;
    expect(published).toMatchObject({ version: 3, status: 'PUBLISHED' });
    expect(published.publishedAt).not.toBeNull();
    expect(published.tags.map((x) => x.name)).toEqual(['Onboarding', 'Pricing']);

    const activity = await t.ok<{
      activity: { edges: { node: { verb: string; summary: string } }[] };
    }>(
      `query($w: ID!) { activity(workspaceId: $w, first: 50) { edges { node { verb summary } } } }`,
      { w: workspaceId },
      owner.token,
    );
    const verbs = activity.activity.edges.map((e) => e.node);
    expect(verbs).toContainEqual({
      verb: 'insight.published',
      summary: expect.stringContaining('published the insight “Seats confuse buyers”') as unknown,
    });
    expect(verbs.filter((v) => v.verb === 'insight.created').length).toBeGreaterThan(0);
  });

  it('refuses evidence, tags and themes of another project and stores nothing', async () => {
    const before = (await list({ projectId })).totalCount;
    const outsider = await t.newProject();
    const [foreign] = await highlightsOf(
      outsider.projectId,
      'Interviewer: Hi?\n\nEve: Their onboarding was great.\n',
      'foreign.txt',
      outsider.user.token,
    );
    const otherBoard = await t.ok<{ createBoard: { id: string } }>(
      `mutation($i: CreateBoardInput!) { createBoard(input: $i) { id } }`,
      { i: { projectId: otherProjectId, name: 'Pricing board' } },
      owner.token,
    );
    const otherTheme = await t.ok<{ createTheme: { id: string } }>(
      `mutation($i: CreateThemeInput!) { createTheme(input: $i) { id } }`,
      { i: { boardId: otherBoard.createBoard.id, title: 'Invoices' } },
      owner.token,
    );
    const refusals = await Promise.all([
      t.gql(
        CREATE,
        { i: { projectId, title: 'Mixed', highlightIds: [highlights[0]!.id, otherHighlight.id] } },
        owner.token,
      ),
      t.gql(
        CREATE,
        { i: { projectId, title: 'Foreign', highlightIds: [foreign!.id] } },
        owner.token,
      ),
      t.gql(CREATE, { i: { projectId, title: 'Tagged', tagIds: [otherTagId] } }, owner.token),
      t.gql(
        CREATE,
        { i: { projectId, title: 'Themed', themeId: otherTheme.createTheme.id } },
        owner.token,
      ),
    ]);
    expect(refusals.map(code)).toEqual(Array(4).fill('BAD_USER_INPUT'));
    expect((await list({ projectId })).totalCount).toBe(before);

    const made = await create({ title: 'Kept as it was', highlightIds: [highlights[0]!.id] });
    const add = await t.gql(
      ADD,
      { i: { insightId: made.id, highlightIds: [highlights[1]!.id, otherHighlight.id] } },
      owner.token,
    );
    expect(code(add)).toBe('BAD_USER_INPUT');
    const tags = await t.gql(
      UPDATE,
      { i: { id: made.id, version: 1, title: 'Renamed', tagIds: [otherTagId] } },
      owner.token,
    );
    expect(code(tags)).toBe('BAD_USER_INPUT');
    const read = (await t.ok<{ insight: Insight }>(GET, { id: made.id }, owner.token)).insight;
    expect(read).toMatchObject({ title: 'Kept as it was', version: 1, tags: [] });
    expect(read.evidence.map((e) => e.highlight.id)).toEqual([highlights[0]!.id]);

    // Someone outside the workspace cannot reach it at all.
    expect(code(await t.gql(GET, { id: made.id }, outsider.user.token))).toBe('NOT_FOUND');
    expect(
      code(
        await t.gql(
          ADD,
          { i: { insightId: made.id, highlightIds: [foreign!.id] } },
          outsider.user.token,
        ),
      ),
    ).toBe('NOT_FOUND');
  });

  describe('workspace search', () => {
    it('finds an insight by a stemmed word of its body', async () => {
      const made = await create({
        title: 'First steps need a guide',
        body: 'New customers could not onboard without a call.',
      });
      const page = await list({ workspaceId, query: 'onboarding' }, viewer.token);
      expect(page.edges.map((e) => e.node.id)).toContain(made.id);
      expect((await list({ workspaceId, query: 'zebra' })).totalCount).toBe(0);
    });

    it('stems each insight in the language of its own text when that is clear', async () => {
      // A German finding in an English project: "Kunde" finds "Kunden" by German rules.
      const german = await create({
        title: 'Neue Kunden brauchen eine Einführung',
        body: 'Die meisten neuen Kunden haben die Einrichtung ohne Hilfe nicht geschafft. Sie wünschen sich eine geführte Einführung, bevor sie ihre Kollegen einladen und die ersten Interviews hochladen.',
      });
      const page = await list({ projectId, query: 'Kunde' });
      expect(page.edges.map((e) => e.node.id)).toEqual([german.id]);
    });

    it('ranks a title match above a body match', async () => {
      const title = await create({
        title: 'Invoices arrive late',
        body: 'Finance teams wait for them.',
      });
      const body = await create({
        title: 'Trust in the numbers',
        body: 'The invoices are hard to read and the totals do not match.',
      });
      const page = await list({ workspaceId, query: 'invoice' });
      expect(page.edges.map((e) => e.node.id)).toEqual([title.id, body.id]);
    });

    it('pages with first and after, and counts every match', async () => {
      const made: string[] = [];
      for (let i = 0; i < 5; i++)
        made.push((await create({ title: `Calendar finding ${i}`, body: 'Calendars clash.' })).id);
      for (const filter of [
        { workspaceId, query: 'calendar' },
        { projectId, query: 'calendars' },
      ]) {
        const seen: string[] = [];
        let after: string | undefined;
        for (const size of [2, 2, 1]) {
          const page = await list(filter, owner.token, 2, after);
          expect(page.totalCount).toBe(5);
          expect(page.edges).toHaveLength(size);
          expect(page.pageInfo.hasNextPage).toBe(size === 2);
          seen.push(...page.edges.map((e) => e.node.id));
          after = page.pageInfo.endCursor!;
        }
        expect(seen.sort()).toEqual([...made].sort());
        // Past the last match: no insight, and still the count.
        const past = await list(filter, owner.token, 2, after);
        expect(past).toMatchObject({ totalCount: 5, edges: [] });
      }
      // Without a query: newest first, across pages.
      const first = await list({ projectId }, owner.token, 3);
      const second = await list({ projectId }, owner.token, 3, first.pageInfo.endCursor!);
      expect(first.edges.slice(0, 3).map((e) => e.node.id)).toEqual(made.slice(2).reverse());
      expect(second.edges[0]!.node.id).toBe(made[1]);
      // A cursor of the ranked list is refused by the newest-first one.
      const ranked = await list({ projectId, query: 'calendar' }, owner.token, 1);
      const mixed = await t.gql(
        LIST,
        { f: { projectId }, first: 1, after: ranked.pageInfo.endCursor },
        owner.token,
      );
      expect(code(mixed)).toBe('BAD_USER_INPUT');
    });

    it('counts at most 1,000 matches and says when there are more', async () => {
      const big = await newProject('Large study');
      await t.app.get(DataSource).query(
        `INSERT INTO insight (project_id, title, body, status, created_by_id, ts_config)
         SELECT $1, 'Survey answer ' || n, CASE WHEN n % 2 = 0 THEN 'Mentions the dashboard.' ELSE 'Other.' END,
                'DRAFT', $2, 'english'
           FROM generate_series(1, 2002) n`,
        [big, owner.id],
      );
      const COUNTED = `query($f: InsightFilter!) { insights(filter: $f, first: 3) {
        totalCount totalCountCapped edges { node { id } } } }`;
      const counted = async (f: Record<string, unknown>) =>
        (
          await t.ok<{
            insights: { totalCount: number; totalCountCapped: boolean; edges: unknown[] };
          }>(COUNTED, { f: { projectId: big, ...f } }, owner.token)
        ).insights;
      expect(await counted({})).toMatchObject({ totalCount: 1000, totalCountCapped: true });
      expect(await counted({ query: 'survey' })).toMatchObject({
        totalCount: 1000,
        totalCountCapped: true,
      });
      expect(await counted({ query: 'dashboard' })).toMatchObject({
        totalCount: 1000,
        totalCountCapped: true,
      });
      expect(await counted({ query: '"survey answer 1001"' })).toMatchObject({
        totalCount: 1,
        totalCountCapped: false,
      });
      expect(await counted({ query: 'survey', status: 'PUBLISHED' })).toMatchObject({
        totalCount: 0,
        totalCountCapped: false,
        edges: [],
      });
      // A page without its count still pages.
      const page = await t.ok<{
        insights: { edges: unknown[]; pageInfo: { hasNextPage: boolean } };
      }>(
        `query($f: InsightFilter!) { insights(filter: $f, first: 3) { edges { node { id } } pageInfo { hasNextPage } } }`,
        { f: { projectId: big, query: 'dashboard' } },
        owner.token,
      );
      expect(page.insights.edges).toHaveLength(3);
      expect(page.insights.pageInfo.hasNextPage).toBe(true);
    });

    it('never returns insights of a restricted project the caller is not in, nor of another workspace', async () => {
      const open = await create({ title: 'Zeppelin customers churn' });
      const restrictedId = await newProject('Board-level interviews');
      await english(restrictedId);
      await t.ok(
        `mutation($i: UpdateProjectAccessInput!) { updateProjectAccess(input: $i) { id } }`,
        { i: { projectId: restrictedId, restricted: true, memberIds: [viewer.id] } },
        owner.token,
      );
      const secret = await create({
        projectId: restrictedId,
        title: 'Zeppelin acquisition rumours',
      });
      const elsewhere = await t.newProject();
      await t.ok(
        CREATE,
        { i: { projectId: elsewhere.projectId, title: 'Zeppelin elsewhere' } },
        elsewhere.user.token,
      );

      const ids = async (user: TestUser) =>
        (await list({ workspaceId, query: 'zeppelin' }, user.token)).edges
          .map((e) => e.node.id)
          .sort();
      expect(await ids(editor)).toEqual([open.id]);
      expect(await ids(viewer)).toEqual([open.id, secret.id].sort());
      expect(await ids(owner)).toEqual([open.id, secret.id].sort());
      expect((await list({ workspaceId, query: 'zeppelin' }, editor.token)).totalCount).toBe(1);

      // Nor by naming the project or the insight.
      expect(code(await t.gql(LIST, { f: { projectId: restrictedId } }, editor.token))).toBe(
        'NOT_FOUND',
      );
      expect(code(await t.gql(GET, { id: secret.id }, editor.token))).toBe('NOT_FOUND');
      // A workspace and a project of another workspace together select nothing.
      expect(
        (await list({ workspaceId, projectId: elsewhere.projectId }, elsewhere.user.token))
          .totalCount,
      ).toBe(0);
      expect(
        code(
          await t.gql(LIST, { f: { workspaceId, projectId: elsewhere.projectId } }, editor.token),
        ),
      ).toBe('NOT_FOUND');
    });

    it('filters by tag, status and project', async () => {
      const tagged = await create({ title: 'Quokka pricing tiers', tagIds: [tagIds[1]] });
      const published = await create({ title: 'Quokka onboarding', status: 'PUBLISHED' });
      const other = await create({ projectId: otherProjectId, title: 'Quokka invoices' });
      const ids = async (filter: Record<string, unknown>) =>
        (await list({ workspaceId, query: 'quokka', ...filter })).edges
          .map((e) => e.node.id)
          .sort();
      expect(await ids({})).toEqual([tagged.id, published.id, other.id].sort());
      expect(await ids({ tagIds: [tagIds[1]] })).toEqual([tagged.id]);
      expect(await ids({ status: 'PUBLISHED' })).toEqual([published.id]);
      expect(await ids({ status: 'DRAFT', projectId })).toEqual([tagged.id]);
      expect(await ids({ projectId: otherProjectId })).toEqual([other.id]);
      expect(published.publishedAt).not.toBeNull();
    });
  });

  it('leaves one evidence row when two people add the same highlight at once', async () => {
    const made = await create({ title: 'Support calls help' });
    const highlightIds = [highlights[3]!.id];
    const results = await Promise.all(
      [owner, editor, owner, editor].map((u) =>
        t.gql<{ addEvidence: Insight }>(ADD, { i: { insightId: made.id, highlightIds } }, u.token),
      ),
    );
    expect(results.map((r) => r.errors)).toEqual([undefined, undefined, undefined, undefined]);
    const rows = await t.app
      .get(DataSource)
      .query<
        { n: number }[]
      >(`SELECT count(*)::int AS n FROM insight_evidence WHERE insight_id = $1`, [made.id]);
    expect(rows[0]!.n).toBe(1);
    const read = (await t.ok<{ insight: Insight }>(GET, { id: made.id }, owner.token)).insight;
    expect(read.evidenceCount.highlights).toBe(1);
  });
});
