import { DataSource } from 'typeorm';
import { TestApp, type TestUser } from '../../../test/test-app';
import { wsSubscribe } from '../../../test/ws-client';
import { FileStore } from '../../common/files/file-store';
import { JobReconciler } from '../../jobs/reconciler';
import { DownloadLinks } from './download-links';
import { ExportRenderError } from './export-renderer';
import { ExportRetention } from './export-retention';
import { ExportRunner, SERVER_ERROR_MESSAGE } from './export-runner';
import { ExportsService } from './exports.service';
import { HighlightsRenderer } from './highlights/highlights.renderer';

/**
 * The exports core on the real database: failures and retries, lost jobs, the notification, the
 * download's answers (signed links, not ready, gone) and retention. Highlights are the kind used.
 */

interface ExportView {
  id: string;
  status: string;
  error: string | null;
  retryable: boolean;
  downloadUrl: string | null;
  expiresAt: string | null;
}
const FIELDS = 'id status error retryable downloadUrl expiresAt';

describe('exports', () => {
  let t: TestApp;
  let owner: TestUser;
  let projectId: string;
  let workspaceId: string;
  let db: DataSource;

  beforeAll(async () => {
    t = await TestApp.start();
    ({ user: owner, projectId, workspaceId } = await t.newProject());
    db = t.app.get(DataSource);
    await t.importText(
      projectId,
      owner.token,
      'call.txt',
      'Interviewer: Hello?\nParticipant: Hi there.\n',
    );
  }, 120_000);
  afterEach(() => jest.restoreAllMocks());
  afterAll(() => t.close());

  const request = async (user = owner): Promise<ExportView> =>
    (
      await t.ok<{ exportHighlights: ExportView }>(
        `mutation($i: ExportHighlightsInput!) { exportHighlights(input: $i) { ${FIELDS} } }`,
        { i: { projectId, format: 'CSV' } },
        user.token,
      )
    ).exportHighlights;

  const read = async (id: string, user = owner): Promise<ExportView> =>
    (
      await t.ok<{ export: ExportView }>(
        `query($id: ID!) { export(id: $id) { ${FIELDS} } }`,
        { id },
        user.token,
      )
    ).export;

  async function finished(id: string, user = owner): Promise<ExportView> {
    for (let i = 0; i < 400; i++) {
      await t.jobs.idle();
      const exp = await read(id, user);
      if (exp.status === 'READY' || exp.status === 'FAILED') return exp;
      await new Promise((r) => setTimeout(r, 50));
    }
    throw new Error(`export ${id} never finished`);
  }

  /** The requester's notifications about one export. */
  async function noticesAbout(id: string, user = owner) {
    const res = await t.ok<{
      notifications: {
        edges: { node: { kind: string; targetType: string; targetId: string; summary: string } }[];
      };
    }>(
      `{ notifications(first: 50) { edges { node { kind targetType targetId summary } } } }`,
      {},
      user.token,
    );
    return res.notifications.edges.map((e) => e.node).filter((n) => n.targetId === id);
  }

  const download = (id: string, query = '') =>
    fetch(`${t.baseUrl}/api/exports/${id}/download${query}`, {
      headers: query ? {} : { authorization: `Bearer ${owner.token}` },
    });

  /** A row as an older export would be, written directly (status and age chosen). */
  async function row(status: string, ageDays = 0, requestedBy = owner): Promise<string> {
    const [r] = await db.query<{ id: string }[]>(
      `INSERT INTO export (project_id, workspace_id, kind, format, status, filename, requested_by_id,
                           created_at, updated_at, finished_at)
       VALUES ($1, $2, 'HIGHLIGHTS', 'CSV', $3::export_status, 'old.csv', $4,
               now() - make_interval(days => $5), now() - make_interval(days => $5),
               CASE WHEN $3::export_status IN ('READY', 'FAILED') THEN now() - make_interval(days => $5) END)
       RETURNING id`,
      [projectId, workspaceId, status, requestedBy.id, ageDays],
    );
    if (status === 'READY') {
      const files = t.app.get(FileStore);
      const key = `exports/${r!.id}/0`;
      await files.commit(await files.stageBuffer(Buffer.from('Quote\r\nold\r\n')), key);
      await db.query(`UPDATE export SET file_key = $2, byte_size = 12 WHERE id = $1`, [r!.id, key]);
    }
    return r!.id;
  }

  it('fails with the renderer’s reason, and retryExport runs it again to READY', async () => {
    jest
      .spyOn(t.app.get(HighlightsRenderer), 'render')
      .mockRejectedValueOnce(new ExportRenderError('The highlights could not be gathered.'));
    const failed = await finished((await request()).id);
    expect(failed).toMatchObject({
      status: 'FAILED',
      error: 'The highlights could not be gathered.',
      retryable: true,
      downloadUrl: null,
    });
    expect((await download(failed.id)).status).toBe(409);
    // Told, with the reason, so a long export need not be watched.
    const notices = await noticesAbout(failed.id);
    expect(notices).toHaveLength(1);
    expect(notices[0]).toMatchObject({ kind: 'EXPORT_FAILED', targetType: 'EXPORT' });
    expect(notices[0]!.summary).toContain('failed: The highlights could not be gathered.');

    const retried = await t.ok<{ retryExport: ExportView }>(
      `mutation($id: ID!) { retryExport(id: $id) { ${FIELDS} } }`,
      { id: failed.id },
      owner.token,
    );
    expect(retried.retryExport).toMatchObject({ status: 'QUEUED', error: null });
    const ready = await finished(failed.id);
    expect(ready.status).toBe('READY');
    expect(ready.downloadUrl).not.toBeNull();

    const again = await t.gql(
      `mutation($id: ID!) { retryExport(id: $id) { id } }`,
      { id: failed.id },
      owner.token,
    );
    expect(again.errors?.[0]?.extensions?.code).toBe('CONFLICT');
  });

  it('fails a server error with a plain sentence once its attempts are spent, never the internals', async () => {
    jest
      .spyOn(t.app.get(HighlightsRenderer), 'render')
      .mockRejectedValue(new Error('connect ECONNREFUSED 10.0.0.7:5432 (secret internals)'));
    const id = await row('QUEUED');
    await t.app
      .get(ExportRunner)
      .run({ exportId: id, generation: 0 }, { jobId: 'test', attempt: 3, isFinalAttempt: true });
    const failed = await read(id);
    expect(failed).toMatchObject({
      status: 'FAILED',
      error: SERVER_ERROR_MESSAGE,
      retryable: true,
    });
    const [notice, ...more] = await noticesAbout(id);
    expect(more).toHaveLength(0);
    expect(notice).toMatchObject({ kind: 'EXPORT_FAILED' });
    expect(notice!.summary).toContain(SERVER_ERROR_MESSAGE);
    expect(notice!.summary).not.toContain('ECONNREFUSED');
  });

  it('fails an export whose job was lost too often with the reason, and tells the requester once', async () => {
    const id = await row('RUNNING');
    await db.query(`UPDATE export SET requeues = $2 WHERE id = $1`, [
      id,
      t.config.jobs.maxRequeues,
    ]);
    const reconciler = t.app.get(JobReconciler);
    expect((await reconciler.runOnce(0))['exports']?.failed).toBe(1);
    expect((await reconciler.runOnce(0))['exports']?.failed ?? 0).toBe(0);
    const failed = await read(id);
    expect(failed).toMatchObject({ status: 'FAILED', retryable: true });
    expect(failed.error).toMatch(/interrupted \d+ times/);
    const notices = await noticesAbout(id);
    expect(notices).toHaveLength(1);
    expect(notices[0]).toMatchObject({ kind: 'EXPORT_FAILED' });
    expect(notices[0]!.summary).toContain(failed.error!);
  });

  it('queues an export whose job was lost again, and it completes', async () => {
    const id = await row('RUNNING');
    const outcome = await t.app.get(JobReconciler).runOnce(0);
    expect(outcome['exports']?.requeued).toBeGreaterThanOrEqual(1);
    const ready = await finished(id);
    expect(ready.status).toBe('READY');
    const [state] = await db.query<{ requeues: number; job_generation: number }[]>(
      `SELECT requeues, job_generation FROM export WHERE id = $1`,
      [id],
    );
    expect(state).toEqual({ requeues: 1, job_generation: 1 });
  });

  it('tells the requester it is ready (EXPORT_READY), once', async () => {
    const exp = await finished((await request()).id);
    const about = await noticesAbout(exp.id);
    expect(about).toHaveLength(1);
    expect(about[0]).toMatchObject({ kind: 'EXPORT_READY', targetType: 'EXPORT' });
    expect(about[0]!.summary).toContain('is ready to download');
  });

  it('refuses expired, tampered and borrowed signed links with 404', async () => {
    const exp = await finished((await request()).id);
    const links = t.app.get(DownloadLinks);
    const fresh = new URL(exp.downloadUrl!);
    expect((await download(exp.id, fresh.search)).status).toBe(200);

    const stale = new URL(links.linkFor(exp.id, owner.id, new Date(Date.now() - 10 * 60_000)));
    const expired = await download(exp.id, stale.search);
    expect(expired.status).toBe(404);
    expect(await expired.json()).toMatchObject({ code: 'NOT_FOUND' });

    const tampered = fresh.search.replace(
      /sig=(.)/,
      (_, c: string) => `sig=${c === 'A' ? 'B' : 'A'}`,
    );
    expect((await download(exp.id, tampered)).status).toBe(404);
    const later = fresh.search.replace(
      /expires=(\d+)/,
      (_, e: string) => `expires=${Number(e) + 3600}`,
    );
    expect((await download(exp.id, later)).status).toBe(404);
    // Another export's link does not open this one.
    const other = await finished((await request()).id);
    expect((await download(exp.id, new URL(other.downloadUrl!).search)).status).toBe(404);
    expect((await download('not-an-id', fresh.search)).status).toBe(404);
  });

  it('stops a signed link working once its requester loses access to the project', async () => {
    const member = await t.join(owner, workspaceId, 'VIEWER', 'Leaving Viewer');
    const exp = await finished((await request(member)).id, member);
    const search = new URL(exp.downloadUrl!).search;
    expect((await download(exp.id, search)).status).toBe(200);
    await db.query(`DELETE FROM membership WHERE workspace_id = $1 AND user_id = $2`, [
      workspaceId,
      member.id,
    ]);
    expect((await download(exp.id, search)).status).toBe(404);
  });

  it('answers 409 while an export is not ready', async () => {
    const res = await download(await row('RUNNING'));
    expect(res.status).toBe(409);
    expect(await res.json()).toMatchObject({ code: 'CONFLICT' });
  });

  it('removes files after the retention period: 410 Gone, then the row goes too', async () => {
    const recent = await row('READY', 1);
    const old = await row('READY', 8);
    const ancient = await row('READY', 15);
    const sweep = await t.app.get(ExportRetention).sweep();
    expect(sweep.expired).toBeGreaterThanOrEqual(2);

    expect((await download(recent)).status).toBe(200);
    const gone = await download(old);
    expect(gone.status).toBe(410);
    expect(await gone.json()).toMatchObject({
      code: 'GONE',
      message: expect.stringMatching(/removed after its retention period/) as unknown,
    });
    const view = await read(old);
    expect(view.downloadUrl).toBeNull();
    expect(view.error).toMatch(/export again/);
    expect(view.expiresAt).not.toBeNull();
    expect(await t.app.get(FileStore).exists(`exports/${old}/0`)).toBe(false);

    // Twice as old: its row is deleted as well.
    await t.app.get(ExportRetention).sweep();
    expect((await download(ancient)).status).toBe(404);
    const [left] = await db.query<{ n: number }[]>(
      `SELECT count(*)::int AS n FROM export WHERE id = $1`,
      [ancient],
    );
    expect(left!.n).toBe(0);
  });

  it('streams an export’s progress to its requester until READY (exportUpdated)', async () => {
    const id = await row('RUNNING');
    const stream = wsSubscribe<{ exportUpdated: { status: string; downloadUrl: string | null } }>(
      t,
      owner.token,
      `subscription($id: ID!) { exportUpdated(id: $id) { status downloadUrl } }`,
      { id },
    );
    try {
      // In place once an event arrives: announce the row as it is until one does.
      const service = t.app.get(ExportsService);
      await stream.until((s) => {
        void service.publishById(id);
        return s.events.length > 0;
      }, 'the first event');
      await t.app.get(JobReconciler).runOnce(0);
      await stream.until((s) => s.events.some((e) => e.exportUpdated.status === 'READY'), 'READY');
      const ready = stream.events.find((e) => e.exportUpdated.status === 'READY')!;
      expect(ready.exportUpdated.downloadUrl).toMatch(/sig=/);
      expect(stream.events.map((e) => e.exportUpdated.status)).toContain('QUEUED');
    } finally {
      await stream.close();
    }
  });

  it('refuses more than ten exports under way for one person, and changes nothing', async () => {
    const busy = await t.join(owner, workspaceId, 'VIEWER', 'Busy Viewer');
    for (let i = 0; i < 10; i++) await row('QUEUED', 0, busy);
    const res = await t.gql(
      `mutation($i: ExportHighlightsInput!) { exportHighlights(input: $i) { id } }`,
      { i: { projectId, format: 'CSV' } },
      busy.token,
    );
    expect(res.errors?.[0]?.extensions?.code).toBe('TOO_MANY_REQUESTS');
    const [count] = await db.query<{ n: number }[]>(
      `SELECT count(*)::int AS n FROM export WHERE requested_by_id = $1`,
      [busy.id],
    );
    expect(count!.n).toBe(10);
    // Someone else is not held up by it.
    expect((await request()).status).toBe('QUEUED');
    await db.query(`UPDATE export SET status = 'FAILED' WHERE requested_by_id = $1`, [busy.id]);
  });
});
