import { TestApp, type TestUser } from '../../../test/test-app';
import { type WsStream, wsSubscribe } from '../../../test/ws-client';

// Open threads follow their target live: every change of a comment or thread reaches those
// subscribed to the target, read afresh and access-checked for each of them when delivered.

const COMMENT = `id body parentId deleted resolved editedAt author { name }
  mentions { name } reactions { emoji count reactedByMe }`;
const COMMENT_CHANGED = `subscription($type: CommentTargetType!, $id: ID!) {
  commentChanged(targetType: $type, targetId: $id) {
    kind targetType targetId commentId threadId commentCount
    comment { ${COMMENT} }
    thread { ${COMMENT} replies { ${COMMENT} } }
  }
}`;
const ADD = `mutation($i: AddCommentInput!) { addComment(input: $i) { id } }`;

interface Comment {
  id: string;
  body: string;
  parentId: string | null;
  deleted: boolean;
  resolved: boolean;
  editedAt: string | null;
  author: { name: string } | null;
  mentions: { name: string }[];
  reactions: { emoji: string; count: number; reactedByMe: boolean }[];
}
interface CommentEvent {
  commentChanged: {
    kind: 'ADDED' | 'EDITED' | 'DELETED' | 'RESOLVED' | 'REOPENED' | 'REACTED';
    targetType: string;
    targetId: string;
    commentId: string;
    threadId: string;
    commentCount: number;
    comment: Comment | null;
    thread: (Comment & { replies: Comment[] }) | null;
  };
}

/** An owner's project with a highlight to discuss, and an editor colleague. */
async function team(t: TestApp) {
  const { user: owner, workspaceId, projectId } = await t.newProject();
  const colleague = await t.join(owner, workspaceId, 'EDITOR', 'Cole League');
  const transcript = await t.importText(
    projectId,
    owner.token,
    'call.txt',
    'Ann: The export button is hidden.\nBob: Where did you look for it?\n',
  );
  const turn = transcript.segments[0]!;
  const { createHighlight } = await t.ok<{ createHighlight: { id: string } }>(
    `mutation($i: CreateHighlightInput!) { createHighlight(input: $i) { id } }`,
    {
      i: {
        transcriptId: transcript.id,
        start: { segmentId: turn.id, offset: 0 },
        end: { segmentId: turn.id, offset: 10 },
      },
    },
    owner.token,
  );
  const highlightId = createHighlight.id;
  const comment = async (by: TestUser, body: string, extra: object = {}) =>
    (
      await t.ok<{ addComment: { id: string } }>(
        ADD,
        { i: { targetType: 'HIGHLIGHT', targetId: highlightId, body, ...extra } },
        by.token,
      )
    ).addComment.id;
  return { owner, colleague, workspaceId, projectId, highlightId, comment };
}

/** Repeats `trigger` until `stream` has an event: then its subscription is surely in place. */
async function primed<T>(stream: WsStream<T>, trigger: () => Promise<unknown>): Promise<void> {
  for (let i = 0; i < 40 && !stream.events.length; i++) {
    await trigger();
    await stream.until((s) => s.events.length > 0, 'an event', 500).catch(() => undefined);
  }
  expect(stream.events.length).toBeGreaterThan(0);
}

const last = (s: WsStream<CommentEvent>) => s.events.at(-1)?.commentChanged;

describe('live comments', () => {
  let t: TestApp;
  beforeAll(async () => (t = await TestApp.start()));
  afterAll(() => t.close());

  it('delivers every change of a thread with the thread as it is then', async () => {
    const w = await team(t);
    const stream = wsSubscribe<CommentEvent>(t, w.owner.token, COMMENT_CHANGED, {
      type: 'HIGHLIGHT',
      id: w.highlightId,
    });
    const next = async (what: string, n: number) =>
      stream.until((s) => s.events.length >= n, what).then(() => last(stream)!);
    try {
      await primed(stream, () => w.comment(w.owner, 'Warming up'));
      stream.events.length = 0;

      const rootId = await w.comment(w.colleague, 'Is this **the** export?', {
        mentionIds: [w.owner.id],
      });
      let event = await next('ADDED', 1);
      expect(event).toMatchObject({
        kind: 'ADDED',
        targetType: 'HIGHLIGHT',
        targetId: w.highlightId,
        commentId: rootId,
        threadId: rootId,
        comment: {
          body: 'Is this **the** export?',
          author: { name: 'Cole League' },
          mentions: [{ name: 'Ada Researcher' }],
        },
        thread: { id: rootId, replies: [] },
      });
      const counted = event.commentCount;

      const replyId = await w.comment(w.owner, 'Yes, in the menu.', { parentId: rootId });
      event = await next('the reply', 2);
      expect(event).toMatchObject({ kind: 'ADDED', commentId: replyId, threadId: rootId });
      expect(event.commentCount).toBe(counted + 1);
      expect(event.thread?.replies.map((r) => r.body)).toEqual(['Yes, in the menu.']);

      await t.ok(
        `mutation($i: EditCommentInput!) { editComment(input: $i) { id } }`,
        { i: { id: replyId, body: 'Yes, under Share.' } },
        w.owner.token,
      );
      event = await next('EDITED', 3);
      expect(event).toMatchObject({ kind: 'EDITED', commentId: replyId, threadId: rootId });
      expect(event.comment).toMatchObject({ body: 'Yes, under Share.' });
      expect(event.comment?.editedAt).not.toBeNull();

      // Reactions are told as the subscriber sees them: the owner is not among those who reacted.
      await t.ok(
        `mutation($id: ID!) { reactToComment(id: $id, emoji: "👍") { id } }`,
        { id: replyId },
        w.colleague.token,
      );
      event = await next('REACTED', 4);
      expect(event.kind).toBe('REACTED');
      expect(event.comment?.reactions).toEqual([{ emoji: '👍', count: 1, reactedByMe: false }]);

      await t.ok(
        `mutation($id: ID!) { resolveThread(id: $id) { id } }`,
        { id: replyId },
        w.colleague.token,
      );
      event = await next('RESOLVED', 5);
      expect(event).toMatchObject({ kind: 'RESOLVED', commentId: rootId, threadId: rootId });
      expect(event.thread?.resolved).toBe(true);

      await t.ok(
        `mutation($id: ID!) { reopenThread(id: $id) { id } }`,
        { id: rootId },
        w.owner.token,
      );
      event = await next('REOPENED', 6);
      expect(event.thread?.resolved).toBe(false);

      // A first comment with replies stays as deleted; with its last reply, the thread goes.
      await t.ok(
        `mutation($id: ID!) { deleteComment(id: $id) }`,
        { id: rootId },
        w.colleague.token,
      );
      event = await next('the first comment deleted', 7);
      expect(event).toMatchObject({ kind: 'DELETED', commentId: rootId });
      expect(event.thread).toMatchObject({ deleted: true, body: '' });
      expect(event.thread?.replies).toHaveLength(1);
      expect(event.commentCount).toBe(counted);

      await t.ok(`mutation($id: ID!) { deleteComment(id: $id) }`, { id: replyId }, w.owner.token);
      event = await next('the reply deleted', 8);
      expect(event).toMatchObject({
        kind: 'DELETED',
        commentId: replyId,
        threadId: rootId,
        comment: null,
        thread: null,
      });
      expect(event.commentCount).toBe(counted - 1);
    } finally {
      await stream.close();
    }
  });

  it('sends nothing for a change that was refused', async () => {
    const w = await team(t);
    const stream = wsSubscribe<CommentEvent>(t, w.colleague.token, COMMENT_CHANGED, {
      type: 'HIGHLIGHT',
      id: w.highlightId,
    });
    try {
      await primed(stream, () => w.comment(w.owner, 'Warming up'));
      const rootId = last(stream)!.threadId;
      const replyId = await w.comment(w.owner, 'A reply', { parentId: rootId });
      await stream.until((s) => last(s)?.commentId === replyId, 'the reply');
      stream.events.length = 0;

      // A reply to a reply is refused inside the transaction, after the checks passed.
      const refused = await t.gql(
        ADD,
        {
          i: {
            targetType: 'HIGHLIGHT',
            targetId: w.highlightId,
            body: 'Nested',
            parentId: replyId,
          },
        },
        w.owner.token,
      );
      expect(refused.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
      const after = await w.comment(w.owner, 'After the refusal');
      await stream.until((s) => s.events.length > 0, 'the next change');
      expect(stream.events.map((e) => e.commentChanged.comment?.body)).toEqual([
        'After the refusal',
      ]);
      expect(last(stream)?.commentId).toBe(after);
    } finally {
      await stream.close();
    }
  });

  it('stops delivering to a colleague removed from the workspace, at the next event', async () => {
    const w = await team(t);
    const stream = wsSubscribe<CommentEvent>(t, w.colleague.token, COMMENT_CHANGED, {
      type: 'HIGHLIGHT',
      id: w.highlightId,
    });
    try {
      await primed(stream, () => w.comment(w.owner, 'Before'));
      await t.ok(
        `mutation($i: RemoveMemberInput!) { removeMember(input: $i) }`,
        { i: { workspaceId: w.workspaceId, userId: w.colleague.id } },
        w.owner.token,
      );
      const secret = await w.comment(w.owner, 'After she left');
      await stream.until((s) => s.ended, 'the stream to end');
      expect(stream.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
      expect(stream.events.some((e) => e.commentChanged.commentId === secret)).toBe(false);
    } finally {
      await stream.close();
    }
  });

  it('refuses a target of another workspace, and an id of another kind than the type says', async () => {
    const w = await team(t);
    const stranger = await t.signUp('Stan Ranger');
    const foreign = wsSubscribe<CommentEvent>(t, stranger.token, COMMENT_CHANGED, {
      type: 'HIGHLIGHT',
      id: w.highlightId,
    });
    const mislabelled = wsSubscribe<CommentEvent>(t, w.owner.token, COMMENT_CHANGED, {
      type: 'THEME',
      id: w.highlightId,
    });
    try {
      for (const stream of [foreign, mislabelled]) {
        await stream.until((s) => s.ended, 'the refusal');
        expect(stream.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
        expect(stream.events).toEqual([]);
      }
    } finally {
      await foreign.close();
      await mislabelled.close();
    }
  });
});

// Two api instances share nothing but PostgreSQL and Redis: a comment written through one
// reaches a thread open on the other. Without Redis, events stay inside one process.
(process.env.REDIS_URL ? describe : describe.skip)('live comments across two api instances', () => {
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

  it('delivers a comment written through one api to a thread open on the other', async () => {
    const w = await team(first);
    const stream = wsSubscribe<CommentEvent>(second, w.owner.token, COMMENT_CHANGED, {
      type: 'HIGHLIGHT',
      id: w.highlightId,
    });
    try {
      await primed(stream, () => w.comment(w.colleague, 'Through the first api'));
      expect(last(stream)?.comment?.body).toBe('Through the first api');
    } finally {
      await stream.close();
    }
  });
});
