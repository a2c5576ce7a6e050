import { TestApp, type TestUser } from '../../../test/test-app';
import { type WsStream, wsSubscribe } from '../../../test/ws-client';

// Live coding: colleagues in one transcript see each other's highlights, tag changes and codebook
// edits as they happen; every event is checked against the subscriber's access when delivered.

const HIGHLIGHT_CHANGED = `subscription($t: ID!) {
  highlightChanged(transcriptId: $t) {
    kind highlightId transcriptId
    highlight { id quote note tags { id name } }
  }
}`;
const CODEBOOK_CHANGED = `subscription($p: ID!) {
  codebookChanged(projectId: $p) { kind tagId projectId mergedIntoId tag { id name color usageCount } }
}`;

interface HighlightEvent {
  highlightChanged: {
    kind: 'CREATED' | 'UPDATED' | 'DELETED';
    highlightId: string;
    transcriptId: string;
    highlight: { id: string; quote: string; note: string | null; tags: { name: string }[] } | null;
  };
}
interface CodebookEvent {
  codebookChanged: {
    kind: 'CREATED' | 'UPDATED' | 'DELETED';
    tagId: string;
    projectId: string;
    mergedIntoId: string | null;
    tag: { id: string; name: string; color: string; usageCount: number } | null;
  };
}

const TEXT = 'Ann: The export button is hidden.\nBob: Where did you look for it?\n';

/** An owner's project with one READY transcript, a tag, and an editor colleague. */
async function team(t: TestApp) {
  const { user: owner, workspaceId, projectId } = await t.newProject();
  const colleague = await t.join(owner, workspaceId, 'EDITOR', 'Cole League');
  const transcript = await t.uploadAndWait(projectId, owner.token, {
    name: 'ann.txt',
    bytes: TEXT,
  });
  const transcriptId = transcript.id;
  const tag = await t.ok<{ createTag: { id: string } }>(
    `mutation($i: CreateTagInput!) { createTag(input: $i) { id } }`,
    { i: { projectId, name: 'Findability' } },
    owner.token,
  );
  const turn = transcript.segments[0]!;
  const highlight = (by: TestUser, words: string, tagIds: string[] = []) => {
    const offset = turn.text.indexOf(words);
    return t.ok<{ createHighlight: { id: string } }>(
      `mutation($i: CreateHighlightInput!) { createHighlight(input: $i) { id } }`,
      {
        i: {
          transcriptId,
          start: { segmentId: turn.id, offset },
          end: { segmentId: turn.id, offset: offset + words.length },
          tagIds,
        },
      },
      by.token,
    );
  };
  return {
    owner,
    colleague,
    workspaceId,
    projectId,
    transcriptId,
    tagId: tag.createTag.id,
    /** Ann's turn: "The export button is hidden." */
    turn,
    highlight,
  };
}

/** Repeats `trigger` until `stream` has an event: then its subscription is surely in place. */
async function primed<T>(stream: WsStream<T>, trigger: () => Promise<unknown>): Promise<void> {
  for (let i = 0; i < 40 && !stream.events.length; i++) {
    await trigger();
    await stream.until((s) => s.events.length > 0, 'an event', 500).catch(() => undefined);
  }
  expect(stream.events.length).toBeGreaterThan(0);
}

const lastHighlight = (s: WsStream<HighlightEvent>) => s.events.at(-1)?.highlightChanged;
const lastTag = (s: WsStream<CodebookEvent>) => s.events.at(-1)?.codebookChanged;

describe('live coding in one api', () => {
  let t: TestApp;
  beforeAll(async () => (t = await TestApp.start()));
  afterAll(() => t.close());

  it("shows a colleague's highlight as it is created, tagged, noted and deleted", async () => {
    const w = await team(t);
    const stream = wsSubscribe<HighlightEvent>(t, w.owner.token, HIGHLIGHT_CHANGED, {
      t: w.transcriptId,
    });
    try {
      await primed(stream, () => w.highlight(w.colleague, 'export'));
      stream.events.length = 0;

      const { createHighlight } = await w.highlight(w.colleague, 'button is hidden', [w.tagId]);
      await stream.until((s) => lastHighlight(s)?.highlightId === createHighlight.id, 'CREATED');
      expect(lastHighlight(stream)).toEqual({
        kind: 'CREATED',
        highlightId: createHighlight.id,
        transcriptId: w.transcriptId,
        highlight: {
          id: createHighlight.id,
          quote: 'button is hidden',
          note: null,
          tags: [{ id: w.tagId, name: 'Findability' }],
        },
      });

      await t.ok(
        `mutation($i: UpdateHighlightInput!) { updateHighlight(input: $i) { id } }`,
        { i: { id: createHighlight.id, note: 'Third time someone says this', tagIds: [] } },
        w.colleague.token,
      );
      await stream.until((s) => lastHighlight(s)?.kind === 'UPDATED', 'UPDATED');
      expect(lastHighlight(stream)?.highlight).toMatchObject({
        note: 'Third time someone says this',
        tags: [],
      });

      await t.ok(
        `mutation($id: ID!) { deleteHighlight(id: $id) }`,
        {
          id: createHighlight.id,
        },
        w.colleague.token,
      );
      await stream.until((s) => lastHighlight(s)?.kind === 'DELETED', 'DELETED');
      expect(lastHighlight(stream)).toEqual({
        kind: 'DELETED',
        highlightId: createHighlight.id,
        transcriptId: w.transcriptId,
        highlight: null,
      });
    } finally {
      await stream.close();
    }
  });

  it('shows codebook edits: a new tag, a rename, and a merge', async () => {
    const w = await team(t);
    const stream = wsSubscribe<CodebookEvent>(t, w.colleague.token, CODEBOOK_CHANGED, {
      p: w.projectId,
    });
    const rename = (name: string) =>
      t.ok(
        `mutation($i: UpdateTagInput!) { updateTag(input: $i) { id } }`,
        { i: { id: w.tagId, name } },
        w.owner.token,
      );
    try {
      await primed(stream, () => rename('Finding things'));
      await rename('Discoverability');
      await stream.until((s) => lastTag(s)?.tag?.name === 'Discoverability', 'the rename');
      expect(lastTag(stream)).toMatchObject({ kind: 'UPDATED', tagId: w.tagId });

      const { createTag } = await t.ok<{ createTag: { id: string } }>(
        `mutation($i: CreateTagInput!) { createTag(input: $i) { id } }`,
        { i: { projectId: w.projectId, name: 'Hidden controls' } },
        w.owner.token,
      );
      await stream.until((s) => lastTag(s)?.tagId === createTag.id, 'the new tag');
      expect(lastTag(stream)).toMatchObject({ kind: 'CREATED', tag: { name: 'Hidden controls' } });

      await w.highlight(w.owner, 'hidden', [createTag.id]);
      stream.events.length = 0;
      await t.ok(
        `mutation($i: MergeTagsInput!) { mergeTags(input: $i) { id } }`,
        { i: { sourceId: createTag.id, targetId: w.tagId } },
        w.owner.token,
      );
      await stream.until((s) => s.events.length >= 2, 'the merge');
      expect(stream.events.map((e) => e.codebookChanged)).toEqual([
        expect.objectContaining({
          kind: 'DELETED',
          tagId: createTag.id,
          mergedIntoId: w.tagId,
          tag: null,
        }),
        expect.objectContaining({
          kind: 'UPDATED',
          tagId: w.tagId,
          tag: expect.objectContaining({ name: 'Discoverability', usageCount: 1 }) as unknown,
        }),
      ]);
    } finally {
      await stream.close();
    }
  });

  it("shows a colleague's corrections, splits and merges of turns with the turns as they are now", async () => {
    const w = await team(t);
    interface TurnEvent {
      turnChanged: {
        kind: string;
        segmentIds: string[];
        removedSegmentId: string | null;
        segments: { id: string; index: number; text: string }[];
      };
    }
    const stream = wsSubscribe<TurnEvent>(
      t,
      w.owner.token,
      `subscription($t: ID!) { turnChanged(transcriptId: $t) { kind segmentIds removedSegmentId segments { id index text } } }`,
      { t: w.transcriptId },
    );
    const turns = async () => (await t.waitForTranscript(w.transcriptId, w.owner.token)).segments;
    const correct = (text: string) =>
      t.ok(
        `mutation($i: CorrectSegmentInput!) { correctSegment(input: $i) { segment { id } } }`,
        { i: { segmentId: w.turn.id, text } },
        w.colleague.token,
      );
    try {
      let tries = 0;
      await primed(stream, () => correct(`The export button is hidden (${++tries}).`));
      stream.events.length = 0;

      await correct('The export button is well hidden.');
      await stream.until((s) => s.events.length > 0, 'CORRECTED');
      expect(stream.events[0]!.turnChanged).toEqual({
        kind: 'CORRECTED',
        segmentIds: [w.turn.id],
        removedSegmentId: null,
        segments: [{ id: w.turn.id, index: 0, text: 'The export button is well hidden.' }],
      });

      await t.ok(
        `mutation($i: SplitSegmentInput!) { splitSegment(input: $i) { first { id } } }`,
        { i: { segmentId: w.turn.id, offset: 'The export button'.length } },
        w.colleague.token,
      );
      await stream.until((s) => s.events.length > 1, 'SPLIT');
      const split = stream.events[1]!.turnChanged;
      const [first, second] = (await turns()).slice(0, 2);
      expect(split).toEqual({
        kind: 'SPLIT',
        segmentIds: [first!.id, second!.id],
        removedSegmentId: null,
        segments: [
          { id: first!.id, index: 0, text: 'The export button' },
          { id: second!.id, index: 1, text: 'is well hidden.' },
        ],
      });

      await t.ok(
        `mutation($i: MergeSegmentsInput!) { mergeSegments(input: $i) { segment { id } } }`,
        { i: { firstSegmentId: first!.id, secondSegmentId: second!.id } },
        w.colleague.token,
      );
      await stream.until((s) => s.events.length > 2, 'MERGED');
      expect(stream.events[2]!.turnChanged).toEqual({
        kind: 'MERGED',
        segmentIds: [first!.id],
        removedSegmentId: second!.id,
        segments: [{ id: first!.id, index: 0, text: 'The export button is well hidden.' }],
      });
    } finally {
      await stream.close();
    }
  });

  it('stops delivering to a colleague removed from the workspace, at the next event', async () => {
    const w = await team(t);
    const stream = wsSubscribe<HighlightEvent>(t, w.colleague.token, HIGHLIGHT_CHANGED, {
      t: w.transcriptId,
    });
    try {
      await primed(stream, () => w.highlight(w.owner, 'export'));
      await t.ok(
        `mutation($i: RemoveMemberInput!) { removeMember(input: $i) }`,
        { i: { workspaceId: w.workspaceId, userId: w.colleague.id } },
        w.owner.token,
      );
      const { createHighlight } = await w.highlight(w.owner, 'button');
      await stream.until((s) => s.ended, 'the stream to end');
      expect(stream.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
      expect(stream.events.some((e) => e.highlightChanged.highlightId === createHighlight.id)).toBe(
        false,
      );
    } finally {
      await stream.close();
    }
  });

  it('refuses to subscribe to a transcript of another workspace', async () => {
    const w = await team(t);
    const stranger = await t.signUp('Stan Ranger');
    const stream = wsSubscribe<HighlightEvent>(t, stranger.token, HIGHLIGHT_CHANGED, {
      t: w.transcriptId,
    });
    try {
      await stream.until((s) => s.ended, 'the refusal');
      expect(stream.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
      expect(stream.events).toEqual([]);
    } finally {
      await stream.close();
    }
  });
});

// Two api instances share nothing but PostgreSQL and Redis: an event raised in one reaches a
// subscriber of the other. Without Redis, events stay inside one process (in-memory pub/sub).
(process.env.REDIS_URL ? describe : describe.skip)('live coding across two api instances', () => {
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

  it('delivers a highlight made through one api to a reader connected to the other', async () => {
    const w = await team(first);
    const stream = wsSubscribe<HighlightEvent>(second, w.owner.token, HIGHLIGHT_CHANGED, {
      t: w.transcriptId,
    });
    const codebook = wsSubscribe<CodebookEvent>(second, w.owner.token, CODEBOOK_CHANGED, {
      p: w.projectId,
    });
    try {
      await primed(stream, () => w.highlight(w.colleague, 'export'));
      const { createHighlight } = await w.highlight(w.colleague, 'hidden', [w.tagId]);
      await stream.until(
        (s) => s.events.some((e) => e.highlightChanged.highlightId === createHighlight.id),
        'the highlight made through the first api',
      );
      const rename = (name: string) =>
        first.ok(
          `mutation($i: UpdateTagInput!) { updateTag(input: $i) { id } }`,
          { i: { id: w.tagId, name } },
          w.owner.token,
        );
      await primed(codebook, () => rename('Findability, renamed'));
      expect(lastTag(codebook)?.tag?.name).toBe('Findability, renamed');
    } finally {
      await stream.close();
      await codebook.close();
    }
  });
});
