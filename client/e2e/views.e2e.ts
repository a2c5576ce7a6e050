import type { Browser, Page } from 'playwright-core';
import { baseUrl, graphql, launchBrowser, openPage, screenshot, visible } from './support/browser';
import { highlightAt, type Call, type Segment, waitUntilReady } from './support/seed';

// The codebook, the tag view, the heatmap and search, on a project whose highlights are made
// through the api (the reader's own highlighting is tested in highlights.e2e.ts).

const PASSWORD = 'correct horse battery';

const INTERVIEW_ANA = [
  'Interviewer: What did you think of the pricing page?',
  'Ana: Honestly the pricing felt too expensive for a small team like ours.',
  'Interviewer: And how was the onboarding?',
  'Ana: The onboarding checklist was wonderful, I finished it in a single day.',
].join('\n');

const INTERVIEW_BO = [
  'Interviewer: Tell me about your first week.',
  'Bo: Onboarding took forever because the invitations kept expiring.',
  'Interviewer: Anything about the cost?',
  'Bo: The price is fine, but the annual plan is too expensive upfront.',
].join('\n');

const FOLLOW_UP_ANA = [
  'Interviewer: How did the setup go?',
  'Ana: Setting up the workspace was quick and the guide explained every step.',
  'Interviewer: And inviting people?',
  'Ana: The invitation emails arrived instantly for the whole team.',
  'Interviewer: What about your old data?',
  'Ana: Importing our old notes was painless.',
  'Interviewer: Anything you would change?',
  'Ana: I would only ask for a shorter welcome video.',
].join('\n');

function tagRow(page: Page, name: string) {
  return page.locator(`li.tag-row[data-tag="${name}"]`);
}

describe('codebook, tag view, heatmap and search', () => {
  const email = `vera+${Date.now()}@example.com`;
  let browser: Browser;
  let page: Page;
  let pageErrors: string[];
  let projectId = '';
  const transcripts = { ana: '', bo: '', followUp: '' };
  let workspaceId = '';
  let call: Call;
  const tags = { pricing: '', onboarding: '', cost: '' };
  const participants: Record<string, string> = {};

  beforeAll(async () => {
    const { signUp } = await graphql<{ signUp: { token: string } }>(
      `
        mutation ($input: SignUpInput!) {
          signUp(input: $input) {
            token
          }
        }
      `,
      { input: { email, password: PASSWORD, name: 'Vera Views' } },
    );
    call = (query, variables = {}) => graphql(query, variables, signUp.token);
    const { createWorkspace } = await call<{ createWorkspace: { id: string } }>(
      `mutation ($input: CreateWorkspaceInput!) { createWorkspace(input: $input) { id } }`,
      { input: { name: 'Views research' } },
    );
    const { createProject } = await call<{ createProject: { id: string } }>(
      `mutation ($input: CreateProjectInput!) { createProject(input: $input) { id } }`,
      { input: { workspaceId: createWorkspace.id, name: 'Pricing study' } },
    );
    projectId = createProject.id;
    workspaceId = createWorkspace.id;

    const imported: Record<string, Segment[]> = {};
    for (const [key, title, content] of [
      ['ana', 'Interview with Ana', INTERVIEW_ANA],
      ['bo', 'Interview with Bo', INTERVIEW_BO],
      ['followUp', 'Follow-up with Ana', FOLLOW_UP_ANA],
    ] as const) {
      const { importTranscript } = await call<{ importTranscript: { id: string } }>(
        `mutation ($input: ImportTranscriptInput!) { importTranscript(input: $input) { id } }`,
        { input: { projectId, filename: `${key}.txt`, title, content } },
      );
      transcripts[key] = importTranscript.id;
      imported[key] = await waitUntilReady(call, importTranscript.id);
    }

    for (const name of ['Pricing', 'Onboarding', 'Cost'] as const) {
      const { createTag } = await call<{ createTag: { id: string } }>(
        `mutation ($input: CreateTagInput!) { createTag(input: $input) { id } }`,
        { input: { projectId, name } },
      );
      tags[name.toLowerCase() as keyof typeof tags] = createTag.id;
    }
    const ana = imported['ana']!;
    const bo = imported['bo']!;
    const followUp = imported['followUp']!;
    // Ana talks about onboarding most, so that the heatmap has more than one shade.
    for (const [index, words] of [
      [1, 'the guide explained every step'],
      [3, 'arrived instantly'],
      [5, 'painless'],
      [7, 'a shorter welcome video'],
    ] as const)
      await highlightAt(call, transcripts.followUp, followUp, index, words, [tags.onboarding]);
    await highlightAt(call, transcripts.ana, ana, 1, 'too expensive for a small team', [
      tags.pricing,
    ]);
    await highlightAt(call, transcripts.ana, ana, 3, 'onboarding checklist was wonderful', [
      tags.onboarding,
    ]);
    await highlightAt(call, transcripts.ana, ana, 0, 'the pricing page', [tags.cost]);
    await highlightAt(call, transcripts.bo, bo, 1, 'Onboarding took forever', [tags.onboarding]);
    await highlightAt(call, transcripts.bo, bo, 3, 'the annual plan is too expensive upfront', [
      tags.pricing,
      tags.cost,
    ]);

    const { participants: people } = await call<{
      participants: { id: string; displayName: string }[];
    }>(`query ($projectId: ID!) { participants(projectId: $projectId) { id displayName } }`, {
      projectId,
    });
    for (const p of people) participants[p.displayName] = p.id;
    expect(Object.keys(participants).sort()).toEqual(['Ana', 'Bo', 'Interviewer']);

    browser = await launchBrowser();
    ({ page, pageErrors } = await openPage(browser));
    await page.goto('/login');
    await page.getByLabel('Email').fill(email);
    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Log in' }).click();
    await page.waitForURL('**/workspaces');
  });

  afterAll(async () => {
    await browser?.close();
  });

  it('reaches the four views from the project page', async () => {
    await page.goto(`/p/${projectId}`);
    const nav = await visible(page.getByRole('navigation', { name: 'Project views' }));
    for (const name of ['Codebook', 'Tag view', 'Heatmap', 'Search'])
      await visible(nav.getByRole('link', { name }));
    await nav.getByRole('link', { name: 'Codebook' }).click();
    await page.waitForURL(`**/p/${projectId}/codebook`);
    await visible(page.getByRole('heading', { name: 'Codebook', level: 1 }));
  });

  it('codebook: creates a described sub-tag, renames it, and merges two tags', async () => {
    await visible(tagRow(page, 'Pricing'));
    await expect(tagRow(page, 'Pricing').getByTestId('usage').textContent()).resolves.toBe(
      '2 highlights',
    );

    await page.getByRole('button', { name: 'Add a sub-tag to Onboarding' }).click();
    await page.getByLabel('Name', { exact: true }).fill('Delight');
    await page.getByLabel('Definition').fill('Moments the participant enjoyed.');
    await page.getByLabel('When to use', { exact: true }).fill('Explicit praise or joy.');
    await page.getByLabel('When not to use').fill('Polite filler such as "fine".');
    await page.getByRole('button', { name: 'Create tag' }).click();
    const delight = await visible(tagRow(page, 'Delight'));
    await expect(delight.getAttribute('aria-level')).resolves.toBe('2');
    await visible(delight.getByText('Moments the participant enjoyed.'));

    // Rename: the editor opens with the three parts of the description filled in.
    await delight.getByRole('button', { name: /^Delight/ }).click();
    await expect(page.getByLabel('When not to use').inputValue()).resolves.toBe(
      'Polite filler such as "fine".',
    );
    const parent = page.getByLabel('Parent');
    await expect(parent.inputValue()).resolves.toBe(tags.onboarding);
    // On a slow network the list is read again after the save while the user goes on: the
    // editor opened meanwhile stays open when that read arrives.
    const isListRead = (body: string | null) => !!body?.includes('"operationName":"CodebookTags"');
    let release = () => {};
    const held = new Promise<void>((resolve) => (release = resolve));
    await page.route('**/graphql', async (route) => {
      if (isListRead(route.request().postData())) await held;
      await route.continue();
    });
    await page.getByLabel('Name', { exact: true }).fill('Delighted');
    await page.getByRole('button', { name: 'Save tag' }).click();
    await visible(tagRow(page, 'Delighted'));
    expect(await tagRow(page, 'Delight').count()).toBe(0);

    // A tag cannot move under its own sub-tag: the option is there but cannot be chosen.
    await tagRow(page, 'Onboarding')
      .getByRole('button', { name: /^Onboarding/ })
      .click();
    const listRead = page.waitForResponse((r) => isListRead(r.request().postData()));
    release();
    await listRead;
    await page.unroute('**/graphql');
    const ownChild = page.getByLabel('Parent').locator('option', { hasText: 'Delighted' });
    await expect(ownChild.isDisabled()).resolves.toBe(true);
    await page.getByRole('button', { name: 'Cancel' }).click();

    // Merge "Cost" into "Pricing": both of Cost's highlights move, one already had Pricing.
    await page.getByRole('button', { name: 'Merge Cost' }).click();
    await page.getByLabel('Merge with').selectOption({ label: 'Pricing' });
    await page.getByRole('button', { name: 'Merge…', exact: true }).last().click();
    const dialog = await visible(page.getByRole('dialog'));
    await visible(dialog.getByRole('heading', { name: 'Merge “Cost” into “Pricing”?' }));
    await expect(dialog.getByTestId('merge-summary').textContent()).resolves.toContain(
      '2 highlights tagged “Cost” move to “Pricing”',
    );
    await screenshot(page, 'codebook-merge.png');
    await dialog.getByRole('button', { name: 'Merge tags' }).click();
    await visible(page.getByText('Merged “Cost” into “Pricing”, which now has 3 highlights.'));
    expect(await tagRow(page, 'Cost').count()).toBe(0);
    await expect(tagRow(page, 'Pricing').getByTestId('usage').textContent()).resolves.toBe(
      '3 highlights',
    );
    await screenshot(page, 'codebook.png', true);
  });

  it('tag view: groups Pricing highlights by participant, with evidence strength', async () => {
    await page
      .getByRole('navigation', { name: 'Project views' })
      .getByRole('link', { name: 'Tag view' })
      .click();
    await page.waitForURL(`**/p/${projectId}/evidence`);
    await page.getByLabel('Add a tag').selectOption({ label: 'Pricing' });
    await page.waitForURL(`**/evidence?tag=${tags.pricing}`);
    await page.getByRole('radio', { name: 'By participant' }).click();
    await page.waitForURL('**group=participant**');
    await expect(page.getByTestId('highlight-count').textContent()).resolves.toBe('3');

    const groups = page.locator('section.group');
    await visible(groups.first());
    const labels = await groups.locator('.group-label').allTextContents();
    expect([...labels].sort()).toEqual(['Ana', 'Bo', 'Interviewer']);
    const ana = page.locator('section.group', {
      has: page.locator('.group-label', { hasText: 'Ana' }),
    });
    await visible(ana.getByText('“too expensive for a small team”'));
    await visible(ana.getByText('Interview with Ana'));
    const link = ana.getByRole('link', { name: /Open in transcript/ });
    const href = new URL((await link.getAttribute('href')) ?? '', baseUrl());
    expect(href.pathname).toBe(`/t/${transcripts.ana}`);
    expect(href.searchParams.get('turn')).toBe('1');
    expect(href.searchParams.get('highlight')).toBeTruthy();

    const strength = await visible(page.getByTestId('evidence-strength'));
    const pricing = strength.locator('tr[data-tag="Pricing"]');
    await expect(pricing.locator('[data-col="highlights"]').textContent()).resolves.toBe('3');
    await expect(pricing.locator('[data-col="participants"]').textContent()).resolves.toBe('3');
    await expect(pricing.locator('[data-col="transcripts"]').textContent()).resolves.toBe('2');
    await screenshot(page, 'tag-view.png', true);

    // The view is in the URL: opening it afresh shows the same.
    await page.goto(page.url());
    await expect(page.getByTestId('highlight-count').textContent()).resolves.toBe('3');
    await expect(
      page.getByRole('radio', { name: 'By participant' }).getAttribute('aria-checked'),
    ).resolves.toBe('true');
  });

  it('heatmap: draws tags × participants and opens a cell as a filtered tag view', async () => {
    await page.goto(`/p/${projectId}/heatmap`);
    const svg = await visible(page.getByTestId('heatmap'));
    const cell = await visible(svg.getByRole('button', { name: 'Pricing × Ana: 1 highlight' }));
    await visible(svg.getByRole('button', { name: 'Onboarding × Bo: 1 highlight' }));
    const busiest = svg.getByRole('button', { name: 'Onboarding × Ana: 5 highlights' });
    const fill = (locator: typeof cell) => locator.locator('rect').getAttribute('fill');
    // The busiest cell is the darkest; a single highlight is a lighter shade of the same scale.
    await expect(fill(busiest)).resolves.toBe('#1d4b7a');
    await expect(fill(cell)).resolves.not.toBe('#1d4b7a');
    await expect(cell.locator('text').textContent()).resolves.toContain('1');
    await screenshot(page, 'heatmap.png');

    await cell.focus();
    await page.keyboard.press('Enter');
    await page.waitForURL(`**/p/${projectId}/evidence?**`);
    const url = new URL(page.url());
    expect(url.searchParams.getAll('tag')).toEqual([tags.pricing]);
    expect(url.searchParams.getAll('participant')).toEqual([participants['Ana']]);
    await expect(page.getByTestId('highlight-count').textContent()).resolves.toBe('1');
    await visible(page.getByText('“too expensive for a small team”'));
    await visible(page.locator('.chip', { hasText: 'Ana' }));

    // Columns by transcript, by mouse this time.
    await page.goto(`/p/${projectId}/heatmap?by=transcript`);
    await (
      await visible(
        page.getByRole('button', { name: 'Onboarding × Interview with Bo: 1 highlight' }),
      )
    ).click();
    await page.waitForURL(`**/evidence?**transcript=${transcripts.bo}**`);
    await visible(page.getByText('“Onboarding took forever”'));
  });

  it('search: the header box finds a word; a result opens the reader at its turn', async () => {
    await page.goto(`/p/${projectId}`);
    await page.getByLabel('Search this project').fill('expensive');
    await page.keyboard.press('Enter');
    await page.waitForURL(`**/p/${projectId}/search?q=expensive`);
    const hits = page.locator('li.hit');
    await visible(hits.first());
    await visible(page.locator('.snippet mark', { hasText: /expensive/i }));
    const turn = page.locator('li.hit[data-kind="SEGMENT"]', { hasText: 'Interview with Ana' });
    await visible(turn.getByText('Ana', { exact: true }));
    await screenshot(page, 'search.png', true);

    await turn.getByRole('link').click();
    await page.waitForURL(`**/t/${transcripts.ana}?**`);
    const url = new URL(page.url());
    expect(url.searchParams.get('turn')).toBe('1');
    expect(url.searchParams.get('q')).toBe('expensive');
    await visible(page.getByText('Honestly the pricing felt', { exact: false }));
  });

  it('search: name matches come first as chips that open the tag view', async () => {
    await page.goto(`/p/${projectId}/search?q=pricing`);
    const chips = await visible(
      page.getByRole('region', { name: 'Matching tags and participants' }),
    );
    await chips.getByRole('link', { name: 'Pricing' }).click();
    await page.waitForURL(`**/evidence?tag=${tags.pricing}`);
    await expect(page.getByTestId('highlight-count').textContent()).resolves.toBe('3');
    expect(pageErrors).toEqual([]);
  });
  it('a viewer reads the codebook and the views but is offered no changes', async () => {
    const viewerEmail = `val+${Date.now()}@example.com`;
    const { inviteMember } = await call<{ inviteMember: { token: string } }>(
      `mutation ($input: InviteMemberInput!) { inviteMember(input: $input) { token } }`,
      { input: { workspaceId, email: viewerEmail, role: 'VIEWER' } },
    );
    const { signUp } = await graphql<{ signUp: { token: string } }>(
      `
        mutation ($input: SignUpInput!) {
          signUp(input: $input) {
            token
          }
        }
      `,
      { input: { email: viewerEmail, password: PASSWORD, name: 'Val Viewer' } },
    );
    await graphql(
      `
        mutation ($token: String!) {
          acceptInvitation(token: $token) {
            id
          }
        }
      `,
      { token: inviteMember.token },
      signUp.token,
    );
    const { page: viewer, pageErrors: viewerErrors } = await openPage(browser);
    await viewer.goto('/login');
    await viewer.getByLabel('Email').fill(viewerEmail);
    await viewer.getByLabel('Password').fill(PASSWORD);
    await viewer.getByRole('button', { name: 'Log in' }).click();
    await viewer.waitForURL('**/workspaces');

    await viewer.goto(`/p/${projectId}/codebook`);
    await visible(viewer.getByTestId('read-only-note'));
    await visible(tagRow(viewer, 'Pricing'));
    expect(await viewer.getByRole('button', { name: 'New tag' }).count()).toBe(0);
    expect(
      await viewer.getByRole('button', { name: /^(Archive|Merge|Add a sub-tag)/ }).count(),
    ).toBe(0);
    await tagRow(viewer, 'Delighted')
      .getByRole('button', { name: /^Delighted/ })
      .click();
    await visible(viewer.getByText('Explicit praise or joy.'));
    expect(await viewer.locator('input, textarea, select').count()).toBe(0);

    await viewer.goto(`/p/${projectId}/heatmap`);
    await visible(viewer.getByRole('button', { name: 'Pricing × Ana: 1 highlight' }));
    expect(viewerErrors).toEqual([]);
    await viewer.context().close();
  });
});
