import { TestApp, type TranscriptView } from '../../../test/test-app';

const INTERVIEW = `Interviewer: How do you plan a research week across time zones?
Participant: We plan on Mondays. Scheduling across time zones is the hardest part, honestly.
Interviewer: What would make it easier?
Participant: A shared calendar that shows everyone's working hours. Also <b>bold</b> & "quoted" text.
`;

const CREATE = `mutation($i: CreateHighlightInput!) { createHighlight(input: $i) {
  id quote prefix suffix note start { segmentId offset } end { segmentId offset } tags { id name } } }`;
const TAG = `mutation($i: CreateTagInput!) { createTag(input: $i) { id name color usageCount parentId } }`;
const SEARCH = `query($i: SearchInput!, $first: Int) { search(input: $i, first: $first) {
  totalCount edges { node { kind snippet transcript { id } segment { id index } highlight { id } } } pageInfo { hasNextPage } } }`;

interface Hit {
  kind: string;
  snippet: string;
  segment: { id: string; index: number };
  highlight: { id: string } | null;
}

describe('tags, highlights and search', () => {
  let t: TestApp;
  let token: string;
  let projectId: string;
  let tr: TranscriptView;
  beforeAll(async () => {
    t = await TestApp.start();
    const p = await t.newProject();
    token = p.user.token;
    projectId = p.projectId;
    tr = await t.uploadAndWait(projectId, token, { name: 'week.txt', bytes: INTERVIEW });
  });
  afterAll(() => t.close());

  const tag = async (name: string, extra: object = {}) =>
    (
      await t.ok<{ createTag: { id: string; name: string; color: string; usageCount: number } }>(
        TAG,
        { i: { projectId, name, ...extra } },
        token,
      )
    ).createTag;
  const seg = (i: number) => tr.segments[i]!;
  const search = async (query: string) =>
    (
      await t.ok<{ search: { totalCount: number; edges: { node: Hit }[] } }>(
        SEARCH,
        { i: { projectId, query } },
        token,
      )
    ).search;

  it('keeps a codebook: colours, hierarchy, no duplicate names, no cycles', async () => {
    const parent = await tag('Planning');
    expect(parent.color).toMatch(/^#[0-9a-f]{6}$/);
    const child = (
      await t.ok<{ createTag: { parentId: string } }>(
        TAG,
        { i: { projectId, name: 'Time zones', parentId: parent.id } },
        token,
      )
    ).createTag;
    expect(child.parentId).toBe(parent.id);
    const dup = await t.gql(TAG, { i: { projectId, name: 'planning' } }, token);
    expect(dup.errors?.[0]?.extensions?.code).toBe('CONFLICT');
    const cycle = await t.gql(
      `mutation($i: UpdateTagInput!) { updateTag(input: $i) { id } }`,
      { i: { id: parent.id, parentId: (child as unknown as { id: string }).id ?? '' } },
      token,
    );
    expect(cycle.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('stores exactly the transcript text between the two positions, within and across turns', async () => {
    const s = seg(1);
    const at = s.text.indexOf('Scheduling');
    const one = await t.ok<{ createHighlight: { quote: string; prefix: string } }>(
      CREATE,
      {
        i: {
          transcriptId: tr.id,
          start: { segmentId: s.id, offset: at },
          end: { segmentId: s.id, offset: at + 40 },
        },
      },
      token,
    );
    expect(one.createHighlight.quote).toBe(s.text.slice(at, at + 40));
    expect(one.createHighlight.prefix).toBe(s.text.slice(Math.max(0, at - 32), at));
    const across = await t.ok<{ createHighlight: { quote: string } }>(
      CREATE,
      {
        i: {
          transcriptId: tr.id,
          start: { segmentId: seg(1).id, offset: at },
          end: { segmentId: seg(3).id, offset: 20 },
        },
      },
      token,
    );
    expect(across.createHighlight.quote).toBe(
      [seg(1).text.slice(at), seg(2).text, seg(3).text.slice(0, 20)].join('\n'),
    );
  });

  it('allows overlapping highlights and filters by tag and transcript', async () => {
    const pain = await tag('Pain point');
    const wish = await tag('Wish');
    const s = seg(3);
    const make = (from: number, to: number, tagIds: string[]) =>
      t.ok<{ createHighlight: { id: string; tags: { name: string }[] } }>(
        CREATE,
        {
          i: {
            transcriptId: tr.id,
            start: { segmentId: s.id, offset: from },
            end: { segmentId: s.id, offset: to },
            tagIds,
            note: 'calendar idea',
          },
        },
        token,
      );
    const a = await make(0, 30, [wish.id]);
    const b = await make(10, 50, [wish.id, pain.id]);
    expect(b.createHighlight.tags.map((x) => x.name)).toEqual(['Pain point', 'Wish']);
    const list = await t.ok<{
      highlights: { totalCount: number; edges: { node: { id: string } }[] };
    }>(
      `query($f: HighlightFilter!) { highlights(filter: $f) { totalCount edges { node { id } } } }`,
      { f: { projectId, tagIds: [wish.id], transcriptId: tr.id } },
      token,
    );
    expect(list.highlights.edges.map((e) => e.node.id)).toEqual([
      b.createHighlight.id,
      a.createHighlight.id,
    ]);
    const tags = await t.ok<{ tags: { name: string; usageCount: number }[] }>(
      `query($p: ID!) { tags(projectId: $p) { name usageCount } }`,
      { p: projectId },
      token,
    );
    expect(tags.tags.find((x) => x.name === 'Wish')!.usageCount).toBe(2);
    await t.ok(
      `mutation($id: ID!) { deleteHighlight(id: $id) }`,
      { id: a.createHighlight.id },
      token,
    );
    const after = await t.ok<{ highlights: { totalCount: number } }>(
      `query($f: HighlightFilter!) { highlights(filter: $f) { totalCount } }`,
      { f: { projectId, tagIds: [wish.id] } },
      token,
    );
    expect(after.highlights.totalCount).toBe(1);
  });

  it('refuses bad ranges and tags of another project, storing nothing', async () => {
    const s = seg(1);
    const backwards = await t.gql(
      CREATE,
      {
        i: {
          transcriptId: tr.id,
          start: { segmentId: s.id, offset: 20 },
          end: { segmentId: s.id, offset: 5 },
        },
      },
      token,
    );
    expect(backwards.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const reversedTurns = await t.gql(
      CREATE,
      {
        i: {
          transcriptId: tr.id,
          start: { segmentId: seg(2).id, offset: 0 },
          end: { segmentId: seg(1).id, offset: 5 },
        },
      },
      token,
    );
    expect(reversedTurns.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const other = await t.newProject();
    const foreignTag = (
      await t.ok<{ createTag: { id: string } }>(
        TAG,
        { i: { projectId: other.projectId, name: 'Theirs' } },
        other.user.token,
      )
    ).createTag;
    const mine = await t.ok<{ createTag: { id: string } }>(
      TAG,
      { i: { projectId, name: 'Mine' } },
      token,
    );
    const withForeign = await t.gql(
      CREATE,
      {
        i: {
          transcriptId: tr.id,
          start: { segmentId: s.id, offset: 0 },
          end: { segmentId: s.id, offset: 5 },
          tagIds: [foreignTag.id, mine.createTag.id],
        },
      },
      token,
    );
    expect(withForeign.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const count = await t.ok<{ highlights: { totalCount: number } }>(
      `query($f: HighlightFilter!) { highlights(filter: $f) { totalCount } }`,
      { f: { projectId, tagIds: [mine.createTag.id] } },
      token,
    );
    expect(count.highlights.totalCount).toBe(0);
  });

  it('searches turns with web-search syntax and marks the matches', async () => {
    const words = await search('scheduling');
    const turn = words.edges.find((e) => e.node.kind === 'SEGMENT')!.node;
    expect(turn.segment.id).toBe(seg(1).id);
    expect(turn.snippet).toContain('<mark>Scheduling</mark>');
    expect(
      (await search('"shared calendar"')).edges.some((e) => e.node.segment.id === seg(3).id),
    ).toBe(true);
    expect(
      (await search('"calendar shared"')).edges.filter((e) => e.node.kind === 'SEGMENT'),
    ).toEqual([]);
    const either = await search('mondays OR easier');
    expect(new Set(either.edges.map((e) => e.node.segment.index))).toEqual(new Set([1, 2]));
    const excluded = await search('zones -mondays');
    expect(
      excluded.edges.filter((e) => e.node.kind === 'SEGMENT').map((e) => e.node.segment.index),
    ).toEqual([0]);
  });

  it('finds highlight notes and escapes HTML in snippets', async () => {
    const notes = await search('idea');
    expect(notes.edges.some((e) => e.node.kind === 'HIGHLIGHT' && e.node.highlight)).toBe(true);
    const html = await search('bold');
    const snippet = html.edges.find((e) => e.node.kind === 'SEGMENT')!.node.snippet;
    expect(snippet).toContain('<mark>bold</mark> &amp; "quoted"');
    expect(snippet.replace(/<\/?mark>/g, '')).not.toMatch(/[<>]/);
  });

  it('never returns another project’s text', async () => {
    const other = await t.newProject();
    await t.uploadAndWait(other.projectId, other.user.token, {
      name: 'secret.txt',
      bytes: 'A: the zebra launch is secret\nB: noted\n',
    });
    expect((await search('zebra')).totalCount).toBe(0);
    const empty = await search('!!!');
    expect(empty.totalCount).toBe(0);
  });
});
