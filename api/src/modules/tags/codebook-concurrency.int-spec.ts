import { DataSource } from 'typeorm';
import { TestApp, type TestUser } from '../../../test/test-app';
import { TagsService } from './tags.service';

const CREATE = `mutation($i: CreateTagInput!) { createTag(input: $i) { id name parentId } }`;
const UPDATE = `mutation($i: UpdateTagInput!) { updateTag(input: $i) { id name parentId } }`;
const MERGE = `mutation($i: MergeTagsInput!) { mergeTags(input: $i) { id } }`;
const TAGS = `query($p: ID!) { tags(projectId: $p) { id name parentId } }`;

interface Tag {
  id: string;
  name: string;
  parentId: string | null;
}

/** Fails the test instead of waiting for ever on a query that does not end. */
function within<T>(promise: Promise<T>, what: string, ms = 20_000): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  return Promise.race([
    promise.finally(() => clearTimeout(timer)),
    new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`${what} did not answer within ${ms} ms`)), ms);
    }),
  ]);
}

/** Tags whose parent chain leads back to themselves. */
function inLoops(tags: Tag[]): string[] {
  const parent = new Map(tags.map((t) => [t.id, t.parentId]));
  return tags
    .filter((t) => {
      const seen = new Set<string>();
      for (let at = t.parentId; at; at = parent.get(at) ?? null) {
        if (at === t.id) return true;
        if (seen.has(at)) return false;
        seen.add(at);
      }
      return false;
    })
    .map((t) => t.id);
}

describe('codebook under concurrent edits', () => {
  let t: TestApp;
  let owner: TestUser;
  let projectId: string;

  const codebook = async () =>
    (await t.ok<{ tags: Tag[] }>(TAGS, { p: projectId }, owner.token)).tags;
  const create = (name: string, parentId?: string) =>
    t.gql<{ createTag: Tag }>(CREATE, { i: { projectId, name, parentId } }, owner.token);
  const createOk = async (name: string, parentId?: string) => {
    const res = await create(name, parentId);
    if (!res.data) throw new Error(JSON.stringify(res.errors));
    return res.data.createTag;
  };
  const move = (id: string, parentId: string | null) =>
    t.gql<{ updateTag: Tag }>(UPDATE, { i: { id, parentId } }, owner.token);

  beforeAll(async () => {
    t = await TestApp.start();
    ({ user: owner, projectId } = await t.newProject());
  });
  afterAll(() => t.close());

  it('20 concurrent createTag calls with case variants of one name make one tag; the other 19 get CONFLICT naming it', async () => {
    const variants = Array.from({ length: 20 }, (_, i) =>
      [...'onboarding friction'].map((c, j) => ((i >> j % 5) & 1 ? c.toUpperCase() : c)).join(''),
    );
    variants[19] = '  ONBOARDING FRICTION ';
    const results = await Promise.all(variants.map((name) => create(name)));

    const created = results.filter((r) => r.data?.createTag);
    const refused = results.filter((r) => r.errors?.[0]?.extensions?.code === 'CONFLICT');
    expect(created).toHaveLength(1);
    expect(refused).toHaveLength(19);
    const winner = created[0]!.data!.createTag;
    for (const r of refused) {
      expect(r.errors![0]!.extensions!['existingTagId']).toBe(winner.id);
      expect(r.errors![0]!.message).toMatch(/already exists in this project/);
    }
    const same = (await codebook()).filter((x) => x.name.toLowerCase() === 'onboarding friction');
    expect(same).toEqual([expect.objectContaining({ id: winner.id })]);
  });

  it('refuses a rename onto another tag’s name in any case, with that tag’s id, and allows a change of case', async () => {
    const pricing = await createOk('Pricing');
    const cost = await createOk('Cost');
    const clash = await t.gql(UPDATE, { i: { id: cost.id, name: 'PRICING' } }, owner.token);
    expect(clash.errors?.[0]?.extensions).toMatchObject({
      code: 'CONFLICT',
      existingTagId: pricing.id,
    });
    const recased = await t.ok<{ updateTag: Tag }>(
      UPDATE,
      { i: { id: pricing.id, name: 'pricing' } },
      owner.token,
    );
    expect(recased.updateTag.name).toBe('pricing');
  });

  it('two accepted theme suggestions naming one theme in different case at the same moment share one tag', async () => {
    const db = t.app.get(DataSource);
    const tags = t.app.get(TagsService);
    const pause = () => new Promise((r) => setTimeout(r, 300));
    const ids = await Promise.all(
      ['Trust in automation', 'trust in AUTOMATION'].map((name) =>
        db.transaction(async (tx) => {
          const id = await tags.findOrCreateIn(tx, projectId, name, null);
          await pause(); // the other transaction runs while this one is still open
          return id;
        }),
      ),
    );
    expect(ids[1]).toBe(ids[0]);
    const same = (await codebook()).filter((x) => x.name.toLowerCase() === 'trust in automation');
    expect(same).toHaveLength(1);
  });

  it('two crossing re-parents at the same moment: one is refused and the tree has no loop', async () => {
    for (let round = 0; round < 5; round++) {
      const a = await createOk(`Crossing A${round}`);
      const b = await createOk(`Crossing B${round}`);
      const [ab, ba] = await Promise.all([move(a.id, b.id), move(b.id, a.id)]);
      const outcomes = [ab, ba].map((r) => (r.data ? 'moved' : r.errors?.[0]?.extensions?.code));
      expect(outcomes.sort()).toEqual(['BAD_USER_INPUT', 'moved']);
      const refused = [ab, ba].find((r) => r.errors)!;
      expect(refused.errors![0]!.message).toMatch(
        /cannot be moved under itself or one of its own sub-tags/,
      );
      expect(inLoops(await codebook())).toEqual([]);
    }
  });

  it('a re-parent racing a merge of the new parent ends in a consistent tree or a clear refusal', async () => {
    for (let round = 0; round < 3; round++) {
      const child = await createOk(`Mover ${round}`);
      const source = await createOk(`Merged away ${round}`);
      const target = await createOk(`Merge target ${round}`);
      const [moved, merged] = await Promise.all([
        move(child.id, source.id),
        t.gql(MERGE, { i: { sourceId: source.id, targetId: target.id } }, owner.token),
      ]);
      expect(merged.errors).toBeUndefined();
      const after = (await codebook()).find((x) => x.id === child.id)!;
      if (moved.data)
        expect(after.parentId).toBe(target.id); // moved first, then carried along
      else {
        expect(moved.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
        expect(after.parentId).toBeNull();
      }
    }
  });

  it('a loop written into the data by hand does not hang the codebook, tag views, filters, search, moves or merges', async () => {
    const db = t.app.get(DataSource);
    const a = await createOk('Loop A');
    const b = await createOk('Loop B', a.id);
    const c = await createOk('Loop C', b.id);
    const outside = await createOk('Outside');
    await db.query(`UPDATE tag SET parent_id = $2 WHERE id = $1`, [a.id, c.id]); // A → C → B → A
    const view = await t.uploadAndWait(projectId, owner.token, {
      name: 'loop.txt',
      bytes: 'Ana: Scheduling is the hardest part of my week.\nBen: Agreed.\n',
    });
    const turn = view.segments[0]!;
    await t.ok(
      `mutation($i: CreateHighlightInput!) { createHighlight(input: $i) { id } }`,
      {
        i: {
          transcriptId: view.id,
          start: { segmentId: turn.id, offset: 0 },
          end: { segmentId: turn.id, offset: 10 },
          tagIds: [c.id],
        },
      },
      owner.token,
    );
    const filter = { projectId, tagIds: [a.id] };

    const listed = await within(t.ok<{ tags: Tag[] }>(TAGS, { p: projectId }, owner.token), 'tags');
    expect(listed.tags.map((x) => x.id)).toEqual(expect.arrayContaining([a.id, b.id, c.id]));
    const highlights = await within(
      t.ok<{ highlights: { totalCount: number } }>(
        `query($f: HighlightFilter!) { highlights(filter: $f) { totalCount } }`,
        { f: filter },
        owner.token,
      ),
      'highlights',
    );
    expect(highlights.highlights.totalCount).toBe(1); // C is in A's subtree (and A in C's)
    const evidence = await within(
      t.gql(
        `query($f: HighlightFilter!) { tagEvidence(filter: $f) { tag { id } highlightCount } }`,
        { f: { projectId } },
        owner.token,
      ),
      'tagEvidence',
    );
    expect(evidence.errors).toBeUndefined();
    const matrix = await within(
      t.gql(
        `query($f: HighlightFilter!) { tagMatrix(filter: $f) { max } }`,
        { f: { projectId } },
        owner.token,
      ),
      'tagMatrix',
    );
    expect(matrix.errors).toBeUndefined();
    const search = await within(
      t.gql<{ search: { totalCount: number } }>(
        `query($i: SearchInput!) { search(input: $i) { totalCount } }`,
        { i: { projectId, query: 'scheduling', tagIds: [b.id] } },
        owner.token,
      ),
      'search',
    );
    expect(search.data?.search.totalCount).toBe(1);

    // Moving a tag of the loop under another of it is refused; moving in a tag from outside is not.
    const intoLoop = await within(move(b.id, a.id), 'updateTag into the loop');
    expect(intoLoop.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const under = await within(move(outside.id, b.id), 'updateTag under the loop');
    expect(under.data?.updateTag.parentId).toBe(b.id);
    const merge = await within(
      t.gql(MERGE, { i: { sourceId: a.id, targetId: outside.id } }, owner.token),
      'mergeTags',
    );
    expect(merge.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    // Taking one tag out to the top level mends the tree.
    const mended = await within(move(a.id, null), 'updateTag to the top level');
    expect(mended.data?.updateTag.parentId).toBeNull();
    expect(inLoops(await codebook())).toEqual([]);
  });
});
