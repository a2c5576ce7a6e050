import { expect } from '@jest/globals';
import { type PubSubEngine } from 'graphql-subscriptions';
import { DataSource } from 'typeorm';
import { TestApp, type TestUser } from '../../../test/test-app';
import { type WsStream, wsSubscribe } from '../../../test/ws-client';
import { PUB_SUB } from '../../common/pubsub/pubsub.token';
import { type NotificationChange, notificationTopic } from './notification-events';
import { NotificationsService } from './notifications.service';
import { NotificationKind, NotificationTargetType } from './notifications.types';

// Each user receives their own new notifications as they are written, checked at every event
// against what they can still see, and across two api instances that share PostgreSQL and Redis.

const ADDED = `subscription { notificationAdded { id kind projectId targetType targetId summary actor { id name } } }`;
const COUNT = `subscription { unreadNotificationCountChanged }`;

interface Added {
  notificationAdded: {
    id: string;
    kind: string;
    projectId: string;
    targetId: string;
    summary: string;
    actor: { id: string; name: string } | null;
  };
}

/**
 * Tells `user` something in `projectId` (by `actor`, or nobody) through the service of `app`;
 * the notification's id, or undefined when the user was not told.
 */
async function tell(
  app: TestApp,
  user: TestUser,
  projectId: string,
  summary: string,
  actor?: TestUser,
) {
  const [id] = await app.app.get(NotificationsService).notify(app.app.get(DataSource), {
    userIds: [user.id],
    kind: NotificationKind.MENTION,
    actorId: actor?.id ?? null,
    projectId,
    targetType: NotificationTargetType.TRANSCRIPT,
    targetId: projectId,
    summary,
  });
  return id;
}

/** Notifies until the subscription, which starts asynchronously, has delivered something. */
async function primed<E>(stream: WsStream<E>, trigger: () => Promise<unknown>) {
  for (let i = 0; i < 40 && !stream.events.length; i++) {
    await trigger();
    await stream.until((s) => s.events.length > 0, 'an event', 500).catch(() => undefined);
  }
  expect(stream.events.length).toBeGreaterThan(0);
  stream.events.length = 0;
}

const summaries = (stream: WsStream<Added>) =>
  stream.events.map((e) => e.notificationAdded.summary);

describe('notifications live in one api', () => {
  let t: TestApp;
  beforeAll(async () => (t = await TestApp.start()));
  afterAll(() => t.close());

  it('delivers each new notification to its user only', async () => {
    const { user: ana, workspaceId, projectId } = await t.newProject();
    const bo = await t.join(ana, workspaceId, 'EDITOR', 'Bo Editor');
    const toAna = wsSubscribe<Added>(t, ana.token, ADDED, {});
    const toBo = wsSubscribe<Added>(t, bo.token, ADDED, {});
    try {
      await primed(toAna, () => tell(t, ana, projectId, 'priming Ana'));
      await primed(toBo, () => tell(t, bo, projectId, 'priming Bo'));
      toAna.events.length = 0;
      await tell(t, bo, projectId, 'Ana mentioned you on a highlight in “Onboarding call”', ana);
      await tell(t, ana, projectId, 'Bo mentioned you', bo);
      await toBo.until((s) => s.events.length > 0, 'Bo’s notification');
      await toAna.until((s) => s.events.length > 0, 'Ana’s notification');
      expect(toBo.events[0]!.notificationAdded).toMatchObject({
        kind: 'MENTION',
        projectId,
        summary: 'Ana mentioned you on a highlight in “Onboarding call”',
        actor: { id: ana.id, name: 'Ada Researcher' },
      });
      expect(summaries(toAna)).toEqual(['Bo mentioned you']);
      expect(summaries(toBo)).toEqual(['Ana mentioned you on a highlight in “Onboarding call”']);
    } finally {
      await toAna.close();
      await toBo.close();
    }
  });

  it('delivers nothing of a workspace the user was removed from, and keeps their stream going', async () => {
    const { user: ana, workspaceId, projectId } = await t.newProject();
    const bo = await t.join(ana, workspaceId, 'EDITOR', 'Bo Editor');
    const { projectId: bosOwn } = await t.newProject(bo);
    const stream = wsSubscribe<Added>(t, bo.token, ADDED, {});
    try {
      await primed(stream, () => tell(t, bo, bosOwn, 'priming'));
      const secret = await tell(t, bo, projectId, 'Ana mentioned you in “Pricing secrets”', ana);
      await stream.until((s) => s.events.length > 0, 'the mention while a member');
      stream.events.length = 0;

      await t.ok(
        `mutation($i: RemoveMemberInput!) { removeMember(input: $i) }`,
        { i: { workspaceId, userId: bo.id } },
        ana.token,
      );
      // An event about that workspace that reaches the stream after the removal (written just
      // before it) is read afresh for Bo, and skipped.
      const late: NotificationChange = { kind: 'ADDED', userId: bo.id, notificationId: secret! };
      await t.app.get<PubSubEngine>(PUB_SUB).publish(notificationTopic(bo.id), {
        notifications: late,
      });
      // Nothing new is written there for Bo any more, and his own project still reaches him.
      expect(await tell(t, bo, projectId, 'Ana mentioned you again', ana)).toBeUndefined();
      await tell(t, bo, bosOwn, 'In your own project');
      await stream.until((s) => s.events.length > 0, 'the notification of his own project');
      expect(summaries(stream)).toEqual(['In your own project']);
      expect(stream.ended).toBe(false);
    } finally {
      await stream.close();
    }
  });

  it('sends the unread count when a notification arrives and when notifications are read', async () => {
    const { user: ana, projectId } = await t.newProject();
    const stream = wsSubscribe<{ unreadNotificationCountChanged: number }>(t, ana.token, COUNT, {});
    try {
      await primed(stream, () => tell(t, ana, projectId, 'priming'));
      const counted = await t.ok<{ unreadNotificationCount: number }>(
        `{ unreadNotificationCount }`,
        {},
        ana.token,
      );
      await tell(t, ana, projectId, 'one more');
      await stream.until((s) => s.events.length > 0, 'the count after one more');
      expect(stream.events.at(-1)!.unreadNotificationCountChanged).toBe(
        counted.unreadNotificationCount + 1,
      );
      await t.ok(`mutation { markAllNotificationsRead }`, {}, ana.token);
      await stream.until(
        (s) => s.events.at(-1)?.unreadNotificationCountChanged === 0,
        'the count after marking all read',
      );
    } finally {
      await stream.close();
    }
  });
});

(process.env.REDIS_URL ? describe : describe.skip)(
  'notifications live across two api instances',
  () => {
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

    it('delivers a run finished on one api to its starter connected to the other', async () => {
      const { user: ana, workspaceId, projectId } = await first.newProject();
      const bo = await first.join(ana, workspaceId, 'EDITOR', 'Bo Editor');
      const transcript = await first.importText(
        projectId,
        ana.token,
        'onboarding.txt',
        'Interviewer: How was setup?\nAna: Onboarding took ages, the setup wizard kept asking for the invite code.\n',
      );
      const stream = wsSubscribe<Added>(second, bo.token, ADDED, {});
      try {
        await primed(stream, () => tell(first, bo, projectId, 'priming'));
        const { startAnalysis } = await first.ok<{ startAnalysis: { id: string } }>(
          `mutation($i: StartAnalysisInput!) { startAnalysis(input: $i) { id } }`,
          { i: { projectId, transcriptIds: [transcript.id], mode: 'INDUCTIVE' } },
          bo.token,
        );
        await stream.until(
          (s) => s.events.some((e) => e.notificationAdded.targetId === startAnalysis.id),
          'the finished run, through the other api',
        );
        const event = stream.events.find((e) => e.notificationAdded.targetId === startAnalysis.id)!;
        expect(event.notificationAdded).toMatchObject({
          kind: 'RUN_FINISHED',
          actor: null,
          projectId,
        });
        expect(event.notificationAdded.summary).toMatch(/^Your analysis of “onboarding” finished/);
      } finally {
        await stream.close();
      }
    });
  },
);
