import { TestApp } from '../../../test/test-app';

describe('workspaces and projects', () => {
  let t: TestApp;
  beforeAll(async () => (t = await TestApp.start()));
  afterAll(() => t.close());

  const PROJECTS = `query($w: ID!, $first: Int, $after: String) {
    projects(workspaceId: $w, first: $first, after: $after) {
      totalCount edges { cursor node { id name transcriptCount } } pageInfo { hasNextPage endCursor } } }`;

  it('makes the creator OWNER and lists only their workspaces', async () => {
    const { user, workspaceId } = await t.newProject();
    const other = await t.newProject();
    const res = await t.ok<{
      workspaces: { totalCount: number; edges: { node: { id: string; role: string } }[] };
    }>(`{ workspaces { totalCount edges { node { id role } } } }`, {}, user.token);
    expect(res.workspaces.edges.map((e) => e.node)).toEqual([{ id: workspaceId, role: 'OWNER' }]);
    expect(res.workspaces.edges.map((e) => e.node.id)).not.toContain(other.workspaceId);
  });

  it('pages through projects with cursors, newest first, without gaps or repeats', async () => {
    const { user, workspaceId } = await t.newProject();
    for (const name of ['B', 'C', 'D', 'E']) {
      await t.ok(
        `mutation($i: CreateProjectInput!) { createProject(input: $i) { id } }`,
        { i: { workspaceId, name } },
        user.token,
      );
    }
    type Page = {
      projects: {
        totalCount: number;
        edges: { node: { name: string } }[];
        pageInfo: { hasNextPage: boolean; endCursor: string };
      };
    };
    const seen: string[] = [];
    let after: string | undefined;
    for (;;) {
      const page = await t.ok<Page>(PROJECTS, { w: workspaceId, first: 2, after }, user.token);
      expect(page.projects.totalCount).toBe(5);
      seen.push(...page.projects.edges.map((e) => e.node.name));
      if (!page.projects.pageInfo.hasNextPage) break;
      after = page.projects.pageInfo.endCursor;
    }
    expect(seen).toEqual(['E', 'D', 'C', 'B', 'Onboarding study']);
  });

  it('rejects an oversized page and a forged cursor as BAD_USER_INPUT', async () => {
    const { user, workspaceId } = await t.newProject();
    const big = await t.gql(PROJECTS, { w: workspaceId, first: 1000 }, user.token);
    expect(big.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const forged = await t.gql(PROJECTS, { w: workspaceId, after: 'not-a-cursor' }, user.token);
    expect(forged.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });

  it("shows another workspace's projects to no one outside it", async () => {
    const alice = await t.newProject();
    const mallory = await t.signUp('Mallory');
    const list = await t.gql(PROJECTS, { w: alice.workspaceId }, mallory.token);
    expect(list.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    expect(list.data).toBeFalsy();
    const get = await t.gql(
      `query($id: ID!) { project(id: $id) { name } }`,
      { id: alice.projectId },
      mallory.token,
    );
    expect(get.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    const create = await t.gql(
      `mutation($i: CreateProjectInput!) { createProject(input: $i) { id } }`,
      { i: { workspaceId: alice.workspaceId, name: 'sneaky' } },
      mallory.token,
    );
    expect(create.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    const mine = await t.ok<{ projects: { totalCount: number } }>(
      PROJECTS,
      { w: alice.workspaceId },
      alice.user.token,
    );
    expect(mine.projects.totalCount).toBe(1);
  });

  it('answers NOT_FOUND, not a database error, for ids that are not ids', async () => {
    const { user } = await t.newProject();
    const res = await t.gql(
      `query($id: ID!) { project(id: $id) { name } }`,
      { id: "1'; DROP TABLE project; --" },
      user.token,
    );
    expect(res.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
  });

  it('requires a name and limits its length', async () => {
    const { user, workspaceId } = await t.newProject();
    const res = await t.gql(
      `mutation($i: CreateProjectInput!) { createProject(input: $i) { id } }`,
      { i: { workspaceId, name: 'x'.repeat(201) } },
      user.token,
    );
    expect(res.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(res.errors?.[0]?.message).toMatch(/at most 200 characters/);
  });
});
