import { expect } from '@jest/globals';
import { DataSource } from 'typeorm';
import { TestApp, type TestUser, type TranscriptView } from '../../../test/test-app';

const ALPHA = `Interviewer: How do you plan research?
Ana: We plan on Mondays. Scheduling across time zones is the hardest part.
Interviewer: What would help?
Ana: A shared calendar would help a lot.
`;
const BETA = `Interviewer: Tell me about tools.
Ben: The calendar tool is slow. Time zones confuse everyone.
Interviewer: Anything else?
Ben: Meetings run late.
`;

const NODE = `id quote startIndex endIndex startMs needsAttention transcript { id title } participant { id displayName attributes { key value } }
  tags { id name source } author { id }`;
const LIST = `query($f: HighlightFilter!, $first: Int, $after: String, $o: HighlightOrder) {
  highlights(filter: $f, first: $first, after: $after, orderBy: $o) { totalCount edges { node { ${NODE} } } pageInfo { hasNextPage endCursor } } }`;
const EVIDENCE = `query($f: HighlightFilter!) { tagEvidence(filter: $f) { tag { id name } highlightCount participantCount transcriptCount } }`;
const MATRIX = `query($f: HighlightFilter!, $by: MatrixAxis) { tagMatrix(filter: $f, by: $by) {
  tags { id name } columns { id label } cells { tagId columnId count } max } }`;
const MERGE = `mutation($i: MergeTagsInput!) { mergeTags(input: $i) { id name usageCount } }`;
const PARTICIPANT = `mutation($i: UpdateParticipantInput!) { updateParticipant(input: $i) { id attributes { key value } } }`;

interface Node {
  id: string;
  quote: string;
  startIndex: number;
  endIndex: number;
  needsAttention: boolean;
  transcript: { id: string; title: string };
  participant: {
    id: string;
    displayName: string;
    attributes: { key: string; value: string }[];
  } | null;
  tags: { id: string; name: string; source: string }[];
  author: { id: string } | null;
}
interface Page {
  totalCount: number;
  edges: { node: Node }[];
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
}
interface Evidence {
  tag: { id: string; name: string };
  highlightCount: number;
  participantCount: number;
  transcriptCount: number;
}

describe('tag views: filters, evidence, matrix and merge', () => {
  let t: TestApp;
  let owner: TestUser;
  let projectId: string;
  let workspaceId: string;
  let alpha: TranscriptView;
  let beta: TranscriptView;
  const tags: Record<string, string> = {};
  const h: Record<string, string> = {};
  let ana: string;
  let ben: string;

  const tag = async (name: string, parentId?: string) =>
    (
      await t.ok<{ createTag: { id: string } }>(
        `mutation($i: CreateTagInput!) { createTag(input: $i) { id } }`,
        { i: { projectId, name, parentId } },
        owner.token,
      )
    ).createTag.id;
  const highlight = async (
    tr: TranscriptView,
    from: [number, string],
    to: [number, string] | null,
    tagIds: string[],
  ) => {
    const s = tr.segments[from[0]]!;
    const start = s.text.indexOf(from[1]);
    const e = to ? tr.segments[to[0]]! : s;
    const end = to ? e.text.indexOf(to[1]) + to[1].length : start + from[1].length;
    const res = await t.ok<{ createHighlight: Node }>(
      `mutation($i: CreateHighlightInput!) { createHighlight(input: $i) { ${NODE} } }`,
      {
        i: {
          transcriptId: tr.id,
          start: { segmentId: s.id, offset: start },
          end: { segmentId: e.id, offset: end },
          tagIds,
        },
      },
      owner.token,
    );
    return res.createHighlight;
  };
  const list = async (
    f: object,
    extra: { first?: number; after?: string; o?: string } = {},
    token = owner.token,
  ) =>
    (await t.ok<{ highlights: Page }>(LIST, { f: { projectId, ...f }, ...extra }, token))
      .highlights;
  const ids = (page: Page) => page.edges.map((e) => e.node.id);
  const names = (page: Page) =>
    new Set(ids(page).map((id) => Object.entries(h).find(([, v]) => v === id)![0]));
  const evidence = async (f: object = {}) =>
    (await t.ok<{ tagEvidence: Evidence[] }>(EVIDENCE, { f: { projectId, ...f } }, owner.token))
      .tagEvidence;

  beforeAll(async () => {
    t = await TestApp.start();
    const p = await t.newProject();
    owner = p.user;
    projectId = p.projectId;
    workspaceId = p.workspaceId;
    alpha = await t.uploadAndWait(projectId, owner.token, {
      name: 'alpha.txt',
      bytes: ALPHA,
      title: 'Alpha interview',
    });
    beta = await t.uploadAndWait(projectId, owner.token, {
      name: 'beta.txt',
      bytes: BETA,
      title: 'Beta interview',
    });
    ana = alpha.participants.find((x) => x.label === 'Ana')!.id;
    ben = beta.participants.find((x) => x.label === 'Ben')!.id;
    tags['Pain'] = await tag('Pain');
    tags['Time zones'] = await tag('Time zones', tags['Pain']);
    tags['Tools'] = await tag('Tools');
    tags['Wish'] = await tag('Wish');
    h['zones'] = (
      await highlight(alpha, [1, 'Scheduling across time zones'], null, [tags['Time zones']])
    ).id;
    h['calendar'] = (await highlight(alpha, [3, 'shared calendar'], null, [tags['Wish']])).id;
    h['slow'] = (
      await highlight(beta, [1, 'calendar tool is slow'], null, [tags['Pain'], tags['Tools']])
    ).id;
    h['confuse'] = (
      await highlight(beta, [1, 'Time zones confuse everyone'], null, [tags['Time zones']])
    ).id;
    h['across'] = (
      await highlight(beta, [0, 'Tell me about tools.'], [1, 'The calendar'], [tags['Tools']])
    ).id;
  }, 120_000);
  afterAll(() => t.close());

  it('shows where each highlight is, who said it and how it was tagged', async () => {
    const all = await list({}, { o: 'TRANSCRIPT' });
    const across = all.edges.find((e) => e.node.id === h['across'])!.node;
    expect(across.transcript).toEqual({ id: beta.id, title: 'Beta interview' });
    expect([across.startIndex, across.endIndex]).toEqual([0, 1]);
    // The question that starts it is the interviewer's; the answer it reaches into is Ben's.
    expect(across.participant?.displayName).toBe('Ben');
    const zones = all.edges.find((e) => e.node.id === h['zones'])!.node;
    expect(zones.participant?.displayName).toBe('Ana');
    expect(zones.needsAttention).toBe(false);
    expect(zones.tags).toEqual([{ id: tags['Time zones'], name: 'Time zones', source: 'HUMAN' }]);
    expect(zones.author?.id).toBe(owner.id);
  });

  it('matches a tag with its sub-tags, any or all of several tags', async () => {
    expect(names(await list({ tagIds: [tags['Pain']] }))).toEqual(
      new Set(['zones', 'slow', 'confuse']),
    );
    expect(names(await list({ tagIds: [tags['Pain'], tags['Wish']] }))).toEqual(
      new Set(['zones', 'calendar', 'slow', 'confuse']),
    );
    expect(names(await list({ tagIds: [tags['Pain'], tags['Tools']], tagMatch: 'ALL' }))).toEqual(
      new Set(['slow']),
    );
    // "Time zones" is under "Pain", so a highlight tagged only with it has both.
    expect(
      names(await list({ tagIds: [tags['Pain'], tags['Time zones']], tagMatch: 'ALL' })),
    ).toEqual(new Set(['zones', 'confuse']));
    expect(
      names(await list({ tagIds: [tags['Pain'], tags['Time zones']], tagMatch: 'ANY' })),
    ).toEqual(new Set(['zones', 'slow', 'confuse']));
  });

  it('filters by transcript, participant, author, date and attention', async () => {
    expect(names(await list({ transcriptIds: [alpha.id] }))).toEqual(
      new Set(['zones', 'calendar']),
    );
    expect(names(await list({ participantIds: [ben] }))).toEqual(
      new Set(['slow', 'confuse', 'across']),
    );
    expect((await list({ authorIds: [owner.id] })).totalCount).toBe(5);
    expect((await list({ authorIds: ['00000000-0000-4000-8000-000000000000'] })).totalCount).toBe(
      0,
    );
    const tomorrow = new Date(Date.now() + 86_400_000).toISOString();
    expect((await list({ createdBefore: tomorrow })).totalCount).toBe(5);
    expect((await list({ createdAfter: tomorrow })).totalCount).toBe(0);
    expect((await list({ needsAttention: true })).totalCount).toBe(0);
    expect((await list({ needsAttention: false, tagIds: [tags['Wish']] })).totalCount).toBe(1);
  });

  it('keeps participant attributes and filters highlights by them', async () => {
    const set = async (id: string, attributes: { key: string; value: string }[]) =>
      (
        await t.ok<{ updateParticipant: { attributes: object[] } }>(
          PARTICIPANT,
          { i: { id, attributes } },
          owner.token,
        )
      ).updateParticipant;
    expect(
      (
        await set(ana, [
          { key: ' Role ', value: 'Manager' },
          { key: 'Country', value: 'DE' },
        ])
      ).attributes,
    ).toEqual([
      { key: 'Role', value: 'Manager' },
      { key: 'Country', value: 'DE' },
    ]);
    await set(ben, [
      { key: 'Role', value: 'Engineer' },
      { key: 'Country', value: 'DE' },
    ]);
    expect(
      (await list({ participantAttributes: [{ key: 'Country', value: 'DE' }] })).totalCount,
    ).toBe(5);
    expect(
      names(
        await list({
          participantAttributes: [
            { key: 'Role', value: 'Manager' },
            { key: 'Country', value: 'DE' },
          ],
        }),
      ),
    ).toEqual(new Set(['zones', 'calendar']));
    expect(
      (await list({ participantAttributes: [{ key: 'Role', value: 'Designer' }] })).totalCount,
    ).toBe(0);
    const shown = await list({ participantIds: [ana] });
    expect(shown.edges[0]!.node.participant!.attributes).toEqual([
      { key: 'Role', value: 'Manager' },
      { key: 'Country', value: 'DE' },
    ]);

    const refused = async (attributes: object[]) =>
      (await t.gql(PARTICIPANT, { i: { id: ana, attributes } }, owner.token)).errors?.[0]
        ?.extensions?.code;
    expect(
      await refused([
        { key: 'Role', value: 'A' },
        { key: 'role', value: 'B' },
      ]),
    ).toBe('BAD_USER_INPUT');
    expect(await refused([{ key: 'k'.repeat(61), value: 'v' }])).toBe('BAD_USER_INPUT');
    expect(await refused([{ key: 'k', value: 'v'.repeat(201) }])).toBe('BAD_USER_INPUT');
    expect(
      await refused(Array.from({ length: 51 }, (_, i) => ({ key: `k${i}`, value: 'v' }))),
    ).toBe('BAD_USER_INPUT');
    expect(
      (await list({ participantIds: [ana] })).edges[0]!.node.participant!.attributes,
    ).toHaveLength(2);
  });

  it('groups by transcript or participant and pages through each order without gaps', async () => {
    const walk = async (o: string) => {
      const seen: string[] = [];
      let after: string | undefined;
      for (let i = 0; i < 10; i++) {
        const page = await list({}, { o, first: 2, after });
        expect(page.totalCount).toBe(5);
        seen.push(...ids(page));
        if (!page.pageInfo.hasNextPage) break;
        after = page.pageInfo.endCursor!;
      }
      return seen;
    };
    const byTranscript = ['zones', 'calendar', 'across', 'slow', 'confuse'].map((k) => h[k]);
    expect(await walk('TRANSCRIPT')).toEqual(byTranscript);
    expect(await walk('PARTICIPANT')).toEqual(byTranscript); // Ana speaks in Alpha, Ben in Beta
    expect(await walk('RECENT')).toEqual(
      [...byTranscript.slice(0, 2), h['slow'], h['confuse'], h['across']].reverse(),
    );
    const first = await list({}, { o: 'RECENT', first: 1 });
    const wrong = await t.gql(
      LIST,
      { f: { projectId }, o: 'TRANSCRIPT', after: first.pageInfo.endCursor },
      owner.token,
    );
    expect(wrong.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('counts evidence per tag with its sub-tags: highlights, participants, transcripts', async () => {
    const rows = await evidence();
    const row = (name: string) => rows.find((r) => r.tag.name === name)!;
    expect(rows.map((r) => r.tag.name)).toEqual(['Pain', 'Time zones', 'Tools', 'Wish']);
    expect(row('Pain')).toMatchObject({
      highlightCount: 3,
      participantCount: 2,
      transcriptCount: 2,
    });
    expect(row('Time zones')).toMatchObject({
      highlightCount: 2,
      participantCount: 2,
      transcriptCount: 2,
    });
    expect(row('Tools')).toMatchObject({
      highlightCount: 2,
      participantCount: 1,
      transcriptCount: 1,
    });
    expect(row('Wish')).toMatchObject({
      highlightCount: 1,
      participantCount: 1,
      transcriptCount: 1,
    });
    const anas = await evidence({ participantIds: [ana] });
    expect(anas.find((r) => r.tag.name === 'Pain')).toMatchObject({
      highlightCount: 1,
      participantCount: 1,
      transcriptCount: 1,
    });
    expect(anas.find((r) => r.tag.name === 'Tools')).toMatchObject({ highlightCount: 0 });

    const unused = await tag('Old unused');
    await t.ok(
      `mutation($i: UpdateTagInput!) { updateTag(input: $i) { id } }`,
      { i: { id: unused, archived: true } },
      owner.token,
    );
    expect((await evidence()).some((r) => r.tag.id === unused)).toBe(false);
  });

  it('counts a tag × participant and a tag × transcript matrix', async () => {
    type Matrix = {
      tags: { name: string }[];
      columns: { id: string; label: string }[];
      cells: { tagId: string; columnId: string; count: number }[];
      max: number;
    };
    const byParticipant = (
      await t.ok<{ tagMatrix: Matrix }>(MATRIX, { f: { projectId } }, owner.token)
    ).tagMatrix;
    expect(byParticipant.columns).toEqual([
      { id: ana, label: 'Ana' },
      { id: ben, label: 'Ben' },
    ]);
    const cell = (m: Matrix, tagName: string, columnId: string) =>
      m.cells.find((c) => c.tagId === tags[tagName] && c.columnId === columnId)?.count ?? 0;
    expect([cell(byParticipant, 'Pain', ana), cell(byParticipant, 'Pain', ben)]).toEqual([1, 2]);
    expect([
      cell(byParticipant, 'Time zones', ana),
      cell(byParticipant, 'Time zones', ben),
    ]).toEqual([1, 1]);
    expect([cell(byParticipant, 'Tools', ana), cell(byParticipant, 'Tools', ben)]).toEqual([0, 2]);
    expect(byParticipant.cells.every((c) => c.count > 0)).toBe(true);
    expect(byParticipant.max).toBe(2);
    const byTranscript = (
      await t.ok<{ tagMatrix: Matrix }>(
        MATRIX,
        { f: { projectId, tagIds: [tags['Pain']] }, by: 'TRANSCRIPT' },
        owner.token,
      )
    ).tagMatrix;
    expect(byTranscript.columns.map((c) => c.label)).toEqual(['Alpha interview', 'Beta interview']);
    expect([cell(byTranscript, 'Pain', alpha.id), cell(byTranscript, 'Pain', beta.id)]).toEqual([
      1, 2,
    ]);
    expect(cell(byTranscript, 'Wish', alpha.id)).toBe(0);
  });

  it("never shows or changes another workspace's data", async () => {
    const stranger = await t.newProject();
    const theirs = (f: object) =>
      t.gql<{ highlights: Page }>(
        LIST,
        { f: { projectId: stranger.projectId, ...f } },
        stranger.user.token,
      );
    // Our ids in their own project's filters match nothing.
    for (const f of [
      { tagIds: [tags['Pain']] },
      { participantIds: [ana] },
      { transcriptIds: [alpha.id] },
      { authorIds: [owner.id] },
    ]) {
      expect((await theirs(f)).data?.highlights.totalCount).toBe(0);
    }
    const code = async (query: string, variables: object) =>
      (await t.gql(query, variables, stranger.user.token)).errors?.[0]?.extensions?.code;
    expect(await code(LIST, { f: { projectId } })).toBe('NOT_FOUND');
    expect(await code(EVIDENCE, { f: { projectId } })).toBe('NOT_FOUND');
    expect(await code(MATRIX, { f: { projectId } })).toBe('NOT_FOUND');
    expect(await code(PARTICIPANT, { i: { id: ana, attributes: [] } })).toBe('NOT_FOUND');
    expect(await code(MERGE, { i: { sourceId: tags['Wish'], targetId: tags['Tools'] } })).toBe(
      'NOT_FOUND',
    );
    const theirTag = (
      await t.ok<{ createTag: { id: string } }>(
        `mutation { createTag(input: { projectId: "${stranger.projectId}", name: "Theirs" }) { id } }`,
        {},
        stranger.user.token,
      )
    ).createTag.id;
    expect(await code(MERGE, { i: { sourceId: theirTag, targetId: tags['Wish'] } })).toBe(
      'BAD_USER_INPUT',
    );
    expect((await evidence()).find((r) => r.tag.name === 'Wish')!.highlightCount).toBe(1);
  });

  it('merges a tag into another: highlights once each, sub-tags moved, source gone', async () => {
    const db = t.app.get(DataSource);
    const slowTools = await tag('Slow tools', tags['Tools']);
    h['late'] = (await highlight(beta, [3, 'Meetings run late'], null, [slowTools])).id;
    // "slow" has both tags; its Pain row came from a suggestion, its Tools row from a person.
    await db.query(
      `UPDATE highlight_tag SET source = 'SUGGESTION' WHERE highlight_id = $1 AND tag_id = $2`,
      [h['slow'], tags['Pain']],
    );
    const refused = async (i: object) =>
      (await t.gql(MERGE, { i }, owner.token)).errors?.[0]?.extensions?.code;
    expect(await refused({ sourceId: tags['Pain'], targetId: tags['Pain'] })).toBe(
      'BAD_USER_INPUT',
    );
    expect(await refused({ sourceId: tags['Pain'], targetId: tags['Time zones'] })).toBe(
      'BAD_USER_INPUT',
    );
    const other = await t.newProject(owner);
    const elsewhere = (
      await t.ok<{ createTag: { id: string } }>(
        `mutation { createTag(input: { projectId: "${other.projectId}", name: "Pain" }) { id } }`,
        {},
        owner.token,
      )
    ).createTag.id;
    expect(await refused({ sourceId: tags['Tools'], targetId: elsewhere })).toBe('BAD_USER_INPUT');

    const merged = (
      await t.ok<{ mergeTags: { id: string; usageCount: number } }>(
        MERGE,
        { i: { sourceId: tags['Tools'], targetId: tags['Pain'] } },
        owner.token,
      )
    ).mergeTags;
    expect(merged.id).toBe(tags['Pain']);
    expect(merged.usageCount).toBe(2); // "slow" (had both: one row) and "across" (had Tools)
    const codebook = (
      await t.ok<{ tags: { id: string; name: string; parentId: string | null }[] }>(
        `query($p: ID!) { tags(projectId: $p) { id name parentId } }`,
        { p: projectId },
        owner.token,
      )
    ).tags;
    expect(codebook.some((x) => x.id === tags['Tools'])).toBe(false);
    expect(codebook.find((x) => x.id === slowTools)!.parentId).toBe(tags['Pain']);
    const slow = (
      await list({ tagIds: [tags['Pain']], tagMatch: 'ALL', participantIds: [ben] })
    ).edges.find((e) => e.node.id === h['slow'])!.node;
    expect(slow.tags).toEqual([{ id: tags['Pain'], name: 'Pain', source: 'HUMAN' }]);
    const rows: { n: number }[] = await db.query(
      `SELECT count(*)::int AS n FROM highlight_tag WHERE highlight_id = $1`,
      [h['slow']],
    );
    expect(rows[0]!.n).toBe(1);
    expect(names(await list({ tagIds: [tags['Pain']] }))).toEqual(
      new Set(['zones', 'slow', 'confuse', 'across', 'late']),
    );
    const activity = await t.ok<{
      activity: { edges: { node: { verb: string; summary: string } }[] };
    }>(
      `query($w: ID!) { activity(workspaceId: $w) { edges { node { verb summary } } } }`,
      { w: workspaceId },
      owner.token,
    );
    expect(activity.activity.edges.map((e) => e.node)).toContainEqual({
      verb: 'tag.merged',
      summary: expect.stringContaining('“Tools” into “Pain”'),
    });
  });
});
