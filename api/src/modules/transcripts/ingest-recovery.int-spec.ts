import { DataSource } from 'typeorm';
import { TestApp, type TestUser, type TranscriptView } from '../../../test/test-app';
import { FileStore } from '../../common/files/file-store';
import { JobReconciler } from '../../jobs/reconciler';
import { queueIngest } from './jobs/ingest.job';

// Work whose job was lost (a Redis flush, a restart of the in-process runner, retries spent
// while the database was away) is found by the reconciler and queued again or failed with a
// reason; a person can retry what failed. These run on whichever queue the suite runs on.
describe('transcripts whose processing was interrupted', () => {
  let t: TestApp;
  let db: DataSource;
  let owner: TestUser;
  let projectId: string;

  const interview = (n: number) =>
    `Interviewer: What happened in week ${n}?\nMaria: We moved ${n} spreadsheets into the new tool.\nInterviewer: And then?\nMaria: It took ${n} days, longer than promised.\n`;

  beforeAll(async () => {
    t = await TestApp.start({ JOB_MAX_REQUEUES: '2' });
    db = t.app.get(DataSource);
    ({ user: owner, projectId } = await t.newProject());
  });
  afterAll(() => t.close());

  const upload = async (n: number) => {
    const res = await t.upload(projectId, owner.token, {
      name: `week-${n}.txt`,
      bytes: interview(n),
    });
    expect(res.status).toBe(201);
    return res.body['id'] as string;
  };

  /** Makes a transcript look like work a lost job left behind: PROCESSING, untouched for a while. */
  const strand = async (id: string, patch = '') => {
    await db.query(
      `UPDATE transcript SET status = 'PROCESSING', progress = 0.4, updated_at = now() - interval '10 minutes' ${patch} WHERE id = $1`,
      [id],
    );
    await db.query(`DELETE FROM segment WHERE transcript_id = $1 AND index > 0`, [id]);
  };

  const view = async (id: string) => {
    await t.jobs.idle();
    return t.waitForTranscript(id, owner.token);
  };

  const retry = (id: string) =>
    t.gql<{ retryTranscript: { id: string; status: string } }>(
      `mutation($id: ID!) { retryTranscript(id: $id) { id status } }`,
      { id },
      owner.token,
    );

  it('queues a stranded transcript again and it becomes READY with each turn once', async () => {
    const id = await upload(1);
    const before = await view(id);
    expect(before.status).toBe('READY');
    await strand(id);

    const outcome = await t.app.get(JobReconciler).runOnce(0);
    expect(outcome['transcripts']).toMatchObject({ requeued: 1, failed: 0 });
    const after = await view(id);
    expect(after.status).toBe('READY');
    expect(after.segments.map((s) => s.text)).toEqual(before.segments.map((s) => s.text));
  });

  it('fails work queued again too often, with the reason, and a person can retry it', async () => {
    const id = await upload(3);
    await view(id);
    await strand(id, ', requeues = 2');
    const outcome = await t.app.get(JobReconciler).runOnce(0);
    expect(outcome['transcripts']).toMatchObject({ failed: 1 });
    const failed = await view(id);
    expect(failed.status).toBe('FAILED');
    expect(failed.error).toMatch(/interrupted 3 times.*Retry/);
    expect(failed.retryable).toBe(true);

    const res = await retry(id);
    expect(res.errors).toBeUndefined();
    expect(res.data?.retryTranscript.status).toBe('UPLOADED');
    const ready = await view(id);
    expect(ready.status).toBe('READY');
    expect(ready.segments.map((s) => s.text)).toContain(
      'We moved 3 spreadsheets into the new tool.',
    );
  });

  it('refuses to retry a transcript that did not fail', async () => {
    const id = await upload(4);
    await view(id);
    const res = await retry(id);
    expect(res.errors?.[0]?.extensions?.code).toBe('CONFLICT');
  });

  it('retries a failed transcript when the same file is uploaded again', async () => {
    const id = await upload(5);
    await view(id);
    await db.query(
      `UPDATE transcript SET status = 'FAILED', error = 'Processing failed because of a server error.' WHERE id = $1`,
      [id],
    );
    const again = await t.upload(projectId, owner.token, {
      name: 'week-5.txt',
      bytes: interview(5),
    });
    expect(again.status).toBe(201);
    expect(again.body['id']).toBe(id);
    const ready: TranscriptView = await view(id);
    expect(ready.status).toBe('READY');
    expect(ready.error).toBeNull();
    // A transcript that is READY is still a duplicate.
    const third = await t.upload(projectId, owner.token, {
      name: 'week-5.txt',
      bytes: interview(5),
    });
    expect(third.status).toBe(409);
  });

  it('fails at once, with the reason, a transcript whose original is gone; the same file uploaded again brings it back', async () => {
    const id = await upload(7);
    await view(id);
    const [{ storage_key }] = await db.query<[{ storage_key: string }]>(
      `SELECT storage_key FROM transcript WHERE id = $1`,
      [id],
    );
    await t.app.get(FileStore).remove(storage_key);
    await strand(id);
    await t.app.get(JobReconciler).runOnce(0);
    const failed = await view(id);
    expect(failed.status).toBe('FAILED');
    expect(failed.error).toMatch(/no longer on the server.*Upload the same file again/);
    // Retry cannot bring the original back; uploading it again does.
    expect(failed.retryable).toBe(false);
    // The same bytes restore the original and process it again.
    const again = await t.upload(projectId, owner.token, {
      name: 'week-7.txt',
      bytes: interview(7),
    });
    expect(again.body['id']).toBe(id);
    expect((await view(id)).status).toBe('READY');
  });

  it('ignores a job of an older generation (the work was queued again since)', async () => {
    const id = await upload(6);
    const before = await view(id);
    await db.query(
      `UPDATE transcript SET status = 'PROCESSING', job_generation = 5, updated_at = now() WHERE id = $1`,
      [id],
    );
    await queueIngest(t.jobs, id, 4);
    await t.jobs.idle();
    const rows: { status: string; progress: number }[] = await db.query(
      `SELECT status, progress FROM transcript WHERE id = $1`,
      [id],
    );
    // Untouched: the stale job neither processed it nor marked it READY.
    expect(rows[0]).toMatchObject({ status: 'PROCESSING' });
    const [{ n }] = await db.query<[{ n: number }]>(
      `SELECT count(*)::int AS n FROM segment WHERE transcript_id = $1`,
      [id],
    );
    expect(n).toBe(before.segments.length);
    await db.query(`UPDATE transcript SET status = 'READY' WHERE id = $1`, [id]);
  });
});
