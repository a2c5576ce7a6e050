import { type GqlResult, TestApp, type TestUser } from '../../../test/test-app';

// Catching up: read markers per user and project, and the digest of what is new since.

const MARK = `mutation($p: ID!) { markProjectSeen(projectId: $p) }`;
const LAST_SEEN = `query($id: ID!) { project(id: $id) { id lastSeenAt } }`;
const LIST = `query($w: ID!) { projects(workspaceId: $w, first: 50) { edges { node { id lastSeenAt } } } }`;

const codeOf = (res: GqlResult<unknown>) => res.errors?.[0]?.extensions?.code;

describe('catching up', () => {
  let t: TestApp;
  let owner: TestUser;
  let colleague: TestUser;
  let outsider: TestUser;
  let workspaceId: string;
  let projectId: string;
  let secretProjectId: string;

  const lastSeen = async (id: string, token: string) =>
    (await t.ok<{ project: { lastSeenAt: string | null } }>(LAST_SEEN, { id }, token)).project
      .lastSeenAt;

  beforeAll(async () => {
    t = await TestApp.start();
    ({ user: owner, workspaceId, projectId } = await t.newProject());
    colleague = await t.join(owner, workspaceId, 'EDITOR', 'Cole League');
    outsider = await t.join(owner, workspaceId, 'EDITOR', 'Otto Outsider');
    const secret = await t.ok<{ createProject: { id: string } }>(
      `mutation($i: CreateProjectInput!) { createProject(input: $i) { id } }`,
      { i: { workspaceId, name: 'Secret study' } },
      owner.token,
    );
    secretProjectId = secret.createProject.id;
    await t.ok(
      `mutation($i: UpdateProjectAccessInput!) { updateProjectAccess(input: $i) { id } }`,
      { i: { projectId: secretProjectId, restricted: true, memberIds: [colleague.id] } },
      owner.token,
    );
  }, 120_000);
  afterAll(() => t.close());

  describe('read markers', () => {
    it("stores the caller's marker per project and shows it as lastSeenAt", async () => {
      expect(await lastSeen(projectId, colleague.token)).toBeNull();
      const marked = (
        await t.ok<{ markProjectSeen: string }>(MARK, { p: projectId }, colleague.token)
      ).markProjectSeen;
      expect(new Date(marked).getTime()).not.toBeNaN();
      expect(await lastSeen(projectId, colleague.token)).toBe(marked);
      // Someone else's marker, and another project, are untouched.
      expect(await lastSeen(projectId, owner.token)).toBeNull();
      expect(await lastSeen(secretProjectId, colleague.token)).toBeNull();

      // Marking again moves the marker forward (one row per user and project).
      const again = (
        await t.ok<{ markProjectSeen: string }>(MARK, { p: projectId }, colleague.token)
      ).markProjectSeen;
      expect(new Date(again).getTime()).toBeGreaterThanOrEqual(new Date(marked).getTime());
      const list = await t.ok<{
        projects: { edges: { node: { id: string; lastSeenAt: string | null } }[] };
      }>(LIST, { w: workspaceId }, colleague.token);
      const byId = new Map(list.projects.edges.map((e) => [e.node.id, e.node.lastSeenAt]));
      expect(byId.get(projectId)).toBe(again);
      expect(byId.get(secretProjectId)).toBeNull();
    });

    it('answers NOT_FOUND for a restricted project the caller is not on', async () => {
      const res = await t.gql(MARK, { p: secretProjectId }, outsider.token);
      expect(codeOf(res)).toBe('NOT_FOUND');
      expect(await lastSeen(secretProjectId, colleague.token)).toBeNull();
    });
  });
});
