import { DataSource } from 'typeorm';
import { TestApp, type TestUser } from '../../../test/test-app';

const INVITE = `mutation($i: InviteMemberInput!) { inviteMember(input: $i) { id token email role expiresAt } }`;
const ACCEPT = `mutation($t: String!) { acceptInvitation(token: $t) { id role memberCount } }`;
const MEMBERS = `query($w: ID!) { members(workspaceId: $w) { totalCount edges { node { role user { id email } } } } }`;
const ROLE = `mutation($i: UpdateMemberRoleInput!) { updateMemberRole(input: $i) { role user { id } } }`;

describe('members and invitations', () => {
  let t: TestApp;
  beforeAll(async () => (t = await TestApp.start()));
  afterAll(() => t.close());

  async function invite(owner: TestUser, workspaceId: string, email: string, role = 'VIEWER') {
    const res = await t.ok<{ inviteMember: { id: string; token: string } }>(
      INVITE,
      { i: { workspaceId, email, role } },
      owner.token,
    );
    return res.inviteMember;
  }

  async function join(owner: TestUser, workspaceId: string, role = 'VIEWER'): Promise<TestUser> {
    const user = await t.signUp('Member');
    const inv = await invite(owner, workspaceId, user.email, role);
    await t.ok(ACCEPT, { t: inv.token }, user.token);
    return user;
  }

  it('invites by e-mail; the invitee previews and accepts once, with the role given', async () => {
    const { user: owner, workspaceId } = await t.newProject();
    const bob = await t.signUp('Bob');
    const inv = await invite(owner, workspaceId, bob.email.toUpperCase(), 'EDITOR');
    expect(inv.token.length).toBeGreaterThan(30);
    const preview = await t.ok<{
      invitation: { workspaceName: string; invitedByName: string; status: string; role: string };
    }>(`query($t: String!) { invitation(token: $t) { workspaceName invitedByName status role } }`, {
      t: inv.token,
    });
    expect(preview.invitation).toEqual({
      workspaceName: 'Research team',
      invitedByName: 'Ada Researcher',
      status: 'PENDING',
      role: 'EDITOR',
    });
    const accepted = await t.ok<{
      acceptInvitation: { id: string; role: string; memberCount: number };
    }>(ACCEPT, { t: inv.token }, bob.token);
    expect(accepted.acceptInvitation).toEqual({ id: workspaceId, role: 'EDITOR', memberCount: 2 });
    const again = await t.gql(ACCEPT, { t: inv.token }, bob.token);
    expect(again.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(again.errors?.[0]?.message).toMatch(/already been used/);
  });

  it('lets one of two simultaneous acceptances of a link through, and tells the other it was used', async () => {
    const { user: owner, workspaceId } = await t.newProject();
    const bob = await t.signUp('Bob');
    const inv = await invite(owner, workspaceId, bob.email, 'EDITOR');
    const results = await Promise.all(
      [1, 2, 3].map(() => t.gql(ACCEPT, { t: inv.token }, bob.token)),
    );
    expect(results.filter((r) => !r.errors).length).toBe(1);
    for (const r of results.filter((x) => x.errors)) {
      expect(r.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
      expect(r.errors?.[0]?.message).toMatch(/already been used|used or withdrawn a moment ago/);
    }
  });

  it('keeps only a hash of the token', async () => {
    const { user: owner, workspaceId } = await t.newProject();
    const inv = await invite(owner, workspaceId, 'hash@example.com');
    const rows: { token_hash: string }[] = await t.app
      .get(DataSource)
      .query(`SELECT token_hash FROM invitation WHERE id = $1`, [inv.id]);
    expect(rows[0]!.token_hash).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.stringify(rows)).not.toContain(inv.token);
  });

  it('refuses someone whose e-mail is not the invited one', async () => {
    const { user: owner, workspaceId } = await t.newProject();
    const inv = await invite(owner, workspaceId, 'intended@example.com');
    const eve = await t.signUp('Eve');
    const res = await t.gql(ACCEPT, { t: inv.token }, eve.token);
    expect(res.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(res.errors?.[0]?.message).toContain('intended@example.com');
  });

  it('refuses expired and revoked invitations, and unknown tokens', async () => {
    const { user: owner, workspaceId } = await t.newProject();
    const late = await t.signUp('Late');
    const expired = await invite(owner, workspaceId, late.email);
    await t.app
      .get(DataSource)
      .query(`UPDATE invitation SET expires_at = now() - interval '1 minute' WHERE id = $1`, [
        expired.id,
      ]);
    const res = await t.gql(ACCEPT, { t: expired.token }, late.token);
    expect(res.errors?.[0]?.message).toMatch(/expired/);
    const revoked = await invite(owner, workspaceId, late.email);
    await t.ok(`mutation($id: ID!) { revokeInvitation(id: $id) }`, { id: revoked.id }, owner.token);
    const res2 = await t.gql(ACCEPT, { t: revoked.token }, late.token);
    expect(res2.errors?.[0]?.message).toMatch(/withdrawn/);
    const unknown = await t.gql(ACCEPT, { t: 'x'.repeat(43) }, late.token);
    expect(unknown.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    const members = await t.ok<{ members: { totalCount: number } }>(
      MEMBERS,
      { w: workspaceId },
      owner.token,
    );
    expect(members.members.totalCount).toBe(1);
  });

  it('lists pending invitations for owners, without their tokens', async () => {
    const { user: owner, workspaceId } = await t.newProject();
    await invite(owner, workspaceId, 'a@example.com');
    const b = await invite(owner, workspaceId, 'b@example.com');
    await invite(owner, workspaceId, 'a@example.com', 'EDITOR'); // replaces the first
    await t.ok(`mutation($id: ID!) { revokeInvitation(id: $id) }`, { id: b.id }, owner.token);
    const res = await t.ok<{
      invitations: { email: string; role: string; token: string | null }[];
    }>(
      `query($w: ID!) { invitations(workspaceId: $w) { email role token } }`,
      { w: workspaceId },
      owner.token,
    );
    expect(res.invitations).toEqual([{ email: 'a@example.com', role: 'EDITOR', token: null }]);
  });

  it('never lets the last owner be demoted, removed or leave', async () => {
    const { user: owner, workspaceId } = await t.newProject();
    const demote = await t.gql(
      ROLE,
      { i: { workspaceId, userId: owner.id, role: 'EDITOR' } },
      owner.token,
    );
    expect(demote.errors?.[0]?.extensions?.code).toBe('CONFLICT');
    const leave = await t.gql(
      `mutation($w: ID!) { leaveWorkspace(workspaceId: $w) }`,
      { w: workspaceId },
      owner.token,
    );
    expect(leave.errors?.[0]?.extensions?.code).toBe('CONFLICT');
    expect(leave.errors?.[0]?.message).toMatch(/make another member an owner first/);
    const second = await join(owner, workspaceId, 'OWNER');
    await t.ok(ROLE, { i: { workspaceId, userId: owner.id, role: 'EDITOR' } }, owner.token);
    const demoteLast = await t.gql(
      ROLE,
      { i: { workspaceId, userId: second.id, role: 'VIEWER' } },
      second.token,
    );
    expect(demoteLast.errors?.[0]?.extensions?.code).toBe('CONFLICT');
    const remove = await t.gql(
      `mutation($i: RemoveMemberInput!) { removeMember(input: $i) }`,
      { i: { workspaceId, userId: second.id } },
      second.token,
    );
    expect(remove.errors?.[0]?.extensions?.code).toBe('CONFLICT');
  });

  it('lets an owner change roles and remove members, who then see nothing', async () => {
    const { user: owner, workspaceId, projectId } = await t.newProject();
    const viewer = await join(owner, workspaceId, 'VIEWER');
    const upgraded = await t.ok<{ updateMemberRole: { role: string } }>(
      ROLE,
      { i: { workspaceId, userId: viewer.id, role: 'EDITOR' } },
      owner.token,
    );
    expect(upgraded.updateMemberRole.role).toBe('EDITOR');
    await t.ok(
      `mutation($i: RemoveMemberInput!) { removeMember(input: $i) }`,
      { i: { workspaceId, userId: viewer.id } },
      owner.token,
    );
    const after = await t.gql(
      `query($id: ID!) { project(id: $id) { name } }`,
      { id: projectId },
      viewer.token,
    );
    expect(after.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    const list = await t.ok<{ workspaces: { totalCount: number } }>(
      `{ workspaces { totalCount } }`,
      {},
      viewer.token,
    );
    expect(list.workspaces.totalCount).toBe(0);
  });

  it('refuses members below OWNER with FORBIDDEN and a reason', async () => {
    const { user: owner, workspaceId } = await t.newProject();
    const editor = await join(owner, workspaceId, 'EDITOR');
    const res = await t.gql(
      INVITE,
      { i: { workspaceId, email: 'x@example.com', role: 'VIEWER' } },
      editor.token,
    );
    expect(res.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(res.errors?.[0]?.message).toMatch(/editor.*owner/i);
  });

  it('writes every membership change to the activity log', async () => {
    const { user: owner, workspaceId } = await t.newProject();
    const member = await join(owner, workspaceId, 'VIEWER');
    await t.ok(ROLE, { i: { workspaceId, userId: member.id, role: 'COMMENTER' } }, owner.token);
    await t.ok(
      `mutation($w: ID!) { leaveWorkspace(workspaceId: $w) }`,
      { w: workspaceId },
      member.token,
    );
    const res = await t.ok<{
      activity: { edges: { node: { verb: string; summary: string; actor: { id: string } } }[] };
    }>(
      `query($w: ID!) { activity(workspaceId: $w) { edges { node { verb summary actor { id } } } } }`,
      { w: workspaceId },
      owner.token,
    );
    const verbs = res.activity.edges.map((e) => e.node.verb);
    expect(verbs.slice(0, 4)).toEqual([
      'member.left',
      'member.role_changed',
      'member.joined',
      'member.invited',
    ]);
    expect(res.activity.edges[1]!.node.summary).toMatch(/from VIEWER to COMMENTER/);
    expect(res.activity.edges[0]!.node.actor.id).toBe(member.id);
  });

  it('hides a restricted project from members who are not listed, everywhere', async () => {
    const { user: owner, workspaceId, projectId } = await t.newProject();
    const listed = await join(owner, workspaceId, 'EDITOR');
    const other = await join(owner, workspaceId, 'EDITOR');
    await t.ok(
      `mutation($i: UpdateProjectAccessInput!) { updateProjectAccess(input: $i) { restricted } }`,
      { i: { projectId, restricted: true, memberIds: [listed.id] } },
      owner.token,
    );
    const names = async (u: TestUser) =>
      (
        await t.ok<{ projects: { edges: { node: { id: string } }[] } }>(
          `query($w: ID!) { projects(workspaceId: $w) { edges { node { id } } } }`,
          { w: workspaceId },
          u.token,
        )
      ).projects.edges.map((e) => e.node.id);
    expect(await names(owner)).toContain(projectId);
    expect(await names(listed)).toContain(projectId);
    expect(await names(other)).not.toContain(projectId);
    const direct = await t.gql(
      `query($id: ID!) { project(id: $id) { name } }`,
      { id: projectId },
      other.token,
    );
    expect(direct.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    const upload = await t.upload(projectId, other.token, {
      name: 'x.txt',
      bytes: 'A: hello there\nB: hi\n',
    });
    expect(upload.status).toBe(404);
    const activity = await t.ok<{ activity: { edges: { node: { summary: string } }[] } }>(
      `query($w: ID!) { activity(workspaceId: $w) { edges { node { summary } } } }`,
      { w: workspaceId },
      other.token,
    );
    expect(JSON.stringify(activity)).not.toContain('Onboarding study');
  });
});
