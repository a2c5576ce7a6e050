import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import mammoth from 'mammoth';
import { Clock } from '../../common/clock';
import { type GqlResult, TestApp, type TestUser } from '../../../test/test-app';
import { WsStream, wsClient } from '../../../test/ws-client';
import { ExportFormat, ExportKind } from '../exports/export-renderer';
import { ReportExportRenderer } from './report-export.renderer';

// Reports: a builder's sections in order, resolved for the preview, shared by link, rendered for
// export; from the report's own project only.

const SECTION = `id kind position version text insightId themeId highlightIds
  chart { type tagIds }
  insight { id title body status } theme { id title description }
  quotes { highlightId text speaker transcriptTitle transcriptId segmentId startMs link }
  svg chartTitle`;
const REPORT = `id projectId title version pseudonymize sections { ${SECTION} } shares { id token url expiresAt revokedAt active }`;
const CREATE = `mutation($i: CreateReportInput!) { createReport(input: $i) { ${REPORT} } }`;
const UPDATE = `mutation($i: UpdateReportInput!) { updateReport(input: $i) { ${REPORT} } }`;
const ADD = `mutation($i: AddReportSectionInput!) { addReportSection(input: $i) { ${SECTION} } }`;
const EDIT = `mutation($i: UpdateReportSectionInput!) { updateReportSection(input: $i) { ${SECTION} } }`;
const MOVE = `mutation($i: MoveReportSectionInput!) { moveReportSection(input: $i) { id version sections { id } } }`;
const REMOVE = `mutation($id: ID!) { removeReportSection(id: $id) { id version sections { id } } }`;
const GET = `query($id: ID!) { report(id: $id) { ${REPORT} previewHtml } }`;
const LIST = `query($p: ID!) { reports(projectId: $p) { totalCount edges { node { id title } } } }`;
const SHARE = `mutation($i: ShareReportInput!) { shareReport(input: $i) { id token url expiresAt active } }`;
const REVOKE = `mutation($id: ID!) { revokeReportShare(id: $id) { id active revokedAt } }`;
const SHARED = `query($t: String!) { sharedReport(token: $t) { title pseudonymized expiresAt html
  sections { kind title text status svg quotes { text speaker transcriptTitle startMs } } } }`;

interface Quote {
  highlightId: string;
  text: string;
  speaker: string | null;
  transcriptTitle: string;
  transcriptId: string;
  segmentId: string;
  startMs: number | null;
  link: string;
}
interface Section {
  id: string;
  kind: string;
  position: number;
  version: number;
  text: string;
  insight: { id: string; title: string } | null;
  theme: { id: string; title: string } | null;
  quotes: Quote[];
  svg: string | null;
}
interface Report {
  id: string;
  title: string;
  version: number;
  pseudonymize: boolean;
  sections: Section[];
  shares: { id: string; token: string | null; url: string | null; active: boolean }[];
  previewHtml?: string;
}

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i;
const REAL_NAMES = ['Nina', 'Patel', 'Omar', 'Haddad'];

const INTERVIEW = `[00:00:05] Interviewer: Tell me about your first month.

[00:01:05] Nina Patel: Onboarding took me two weeks, and Omar said the same.

[00:02:00] Interviewer: Why?

[00:02:10] Nina Patel: The setup guide was out of date.
`;
const SECOND = `[00:00:05] Interviewer: What about exports?

[00:00:40] Omar Haddad: I never found the export button; Nina Patel showed me.
`;

describe('reports', () => {
  let t: TestApp;
  let owner: TestUser;
  let editor: TestUser;
  let viewer: TestUser;
  let commenter: TestUser;
  let workspaceId: string;
  let projectId: string;
  let highlightIds: string[];
  let tagIds: string[];
  let insightId: string;
  let themeId: string;
  let otherProject: { highlightId: string; insightId: string; themeId: string; tagId: string };
  let stranger: TestUser;
  let strangerReportId: string;

  const code = (res: GqlResult<unknown>) => res.errors?.[0]?.extensions?.code;
  /** As the owner unless another token is given; null: anonymous. */
  const gql = <T = Record<string, unknown>>(
    q: string,
    v: object = {},
    token: string | null = owner.token,
  ) => t.gql<T>(q, v, token ?? undefined);
  const ok = <T = Record<string, unknown>>(
    q: string,
    v: object = {},
    token: string | null = owner.token,
  ) => t.ok<T>(q, v, token ?? undefined);
  const get = async (id: string, token = owner.token) =>
    (await ok<{ report: Report }>(GET, { id }, token)).report;
  const create = async (title = 'Onboarding findings', token = owner.token, project = projectId) =>
    (await ok<{ createReport: Report }>(CREATE, { i: { projectId: project, title } }, token))
      .createReport;
  const add = async (input: Record<string, unknown>, token = owner.token) =>
    (await ok<{ addReportSection: Section }>(ADD, { i: input }, token)).addReportSection;

  async function seed(project: string, token: string, files: [string, string][]) {
    const ids: string[] = [];
    for (const [filename, text] of files) {
      const transcript = await t.importText(project, token, filename, text);
      for (const turn of transcript.segments.filter((s) => s.speaker !== 'Interviewer')) {
        const h = await ok<{ createHighlight: { id: string } }>(
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
        ids.push(h.createHighlight.id);
      }
    }
    return ids;
  }
  const tag = async (project: string, name: string, ids: string[], token = owner.token) => {
    const id = (
      await ok<{ createTag: { id: string } }>(
        `mutation($i: CreateTagInput!) { createTag(input: $i) { id } }`,
        { i: { projectId: project, name } },
        token,
      )
    ).createTag.id;
    for (const highlightId of ids)
      await ok(
        `mutation($i: UpdateHighlightInput!) { updateHighlight(input: $i) { id } }`,
        { i: { id: highlightId, tagIds: [id] } },
        token,
      );
    return id;
  };
  const insight = async (project: string, ids: string[], token = owner.token) =>
    (
      await ok<{ createInsight: { id: string } }>(
        `mutation($i: CreateInsightInput!) { createInsight(input: $i) { id } }`,
        {
          i: {
            projectId: project,
            title: 'Setup takes too long',
            body: 'Most needed **two weeks**.',
            highlightIds: ids,
          },
        },
        token,
      )
    ).createInsight.id;
  const theme = async (project: string, ids: string[], token = owner.token) => {
    const board = await ok<{ createBoard: { id: string } }>(
      `mutation($i: CreateBoardInput!) { createBoard(input: $i) { id } }`,
      { i: { projectId: project, name: 'Synthesis' } },
      token,
    );
    const made = await ok<{ createTheme: { id: string } }>(
      `mutation($i: CreateThemeInput!) { createTheme(input: $i) { id } }`,
      {
        i: {
          boardId: board.createBoard.id,
          title: 'Exporting is hidden',
          description: 'People miss it.',
        },
      },
      token,
    );
    await ok(
      `mutation($i: AddCardsInput!) { addCards(input: $i) { id } }`,
      { i: { boardId: board.createBoard.id, themeId: made.createTheme.id, highlightIds: ids } },
      token,
    );
    return made.createTheme.id;
  };

  beforeAll(async () => {
    t = await TestApp.start({ PUBLIC_URL: 'https://verbatim.example' });
    const p = await t.newProject();
    owner = p.user;
    workspaceId = p.workspaceId;
    projectId = p.projectId;
    editor = await t.join(owner, workspaceId, 'EDITOR', 'Eddie Editor');
    viewer = await t.join(owner, workspaceId, 'VIEWER', 'Vera Viewer');
    commenter = await t.join(owner, workspaceId, 'COMMENTER', 'Cora Commenter');
    highlightIds = await seed(projectId, owner.token, [
      ['nina.txt', INTERVIEW],
      ['omar.txt', SECOND],
    ]);
    tagIds = [
      await tag(projectId, 'onboarding', highlightIds.slice(0, 2)),
      await tag(projectId, '<script>alert(1)</script>', highlightIds.slice(2)),
    ];
    insightId = await insight(projectId, highlightIds.slice(0, 2));
    themeId = await theme(projectId, highlightIds.slice(2));
    // Another workspace, with its own report and content.
    const other = await t.newProject();
    stranger = other.user;
    const [foreign] = await seed(other.projectId, stranger.token, [['x.txt', SECOND]]);
    otherProject = {
      highlightId: foreign!,
      insightId: await insight(other.projectId, [foreign!], stranger.token),
      themeId: await theme(other.projectId, [foreign!], stranger.token),
      tagId: await tag(other.projectId, 'foreign', [foreign!], stranger.token),
    };
    strangerReportId = (await create('Theirs', stranger.token, other.projectId)).id;
  }, 120_000);

  afterAll(async () => {
    jest.restoreAllMocks();
    await t?.close();
  });

  /** A report with one section of every kind. */
  async function fullReport(title = 'Onboarding findings'): Promise<Report> {
    const report = await create(title);
    await add({
      reportId: report.id,
      kind: 'TEXT',
      text: '## Summary\n\nPeople **struggle** to start.',
    });
    await add({ reportId: report.id, kind: 'INSIGHT', insightId, highlightIds: [highlightIds[0]] });
    await add({ reportId: report.id, kind: 'THEME', themeId });
    await add({
      reportId: report.id,
      kind: 'QUOTES',
      highlightIds: [highlightIds[1], highlightIds[2]],
    });
    await add({ reportId: report.id, kind: 'CHART', chart: { type: 'TAG_FREQUENCY' } });
    await add({
      reportId: report.id,
      kind: 'CHART',
      chart: { type: 'TAG_PARTICIPANT_HEATMAP', tagIds },
    });
    return get(report.id);
  }

  it('builds a report whose sections resolve their content for the builder and the preview', async () => {
    const report = await fullReport();
    expect(report.sections.map((s) => [s.kind, s.position])).toEqual([
      ['TEXT', 0],
      ['INSIGHT', 1],
      ['THEME', 2],
      ['QUOTES', 3],
      ['CHART', 4],
      ['CHART', 5],
    ]);
    const [text, ins, th, quotes, freq, heat] = report.sections;
    expect(text!.text).toContain('People **struggle**');
    expect(ins!.insight).toMatchObject({ id: insightId, title: 'Setup takes too long' });
    expect(ins!.quotes.map((q) => q.highlightId)).toEqual([highlightIds[0]]);
    const q = ins!.quotes[0]!;
    expect(q).toMatchObject({ speaker: 'Nina Patel', transcriptTitle: 'nina', startMs: 65_000 });
    expect(q.text).toContain('Onboarding took me two weeks');
    expect(q.link).toBe(`https://verbatim.example/t/${q.transcriptId}?segment=${q.segmentId}`);
    expect(th!.theme).toMatchObject({ title: 'Exporting is hidden' });
    expect(th!.quotes.map((x) => x.highlightId)).toEqual([highlightIds[2]]);
    expect(quotes!.quotes.map((x) => x.speaker)).toEqual(['Nina Patel', 'Omar Haddad']);
    expect(freq!.svg).toMatch(/^<svg[^>]*role="img"/);
    expect(freq!.svg).toContain('onboarding');
    expect(heat!.svg).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(heat!.svg).not.toContain('<script>');
    expect(report.previewHtml).toContain('Setup takes too long');
    expect(report.previewHtml).toContain('The setup guide was out of date.');
    expect(report.previewHtml).toContain('<svg');
    expect(report.previewHtml).not.toMatch(/<script/i);

    const list = await ok<{ reports: { totalCount: number; edges: { node: { id: string } }[] } }>(
      LIST,
      { p: projectId },
      viewer.token,
    );
    expect(list.reports.edges.map((e) => e.node.id)).toContain(report.id);
    const activity = await ok<{ activity: { edges: { node: { verb: string } }[] } }>(
      `query($w: ID!, $p: ID) { activity(workspaceId: $w, projectId: $p, first: 100) { edges { node { verb } } } }`,
      { w: workspaceId, p: projectId },
    );
    expect(activity.activity.edges.map((e) => e.node.verb)).toContain('report.created');
  });

  it('streams changes to everyone in the builder, and stops for someone removed from the workspace', async () => {
    const report = await fullReport('Live');
    const leaver = await t.join(owner, workspaceId, 'VIEWER', 'Lee Leaver');
    const LIVE = `subscription($r: ID!) { reportChanged(reportId: $r) { kind version actorId report { id title version } } }`;
    type Event = {
      reportChanged: { kind: string; version: number; actorId: string; report: { title: string } };
    };
    const watcher = new WsStream<Event>(wsClient(t, viewer.token), LIVE, { r: report.id });
    const gone = new WsStream<Event>(wsClient(t, leaver.token), LIVE, { r: report.id });
    try {
      // Subscriptions start asynchronously: rename until both have seen an event.
      for (let i = 0; i < 40 && !(watcher.events.length && gone.events.length); i++) {
        const { version } = await get(report.id);
        await ok(UPDATE, { i: { reportId: report.id, title: `Live ${i}`, version } }, editor.token);
        await watcher.until((s) => s.events.length > 0, 'a rename', 500).catch(() => undefined);
        await gone.until((s) => s.events.length > 0, 'a rename', 500).catch(() => undefined);
      }
      const primed = await get(report.id);
      expect(watcher.events.at(-1)!.reportChanged).toMatchObject({
        kind: 'UPDATED',
        version: primed.version,
        actorId: editor.id,
        report: { title: primed.title },
      });
      watcher.events.length = 0;
      gone.events.length = 0;
      await ok(`mutation($i: RemoveMemberInput!) { removeMember(input: $i) }`, {
        i: { workspaceId, userId: leaver.id },
      });
      await ok(MOVE, {
        i: { sectionId: report.sections[2]!.id, afterSectionId: null, version: primed.version },
      });
      await watcher.until((s) => s.events.length >= 1, 'the move');
      expect(watcher.events[0]!.reportChanged).toMatchObject({
        kind: 'UPDATED',
        version: primed.version + 1,
      });
      await gone.until((s) => s.ended, 'the end of the removed member’s stream');
      expect(gone.events).toHaveLength(0);
      expect(gone.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
      await ok(SHARE, { i: { reportId: report.id, expiresAt: new Date(Date.now() + 86_400_000) } });
      await watcher.until((s) => s.events.length >= 2, 'the share');
      expect(watcher.events[1]!.reportChanged.kind).toBe('SHARES_CHANGED');
    } finally {
      await watcher.close();
      await gone.close();
    }
  });

  it('keeps hostile titles and text inert in the preview and on the share page', async () => {
    const hostile = `<script>fetch('https://evil.example')</script><img src=x onerror="alert(1)">`;
    const report = await create(`Findings ${hostile}`);
    await add({
      reportId: report.id,
      kind: 'TEXT',
      text: `${hostile} [click](javascript:alert(1))`,
    });
    const preview = (await get(report.id)).previewHtml!;
    const share = (
      await ok<{ shareReport: { token: string } }>(SHARE, {
        i: { reportId: report.id, expiresAt: new Date(Date.now() + 86_400_000) },
      })
    ).shareReport;
    const shared = (await ok<{ sharedReport: { html: string } }>(SHARED, { t: share.token }, null))
      .sharedReport.html;
    for (const html of [preview, shared]) {
      expect(html).not.toMatch(/<script/i);
      expect(html).not.toMatch(/<img/i);
      expect(html).not.toMatch(/href="\s*javascript:/i);
      expect(html).toContain('&lt;script&gt;');
      expect(html).toContain("default-src 'none'");
    }
    // Stored as written: the builder edits what the author typed.
    expect((await get(report.id)).title).toBe(`Findings ${hostile}`);
  });

  it('moves sections, refuses a move on a stale version with CONFLICT, and keeps the order', async () => {
    const report = await fullReport('Moves');
    const ids = report.sections.map((s) => s.id);
    const moved = await ok<{
      moveReportSection: { version: number; sections: { id: string }[] };
    }>(MOVE, { i: { sectionId: ids[4], afterSectionId: null, version: report.version } });
    expect(moved.moveReportSection.sections.map((s) => s.id)).toEqual([
      ids[4],
      ...ids.slice(0, 4),
      ids[5],
    ]);
    expect(moved.moveReportSection.version).toBe(report.version + 1);
    const stale = await gql(MOVE, {
      i: { sectionId: ids[0], afterSectionId: ids[5], version: report.version },
    });
    expect(code(stale)).toBe('CONFLICT');
    expect(stale.errors?.[0]?.extensions?.version).toBe(report.version + 1);
    const after = await get(report.id);
    expect(after.sections.map((s) => s.id)).toEqual(
      moved.moveReportSection.sections.map((s) => s.id),
    );
    // After itself, and after a section of another report: refused, nothing moves.
    const self = await gql(MOVE, {
      i: { sectionId: ids[1], afterSectionId: ids[1], version: after.version },
    });
    expect(code(self)).toBe('BAD_USER_INPUT');
    const elsewhere = (await fullReport('Elsewhere')).sections[0]!.id;
    const foreign = await gql(MOVE, {
      i: { sectionId: ids[1], afterSectionId: elsewhere, version: after.version },
    });
    expect(code(foreign)).toBe('BAD_USER_INPUT');
    expect((await get(report.id)).sections.map((s) => s.id)).toEqual(
      after.sections.map((s) => s.id),
    );
  });

  it('ends two people moving sections at once in one consistent order and one CONFLICT', async () => {
    const report = await fullReport('Concurrent');
    const ids = report.sections.map((s) => s.id);
    const [a, b] = await Promise.all([
      gql<{ moveReportSection: { sections: { id: string }[] } }>(MOVE, {
        i: { sectionId: ids[5], afterSectionId: null, version: report.version },
      }),
      gql<{ moveReportSection: { sections: { id: string }[] } }>(
        MOVE,
        { i: { sectionId: ids[0], afterSectionId: ids[5], version: report.version } },
        editor.token,
      ),
    ]);
    const results = [a, b];
    expect(results.filter((r) => !r.errors).length).toBe(1);
    expect(results.filter((r) => code(r) === 'CONFLICT').length).toBe(1);
    const winner = results
      .find((r) => !r.errors)!
      .data!.moveReportSection.sections.map((s) => s.id);
    const final = await get(report.id);
    expect(final.sections.map((s) => s.id)).toEqual(winner);
    expect(new Set(winner).size).toBe(ids.length);
    expect(final.version).toBe(report.version + 1);
  });

  it('edits a section on its own version, so a colleague’s move does not refuse it; a stale edit is CONFLICT', async () => {
    const report = await fullReport('Edits');
    const text = report.sections[0]!;
    await ok(
      MOVE,
      { i: { sectionId: report.sections[3]!.id, afterSectionId: null, version: report.version } },
      editor.token,
    );
    const edited = (
      await ok<{ updateReportSection: Section }>(EDIT, {
        i: { sectionId: text.id, text: 'New words', version: text.version },
      })
    ).updateReportSection;
    expect(edited).toMatchObject({ text: 'New words', version: text.version + 1 });
    const stale = await gql(
      EDIT,
      { i: { sectionId: text.id, text: 'Lost', version: text.version } },
      editor.token,
    );
    expect(code(stale)).toBe('CONFLICT');
    expect((await get(report.id)).sections.find((s) => s.id === text.id)!.text).toBe('New words');
    const removed = await ok<{ removeReportSection: { sections: { id: string }[] } }>(REMOVE, {
      id: text.id,
    });
    expect(removed.removeReportSection.sections.map((s) => s.id)).not.toContain(text.id);
  });

  it('refuses ids of another project or workspace and stores nothing', async () => {
    const report = await create('Careful');
    const cases: [Record<string, unknown>, string][] = [
      [{ kind: 'INSIGHT', insightId: otherProject.insightId }, 'BAD_USER_INPUT'],
      [{ kind: 'THEME', themeId: otherProject.themeId }, 'BAD_USER_INPUT'],
      [
        { kind: 'QUOTES', highlightIds: [highlightIds[0], otherProject.highlightId] },
        'BAD_USER_INPUT',
      ],
      [
        { kind: 'CHART', chart: { type: 'TAG_FREQUENCY', tagIds: [otherProject.tagId] } },
        'BAD_USER_INPUT',
      ],
      [{ kind: 'INSIGHT', insightId: '00000000-0000-4000-8000-000000000000' }, 'BAD_USER_INPUT'],
      [{ kind: 'INSIGHT' }, 'BAD_USER_INPUT'],
      [{ kind: 'TEXT', insightId }, 'BAD_USER_INPUT'],
      [{ kind: 'TEXT', text: 'x'.repeat(50_001) }, 'BAD_USER_INPUT'],
    ];
    for (const [input, expected] of cases)
      expect(code(await gql(ADD, { i: { reportId: report.id, ...input } }))).toBe(expected);
    const section = await add({
      reportId: report.id,
      kind: 'QUOTES',
      highlightIds: [highlightIds[0]],
    });
    const edit = await gql(EDIT, {
      i: {
        sectionId: section.id,
        highlightIds: [otherProject.highlightId],
        version: section.version,
      },
    });
    expect(code(edit)).toBe('BAD_USER_INPUT');
    const after = await get(report.id);
    expect(after.sections.map((s) => s.quotes.map((q) => q.highlightId))).toEqual([
      [highlightIds[0]],
    ]);
    // Another workspace's report: as if it did not exist, for reading and writing.
    expect(code(await gql(GET, { id: strangerReportId }))).toBe('NOT_FOUND');
    expect(
      code(await gql(ADD, { i: { reportId: strangerReportId, kind: 'TEXT', text: 'x' } })),
    ).toBe('NOT_FOUND');
    expect(code(await gql(GET, { id: 'not-an-id' }))).toBe('NOT_FOUND');
  });

  it('lets viewers and commenters read, and only editors and owners build and share', async () => {
    const report = await fullReport('Roles');
    for (const reader of [viewer, commenter]) {
      expect((await get(report.id, reader.token)).sections).toHaveLength(6);
      expect(
        code(await gql(ADD, { i: { reportId: report.id, kind: 'TEXT', text: 'x' } }, reader.token)),
      ).toBe('FORBIDDEN');
      expect(
        code(
          await gql(
            MOVE,
            {
              i: {
                sectionId: report.sections[0]!.id,
                afterSectionId: null,
                version: report.version,
              },
            },
            reader.token,
          ),
        ),
      ).toBe('FORBIDDEN');
      expect(
        code(
          await gql(
            SHARE,
            { i: { reportId: report.id, expiresAt: new Date(Date.now() + 86_400_000) } },
            reader.token,
          ),
        ),
      ).toBe('FORBIDDEN');
      expect(code(await gql(CREATE, { i: { projectId, title: 'x' } }, reader.token))).toBe(
        'FORBIDDEN',
      );
    }
    expect(
      (await add({ reportId: report.id, kind: 'TEXT', text: 'By the editor' }, editor.token)).text,
    ).toBe('By the editor');
    expect((await gql(GET, { id: report.id })).status).toBe(200);
    expect(code(await gql(GET, { id: report.id }, 'not a token'))).toBe('UNAUTHENTICATED');
  });

  it('shows participants as Participant A, B… everywhere, names in quotes replaced too', async () => {
    const report = await fullReport('Pseudonymous');
    const on = (
      await ok<{ updateReport: Report }>(UPDATE, {
        i: { reportId: report.id, pseudonymize: true, version: report.version },
      })
    ).updateReport;
    expect(on.pseudonymize).toBe(true);
    const seen = await get(report.id);
    const speakers = seen.sections.flatMap((s) => s.quotes.map((q) => q.speaker));
    // Nina is quoted first, so she is A; Omar B; stable across the builder, preview and share page.
    expect(speakers).toEqual(['Participant A', 'Participant B', 'Participant A', 'Participant B']);
    const omarQuote = seen.sections[3]!.quotes[1]!;
    expect(omarQuote.text).toBe('I never found the export button; Participant A showed me.');
    expect(seen.sections[1]!.quotes[0]!.text).toContain('and Participant B said the same');
    const share = (
      await ok<{ shareReport: { token: string } }>(SHARE, {
        i: { reportId: report.id, expiresAt: new Date(Date.now() + 86_400_000) },
      })
    ).shareReport;
    const shared = (await ok<{ sharedReport: unknown }>(SHARED, { t: share.token }, null))
      .sharedReport;
    const outputs = [
      JSON.stringify(seen.sections.map((s) => [s.quotes, s.svg, s.insight, s.theme])),
      seen.previewHtml!,
      JSON.stringify(shared),
    ];
    const renderer = t.app.get(ReportExportRenderer);
    const { document } = await renderer['content'].resolve(
      { id: report.id, project_id: projectId, title: report.title, pseudonymize: true },
      new Date(),
    );
    outputs.push((await renderer.write(document, ExportFormat.MARKDOWN)).toString('utf8'));
    const docx = await renderer.write(document, ExportFormat.DOCX);
    outputs.push((await mammoth.extractRawText({ buffer: docx })).value);
    for (const out of outputs) for (const name of REAL_NAMES) expect(out).not.toContain(name);
    // Turned off, the names are back.
    await ok(UPDATE, { i: { reportId: report.id, pseudonymize: false, version: on.version } });
    expect((await get(report.id)).sections[3]!.quotes[1]!.speaker).toBe('Omar Haddad');
  });

  describe('share links', () => {
    let report: Report;
    let token: string;
    let shareId: string;

    beforeAll(async () => {
      report = await fullReport('Shared findings');
      const made = await ok<{
        shareReport: { id: string; token: string; url: string; active: boolean };
      }>(SHARE, {
        i: { reportId: report.id, expiresAt: new Date(Date.now() + 7 * 86_400_000) },
      });
      ({ token, id: shareId } = made.shareReport);
      expect(made.shareReport.url).toBe(`https://verbatim.example/r/${token}`);
      expect(made.shareReport.active).toBe(true);
    });
    afterEach(() => jest.restoreAllMocks());

    it('shows the report without logging in, with content and no ids or links into the app', async () => {
      const res = await gql<{
        sharedReport: {
          title: string;
          html: string;
          sections: { kind: string; quotes: unknown[]; svg: string | null }[];
        };
      }>(SHARED, { t: token }, null);
      expect(res.errors).toBeUndefined();
      const shared = res.data!.sharedReport;
      expect(shared.title).toBe('Shared findings');
      expect(shared.sections.map((s) => s.kind)).toEqual([
        'TEXT',
        'INSIGHT',
        'THEME',
        'QUOTES',
        'CHART',
        'CHART',
      ]);
      expect(shared.sections[3]!.quotes).toHaveLength(2);
      expect(shared.sections[4]!.svg).toContain('<svg');
      expect(JSON.stringify(shared)).not.toMatch(UUID);
      expect(shared.html).not.toContain('/t/');
      expect(shared.html).not.toContain('Open in Verbatim');
      // The share's token is never listed again.
      const listed = (await get(report.id)).shares;
      expect(listed.map((s) => s.id)).toContain(shareId);
      expect(listed.every((s) => s.token === null && s.url === null)).toBe(true);
    });

    it('opens nothing else: not as a Bearer token, not as another argument', async () => {
      expect(code(await gql(GET, { id: report.id }, token))).toBe('UNAUTHENTICATED');
      expect(code(await gql(`{ me { id } }`, {}, token))).toBe('UNAUTHENTICATED');
      expect(code(await gql(GET, { id: report.id }, null))).toBe('UNAUTHENTICATED');
      expect(code(await gql(GET, { id: token }, owner.token))).toBe('NOT_FOUND');
      expect(code(await gql(LIST, { p: token }, viewer.token))).not.toBeUndefined();
      expect(code(await gql(REVOKE, { id: token }, null))).toBe('UNAUTHENTICATED');
      const bearer = await fetch(`${t.baseUrl}/api/exports/${report.id}/download`, {
        headers: { authorization: `Bearer ${token}` },
      });
      expect([401, 404]).toContain(bearer.status);
    });

    it('is held to the GraphQL limits like any other query', async () => {
      const aliases = Array.from(
        { length: 30 },
        (_, i) => `a${i}: sharedReport(token: $t) { title }`,
      ).join(' ');
      const res = await gql(`query($t: String!) { ${aliases} }`, { t: token }, null);
      expect(code(res)).toBe('BAD_USER_INPUT');
      expect(res.data ?? null).toBeNull();
      expect(code(await gql(SHARED, { t: 'x\u0000y' }, null))).toBe('BAD_USER_INPUT');
    });

    it('says why a token opens nothing: unknown, expired or revoked', async () => {
      const unknown = await gql(SHARED, { t: 'no-such-token' }, null);
      expect(unknown.errors?.[0]?.extensions).toMatchObject({
        code: 'NOT_FOUND',
        reason: 'UNKNOWN',
      });
      jest.spyOn(Clock.prototype, 'now').mockReturnValue(new Date(Date.now() + 8 * 86_400_000));
      const expired = await gql(SHARED, { t: token }, null);
      expect(expired.errors?.[0]?.extensions).toMatchObject({
        code: 'NOT_FOUND',
        reason: 'EXPIRED',
      });
      expect(expired.errors?.[0]?.message).toMatch(/expired/);
      jest.restoreAllMocks();
      expect((await gql(SHARED, { t: token }, null)).errors).toBeUndefined();
      const other = (
        await ok<{ shareReport: { id: string; token: string } }>(SHARE, {
          i: { reportId: report.id, expiresAt: new Date(Date.now() + 86_400_000) },
        })
      ).shareReport;
      expect(code(await gql(REVOKE, { id: other.id }, viewer.token))).toBe('FORBIDDEN');
      expect(code(await gql(REVOKE, { id: other.id }, stranger.token))).toBe('NOT_FOUND');
      const revoked = (
        await ok<{ revokeReportShare: { active: boolean } }>(REVOKE, { id: other.id }, editor.token)
      ).revokeReportShare;
      expect(revoked.active).toBe(false);
      const res = await gql(SHARED, { t: other.token }, null);
      expect(res.errors?.[0]?.extensions).toMatchObject({ code: 'NOT_FOUND', reason: 'REVOKED' });
      expect((await gql(SHARED, { t: token }, null)).errors).toBeUndefined();
      expect(
        code(
          await gql(SHARE, {
            i: { reportId: report.id, expiresAt: new Date(Date.now() - 1000) },
          }),
        ),
      ).toBe('BAD_USER_INPUT');
    });
  });

  describe('export rendering', () => {
    // Skipped where Chromium is missing, except under CI, where a missing browser fails the test.
    const haveChromium =
      existsSync('/usr/bin/chromium') || !!process.env.CHROMIUM_PATH || !!process.env.CI;
    let dir: string;
    let report: Report;
    const render = async (format: ExportFormat) => {
      const renderer = t.app.get(ReportExportRenderer);
      const outPath = path.join(dir, `report.${format.toLowerCase()}`);
      const progress: number[] = [];
      await renderer.render({
        exportId: 'e',
        kind: ExportKind.REPORT,
        format,
        projectId,
        subjectId: report.id,
        params: {},
        requestedBy: owner.id,
        outPath,
        progress: (f) => {
          progress.push(f);
          return Promise.resolve();
        },
        signal: new AbortController().signal,
      });
      expect(progress.at(-1)).toBe(1);
      return outPath;
    };

    beforeAll(async () => {
      dir = mkdtempSync(path.join(tmpdir(), 'verbatim-report-'));
      const made = await fullReport('Printed findings');
      report = (
        await ok<{ updateReport: Report }>(UPDATE, {
          i: { reportId: made.id, pseudonymize: true, version: made.version },
        })
      ).updateReport;
    });

    (haveChromium ? it : it.skip)(
      'prints a PDF with the quotes, page numbers and no real names (pdftotext)',
      async () => {
        const file = await render(ExportFormat.PDF);
        expect(readFileSync(file).subarray(0, 5).toString()).toBe('%PDF-');
        const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
        expect(text).toContain('Printed findings');
        expect(text).toContain('The setup guide was out of date.');
        expect(text).toContain('I never found the export button; Participant A showed me.');
        expect(text).toMatch(/Page 1 of \d+/);
        for (const name of REAL_NAMES) expect(text).not.toContain(name);
      },
      120_000,
    );

    (haveChromium ? it : it.skip)(
      'fetches nothing while printing a hostile report',
      async () => {
        const hostile = await create('Hostile');
        let hits = 0;
        const http = await import('node:http');
        const server = http.createServer((_, res) => {
          hits++;
          res.end('x');
        });
        await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
        const port = (server.address() as { port: number }).port;
        const url = `http://127.0.0.1:${port}/x.png`;
        await add({
          reportId: hostile.id,
          kind: 'TEXT',
          text: `![x](${url}) <img src="${url}"> <link rel="stylesheet" href="${url}"> <style>@import url(${url});</style> [a](${url})`,
        });
        const renderer = t.app.get(ReportExportRenderer);
        const { document } = await renderer['content'].resolve(
          { id: hostile.id, project_id: projectId, title: 'Hostile', pseudonymize: false },
          new Date(),
        );
        const pdf = await renderer.write(document, ExportFormat.PDF);
        writeFileSync(path.join(dir, 'hostile.pdf'), pdf);
        await new Promise((resolve) => server.close(resolve));
        expect(hits).toBe(0);
      },
      120_000,
    );

    it('writes a DOCX with the sections and quotes (read back with mammoth)', async () => {
      const file = await render(ExportFormat.DOCX);
      const { value } = await mammoth.extractRawText({ path: file });
      expect(value).toContain('Printed findings');
      expect(value).toContain('Summary');
      expect(value).toContain('Setup takes too long');
      expect(value).toContain('Exporting is hidden');
      expect(value).toContain('The setup guide was out of date.');
      expect(value).toContain('— Participant A, nina, 2:10');
      const html = (await mammoth.convertToHtml({ path: file })).value;
      expect(html.match(/<img /g)?.length).toBe(2);
      for (const name of REAL_NAMES) expect(value).not.toContain(name);
    }, 60_000);

    it('writes one HTML file and Markdown', async () => {
      const html = readFileSync(await render(ExportFormat.HTML), 'utf8');
      expect(html).toContain('<svg');
      expect(html).not.toMatch(/\ssrc(set)?="/i);
      const md = readFileSync(await render(ExportFormat.MARKDOWN), 'utf8');
      expect(md).toContain('# Printed findings');
      expect(md).toContain('> The setup guide was out of date.');
    });
  });

  it('says a section’s insight or theme was deleted, and deleting a report takes its sections and links', async () => {
    const report = await create('Deleted parts');
    const own = await insight(projectId, [highlightIds[0]!]);
    await add({ reportId: report.id, kind: 'INSIGHT', insightId: own });
    await ok(`mutation($id: ID!) { deleteInsight(id: $id) }`, { id: own });
    const after = await get(report.id);
    expect(after.sections[0]).toMatchObject({ kind: 'INSIGHT', insight: null, quotes: [] });
    expect(after.previewHtml).toContain('This insight was deleted');
    const share = (
      await ok<{ shareReport: { token: string } }>(SHARE, {
        i: { reportId: report.id, expiresAt: new Date(Date.now() + 86_400_000) },
      })
    ).shareReport;
    expect(
      code(
        await gql(`mutation($id: ID!) { deleteReport(id: $id) }`, { id: report.id }, viewer.token),
      ),
    ).toBe('FORBIDDEN');
    await ok(`mutation($id: ID!) { deleteReport(id: $id) }`, { id: report.id });
    expect(code(await gql(GET, { id: report.id }))).toBe('NOT_FOUND');
    expect((await gql(SHARED, { t: share.token }, null)).errors?.[0]?.extensions).toMatchObject({
      reason: 'UNKNOWN',
    });
  });
});
