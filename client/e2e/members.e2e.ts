import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import {
  baseUrl,
  focused,
  graphql,
  launchBrowser,
  openPage,
  screenshot,
  visible,
} from './support/browser';

const ZOOM_VTT = join(__dirname, 'fixtures/GMT20240124-202901_Recording.transcript.vtt');
const WORKSPACE = 'Field research';
const PROJECT = 'Classroom engagement study';
const PASSWORD = 'correct horse battery';
const LOG_IN = `mutation ($input: LogInInput!) { logIn(input: $input) { token } }`;
const PROJECT_NAME = `query ($id: ID!) { project(id: $id) { name } }`;

async function signUp(page: Page, name: string, email: string): Promise<void> {
  await page.goto('/signup');
  await page.getByLabel('Name').fill(name);
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Sign up' }).click();
  await page.waitForURL('**/workspaces');
}

/** Every GraphQL response body a page receives, to prove nothing leaked into any of them. */
function recordGraphql(page: Page): string[] {
  const bodies: string[] = [];
  page.on('response', (response) => {
    if (!response.url().endsWith('/graphql')) return;
    void response
      .text()
      .then((text) => bodies.push(text))
      .catch(() => undefined);
  });
  return bodies;
}

describe('a shared workspace: the owner invites a viewer; outsiders get nothing', () => {
  const stamp = Date.now();
  const ownerEmail = `olga+${stamp}@example.com`;
  const viewerEmail = `vic+${stamp}@example.com`;
  let browser: Browser;
  let owner: Page;
  let ownerErrors: string[];
  let workspaceUrl = '';
  let projectUrl = '';
  let transcriptUrl = '';
  let invitationUrl = '';

  beforeAll(async () => {
    browser = await launchBrowser();
    ({ page: owner, pageErrors: ownerErrors } = await openPage(browser));
  });

  afterAll(async () => {
    await browser?.close();
  });

  it('owner signs up, creates a workspace and a project, and uploads the Zoom transcript', async () => {
    await signUp(owner, 'Olga Owner', ownerEmail);
    await owner.getByLabel('Name').fill(WORKSPACE);
    await owner.getByRole('button', { name: 'Create workspace' }).click();
    await owner.waitForURL('**/w/*');
    await visible(owner.getByRole('heading', { name: WORKSPACE }));
    await expect(owner.getByTestId('my-role').textContent()).resolves.toBe('Owner');
    workspaceUrl = owner.url();

    await owner.getByLabel('Name', { exact: true }).fill(PROJECT);
    await owner.getByRole('button', { name: 'Create project' }).click();
    await owner.waitForURL('**/p/*');
    projectUrl = owner.url();
    await visible(owner.getByText('Restricted project'));

    await owner.getByTestId('file-input').setInputFiles(ZOOM_VTT);
    const row = owner.locator('tr[data-transcript-id]', { hasText: 'GMT20240124' });
    await row.and(owner.locator('[data-status="READY"]')).waitFor({ timeout: 90_000 });
    transcriptUrl = new URL(
      (await row.getByRole('link').getAttribute('href')) ?? '',
      baseUrl(),
    ).toString();
    expect(transcriptUrl).toMatch(/\/t\/[^/]+$/);
  });

  it('owner invites a second user as VIEWER and copies the link', async () => {
    await owner.context().grantPermissions(['clipboard-read', 'clipboard-write']);
    await owner
      .getByRole('navigation', { name: 'Main' })
      .getByRole('link', { name: 'Members' })
      .click();
    await owner.waitForURL('**/w/*/members');
    await visible(owner.locator('tr[data-member]', { hasText: ownerEmail }));

    await owner.getByLabel('E-mail').fill(viewerEmail);
    await owner.getByLabel('Role', { exact: true }).selectOption('VIEWER');
    await owner.getByRole('button', { name: 'Create invitation link' }).click();
    const link = await visible(owner.getByLabel('Invitation link'));
    invitationUrl = await link.inputValue();
    expect(invitationUrl).toMatch(new RegExp(`^${baseUrl()}/invitations/[^/]+$`));
    await visible(owner.getByText(/can be used once and expires on/));

    await owner.getByRole('button', { name: 'Copy', exact: true }).click();
    await visible(owner.getByRole('button', { name: 'Copied' }));
    await expect(owner.evaluate(() => navigator.clipboard.readText())).resolves.toBe(invitationUrl);

    await visible(owner.locator('[data-invitation]', { hasText: viewerEmail }));
    await visible(owner.locator('[data-verb]').first());
    await screenshot(owner, 'members.png', true);
  });

  it('the invitee signs up from the link, accepts, and can read but not change anything', async () => {
    const { page: viewer, pageErrors } = await openPage(browser);
    await viewer.goto(invitationUrl);
    await visible(viewer.getByRole('heading', { name: `Join ${WORKSPACE}` }));
    await visible(viewer.getByText('Olga Owner invited'));
    await visible(viewer.getByText(viewerEmail));
    await screenshot(viewer, 'invitation.png');

    await viewer.getByRole('link', { name: 'Sign up' }).click();
    await viewer.waitForURL('**/signup?**');
    await expect(viewer.getByLabel('Email').inputValue()).resolves.toBe(viewerEmail);
    await viewer.getByLabel('Name').fill('Vic Viewer');
    await viewer.getByLabel('Password').fill(PASSWORD);
    await viewer.getByRole('button', { name: 'Sign up' }).click();
    await viewer.waitForURL('**/invitations/*');

    await viewer.getByRole('button', { name: `Accept and join ${WORKSPACE}` }).click();
    await viewer.waitForURL(workspaceUrl);
    await visible(viewer.getByRole('heading', { name: WORKSPACE }));
    await expect(viewer.getByTestId('my-role').textContent()).resolves.toBe('Viewer');
    await visible(viewer.getByText('You can view this workspace'));
    expect(await viewer.getByRole('button', { name: 'Create project' }).count()).toBe(0);

    // The header's switcher lists the workspace and marks it as the current one; by keyboard.
    await viewer.getByTestId('workspace-switcher').focus();
    await viewer.keyboard.press('Enter');
    const current = await visible(viewer.getByRole('menuitem', { name: new RegExp(WORKSPACE) }));
    await expect(current.getAttribute('aria-current')).resolves.toBe('page');
    // The menu moves the focus into itself (onto one of its items) once it is open.
    await viewer.waitForFunction(() => document.activeElement?.getAttribute('role') === 'menuitem');
    await viewer.keyboard.press('Escape');
    await current.waitFor({ state: 'detached' });
    await focused(viewer.getByTestId('workspace-switcher'));

    await viewer.getByRole('link', { name: new RegExp(PROJECT) }).click();
    await viewer.waitForURL(projectUrl);
    const row = viewer.locator('tr[data-transcript-id]', { hasText: 'GMT20240124' });
    await visible(row);
    await visible(viewer.getByTestId('view-only-note'));
    await visible(viewer.locator('.participant-name', { hasText: 'Conor Healy' }));
    expect(await viewer.getByTestId('file-input').count()).toBe(0);
    expect(await viewer.getByRole('heading', { name: 'Add transcripts' }).count()).toBe(0);
    expect(await viewer.getByRole('button', { name: 'Paste text instead' }).count()).toBe(0);
    expect(await viewer.getByLabel('Display name for Conor Healy').count()).toBe(0);
    expect(await viewer.getByRole('checkbox').count()).toBe(0);
    // Reading includes searching; nothing else on the page takes input.
    await visible(
      viewer.getByRole('search').getByRole('searchbox', { name: 'Search this project' }),
    );
    expect(
      await viewer.locator('input:not([type=hidden]):not([type=search]), textarea, select').count(),
    ).toBe(0);
    expect(await viewer.getByRole('button', { name: /Delete/ }).count()).toBe(0);
    expect(await viewer.getByText('Restricted project').count()).toBe(0);
    await screenshot(viewer, 'viewer-project.png', true);

    await row.getByRole('link').click();
    await viewer.waitForURL(transcriptUrl);
    await visible(viewer.getByText('Get this party started.'));
    await visible(viewer.locator('.turn-speaker', { hasText: 'Srijani Ghosh' }));

    await viewer.goto(`${workspaceUrl}/members`);
    await visible(viewer.locator('tr[data-member]', { hasText: ownerEmail }));
    await visible(viewer.locator('tr[data-member]', { hasText: viewerEmail }));
    expect(await viewer.getByRole('button', { name: 'Create invitation link' }).count()).toBe(0);
    expect(await viewer.getByRole('heading', { name: 'Pending invitations' }).count()).toBe(0);
    expect(await viewer.locator('select').count()).toBe(0);
    expect(await viewer.getByRole('button', { name: /^Remove/ }).count()).toBe(0);
    await visible(viewer.getByRole('button', { name: 'Leave workspace…' }));
    expect(pageErrors).toEqual([]);
    await viewer.context().close();
  });

  it('someone who is not a member gets a not-found page, and no data, for every URL', async () => {
    const { page: outsider, pageErrors } = await openPage(browser);
    const bodies = recordGraphql(outsider);
    await signUp(outsider, 'Mallory Outsider', `mallory+${stamp}@example.com`);

    for (const [url, what] of [
      [workspaceUrl, 'Workspace'],
      [`${workspaceUrl}/members`, 'Workspace'],
      [projectUrl, 'Project'],
      [transcriptUrl, 'Transcript'],
    ] as const) {
      await outsider.goto(url);
      await visible(outsider.getByRole('heading', { name: `${what} not found` }));
      await outsider.waitForLoadState('networkidle');
      const text = (await outsider.locator('body').textContent()) ?? '';
      for (const secret of [WORKSPACE, PROJECT, 'GMT20240124', 'Conor', 'Olga', 'party started'])
        expect(text).not.toContain(secret);
    }
    await screenshot(outsider, 'outsider-not-found.png');
    expect(bodies.length).toBeGreaterThan(4);
    for (const body of bodies)
      for (const secret of [WORKSPACE, PROJECT, 'GMT20240124', 'Conor', 'Olga', ownerEmail])
        expect(body).not.toContain(secret);
    expect(pageErrors).toEqual([]);
    await outsider.context().close();
  });

  it('the owner sees the new member and cannot demote or remove the last owner', async () => {
    await owner.reload();
    const viewerRow = await visible(owner.locator('tr[data-member]', { hasText: viewerEmail }));
    await expect(viewerRow.locator('select').inputValue()).resolves.toBe('VIEWER');
    await owner
      .locator('[data-invitation]', { hasText: viewerEmail })
      .waitFor({ state: 'detached' });

    const ownRole = owner.getByLabel('Role of Olga Owner');
    await ownRole.selectOption('EDITOR');
    const conflict = await visible(owner.locator('[id^="member-error-"]'));
    expect((await conflict.textContent())?.trim().length).toBeGreaterThan(5);
    await expect(ownRole.inputValue()).resolves.toBe('OWNER');

    await owner.getByRole('button', { name: 'Leave workspace…' }).click();
    await owner.getByRole('button', { name: `Leave ${WORKSPACE}` }).click();
    await visible(owner.locator('.leave-error'));
    expect(owner.url()).toContain('/members');
    await screenshot(owner, 'members-joined.png', true);
  });

  it('the owner restricts the project: the viewer loses it until they are listed', async () => {
    const viewerToken = (
      await graphql<{ logIn: { token: string } }>(LOG_IN, {
        input: { email: viewerEmail, password: PASSWORD },
      })
    ).logIn.token;
    const projectId = new URL(projectUrl).pathname.split('/').pop();
    const viewerSees = () =>
      graphql(PROJECT_NAME, { id: projectId }, viewerToken).then(
        () => true,
        () => false,
      );
    await expect(viewerSees()).resolves.toBe(true);

    await owner.goto(projectUrl);
    await owner.getByRole('switch', { name: 'Restricted project' }).check();
    await owner.getByRole('button', { name: 'Save access' }).click();
    await visible(owner.getByText('Saved. Owners and 0 other members can see this project.'));
    await expect(viewerSees()).resolves.toBe(false);

    await owner.getByRole('checkbox', { name: /Vic Viewer/ }).check();
    await owner.getByRole('button', { name: 'Save access' }).click();
    await visible(owner.getByText('Saved. Owners and 1 other member can see this project.'));
    await expect(viewerSees()).resolves.toBe(true);
    await visible(owner.locator('.restricted-tag'));
    await owner.getByRole('button', { name: 'Save access' }).scrollIntoViewIfNeeded();
    await screenshot(owner, 'project-access.png');
  });

  it('a revoked invitation link says so; the owner deletes a transcript', async () => {
    await owner.goto(`${workspaceUrl}/members`);
    await owner.getByLabel('E-mail').fill(`late+${stamp}@example.com`);
    await owner.getByLabel('Role', { exact: true }).selectOption('EDITOR');
    await owner.getByRole('button', { name: 'Create invitation link' }).click();
    const revokedUrl = await (await visible(owner.getByLabel('Invitation link'))).inputValue();
    await owner
      .getByRole('button', { name: `Revoke the invitation of late+${stamp}@example.com` })
      .click();
    await owner.locator('[data-invitation]').first().waitFor({ state: 'detached' });

    const { page: late } = await openPage(browser);
    await late.goto(revokedUrl);
    await visible(late.getByText('This invitation was withdrawn.'));
    expect(await late.getByRole('button', { name: /Accept/ }).count()).toBe(0);
    await late.context().close();

    await owner.goto(projectUrl);
    const row = owner.locator('tr[data-transcript-id]', { hasText: 'GMT20240124' });
    await row.getByRole('button', { name: /^Delete/ }).click();
    await row.getByRole('button', { name: 'Delete', exact: true }).click();
    await row.waitFor({ state: 'detached' });
    await visible(owner.getByText('No transcripts yet'));
    expect(ownerErrors).toEqual([]);
  });
});
