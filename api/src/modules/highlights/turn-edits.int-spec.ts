import { expect } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { textAt, TestApp, type TestUser, type TranscriptView } from '../../../test/test-app';

const INTERVIEW = `WEBVTT

00:00:00.000 --> 00:00:04.000
<v Interviewer>How do you plan a research week?

00:00:04.000 --> 00:00:14.000
<v Ana>We plan on Mondays. Scheduling across time zones is the hardest part, honestly.

00:00:14.000 --> 00:00:17.000
<v Interviewer>What would make it easier?

00:00:17.000 --> 00:00:22.000
<v Ana>A shared calendar that shows everyone's working hours.

00:00:22.000 --> 00:00:25.000
<v Ben>I agree with that completely.
`;

const SEGMENT = `id index text speaker startMs endMs editedAt participant { id }`;
const SPLIT = `mutation($i: SplitSegmentInput!) { splitSegment(input: $i) {
  first { ${SEGMENT} } second { ${SEGMENT} } reanchoredCount flagged { id quote needsAttention } } }`;
const MERGE = `mutation($i: MergeSegmentsInput!) { mergeSegments(input: $i) {
  segment { ${SEGMENT} } removedSegmentId reanchoredCount flagged { id quote needsAttention } } }`;
const HIGHLIGHTS = `query($f: HighlightFilter!) { highlights(filter: $f, first: 100) { edges { node {
  id quote needsAttention startIndex start { segmentId offset } end { segmentId offset } participant { id } } } } }`;

interface Turn {
  id: string;
  index: number;
  text: string;
  speaker: string | null;
  startMs: number | null;
  endMs: number | null;
  editedAt: string | null;
  participant: { id: string } | null;
}
interface Report {
  reanchoredCount: number;
  flagged: { id: string; quote: string; needsAttention: boolean }[];
}
type Split = Report & { first: Turn; second: Turn };
type Merge = Report & { segment: Turn; removedSegmentId: string };
type Node = {
  id: string;
  quote: string;
  needsAttention: boolean;
  startIndex: number;
  start: { segmentId: string; offset: number };
  end: { segmentId: string; offset: number };
  participant: { id: string } | null;
};

describe('splitting and merging turns', () => {
  let t: TestApp;
  let db: DataSource;
  let owner: TestUser;
  let projectId: string;
  let workspaceId: string;

  /** A new transcript (the same interview again unless told: a note makes its bytes unique). */
  const fresh = async (
    bytes = `${INTERVIEW}\nNOTE ${randomUUID()}\n`,
    name = 'week.vtt',
  ): Promise<TranscriptView> => {
    const tr = await t.uploadAndWait(projectId, owner.token, { name, bytes });
    if (tr.status !== 'READY') throw new Error(`${name} was not read: ${tr.error}`);
    return tr;
  };
  const read = (tr: { id: string }) => t.waitForTranscript(tr.id, owner.token);
  const split = (segmentId: string, offset: number, token = owner.token) =>
    t.gql<{ splitSegment: Split }>(SPLIT, { i: { segmentId, offset } }, token);
  const merge = (firstSegmentId: string, secondSegmentId?: string, token = owner.token) =>
    t.gql<{ mergeSegments: Merge }>(MERGE, { i: { firstSegmentId, secondSegmentId } }, token);
  const done = async <T>(res: Promise<{ data?: T; errors?: unknown[] }>): Promise<T> => {
    const r = await res;
    if (r.errors?.length || !r.data) throw new Error(JSON.stringify(r.errors));
    return r.data;
  };
  const codeOf = async (res: Promise<{ errors?: { extensions?: { code?: string } }[] }>) =>
    (await res).errors?.[0]?.extensions?.code;

  /** Highlights `from` (turn index, words) to `to` (or the same words' end). */
  const highlight = async (
    tr: TranscriptView,
    from: [number, string],
    to: [number, string] | null = null,
  ): Promise<string> => {
    const s = tr.segments[from[0]]!;
    const e = to ? tr.segments[to[0]]! : s;
    const start = s.text.indexOf(from[1]);
    const end = to ? e.text.indexOf(to[1]) + to[1].length : start + from[1].length;
    if (start < 0 || end < 0) throw new Error(`not in the turn: ${from[1]}`);
    const res = await t.ok<{ createHighlight: { id: string } }>(
      `mutation($i: CreateHighlightInput!) { createHighlight(input: $i) { id } }`,
      {
        i: {
          transcriptId: tr.id,
          start: { segmentId: s.id, offset: start },
          end: { segmentId: e.id, offset: end },
        },
      },
      owner.token,
    );
    return res.createHighlight.id;
  };
  const highlights = async (tr: { id: string }) =>
    new Map(
      (
        await t.ok<{ highlights: { edges: { node: Node }[] } }>(
          HIGHLIGHTS,
          { f: { projectId, transcriptId: tr.id } },
          owner.token,
        )
      ).highlights.edges.map((e) => [e.node.id, e.node]),
    );

  /**
   * Turn indexes are 0..n-1 and counted; every highlight's start index is its start turn's, and
   * one not needing attention quotes exactly the text between its positions; suggestions too.
   */
  const expectConsistent = async (tr: { id: string }) => {
    const now = await read(tr);
    expect(now.segments.map((s) => s.index)).toEqual(now.segments.map((_, i) => i));
    expect(now.segmentCount).toBe(now.segments.length);
    const index = new Map(now.segments.map((s) => [s.id, s.index]));
    for (const h of (await highlights(tr)).values()) {
      expect(h.startIndex).toBe(index.get(h.start.segmentId));
      expect(index.get(h.end.segmentId)).toBeGreaterThanOrEqual(h.startIndex);
      if (!h.needsAttention) expect(textAt(now, h.start, h.end)).toBe(h.quote);
    }
    const suggestions = await db.query<
      { start_segment_id: string; end_segment_id: string; start_index: number; end_index: number }[]
    >(
      `SELECT start_segment_id, end_segment_id, start_index, end_index FROM suggestion WHERE transcript_id = $1`,
      [tr.id],
    );
    for (const x of suggestions) {
      expect(x.start_index).toBe(index.get(x.start_segment_id));
      expect(x.end_index).toBe(index.get(x.end_segment_id));
    }
    return now;
  };

  const join = (role: string): Promise<TestUser> => t.join(owner, workspaceId, role, role);

  beforeAll(async () => {
    t = await TestApp.start();
    db = t.app.get(DataSource);
    const p = await t.newProject();
    owner = p.user;
    projectId = p.projectId;
    workspaceId = p.workspaceId;
  }, 120_000);
  afterAll(() => t.close());

  it('splits a turn in two at a point: the rest becomes the next turn, with its share of the time', async () => {
    const tr = await fresh();
    const turn = tr.segments[1]!;
    const offset = turn.text.indexOf(' Scheduling');
    const res = (await done(split(turn.id, offset + 1))).splitSegment;
    expect(res.first).toMatchObject({
      id: turn.id,
      index: 1,
      text: 'We plan on Mondays.',
      speaker: 'Ana',
      startMs: 4000,
      endMs: Math.round(4000 + (10_000 * (offset + 1)) / turn.text.length),
      participant: turn.participant && { id: turn.participant.id },
    });
    expect(res.second).toMatchObject({
      index: 2,
      text: 'Scheduling across time zones is the hardest part, honestly.',
      speaker: 'Ana',
      startMs: res.first.endMs,
      endMs: 14_000,
      participant: turn.participant && { id: turn.participant.id },
    });
    expect(res.first.editedAt).not.toBeNull();
    expect(res.second.editedAt).not.toBeNull();

    const now = await expectConsistent(tr);
    expect(now.segments.map((s) => s.text)).toEqual([
      tr.segments[0]!.text,
      'We plan on Mondays.',
      'Scheduling across time zones is the hardest part, honestly.',
      ...tr.segments.slice(2).map((s) => s.text),
    ]);
    // The new turn is searchable like any other.
    const found = await t.ok<{ search: { edges: { node: { segment: { id: string } } }[] } }>(
      `query($i: SearchInput!) { search(input: $i) { edges { node { segment { id } } } } }`,
      { i: { projectId, query: 'scheduling', transcriptIds: [tr.id] } },
      owner.token,
    );
    expect(found.search.edges.map((e) => e.node.segment.id)).toEqual([res.second.id]);
    const activity = await t.ok<{
      activity: { edges: { node: { verb: string; summary: string } }[] };
    }>(
      `query($w: ID!) { activity(workspaceId: $w) { edges { node { verb summary } } } }`,
      { w: workspaceId },
      owner.token,
    );
    expect(activity.activity.edges.map((e) => e.node)).toContainEqual({
      verb: 'segment.split',
      summary: expect.stringContaining('split turn 2 of'),
    });
  });

  it('moves highlights with their words, re-anchors those across the cut, and merging back restores them', async () => {
    const tr = await fresh();
    const ids = {
      before: await highlight(tr, [1, 'We plan']),
      after: await highlight(tr, [1, 'time zones']),
      across: await highlight(tr, [1, 'Mondays. Scheduling']),
      fromEarlier: await highlight(tr, [0, 'research week?'], [1, 'We plan']),
      intoLater: await highlight(tr, [1, 'honestly.'], [3, 'A shared']),
      later: await highlight(tr, [3, 'shared calendar']),
    };
    const original = await highlights(tr);
    const turn = tr.segments[1]!;
    const res = (await done(split(turn.id, turn.text.indexOf(' Scheduling')))).splitSegment;
    expect(res.reanchoredCount).toBe(5);
    expect(res.flagged).toEqual([]);

    const moved = await highlights(tr);
    expect(moved.get(ids.before)).toMatchObject(original.get(ids.before)!);
    expect(moved.get(ids.after)).toMatchObject({
      quote: 'time zones',
      startIndex: 2,
      start: { segmentId: res.second.id, offset: res.second.text.indexOf('time zones') },
    });
    expect(moved.get(ids.across)).toMatchObject({
      quote: 'Mondays.\nScheduling',
      needsAttention: false,
      start: { segmentId: turn.id },
      end: { segmentId: res.second.id, offset: 'Scheduling'.length },
    });
    expect(moved.get(ids.fromEarlier)).toMatchObject(original.get(ids.fromEarlier)!);
    expect(moved.get(ids.intoLater)).toMatchObject({
      quote: original.get(ids.intoLater)!.quote,
      startIndex: 2,
      start: { segmentId: res.second.id },
    });
    expect(moved.get(ids.later)).toMatchObject({
      ...original.get(ids.later)!,
      startIndex: 4,
    });
    await expectConsistent(tr);

    const back = (await done(merge(turn.id, res.second.id))).mergeSegments;
    expect(back.segment.text).toBe(turn.text);
    expect(back).toMatchObject({
      removedSegmentId: res.second.id,
      reanchoredCount: 5,
      flagged: [],
    });
    const now = await expectConsistent(tr);
    expect(now.segments.map((s) => [s.text, s.startMs, s.endMs])).toEqual(
      tr.segments.map((s) => [s.text, s.startMs, s.endMs]),
    );
    expect(await highlights(tr)).toEqual(original);
  });

  it('merges a turn with the next: one space between, the first speaker and start, the second end', async () => {
    const tr = await fresh();
    const [, , question, answer] = tr.segments;
    const inAnswer = await highlight(tr, [3, 'working hours']);
    const across = await highlight(tr, [2, 'easier?'], [3, 'A shared']);
    const later = await highlight(tr, [4, 'completely']);
    const res = (await done(merge(question!.id, answer!.id))).mergeSegments;
    expect(res.segment).toMatchObject({
      id: question!.id,
      index: 2,
      text: `${question!.text} ${answer!.text}`,
      speaker: 'Interviewer',
      startMs: 14_000,
      endMs: 22_000,
      participant: { id: question!.participant!.id },
    });
    expect(res).toMatchObject({ removedSegmentId: answer!.id, reanchoredCount: 2, flagged: [] });
    const now = await expectConsistent(tr);
    expect(now.segments.map((s) => s.id)).toEqual(
      tr.segments.filter((s) => s.id !== answer!.id).map((s) => s.id),
    );
    const after = await highlights(tr);
    expect(after.get(inAnswer)).toMatchObject({
      quote: 'working hours',
      start: { segmentId: question!.id },
      participant: { id: question!.participant!.id },
    });
    expect(after.get(across)!.quote).toBe('easier? A shared');
    expect(after.get(later)).toMatchObject({ quote: 'completely', startIndex: 3 });

    expect(await codeOf(merge(now.segments.at(-1)!.id))).toBe('BAD_USER_INPUT');
    // Someone split or merged here meanwhile: the turn after is not the one the caller saw.
    expect(await codeOf(merge(now.segments[0]!.id, now.segments[2]!.id))).toBe('CONFLICT');
    expect((await read(tr)).segments.map((s) => s.text)).toEqual(now.segments.map((s) => s.text));
  });

  it('keeps a highlight that needs attention flagged and reports it', async () => {
    const tr = await fresh();
    const lost = await highlight(tr, [1, 'hardest part']);
    await t.ok(
      `mutation($i: CorrectSegmentInput!) { correctSegment(input: $i) { reanchoredCount } }`,
      {
        i: {
          segmentId: tr.segments[1]!.id,
          text: 'We plan on Mondays. Time zones make it tricky, honestly.',
        },
      },
      owner.token,
    );
    const turn = (await read(tr)).segments[1]!;
    const res = (await done(split(turn.id, turn.text.indexOf(' Time')))).splitSegment;
    expect(res.flagged).toEqual([{ id: lost, quote: 'hardest part', needsAttention: true }]);
    expect((await highlights(tr)).get(lost)!.needsAttention).toBe(true);
    await expectConsistent(tr);
  });

  it('keeps analysis suggestions, chunks and speaker mappings pointing at the right turns', async () => {
    const tr = await fresh();
    const tag = (
      await t.ok<{ createTag: { id: string } }>(
        `mutation($i: CreateTagInput!) { createTag(input: $i) { id } }`,
        { i: { projectId, name: `Planning ${randomUUID().slice(0, 8)}` } },
        owner.token,
      )
    ).createTag.id;
    const [run] = await db.query<{ id: string }[]>(
      `INSERT INTO analysis_run (project_id, mode, provider, status, transcript_ids, redaction)
       VALUES ($1, 'DEDUCTIVE', 'OFFLINE', 'COMPLETED', ARRAY[$2::uuid], '{}') RETURNING id`,
      [projectId, tr.id],
    );
    await db.query(
      `INSERT INTO analysis_chunk (run_id, index, transcript_id, first_turn, last_turn, status)
       VALUES ($1, 0, $2, 0, 1, 'DONE'), ($1, 1, $2, 1, 4, 'PENDING')`,
      [run!.id, tr.id],
    );
    const suggest = async (from: [number, string], to: [number, string] | null = null) => {
      const s = tr.segments[from[0]]!;
      const e = to ? tr.segments[to[0]]! : s;
      const start = s.text.indexOf(from[1]);
      const end = to ? e.text.indexOf(to[1]) + to[1].length : start + from[1].length;
      const [row] = await db.query<{ id: string }[]>(
        `INSERT INTO suggestion (run_id, project_id, transcript_id, chunk_index, start_segment_id, start_index, start_offset,
                                 end_segment_id, end_index, end_offset, quote, tag_ids, rationale, confidence, fingerprint, match_kind)
         VALUES ($1, $2, $3, 1, $4, $5, $6, $7, $8, $9, $10, ARRAY[$11::uuid], 'test', 0.9, $12, 'EXACT') RETURNING id`,
        [
          run!.id,
          projectId,
          tr.id,
          s.id,
          s.index,
          start,
          e.id,
          e.index,
          end,
          textAt(tr, { segmentId: s.id, offset: start }, { segmentId: e.id, offset: end }),
          tag,
          randomUUID(),
        ],
      );
      return row!.id;
    };
    const inside = await suggest([1, 'time zones']);
    const across = await suggest([1, 'Mondays. Scheduling']);
    const inLast = await suggest([4, 'completely']);

    const ana = tr.participants.find((p) => p.label === 'Ana')!;
    const other = await fresh(
      `Maria: I run the research ops team.\nInterviewer: Thanks.\n`,
      'maria.txt',
    );
    const maria = other.participants.find((p) => p.label === 'Maria')!;
    const mapping = await t.ok<{ mapSpeaker: { id: string } }>(
      `mutation($i: MapSpeakerInput!) { mapSpeaker(input: $i) { id } }`,
      { i: { transcriptId: tr.id, participantId: ana.id, targetParticipantId: maria.id } },
      owner.token,
    );

    const turn = tr.segments[1]!;
    const res = (await done(split(turn.id, turn.text.indexOf(' Scheduling')))).splitSegment;
    await expectConsistent(tr);
    const accept = (id: string) =>
      t.gql<{ acceptSuggestion: { status: string; highlightId: string } }>(
        `mutation($id: ID!) { acceptSuggestion(id: $id) { status highlightId } }`,
        { id },
        owner.token,
      );
    expect((await done(accept(inside))).acceptSuggestion.status).toBe('ACCEPTED');
    expect((await done(accept(across))).acceptSuggestion.status).toBe('ACCEPTED');
    const made = [...(await highlights(tr)).values()].map((h) => h.quote).sort();
    expect(made).toEqual(['Mondays.\nScheduling', 'time zones']);
    expect(
      await db.query(
        `SELECT index, first_turn, last_turn FROM analysis_chunk WHERE run_id = $1 ORDER BY index`,
        [run!.id],
      ),
    ).toEqual([
      { index: 0, first_turn: 0, last_turn: 2 },
      { index: 1, first_turn: 1, last_turn: 5 },
    ]);
    // Undoing the mapping gives both parts of the split turn back to Ana.
    await t.ok(
      `mutation($i: UndoSpeakerMappingInput!) { undoSpeakerMapping(input: $i) { id } }`,
      { i: { id: mapping.mapSpeaker.id } },
      owner.token,
    );
    const undone = await read(tr);
    expect(undone.segments.filter((s) => s.participant?.id === ana.id).map((s) => s.id)).toEqual([
      turn.id,
      res.second.id,
      tr.segments[3]!.id,
    ]);

    // Merging keeps the suggestion of the turn merged in (it is not deleted with the turn).
    const now = await read(tr);
    await done(merge(now.segments[4]!.id, now.segments[5]!.id));
    const [kept] = await db.query<{ start_segment_id: string; quote: string }[]>(
      `SELECT start_segment_id, quote FROM suggestion WHERE id = $1`,
      [inLast],
    );
    expect(kept).toEqual({ start_segment_id: now.segments[4]!.id, quote: 'completely' });
    expect((await done(accept(inLast))).acceptSuggestion.status).toBe('ACCEPTED');
    await expectConsistent(tr);
  });

  it('refuses a cut at the start, at or after the end, or inside a character, and changes nothing', async () => {
    const tr = await fresh();
    const turn = tr.segments[1]!;
    for (const offset of [0, -1, turn.text.length, turn.text.length + 5]) {
      const res = await split(turn.id, offset);
      expect(res.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
      expect(res.errors?.[0]?.message).toMatch(/offset must be between 1 and/);
    }
    const emoji = await fresh(
      `WEBVTT\n\n00:00:00.000 --> 00:00:02.000\n<v Ana>Good 👍 idea\n`,
      'emoji.vtt',
    );
    expect(await codeOf(split(emoji.segments[0]!.id, 6))).toBe('BAD_USER_INPUT');
    expect((await read(tr)).segments).toEqual(tr.segments);
  });

  it('refuses unknown ids, another workspace’s turns, viewers and commenters', async () => {
    const tr = await fresh();
    const turn = tr.segments[1]!;
    expect(await codeOf(split(randomUUID(), 3))).toBe('NOT_FOUND');
    expect(await codeOf(merge(randomUUID()))).toBe('NOT_FOUND');
    const stranger = await t.newProject();
    expect(await codeOf(split(turn.id, 3, stranger.user.token))).toBe('NOT_FOUND');
    expect(await codeOf(merge(turn.id, undefined, stranger.user.token))).toBe('NOT_FOUND');
    for (const role of ['VIEWER', 'COMMENTER']) {
      const member = await join(role);
      expect(await codeOf(split(turn.id, 3, member.token))).toBe('FORBIDDEN');
      expect(await codeOf(merge(turn.id, undefined, member.token))).toBe('FORBIDDEN');
    }
    const editor = await join('EDITOR');
    expect((await split(turn.id, 3, editor.token)).errors).toBeUndefined();
    expect((await merge(turn.id, undefined, editor.token)).errors).toBeUndefined();
    expect((await read(tr)).segments.map((s) => s.text)).toEqual(tr.segments.map((s) => s.text));
  });

  it('ends in one consistent state when people split, merge and correct the same turns at once', async () => {
    const editor = await join('EDITOR');
    const tr = await fresh();
    for (const [i, words] of [
      [0, 'research'],
      [1, 'Mondays. Scheduling'],
      [1, 'honestly'],
      [2, 'easier'],
      [3, 'shared calendar'],
      [4, 'agree'],
    ] as const)
      await highlight(await read(tr), [i, words]);
    const across = await highlight(tr, [1, 'hardest'], [3, 'A shared']);
    // Each request succeeds, or is refused for a reason a person can act on (never a 500).
    const refusals = new Set(['BAD_USER_INPUT', 'CONFLICT', 'NOT_FOUND']);
    for (let round = 0; round < 6; round++) {
      const now = await read(tr);
      const [a, b, c] = now.segments.slice(round % 2, (round % 2) + 3);
      if (!a || !b || !c) break;
      const results = await Promise.all([
        split(b.id, b.text.indexOf(' ') + 1),
        split(b.id, b.text.lastIndexOf(' '), editor.token),
        merge(a.id, b.id),
        merge(b.id, c.id, editor.token),
        t.gql(
          `mutation($i: CorrectSegmentInput!) { correctSegment(input: $i) { reanchoredCount } }`,
          { i: { segmentId: c.id, text: `${c.text} Round ${round}.` } },
          editor.token,
        ),
        split(c.id, c.text.indexOf(' ') + 1),
      ]);
      for (const r of results) {
        const code = r.errors?.[0]?.extensions?.code;
        if (code && !refusals.has(code)) throw new Error(JSON.stringify(r.errors));
      }
      await expectConsistent(tr);
    }
    // Nothing was dropped on the way.
    expect((await highlights(tr)).size).toBe(7);
    expect((await highlights(tr)).get(across)).toBeDefined();
  });
});
