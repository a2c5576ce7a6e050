import { DataSource } from 'typeorm';
import { type GqlResult, TestApp, type TestUser } from '../../../test/test-app';

// The activity log read for one project and since an instant ("catching up").

const ACTIVITY = `query($w: ID!, $p: ID, $since: DateTime, $first: Int, $after: String) {
  activity(workspaceId: $w, projectId: $p, since: $since, first: $first, after: $after) {
    totalCount pageInfo { hasNextPage endCursor } edges { node { verb summary projectId createdAt } } } }`;

interface Page {
  totalCount: number;
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
  edges: { node: { verb: string; summary: string; projectId: string | null; createdAt: string } }[];
}

const codeOf = (res: GqlResult<unknown>) => res.errors?.[0]?.extensions?.code;

describe('activity of one project, since an instant', () => {
  let t: TestApp;
  let owner: TestUser;
  let editor: TestUser;
  let workspaceId: string;
  let projectId: string;
  let otherProjectId: string;

  const rename = (id: string, name: string) =>
    t.ok(
      `mutation($i: UpdateProjectInput!) { updateProject(input: $i) { id } }`,
      { i: { id, name } },
      owner.token,
    );
  const read = async (vars: object, token = owner.token) =>
    (await t.ok<{ activity: Page }>(ACTIVITY, { w: workspaceId, ...vars }, token)).activity;

  beforeAll(async () => {
    t = await TestApp.start();
    ({ user: owner, workspaceId, projectId } = await t.newProject());
    editor = await t.join(owner, workspaceId, 'EDITOR', 'Eda Editor');
    const other = await t.ok<{ createProject: { id: string } }>(
      `mutation($i: CreateProjectInput!) { createProject(input: $i) { id } }`,
      { i: { workspaceId, name: 'Pricing study' } },
      owner.token,
    );
    otherProjectId = other.createProject.id;
    await rename(projectId, 'Onboarding, round 2');
    await rename(otherProjectId, 'Pricing, round 2');
    await rename(projectId, 'Onboarding, round 3');
  }, 120_000);
  afterAll(() => t.close());

  it("lists only the project's events, newest first, page by page", async () => {
    const first = await read({ p: projectId, first: 2 });
    expect(first.totalCount).toBe(3);
    expect(first.edges.map((e) => e.node.projectId)).toEqual([projectId, projectId]);
    expect(first.edges.map((e) => e.node.verb)).toEqual(['project.updated', 'project.updated']);
    expect(first.pageInfo.hasNextPage).toBe(true);
    const second = await read({ p: projectId, first: 2, after: first.pageInfo.endCursor });
    expect(second.edges.map((e) => e.node.verb)).toEqual(['project.created']);
    expect(second.pageInfo.hasNextPage).toBe(false);
    // Without the filter the workspace's whole log is listed, both projects included.
    const all = await read({ first: 50 });
    expect(new Set(all.edges.map((e) => e.node.projectId))).toEqual(
      new Set([null, projectId, otherProjectId]),
    );
  });

  it('lists only the events after `since`', async () => {
    const db = t.app.get(DataSource);
    const { projectId: p, workspaceId: w, user } = await t.newProject(await t.signUp());
    const renameOwn = (name: string) =>
      t.ok(
        `mutation($i: UpdateProjectInput!) { updateProject(input: $i) { id } }`,
        { i: { id: p, name } },
        user.token,
      );
    await renameOwn('Old name');
    // What happened two days ago; the next rename happens now.
    await db.query(
      `UPDATE activity SET created_at = created_at - interval '2 days' WHERE workspace_id = $1`,
      [w],
    );
    await renameOwn('New name');
    const since = new Date(Date.now() - 24 * 3600 * 1000).toISOString();
    const page = (await t.ok<{ activity: Page }>(ACTIVITY, { w, p, since }, user.token)).activity;
    expect(page.totalCount).toBe(1);
    expect(page.edges.map((e) => e.node.summary)).toEqual([expect.stringContaining('New name')]);
    const workspaceWide = (await t.ok<{ activity: Page }>(ACTIVITY, { w, since }, user.token))
      .activity;
    expect(workspaceWide.totalCount).toBe(1);
  });

  it('answers NOT_FOUND for a restricted project the caller is not on, or another workspace', async () => {
    await t.ok(
      `mutation($i: UpdateProjectAccessInput!) { updateProjectAccess(input: $i) { id } }`,
      { i: { projectId: otherProjectId, restricted: true, memberIds: [] } },
      owner.token,
    );
    const hidden = await t.gql(ACTIVITY, { w: workspaceId, p: otherProjectId }, editor.token);
    expect(codeOf(hidden)).toBe('NOT_FOUND');
    expect(hidden.data).toBeNull();
    // The editor still reads the project they may see; the owner reads the restricted one.
    expect((await read({ p: projectId }, editor.token)).totalCount).toBe(3);
    expect((await read({ p: otherProjectId })).totalCount).toBeGreaterThan(0);

    const foreign = await t.newProject();
    const elsewhere = await t.gql(ACTIVITY, { w: workspaceId, p: foreign.projectId }, owner.token);
    expect(codeOf(elsewhere)).toBe('NOT_FOUND');
  });

  it('records the coding itself: highlights made and deleted, tags created, renamed and archived', async () => {
    const { user: me, workspaceId: w, projectId: p } = await t.newProject();
    const transcript = await t.importText(
      p,
      me.token,
      'call.txt',
      'Ann: The export button is hidden somewhere   in the settings menu.\n',
    );
    const turn = transcript.segments[0]!;
    const { createTag } = await t.ok<{ createTag: { id: string } }>(
      `mutation($i: CreateTagInput!) { createTag(input: $i) { id } }`,
      { i: { projectId: p, name: 'Findability' } },
      me.token,
    );
    const { createHighlight } = await t.ok<{ createHighlight: { id: string } }>(
      `mutation($i: CreateHighlightInput!) { createHighlight(input: $i) { id } }`,
      {
        i: {
          transcriptId: transcript.id,
          start: { segmentId: turn.id, offset: 0 },
          end: { segmentId: turn.id, offset: turn.text.length },
          tagIds: [createTag.id],
        },
      },
      me.token,
    );
    const updateTag = (input: object) =>
      t.ok(
        `mutation($i: UpdateTagInput!) { updateTag(input: $i) { id } }`,
        { i: { id: createTag.id, ...input } },
        me.token,
      );
    await updateTag({ name: 'Hard to find' });
    await updateTag({ color: '#123456' });
    await updateTag({ archived: true });
    await t.ok(
      `mutation($id: ID!) { deleteHighlight(id: $id) }`,
      { id: createHighlight.id },
      me.token,
    );

    const page = (
      await t.ok<{ activity: Page }>(ACTIVITY, { w, p, first: 20 }, me.token)
    ).activity.edges.map((e) => [e.node.verb, e.node.summary]);
    // The quote as the trail shows it: on one line.
    const quote = turn.text.replace(/\s+/g, ' ');
    expect(quote).toContain('hidden somewhere in');
    expect(page.slice(0, 5)).toEqual([
      ['highlight.deleted', `Ada Researcher deleted the highlight “${quote}” in “call”`],
      ['tag.archived', 'Ada Researcher archived the tag “Hard to find”'],
      // A new colour is not worth a line.
      ['tag.renamed', 'Ada Researcher renamed the tag “Findability” to “Hard to find”'],
      ['highlight.created', `Ada Researcher highlighted “${quote}” in “call”`],
      ['tag.created', 'Ada Researcher created the tag “Findability”'],
    ]);
  });
});
