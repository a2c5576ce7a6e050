import type { Browser, Page } from 'playwright-core';
import { launchBrowser, openPage, visible } from './support/browser';
import { violations } from './support/checks';
import {
  type Person,
  createProject,
  createTag,
  highlightWords,
  importText,
  logIn,
  signUp,
} from './support/seed';

// axe-core on every page of the product, signed out and signed in, with the reader's panels
// open: no serious or critical violation (contrast, names, roles, labels...).

/** WebVTT, so that the reader shows turn timestamps too. */
const INTERVIEW = `WEBVTT

00:00:01.000 --> 00:00:04.000
<v Interviewer>Tell me about the price of the product.

00:00:04.500 --> 00:00:09.000
<v Mia>The price was too expensive for our small team, the monthly plan cost too much.

00:00:09.500 --> 00:00:12.000
<v Interviewer>How did the first days go?

00:00:12.500 --> 00:00:18.000
<v Mia>The onboarding checklist helped, the setup guide walked us through inviting the team.
`;

/** The serious and critical violations on the page as it is now, one line each. */
describe('accessibility of every page (axe-core)', () => {
  const stamp = Date.now();
  const email = `ada+${stamp}@example.com`;
  let browser: Browser;
  let page: Page;
  let owner: Person;
  let ids: {
    workspaceId: string;
    projectId: string;
    transcriptId: string;
    runId: string;
    highlightId: string;
  };
  let invitationToken: string;
  let signedIn = false;
  const signIn = async () => {
    if (!signedIn) await logIn(page, email);
    signedIn = true;
  };

  beforeAll(async () => {
    owner = await signUp(email, 'Ada Auditor');
    const { workspaceId, projectId } = await createProject(owner, 'Pricing study');
    const { transcriptId, segments } = await importText(
      owner,
      projectId,
      'Mia',
      INTERVIEW,
      'mia.vtt',
    );
    const pricing = await createTag(owner, projectId, 'Pricing', 'Price, plans and cost.');
    await createTag(owner, projectId, 'Onboarding', 'Getting started.');
    const highlightId = await highlightWords(
      owner,
      transcriptId,
      segments,
      'The price was too expensive',
      [pricing],
    );
    const { startAnalysis } = await owner.call<{ startAnalysis: { id: string } }>(
      `mutation ($input: StartAnalysisInput!) { startAnalysis(input: $input) { id } }`,
      { input: { projectId, mode: 'DEDUCTIVE', transcriptIds: [transcriptId] } },
    );
    const { inviteMember } = await owner.call<{ inviteMember: { token: string } }>(
      `mutation ($i: InviteMemberInput!) { inviteMember(input: $i) { token } }`,
      { i: { workspaceId, email: `vic+${stamp}@example.com`, role: 'VIEWER' } },
    );
    invitationToken = inviteMember.token;
    ids = { workspaceId, projectId, transcriptId, runId: startAnalysis.id, highlightId };
    browser = await launchBrowser();
    ({ page } = await openPage(browser));
  });

  afterAll(async () => {
    await browser?.close();
  });

  it('has none on the pages one sees signed out', async () => {
    const found: string[] = [];
    for (const [path, ready] of [
      ['/signup', 'Sign up'],
      ['/login', 'Log in'],
      [`/invitations/${invitationToken}`, 'Log in'],
    ] as const) {
      await page.goto(path);
      await visible(
        page.getByRole('button', { name: ready }).or(page.getByRole('link', { name: ready })),
      );
      found.push(...(await violations(page)).map((v) => `${path}: ${v}`));
    }
    expect(found).toEqual([]);
  });

  it('has none on the pages of a workspace and its project', async () => {
    await signIn();
    const { workspaceId: w, projectId: p, runId } = ids;
    const found: string[] = [];
    for (const [path, heading] of [
      ['/workspaces', 'Workspaces'],
      [`/w/${w}`, 'Pricing study lab'],
      [`/w/${w}/members`, 'Members'],
      [`/p/${p}`, 'Pricing study'],
      [`/p/${p}/codebook`, 'Codebook'],
      [`/p/${p}/evidence`, 'Tag view'],
      [`/p/${p}/heatmap`, 'Heatmap'],
      [`/p/${p}/search?q=price`, 'Search'],
      [`/p/${p}/analysis`, 'Analysis'],
      [`/p/${p}/analysis/${runId}`, 'Review suggestions'],
      ['/account', 'Account'],
    ] as const) {
      await page.goto(path);
      await visible(page.getByRole('heading', { name: heading, level: 1 }));
      await page.waitForLoadState('networkidle');
      found.push(...(await violations(page)).map((v) => `${path}: ${v}`));
    }
    expect(found).toEqual([]);
  });

  it('has none in the reader, with a highlight open and the tag picker open', async () => {
    await signIn();
    await page.goto(`/t/${ids.transcriptId}`);
    await page.locator('[data-highlights-loaded="true"]').waitFor();
    await visible(page.locator('time.turn-time'));
    const found = (await violations(page)).map((v) => `reader: ${v}`);

    await page.goto(`/t/${ids.transcriptId}?highlight=${ids.highlightId}`);
    const panel = await visible(page.getByRole('complementary', { name: 'Highlight' }));
    found.push(...(await violations(page)).map((v) => `highlight panel: ${v}`));

    await panel.getByRole('button', { name: 'Add tag' }).click();
    await visible(page.getByRole('combobox', { name: 'Add a tag' }));
    found.push(...(await violations(page)).map((v) => `tag picker: ${v}`));
    expect(found).toEqual([]);
  });
});
