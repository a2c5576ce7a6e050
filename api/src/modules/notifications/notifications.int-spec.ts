import { expect } from '@jest/globals';
import { DataSource } from 'typeorm';
import { TestApp, type TestUser } from '../../../test/test-app';
import { AnalysisWorker } from '../analysis/analysis.worker';
import { NotificationsService, type NotifyInput } from './notifications.service';
import { NotificationKind, NotificationTargetType } from './notifications.types';

const NODE = `id kind readAt createdAt actor { id name } projectId targetType targetId transcriptId boardId summary`;

interface Node {
  id: string;
  kind: string;
  readAt: string | null;
  createdAt: string;
  actor: { id: string; name: string } | null;
  projectId: string;
  targetType: string;
  targetId: string;
  transcriptId: string | null;
  boardId: string | null;
  summary: string;
}
interface Page {
  totalCount: number;
  edges: { node: Node }[];
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
}

const INTERVIEW = `Interviewer: Tell me about the price.
Ana: The subscription price is far too expensive for a small team like ours.
Interviewer: And getting started?
Ana: Onboarding took ages, the setup wizard kept asking for the same invite code.
`;

describe('notifications', () => {
  let t: TestApp;
  let service: NotificationsService;

  const list = async (
    user: TestUser,
    args: { first?: number; after?: string; unreadOnly?: boolean } = {},
  ) =>
    (
      await t.ok<{ notifications: Page }>(
        `query($first: Int, $after: String, $unreadOnly: Boolean) {
           notifications(first: $first, after: $after, unreadOnly: $unreadOnly) {
             totalCount edges { node { ${NODE} } } pageInfo { hasNextPage endCursor } } }`,
        args,
        user.token,
      )
    ).notifications;
  const unread = async (user: TestUser) =>
    (await t.ok<{ unreadNotificationCount: number }>(`{ unreadNotificationCount }`, {}, user.token))
      .unreadNotificationCount;
  const markRead = async (user: TestUser, ids: string[]) =>
    (
      await t.ok<{ markNotificationsRead: Node[] }>(
        `mutation($ids: [ID!]!) { markNotificationsRead(ids: $ids) { ${NODE} } }`,
        { ids },
        user.token,
      )
    ).markNotificationsRead;
  const mention = (
    projectId: string,
    actor: TestUser,
    userIds: string[],
    summary: string,
  ): NotifyInput => ({
    userIds,
    kind: NotificationKind.MENTION,
    actorId: actor.id,
    projectId,
    targetType: NotificationTargetType.TRANSCRIPT,
    targetId: projectId,
    transcriptId: projectId,
    summary,
  });

  beforeAll(async () => {
    // A failing chunk is tried twice, the second time after a pause long enough to cancel in.
    t = await TestApp.start({ ANALYSIS_JOB_ATTEMPTS: '2', ANALYSIS_JOB_BACKOFF_MS: '3000' });
    service = t.app.get(NotificationsService);
  });
  afterAll(() => t.close());

  it('lists only your own, newest first, a page at a time, and the unread ones alone', async () => {
    const { user: ana, workspaceId, projectId } = await t.newProject();
    const bo = await t.join(ana, workspaceId, 'EDITOR', 'Bo Editor');
    const cy = await t.join(ana, workspaceId, 'VIEWER', 'Cy Viewer');
    for (let i = 1; i <= 5; i++)
      await service.notify(t.app.get(DataSource), mention(projectId, ana, [bo.id], `Mention ${i}`));
    await service.notify(t.app.get(DataSource), mention(projectId, ana, [cy.id], 'For Cy'));

    const first = await list(bo, { first: 2 });
    expect(first.totalCount).toBe(5);
    expect(first.edges.map((e) => e.node.summary)).toEqual(['Mention 5', 'Mention 4']);
    expect(first.edges[0]!.node).toMatchObject({
      kind: 'MENTION',
      readAt: null,
      actor: { id: ana.id, name: 'Ada Researcher' },
      projectId,
      targetType: 'TRANSCRIPT',
    });
    expect(first.pageInfo.hasNextPage).toBe(true);
    const second = await list(bo, { first: 2, after: first.pageInfo.endCursor! });
    const third = await list(bo, { first: 2, after: second.pageInfo.endCursor! });
    expect([...second.edges, ...third.edges].map((e) => e.node.summary)).toEqual([
      'Mention 3',
      'Mention 2',
      'Mention 1',
    ]);
    expect(third.pageInfo.hasNextPage).toBe(false);
    expect(await unread(bo)).toBe(5);
    expect((await list(cy)).edges.map((e) => e.node.summary)).toEqual(['For Cy']);

    const [newest, , middle] = first.edges
      .map((e) => e.node.id)
      .concat(second.edges.map((e) => e.node.id));
    const marked = await markRead(bo, [newest!, middle!]);
    expect(marked.map((n) => n.id)).toEqual([newest, middle]);
    expect(marked.every((n) => n.readAt !== null)).toBe(true);
    expect(await unread(bo)).toBe(3);
    const unreadOnly = await list(bo, { unreadOnly: true });
    expect(unreadOnly.totalCount).toBe(3);
    expect(unreadOnly.edges.map((e) => e.node.summary)).toEqual([
      'Mention 4',
      'Mention 2',
      'Mention 1',
    ]);
    expect((await list(bo)).totalCount).toBe(5);
  });

  it('marks only your own read: ids of anyone else’s notifications are ignored', async () => {
    const { user: ana, workspaceId, projectId } = await t.newProject();
    const bo = await t.join(ana, workspaceId, 'EDITOR');
    const cy = await t.join(ana, workspaceId, 'EDITOR');
    const [bosId] = await service.notify(
      t.app.get(DataSource),
      mention(projectId, ana, [bo.id], 'For Bo'),
    );
    await service.notify(t.app.get(DataSource), mention(projectId, ana, [cy.id], 'For Cy'));

    expect(await markRead(cy, [bosId!])).toEqual([]);
    expect(
      (
        await t.ok<{ markAllNotificationsRead: number }>(
          `mutation { markAllNotificationsRead }`,
          {},
          cy.token,
        )
      ).markAllNotificationsRead,
    ).toBe(1);
    expect(await unread(cy)).toBe(0);
    expect(await unread(bo)).toBe(1);
    expect((await list(bo)).edges[0]!.node).toMatchObject({ id: bosId, readAt: null });
    expect(
      (
        await t.ok<{ markAllNotificationsRead: number }>(
          `mutation { markAllNotificationsRead }`,
          {},
          cy.token,
        )
      ).markAllNotificationsRead,
    ).toBe(0);
  });

  it('never tells the actor, an outsider, or a member left off a restricted project', async () => {
    const { user: ana, workspaceId, projectId } = await t.newProject();
    const listed = await t.join(ana, workspaceId, 'EDITOR', 'Listed');
    const unlisted = await t.join(ana, workspaceId, 'EDITOR', 'Unlisted');
    const { user: outsider } = await t.newProject();
    await t.ok(
      `mutation($i: UpdateProjectAccessInput!) { updateProjectAccess(input: $i) { id } }`,
      { i: { projectId, restricted: true, memberIds: [listed.id] } },
      ana.token,
    );
    const ids = await service.notify(
      t.app.get(DataSource),
      mention(projectId, ana, [ana.id, listed.id, unlisted.id, outsider.id], 'Ana mentioned you'),
    );
    expect(ids).toHaveLength(1);
    expect((await list(listed)).edges.map((e) => e.node.id)).toEqual(ids);
    for (const user of [ana, unlisted, outsider]) {
      expect((await list(user)).totalCount).toBe(0);
      expect(await unread(user)).toBe(0);
    }
  });

  it('writes nothing when the caller’s transaction rolls back', async () => {
    const { user: ana, workspaceId, projectId } = await t.newProject();
    const bo = await t.join(ana, workspaceId, 'EDITOR');
    await expect(
      t.app.get(DataSource).transaction(async (tx) => {
        await service.notify(tx, mention(projectId, ana, [bo.id], 'Never committed'));
        throw new Error('the comment could not be saved');
      }),
    ).rejects.toThrow('the comment could not be saved');
    expect((await list(bo)).totalCount).toBe(0);
  });

  it('no longer shows or counts a workspace’s notifications once you are removed from it', async () => {
    const { user: ana, workspaceId, projectId } = await t.newProject();
    const bo = await t.join(ana, workspaceId, 'EDITOR');
    await service.notify(
      t.app.get(DataSource),
      mention(projectId, ana, [bo.id], 'In “Onboarding call”'),
    );
    expect(await unread(bo)).toBe(1);
    await t.ok(
      `mutation($i: RemoveMemberInput!) { removeMember(input: $i) }`,
      { i: { workspaceId, userId: bo.id } },
      ana.token,
    );
    expect(await unread(bo)).toBe(0);
    expect((await list(bo)).totalCount).toBe(0);
  });

  describe('RUN_FINISHED', () => {
    const startRun = async (user: TestUser, projectId: string, transcriptId: string) =>
      (
        await t.ok<{ startAnalysis: { id: string } }>(
          `mutation($i: StartAnalysisInput!) { startAnalysis(input: $i) { id } }`,
          { i: { projectId, transcriptIds: [transcriptId], mode: 'INDUCTIVE' } },
          user.token,
        )
      ).startAnalysis.id;
    const finished = async (user: TestUser, id: string) => {
      for (let i = 0; i < 200; i++) {
        await t.jobs.idle();
        const { analysisRun } = await t.ok<{ analysisRun: { status: string } }>(
          `query($id: ID!) { analysisRun(id: $id) { status } }`,
          { id },
          user.token,
        );
        if (['COMPLETED', 'FAILED', 'CANCELLED'].includes(analysisRun.status))
          return analysisRun.status;
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      throw new Error(`run ${id} never finished`);
    };
    const team = async () => {
      const { user: owner, workspaceId, projectId } = await t.newProject();
      const editor = await t.join(owner, workspaceId, 'EDITOR', 'Eve Editor');
      const transcript = await t.importText(projectId, owner.token, 'onboarding.txt', INTERVIEW);
      return { owner, editor, projectId, transcriptId: transcript.id };
    };

    afterEach(() => {
      t.app.get(AnalysisWorker).beforeChunkStep = () => undefined;
    });

    it('tells whoever started a run that it completed, and nobody else', async () => {
      const w = await team();
      const runId = await startRun(w.editor, w.projectId, w.transcriptId);
      expect(await finished(w.editor, runId)).toBe('COMPLETED');
      const page = await list(w.editor);
      expect(page.totalCount).toBe(1);
      expect(page.edges[0]!.node).toMatchObject({
        kind: 'RUN_FINISHED',
        actor: null,
        projectId: w.projectId,
        targetType: 'ANALYSIS_RUN',
        targetId: runId,
        transcriptId: w.transcriptId,
        readAt: null,
      });
      expect(page.edges[0]!.node.summary).toMatch(
        /^Your analysis of “onboarding” finished: \d+ suggestions? to review$/,
      );
      expect(await unread(w.editor)).toBe(1);
      expect((await list(w.owner)).totalCount).toBe(0);
    });

    it('tells the starter when a run failed, with the reason', async () => {
      const w = await team();
      t.app.get(AnalysisWorker).beforeChunkStep = () => {
        throw new Error('injected fault');
      };
      const runId = await startRun(w.editor, w.projectId, w.transcriptId);
      expect(await finished(w.editor, runId)).toBe('FAILED');
      const [notification] = (await list(w.editor)).edges.map((e) => e.node);
      expect(notification).toMatchObject({ kind: 'RUN_FINISHED', targetId: runId });
      expect(notification!.summary).toMatch(
        /^Your analysis of “onboarding” failed: .*injected fault/,
      );
    });

    /** Starts a run whose first part fails once; it is cancelled by `canceller` meanwhile. */
    const cancelled = async (w: Awaited<ReturnType<typeof team>>, canceller: TestUser) => {
      let failedOnce!: () => void;
      const failed = new Promise<void>((resolve) => (failedOnce = resolve));
      // The part's retry waits ANALYSIS_JOB_BACKOFF_MS; the run is cancelled meanwhile (the
      // retry then finds it cancelled and does nothing).
      t.app.get(AnalysisWorker).beforeChunkStep = () => {
        failedOnce();
        throw new Error('injected fault');
      };
      const runId = await startRun(w.editor, w.projectId, w.transcriptId);
      await failed;
      await t.ok(
        `mutation($id: ID!) { cancelAnalysis(id: $id) { id status } }`,
        { id: runId },
        canceller.token,
      );
      expect(await finished(w.editor, runId)).toBe('CANCELLED');
      await t.jobs.idle();
      return runId;
    };

    it('tells nobody when the starter cancels their own run', async () => {
      const w = await team();
      await cancelled(w, w.editor);
      expect((await list(w.editor)).totalCount).toBe(0);
      expect((await list(w.owner)).totalCount).toBe(0);
    });

    it('tells the starter who cancelled their run when someone else did', async () => {
      const w = await team();
      const runId = await cancelled(w, w.owner);
      expect((await list(w.editor)).edges.map((e) => e.node)).toEqual([
        expect.objectContaining({
          kind: 'RUN_FINISHED',
          targetId: runId,
          actor: { id: w.owner.id, name: 'Ada Researcher' },
          summary: 'Ada Researcher cancelled your analysis of “onboarding”',
        }),
      ]);
      expect((await list(w.owner)).totalCount).toBe(0);
    });
  });
});
