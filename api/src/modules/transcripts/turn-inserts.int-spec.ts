import { expect } from '@jest/globals';
import { DataSource } from 'typeorm';
import { TestApp } from '../../../test/test-app';
import { queryOneRow, queryRows } from '../../database/sql';
import { canCheckTurnParentsOnce, insertTurns, TurnParentError } from './turn-inserts';

const vtt = (name: string) => `WEBVTT

NOTE ${name}

00:00:01.000 --> 00:00:04.000
<v Speaker 1>Hello there, how are the interviews going?

00:00:05.000 --> 00:00:08.000
<v Maria>Fine thanks, the recruiting was slow.
`;

/**
 * The ingest writes a batch of turns with its foreign keys checked once for the batch instead of
 * row by row (insertTurns): what the keys refuse must still be refused, on the real database.
 */
describe('insertTurns', () => {
  let t: TestApp;
  let db: DataSource;
  let projectId: string;
  let otherProjectId: string;
  let a: { id: string; speaker1: string; maria: string };
  let b: { id: string; speaker1: string };
  let elsewhere: { id: string; maria: string };

  const participant = async (transcriptId: string, label: string) =>
    (
      await queryOneRow<{ id: string }>(
        db,
        `SELECT p.id FROM participant p JOIN transcript t ON t.id = $1
          WHERE p.label = $2 AND p.project_id = t.project_id
            AND (p.transcript_id IS NULL OR p.transcript_id = t.id)`,
        [transcriptId, label],
      )
    ).id;
  const turnsOf = async (transcriptId: string) =>
    queryRows<{ index: number; participant_id: string | null; text: string }>(
      db,
      `SELECT index, participant_id, text FROM segment WHERE transcript_id = $1 ORDER BY index`,
      [transcriptId],
    );
  const turn = (transcriptId: string, participantId: string | null, text: string, from = 2) => ({
    transcriptId,
    projectId,
    tsConfig: 'english',
    from,
    speakers: ['Speaker 1'],
    participantIds: [participantId],
    startMs: [9_000],
    endMs: [10_000],
    texts: [text],
  });

  beforeAll(async () => {
    t = await TestApp.start();
    db = t.app.get(DataSource);
    const owner = await t.newProject();
    projectId = owner.projectId;
    ({ projectId: otherProjectId } = await t.newProject(owner.user));
    const upload = (project: string, name: string) =>
      t.uploadAndWait(project, owner.user.token, { name, bytes: vtt(name) });
    const ta = await upload(projectId, 'a.vtt');
    const tb = await upload(projectId, 'b.vtt');
    const tc = await upload(otherProjectId, 'c.vtt');
    for (const x of [ta, tb, tc]) expect(x.status).toBe('READY');
    a = {
      id: ta.id,
      speaker1: await participant(ta.id, 'Speaker 1'),
      maria: await participant(ta.id, 'Maria'),
    };
    b = { id: tb.id, speaker1: await participant(tb.id, 'Speaker 1') };
    elsewhere = { id: tc.id, maria: await participant(tc.id, 'Maria') };
  });
  afterAll(async () => {
    await t.close();
  });

  it('is used here: the test databases allow the check once per batch', async () => {
    await expect(canCheckTurnParentsOnce(db)).resolves.toBe(true);
  });

  it("refuses a turn pointing at another transcript's speaker, and writes nothing", async () => {
    expect(b.speaker1).not.toBe(a.speaker1);
    await expect(
      insertTurns(db, turn(a.id, b.speaker1, 'borrowed speaker'), true),
    ).rejects.toBeInstanceOf(TurnParentError);
    expect(await turnsOf(a.id)).toHaveLength(2);
  });

  it("refuses another project's speaker, a transcript of another project and a missing one", async () => {
    await expect(
      insertTurns(db, turn(a.id, elsewhere.maria, 'other project speaker'), true),
    ).rejects.toBeInstanceOf(TurnParentError);
    await expect(
      insertTurns(db, turn(elsewhere.id, null, 'wrong project'), true),
    ).rejects.toBeInstanceOf(TurnParentError);
    const missing = '00000000-0000-4000-8000-000000000000';
    await expect(
      insertTurns(db, turn(missing, null, 'no transcript'), true),
    ).rejects.toBeInstanceOf(TurnParentError);
    await expect(
      insertTurns(db, turn(a.id, missing, 'no such speaker'), true),
    ).rejects.toBeInstanceOf(TurnParentError);
    expect(await turnsOf(a.id)).toHaveLength(2);
    expect(await turnsOf(elsewhere.id)).toHaveLength(2);
  });

  it('writes valid turns searchable, and leaves the foreign keys on for the next statement', async () => {
    await insertTurns(
      db,
      {
        ...turn(a.id, a.speaker1, 'the onboarding checklist'),
        speakers: ['Speaker 1', 'Maria', null],
        participantIds: [a.speaker1, a.maria, null],
        startMs: [9_000, 11_000, null],
        endMs: [10_000, 12_000, null],
        texts: ['the onboarding checklist', 'checklists everywhere', 'no speaker'],
      },
      true,
    );
    expect(await turnsOf(a.id)).toEqual([
      expect.objectContaining({ index: 0 }),
      expect.objectContaining({ index: 1 }),
      { index: 2, participant_id: a.speaker1, text: 'the onboarding checklist' },
      { index: 3, participant_id: a.maria, text: 'checklists everywhere' },
      { index: 4, participant_id: null, text: 'no speaker' },
    ]);
    const hits = await queryRows<{ index: number }>(
      db,
      `SELECT index FROM segment WHERE transcript_id = $1
          AND tsv @@ websearch_to_tsquery('english', 'checklist') ORDER BY index`,
      [a.id],
    );
    expect(hits.map((h) => h.index)).toEqual([2, 3]);
    const role = await queryOneRow<{ role: string }>(
      db,
      `SELECT current_setting('session_replication_role') AS role`,
    );
    expect(role.role).toBe('origin');
    await expect(
      db.query(
        `INSERT INTO segment (transcript_id, index, participant_id, text) VALUES ($1, 99, $2, 'x')`,
        [a.id, '00000000-0000-4000-8000-000000000000'],
      ),
    ).rejects.toMatchObject({ code: '23503' });
  });

  it('without the check once, the foreign keys refuse a missing speaker', async () => {
    await expect(
      insertTurns(db, turn(a.id, '00000000-0000-4000-8000-000000000000', 'x', 50), false),
    ).rejects.toMatchObject({ code: '23503' });
  });

  it('no trigger or rule on segment acts on INSERT but the foreign keys (the batch INSERT fires none)', async () => {
    // tgtype bit 2 (4) is INSERT; the comment clean-up trigger is AFTER DELETE.
    const triggers = await queryRows<{ tgname: string }>(
      db,
      `SELECT tgname FROM pg_trigger
        WHERE tgrelid = 'segment'::regclass AND NOT tgisinternal AND tgtype & 4 <> 0`,
    );
    expect(triggers).toEqual([]);
    const rules = await queryRows<{ rulename: string }>(
      db,
      `SELECT rulename FROM pg_rules WHERE schemaname = 'public' AND tablename = 'segment'`,
    );
    expect(rules).toEqual([]);
  });
});
