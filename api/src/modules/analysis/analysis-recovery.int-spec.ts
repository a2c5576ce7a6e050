import { makeSyntheticTranscript } from '@verbatim/transcript';
import { DataSource } from 'typeorm';
import { TestApp, type TestUser } from '../../../test/test-app';
import { JobReconciler } from '../../jobs/reconciler';
import { queueChunkJob } from './analysis.jobs';

// Analysis runs whose jobs were lost end COMPLETED or FAILED with a reason, never RUNNING for
// good (three stuck runs would block the project), and what failed can be retried without
// duplicating a suggestion. Offline INDUCTIVE runs: no codebook or network needed.
describe('analysis runs whose jobs were lost', () => {
  let t: TestApp;
  let db: DataSource;
  let owner: TestUser;
  let projectId: string;
  let transcriptId: string;

  interface Run {
    id: string;
    status: string;
    error: string | null;
    chunksDone: number;
    chunksFailed: number;
    chunksTotal: number;
    summary: { total: number };
  }
  const RUN = 'id status error chunksDone chunksFailed chunksTotal summary { total }';

  beforeAll(async () => {
    t = await TestApp.start({ JOB_MAX_REQUEUES: '2', ANALYSIS_JOB_BACKOFF_MS: '10' });
    db = t.app.get(DataSource);
    ({ user: owner, projectId } = await t.newProject());
    const up = await t.upload(projectId, owner.token, {
      name: 'long.txt',
      bytes: makeSyntheticTranscript({ format: 'TEXT', minutes: 30, seed: 7 }),
    });
    transcriptId = (await t.waitForTranscript(up.body['id'] as string, owner.token)).id;
  });
  afterAll(() => t.close());

  const get = async (id: string) =>
    (
      await t.ok<{ analysisRun: Run }>(
        `query($id: ID!) { analysisRun(id: $id) { ${RUN} } }`,
        {
          id,
        },
        owner.token,
      )
    ).analysisRun;
  const finished = async (id: string) => {
    for (let i = 0; i < 200; i++) {
      await t.jobs.idle();
      const r = await get(id);
      if (['COMPLETED', 'FAILED', 'CANCELLED'].includes(r.status)) return r;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    throw new Error(`run ${id} never finished`);
  };
  const startRun = async () => {
    const res = await t.ok<{ startAnalysis: Run }>(
      `mutation($i: StartAnalysisInput!) { startAnalysis(input: $i) { ${RUN} } }`,
      { i: { projectId, transcriptIds: [transcriptId], mode: 'INDUCTIVE' } },
      owner.token,
    );
    return finished(res.startAnalysis.id);
  };
  const retry = (id: string) =>
    t.gql<{ retryAnalysisRun: Run }>(
      `mutation($id: ID!) { retryAnalysisRun(id: $id) { ${RUN} } }`,
      { id },
      owner.token,
    );
  /** What a run looks like when its chunk jobs died: RUNNING, chunks PENDING, no jobs. */
  const strand = async (runId: string, chunkPatch = '') => {
    await db.query(
      `UPDATE analysis_chunk SET status = 'PENDING', error = NULL ${chunkPatch} WHERE run_id = $1`,
      [runId],
    );
    await db.query(
      `UPDATE analysis_run SET status = 'RUNNING', chunks_done = 0, chunks_failed = 0, finished_at = NULL,
              error = NULL, started_at = now() - interval '10 minutes' WHERE id = $1`,
      [runId],
    );
  };
  const suggestionCount = async (runId: string) =>
    (
      await db.query<[{ n: number }]>(
        `SELECT count(*)::int AS n FROM suggestion WHERE run_id = $1`,
        [runId],
      )
    )[0].n;

  it('finishes a RUNNING run whose chunk jobs were lost, without a suggestion twice', async () => {
    const done = await startRun();
    expect(done.status).toBe('COMPLETED');
    expect(done.chunksTotal).toBeGreaterThan(1);
    const before = await suggestionCount(done.id);
    await strand(done.id);

    const outcome = await t.app.get(JobReconciler).runOnce(0);
    expect(outcome['analysis runs']?.requeued).toBe(done.chunksTotal);
    const again = await finished(done.id);
    expect(again).toMatchObject({ status: 'COMPLETED', chunksDone: done.chunksTotal });
    expect(await suggestionCount(done.id)).toBe(before);
  });

  it('fails a part queued again too often with the reason; retrying the run finishes it', async () => {
    const done = await startRun();
    const before = await suggestionCount(done.id);
    await strand(done.id, ', requeues = 2');

    const outcome = await t.app.get(JobReconciler).runOnce(0);
    expect(outcome['analysis runs']?.failed).toBe(done.chunksTotal);
    const failed = await get(done.id);
    expect(failed.status).toBe('FAILED');
    expect(failed.error).toMatch(/parts failed: This part was interrupted 3 times/);

    const res = await retry(done.id);
    expect(res.errors).toBeUndefined();
    expect(res.data?.retryAnalysisRun).toMatchObject({ status: 'RUNNING', chunksFailed: 0 });
    const again = await finished(done.id);
    expect(again).toMatchObject({ status: 'COMPLETED', error: null, chunksFailed: 0 });
    expect(await suggestionCount(done.id)).toBe(before);
  });

  it('completes a run whose parts had all finished but whose completion was never written', async () => {
    const done = await startRun();
    await db.query(
      `UPDATE analysis_run SET status = 'RUNNING', finished_at = NULL, started_at = now() - interval '10 minutes' WHERE id = $1`,
      [done.id],
    );
    const outcome = await t.app.get(JobReconciler).runOnce(0);
    expect(outcome['analysis runs']?.completed).toBe(1);
    expect((await get(done.id)).status).toBe('COMPLETED');
  });

  it('completes a run whose unfinished parts went with a transcript deleted during the run', async () => {
    const up = await t.upload(projectId, owner.token, {
      name: 'deleted-later.txt',
      bytes: makeSyntheticTranscript({ format: 'TEXT', minutes: 20, seed: 11 }),
    });
    const other = (await t.waitForTranscript(up.body['id'] as string, owner.token)).id;
    const res = await t.ok<{ startAnalysis: Run }>(
      `mutation($i: StartAnalysisInput!) { startAnalysis(input: $i) { id } }`,
      { i: { projectId, transcriptIds: [transcriptId, other], mode: 'INDUCTIVE' } },
      owner.token,
    );
    const done = await finished(res.startAnalysis.id);
    // The run as it stood mid-way: the other interview's parts still pending, then it is deleted.
    await strand(done.id);
    await db.query(
      `UPDATE analysis_chunk SET status = 'DONE' WHERE run_id = $1 AND transcript_id = $2`,
      [done.id, transcriptId],
    );
    const [{ n }] = await db.query<[{ n: number }]>(
      `SELECT count(*)::int AS n FROM analysis_chunk WHERE run_id = $1 AND transcript_id = $2`,
      [done.id, transcriptId],
    );
    await db.query(`UPDATE analysis_run SET chunks_done = $2 WHERE id = $1`, [done.id, n]);
    await t.ok(`mutation($id: ID!) { deleteTranscript(id: $id) }`, { id: other }, owner.token);

    const outcome = await t.app.get(JobReconciler).runOnce(0);
    expect(outcome['analysis runs']?.completed).toBe(1);
    expect(await get(done.id)).toMatchObject({
      status: 'COMPLETED',
      chunksDone: n,
      chunksTotal: n,
    });
  });

  it('plans again a run that failed before any part was planned, when retried', async () => {
    const [{ id }] = await db.query<[{ id: string }]>(
      `INSERT INTO analysis_run (project_id, mode, provider, status, transcript_ids, redaction, error, finished_at)
       VALUES ($1, 'INDUCTIVE', 'OFFLINE', 'FAILED', ARRAY[$2]::uuid[], '{"emails":true,"phones":true,"names":true}',
               'Planning failed: the database was unreachable', now()) RETURNING id`,
      [projectId, transcriptId],
    );
    const res = await retry(id);
    expect(res.data?.retryAnalysisRun.status).toBe('QUEUED');
    const again = await finished(id);
    expect(again.status).toBe('COMPLETED');
    // Planned this time: its parts exist and all ran (their suggestions repeat earlier runs'
    // pending ones, so they are skipped as duplicates).
    expect(again.chunksTotal).toBeGreaterThan(0);
    expect(again.chunksDone).toBe(again.chunksTotal);
  });

  it('refuses to retry a run with nothing failed, or a cancelled one', async () => {
    const done = await startRun();
    expect((await retry(done.id)).errors?.[0]?.extensions?.code).toBe('CONFLICT');
    await db.query(`UPDATE analysis_run SET status = 'CANCELLED' WHERE id = $1`, [done.id]);
    expect((await retry(done.id)).errors?.[0]?.extensions?.code).toBe('CONFLICT');
  });

  it('ignores a chunk job of an older generation', async () => {
    const done = await startRun();
    await strand(done.id, ', job_generation = 3');
    await queueChunkJob(t.jobs, t.config.analysisJobs, done.id, 0, 2);
    await t.jobs.idle();
    const [chunk] = await db.query<[{ status: string; attempts: number }]>(
      `SELECT status, attempts FROM analysis_chunk WHERE run_id = $1 AND index = 0`,
      [done.id],
    );
    expect(chunk.status).toBe('PENDING');
    // Put it back in order for the rest of the suite.
    await t.app.get(JobReconciler).runOnce(0);
    expect((await finished(done.id)).status).toBe('COMPLETED');
  });
});
