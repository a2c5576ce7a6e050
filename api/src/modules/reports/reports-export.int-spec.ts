import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import mammoth from 'mammoth';
import { TestApp, type TestUser } from '../../../test/test-app';

// exportReport end to end: asked for, rendered by the export job, READY, downloaded.

interface ExportView {
  id: string;
  status: string;
  error: string | null;
  filename: string;
}

describe('report exports', () => {
  let t: TestApp;
  let owner: TestUser;
  let viewer: TestUser;
  let reportId: string;

  const EXPORT = `mutation($i: ExportReportInput!) { exportReport(input: $i) { id status error filename } }`;

  async function finished(id: string, user = owner): Promise<ExportView> {
    for (let i = 0; i < 600; i++) {
      await t.jobs.idle();
      const { export: exp } = await t.ok<{ export: ExportView }>(
        `query($id: ID!) { export(id: $id) { id status error filename } }`,
        { id },
        user.token,
      );
      if (exp.status === 'READY' || exp.status === 'FAILED') return exp;
      await new Promise((r) => setTimeout(r, 50));
    }
    throw new Error(`export ${id} never finished`);
  }

  const download = async (id: string, user = owner) => {
    const res = await fetch(`${t.baseUrl}/api/exports/${id}/download`, {
      headers: { authorization: `Bearer ${user.token}` },
    });
    expect(res.status).toBe(200);
    return Buffer.from(await res.arrayBuffer());
  };

  beforeAll(async () => {
    t = await TestApp.start();
    const p = await t.newProject();
    owner = p.user;
    viewer = await t.join(owner, p.workspaceId, 'VIEWER', 'Vera Viewer');
    const transcript = await t.importText(
      p.projectId,
      owner.token,
      'nina.txt',
      'Interviewer: How was it?\n\nNina Patel: Onboarding took me two weeks.\n',
    );
    const turn = transcript.segments.find((s) => s.speaker !== 'Interviewer')!;
    const h = await t.ok<{ createHighlight: { id: string } }>(
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
    const report = await t.ok<{ createReport: { id: string } }>(
      `mutation($i: CreateReportInput!) { createReport(input: $i) { id } }`,
      { i: { projectId: p.projectId, title: 'Findings', pseudonymize: true } },
      owner.token,
    );
    reportId = report.createReport.id;
    await t.ok(
      `mutation($i: AddReportSectionInput!) { addReportSection(input: $i) { id } }`,
      { i: { reportId, kind: 'QUOTES', highlightIds: [h.createHighlight.id] } },
      owner.token,
    );
  }, 60_000);

  afterAll(async () => {
    await t?.close();
  });

  it('exports a report as DOCX through the job, and a viewer may ask for one', async () => {
    const asked = (
      await t.ok<{ exportReport: ExportView }>(
        EXPORT,
        { i: { reportId, format: 'DOCX' } },
        viewer.token,
      )
    ).exportReport;
    expect(asked.filename).toBe('Findings.docx');
    const done = await finished(asked.id, viewer);
    expect(done).toMatchObject({ status: 'READY', error: null });
    const { value } = await mammoth.extractRawText({ buffer: await download(done.id, viewer) });
    expect(value).toContain('Onboarding took me two weeks.');
    expect(value).toContain('Participant A');
    expect(value).not.toContain('Nina');
  }, 60_000);

  (existsSync('/usr/bin/chromium') || process.env.CI ? it : it.skip)(
    'exports a report as PDF through the job',
    async () => {
      const asked = (
        await t.ok<{ exportReport: ExportView }>(
          EXPORT,
          { i: { reportId, format: 'PDF' } },
          owner.token,
        )
      ).exportReport;
      const done = await finished(asked.id);
      expect(done.status).toBe('READY');
      const pdf = await download(done.id);
      expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
      const text = execFileSync('pdftotext', ['-', '-'], { input: pdf, encoding: 'utf8' });
      expect(text).toContain('Onboarding took me two weeks.');
      expect(text).not.toContain('Nina');
    },
    120_000,
  );

  it('refuses a format a report cannot be written in, and an unknown report', async () => {
    const csv = await t.gql(EXPORT, { i: { reportId, format: 'CSV' } }, owner.token);
    expect(csv.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const missing = await t.gql(
      EXPORT,
      { i: { reportId: '00000000-0000-4000-8000-000000000000', format: 'PDF' } },
      owner.token,
    );
    expect(missing.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
  });
});
