import { expect } from '@jest/globals';
import { TestApp, type TestUser } from '../../../test/test-app';
import { DueSoonReminders } from './due-soon-reminders';

// A day before an open assignment is due its assignee is told, once, however many workers
// sweep. Each test sweeps at its own instant years ahead (due dates may lie up to five years
// ahead), so the sweeps of this file never claim the assignments of tests running beside it.

const HOUR = 3600_000;
const DAY = 24 * HOUR;
const INTERVIEW = `Interviewer: How did the trial go?
Nina: The trial ended before we had invited the whole team.
`;

let clock = Date.now() + 1000 * DAY;
/** An instant of this test's own, far from every other test's due dates. */
const ownInstant = () => (clock += 20 * DAY);
const at = (base: number, hours: number) => new Date(base + hours * HOUR);

interface Notice {
  kind: string;
  summary: string;
  actor: { name: string } | null;
  targetId: string;
  transcriptId: string | null;
}

async function team(t: TestApp, transcripts = 1) {
  const { user: olga, workspaceId, projectId } = await t.newProject();
  const vera = await t.join(olga, workspaceId, 'EDITOR', 'Vera Editor');
  const ids: string[] = [];
  for (let i = 0; i < transcripts; i++)
    ids.push(
      (
        await t.importText(
          projectId,
          olga.token,
          `nina-${i}.txt`,
          `${INTERVIEW}Interviewer: Part ${i}?\n`,
        )
      ).id,
    );
  return { olga, vera, transcriptIds: ids };
}

async function assign(t: TestApp, by: TestUser, transcriptId: string, to: TestUser, dueAt: Date) {
  const { assign } = await t.ok<{ assign: { id: string } }>(
    `mutation($i: AssignInput!) { assign(input: $i) { id } }`,
    {
      i: { targetType: 'TRANSCRIPT', targetId: transcriptId, assigneeId: to.id, dueAt },
    },
    by.token,
  );
  return assign.id;
}

async function dueSoonNotices(t: TestApp, user: TestUser): Promise<Notice[]> {
  const { notifications } = await t.ok<{ notifications: { edges: { node: Notice }[] } }>(
    `{ notifications(first: 100) { edges { node { kind summary actor { name } targetId transcriptId } } } }`,
    {},
    user.token,
  );
  return notifications.edges.map((e) => e.node).filter((n) => n.kind === 'DUE_SOON');
}

describe('due-soon reminders', () => {
  let t: TestApp;
  let reminders: DueSoonReminders;
  beforeAll(async () => {
    t = await TestApp.start();
    reminders = t.app.get(DueSoonReminders);
  });
  afterAll(() => t.close());

  it('tells the assignee once, about a day before the due date', async () => {
    const base = ownInstant();
    const w = await team(t);
    const [transcriptId] = w.transcriptIds as [string];
    await assign(t, w.olga, transcriptId, w.vera, at(base, 30));

    expect(await reminders.runOnce(at(base, 0))).toBe(0);
    expect(await reminders.runOnce(at(base, 7))).toBe(1);
    expect(await reminders.runOnce(at(base, 8))).toBe(0);
    expect(await dueSoonNotices(t, w.vera)).toEqual([
      {
        kind: 'DUE_SOON',
        summary: 'Due within a day: code “nina-0”',
        actor: null,
        targetId: transcriptId,
        transcriptId,
      },
    ]);
  });

  it('reminds again when the due date moves, but not of done work or past due dates', async () => {
    const base = ownInstant();
    const w = await team(t, 3);
    const [moved, done, missed] = w.transcriptIds as [string, string, string];
    await assign(t, w.olga, moved, w.vera, at(base, 30));
    const doneId = await assign(t, w.olga, done, w.vera, at(base, 30));
    await t.ok(
      `mutation($id: ID!) { completeAssignment(id: $id) { id } }`,
      { id: doneId },
      w.vera.token,
    );
    await assign(t, w.olga, missed, w.vera, at(base, 5));

    // `missed` was due before any sweep looked: it is overdue in My work, with no reminder.
    expect(await reminders.runOnce(at(base, 7))).toBe(1);
    await assign(t, w.olga, moved, w.vera, at(base, 100));
    expect(await reminders.runOnce(at(base, 80))).toBe(1);
    expect((await dueSoonNotices(t, w.vera)).map((n) => n.targetId)).toEqual([moved, moved]);
  });

  it('does not remind of what was assigned less than a day before it is due', async () => {
    const w = await team(t);
    await assign(t, w.olga, w.transcriptIds[0]!, w.vera, new Date(Date.now() + 10 * HOUR));
    // A sweep of the present, as every process's timer runs: it can claim nothing of other tests
    // (what they assign is due within a day of being assigned, or later than this sweep looks).
    await reminders.runOnce(new Date(Date.now() + HOUR));
    expect(await dueSoonNotices(t, w.vera)).toEqual([]);
  });
});

(process.env.DATABASE_URL ? describe : describe.skip)('due-soon reminders with two workers', () => {
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

  it('sends each reminder exactly once when both sweep at the same moment', async () => {
    const base = ownInstant();
    const w = await team(first, 12);
    for (const [i, id] of w.transcriptIds.entries())
      await assign(first, w.olga, id, w.vera, at(base, 25 + i / 4));

    const sweeps = await Promise.all(
      [first, second, first, second].map((app) =>
        app.app.get(DueSoonReminders).runOnce(at(base, 7)),
      ),
    );
    expect(sweeps.reduce((a, b) => a + b, 0)).toBe(12);
    const notices = await dueSoonNotices(second, w.vera);
    expect(notices.map((n) => n.targetId).sort()).toEqual([...w.transcriptIds].sort());
  });
});
