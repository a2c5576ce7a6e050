import { expect } from '@jest/globals';
import { createClient } from 'graphql-ws';
import { randomUUID } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import WebSocket from 'ws';
import { freePort, type NodeProcess, startEntry } from '../../../test/processes';
import { TestApp, type TestUser } from '../../../test/test-app';
import { WsStream, wsSubscribe } from '../../../test/ws-client';
import { PresenceStore } from './presence-store';
import { presenceTopic } from './presence-stream';
import { PUB_SUB } from '../../common/pubsub/pubsub.token';
import { type PubSubEngine } from 'graphql-subscriptions';

// Who else has a transcript or board open: each subscriber is present while its subscription
// lives, sees the others arrive and leave, drops out when it loses access, and — on an instance
// that crashed — vanishes after the time to live. Across api instances through Redis.

const PRESENCE = `subscription($type: PresenceTargetType!, $id: ID!) {
  presence(targetType: $type, targetId: $id) { targetType targetId count users { id name } } }`;
const TTL = '3s';
const TTL_MS = 3000;

interface Event {
  presence: {
    targetType: string;
    targetId: string;
    count: number;
    users: { id: string; name: string }[];
  };
}

const present = (s: WsStream<Event>) => s.events.at(-1)?.presence.users.map((u) => u.name) ?? [];
const sees = (s: WsStream<Event>, names: string[], what: string, ms?: number) =>
  s.until((x) => JSON.stringify(present(x)) === JSON.stringify(names), what, ms);
const watch = (app: TestApp, user: TestUser, type: string, id: string) =>
  wsSubscribe<Event>(app, user.token, PRESENCE, { type, id });

/** Olga (owner) and Vera (editor) in a project with a transcript and a board. */
async function team(t: TestApp) {
  const { user: olga, workspaceId, projectId } = await t.newProject();
  const vera = await t.join(olga, workspaceId, 'EDITOR', 'Vera Editor');
  const { importTranscript } = await t.ok<{ importTranscript: { id: string } }>(
    `mutation($i: ImportTranscriptInput!) { importTranscript(input: $i) { id } }`,
    { i: { projectId, filename: 'nina.txt', content: 'Interviewer: Hi?\nNina: Hello.\n' } },
    olga.token,
  );
  const { createBoard } = await t.ok<{ createBoard: { id: string } }>(
    `mutation($i: CreateBoardInput!) { createBoard(input: $i) { id } }`,
    { i: { projectId, name: 'Synthesis' } },
    olga.token,
  );
  return {
    olga,
    vera,
    workspaceId,
    projectId,
    transcriptId: importTranscript.id,
    boardId: createBoard.id,
  };
}

describe('presence in one api', () => {
  let t: TestApp;
  beforeAll(async () => (t = await TestApp.start({ PRESENCE_TTL: TTL })));
  afterAll(() => t.close());

  it.each(['BOARD', 'TRANSCRIPT'])(
    'shows two people on a %s each other arriving and leaving',
    async (type) => {
      const w = await team(t);
      const id = type === 'BOARD' ? w.boardId : w.transcriptId;
      const olga = watch(t, w.olga, type, id);
      try {
        await sees(olga, ['Ada Researcher'], 'Olga to see herself');
        expect(olga.events[0]!.presence).toMatchObject({
          targetType: type,
          targetId: id,
          count: 1,
        });
        const vera = watch(t, w.vera, type, id);
        await sees(vera, ['Ada Researcher', 'Vera Editor'], 'Vera to see both');
        await sees(olga, ['Ada Researcher', 'Vera Editor'], 'Olga to see Vera arrive');
        await vera.close();
        await sees(olga, ['Ada Researcher'], 'Olga to see Vera leave');
      } finally {
        await olga.close();
      }
    },
  );

  it('counts someone with two tabs once, present until the last one closes', async () => {
    const w = await team(t);
    const olga = watch(t, w.olga, 'BOARD', w.boardId);
    const tabs = [watch(t, w.vera, 'BOARD', w.boardId), watch(t, w.vera, 'BOARD', w.boardId)];
    try {
      await sees(olga, ['Ada Researcher', 'Vera Editor'], 'Vera to arrive');
      await Promise.all(tabs.map((tab) => sees(tab, ['Ada Researcher', 'Vera Editor'], 'both')));
      expect(olga.events.at(-1)!.presence.count).toBe(2);
      await tabs[0]!.close();
      const store = t.app.get(PresenceStore);
      const veras = async () =>
        (await store.present(`BOARD:${w.boardId}`)).filter((e) => e.userId === w.vera.id).length;
      for (let i = 0; i < 100 && (await veras()) > 1; i++)
        await new Promise((r) => setTimeout(r, 50));
      expect(await veras()).toBe(1); // the first tab has left…
      expect(present(olga)).toEqual(['Ada Researcher', 'Vera Editor']); // …Vera is still there
      await tabs[1]!.close();
      await sees(olga, ['Ada Researcher'], 'Vera to leave with her last tab');
    } finally {
      await Promise.all([olga, ...tabs].map((s) => s.close()));
    }
  });

  it('drops someone who loses access at once, and sends them nothing more', async () => {
    const w = await team(t);
    const olga = watch(t, w.olga, 'TRANSCRIPT', w.transcriptId);
    const vera = watch(t, w.vera, 'TRANSCRIPT', w.transcriptId);
    try {
      await sees(olga, ['Ada Researcher', 'Vera Editor'], 'Vera to arrive');
      await sees(vera, ['Ada Researcher', 'Vera Editor'], 'Vera to see Olga');
      const seen = vera.events.length;
      await t.ok(
        `mutation($i: UpdateProjectAccessInput!) { updateProjectAccess(input: $i) { id } }`,
        { i: { projectId: w.projectId, restricted: true, memberIds: [] } },
        w.olga.token,
      );
      // Well before a renewal (every second here, every 10 s by default) would notice.
      await sees(olga, ['Ada Researcher'], 'Vera to drop out', TTL_MS / 3);
      await vera.until((s) => s.ended, 'Vera’s subscription to end');
      expect(vera.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
      expect(vera.events.length).toBe(seen);
      // Someone else arriving afterwards reaches Olga, not Vera.
      const again = watch(t, w.olga, 'TRANSCRIPT', w.transcriptId);
      await sees(again, ['Ada Researcher'], 'a second tab of Olga');
      expect(vera.events.length).toBe(seen);
      await again.close();
    } finally {
      await olga.close();
      await vera.close();
    }
  });

  it('forgets someone whose api instance crashed, once their time to live has passed', async () => {
    const w = await team(t);
    const target = `BOARD:${w.boardId}`;
    const olga = watch(t, w.olga, 'BOARD', w.boardId);
    try {
      await sees(olga, ['Ada Researcher'], 'Olga to see herself');
      // An entry that nobody renews, as a crashed instance leaves it, announced as it arrived.
      await t.app
        .get(PresenceStore)
        .enter(
          target,
          { connectionId: randomUUID(), userId: w.vera.id, name: 'Vera Editor' },
          TTL_MS,
        );
      await t.app.get<PubSubEngine>(PUB_SUB).publish(presenceTopic(target), {});
      await sees(olga, ['Ada Researcher', 'Vera Editor'], 'the entry to show');
      const since = Date.now();
      await sees(olga, ['Ada Researcher'], 'the entry to expire', 3 * TTL_MS);
      // Gone after its time to live, within one renewal (a third of it) more.
      expect(Date.now() - since).toBeLessThan(TTL_MS + TTL_MS / 3 + 1000);
    } finally {
      await olga.close();
    }
  });
});

(process.env.REDIS_URL ? describe : describe.skip)('presence across api instances', () => {
  let first: TestApp;
  let second: TestApp;
  beforeAll(async () => {
    first = await TestApp.start({ PRESENCE_TTL: TTL });
    second = await TestApp.start({ PRESENCE_TTL: TTL });
  });
  afterAll(async () => {
    await first?.close();
    await second?.close();
  });

  it('shows people connected to different instances each other arriving and leaving', async () => {
    const w = await team(first);
    const olga = watch(first, w.olga, 'BOARD', w.boardId);
    try {
      await sees(olga, ['Ada Researcher'], 'Olga to see herself');
      const vera = watch(second, w.vera, 'BOARD', w.boardId);
      await sees(vera, ['Ada Researcher', 'Vera Editor'], 'Vera, on the other api, to see both');
      await sees(olga, ['Ada Researcher', 'Vera Editor'], 'Olga to see Vera arrive');
      await vera.close();
      await sees(olga, ['Ada Researcher'], 'Olga to see Vera leave');
    } finally {
      await olga.close();
    }
  });

  (process.env.DATABASE_URL ? it : it.skip)(
    'forgets the people of an api process killed with SIGKILL after the time to live',
    async () => {
      const w = await team(first);
      const port = await freePort();
      let killed: NodeProcess | null = await startEntry(
        'main',
        {
          NODE_ENV: 'test',
          APP_ROLE: 'api',
          PORT: String(port),
          DATABASE_URL: process.env.VERBATIM_TEST_DATABASE_URL,
          DATABASE_POOL_SIZE: '2',
          REDIS_URL: process.env.REDIS_URL,
          DATA_DIR: mkdtempSync(path.join(tmpdir(), 'verbatim-presence-')),
          AUTH_SECRET: first.config.auth.secret,
          PRESENCE_TTL: TTL,
          LOG_LEVEL: 'log',
        },
        'Verbatim is ready',
        120_000,
      );
      const olga = watch(first, w.olga, 'BOARD', w.boardId);
      const vera = new WsStream<Event>(
        createClient({
          url: `ws://127.0.0.1:${port}/graphql`,
          webSocketImpl: WebSocket,
          connectionParams: { authorization: `Bearer ${w.vera.token}` },
          retryAttempts: 0,
          lazy: true,
        }),
        PRESENCE,
        { type: 'BOARD', id: w.boardId },
      );
      try {
        await sees(vera, ['Ada Researcher', 'Vera Editor'], 'Vera, on the other process');
        await sees(olga, ['Ada Researcher', 'Vera Editor'], 'Olga to see Vera arrive');
        await killed.stop('SIGKILL');
        killed = null;
        const since = Date.now();
        await sees(olga, ['Ada Researcher'], 'Vera to vanish', 4 * TTL_MS);
        expect(Date.now() - since).toBeLessThan(TTL_MS + TTL_MS / 3 + 1000);
      } finally {
        await olga.close();
        await vera.close().catch(() => undefined);
        await killed?.stop('SIGKILL');
      }
    },
    180_000,
  );
});
