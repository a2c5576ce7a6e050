import type { Browser, Page } from 'playwright-core';
import {
  baseUrl,
  focused,
  launchBrowser,
  openPage,
  screenshot,
  turnInView,
  visible,
} from './support/browser';
import { eventually, violations } from './support/checks';
import {
  type Interview,
  type Person,
  addCards,
  addMember,
  createBoard,
  createProject,
  createTag,
  createTheme,
  highlightInterviews,
  logIn,
  signUp,
} from './support/seed';

// The insight repository: an editor promotes a board theme to an insight, edits it (and meets a
// colleague's edit), publishes it; a viewer finds it from the workspace's insight search by a
// word of its body in another form, opens it and follows a quote into the reader; a restricted
// project's insight stays hidden from her; hostile Markdown renders inert; axe finds nothing
// serious on either page.

const MIA = [
  'Interviewer: How did the first days go?',
  'Mia: The onboarding checklist helped and the setup guide walked us through inviting the team.',
  'Interviewer: Anything about the price?',
  'Mia: The price was too expensive for our small team and the monthly plan cost too much.',
  'Interviewer: How was setting things up?',
  'Mia: Setting up the workspace was slow because nobody told us where the settings live.',
].join('\n');

const LEO = [
  'Interviewer: Why did you leave?',
  'Leo: We cancelled because the subscription price kept rising every year.',
  'Interviewer: How did the first week go?',
  'Leo: The first week was confusing, we never found the import and gave up on setup twice.',
].join('\n');

const QUOTES = {
  checklist:
    'The onboarding checklist helped and the setup guide walked us through inviting the team.',
  slow: 'Setting up the workspace was slow because nobody told us where the settings live.',
  confusing: 'The first week was confusing, we never found the import and gave up on setup twice.',
  price: 'The price was too expensive for our small team and the monthly plan cost too much.',
};

/** The body the editor writes: the search word in another form, and Markdown meant to harm. */
const BODY = [
  'Small teams stall in their **first week**: without onboarding checklists they cannot find',
  'where setup starts.',
  '',
  '<img src=x onerror="window.__pwned = 1">',
  '',
  '[Click me](javascript:window.__pwned=2) and <script>window.__pwned = 3</script>',
  '',
  '[The setup guide](https://example.com/guide)',
].join('\n');

interface InsightRead {
  insight: {
    id: string;
    title: string;
    body: string;
    status: string;
    version: number;
    evidence: { highlight: { id: string; quote: string } }[];
  };
}

describe('insights: from a board theme to a finding a colleague finds', () => {
  const stamp = Date.now();
  const emails = {
    olga: `olga+ins${stamp}@example.com`,
    eddie: `eddie+ins${stamp}@example.com`,
    vera: `vera+ins${stamp}@example.com`,
  };
  let browser: Browser;
  let olga: Person;
  let eddie: Person;
  let vera: Person;
  let workspaceId = '';
  let projectId = '';
  let themeId = '';
  let insightId = '';
  let secretProjectId = '';
  let secretInsightId = '';
  let highlights: Record<keyof typeof QUOTES, string>;
  let interviews: Record<string, Interview>;
  const pageErrors: string[] = [];
  const dialogs: string[] = [];

  const readInsight = (id: string) =>
    olga.call<InsightRead>(
      `query ($id: ID!) { insight(id: $id) { id title body status version evidence { highlight { id quote } } } }`,
      { id },
    );

  async function openAs(email: string): Promise<Page> {
    const { page, pageErrors: errors } = await openPage(browser);
    page.on('dialog', (dialog) => {
      dialogs.push(dialog.message());
      void dialog.dismiss();
    });
    page.on('close', () => pageErrors.push(...errors));
    await logIn(page, email);
    return page;
  }

  beforeAll(async () => {
    olga = await signUp(emails.olga, 'Olga Owner');
    eddie = await signUp(emails.eddie, 'Eddie Editor');
    vera = await signUp(emails.vera, 'Vera Viewer');
    ({ workspaceId, projectId } = await createProject(olga, 'Churn study'));
    await olga.call(`mutation ($i: UpdateProjectInput!) { updateProject(input: $i) { id } }`, {
      i: { id: projectId, defaultLanguage: 'en' },
    });
    await addMember(olga, workspaceId, eddie, 'EDITOR');
    await addMember(olga, workspaceId, vera, 'VIEWER');

    const setup = await createTag(olga, projectId, 'Setup');
    const pricing = await createTag(olga, projectId, 'Pricing');
    ({ highlights, interviews } = await highlightInterviews(
      olga,
      projectId,
      { 'Interview with Mia': MIA, 'Interview with Leo': LEO },
      QUOTES,
      (key) => (key === 'price' ? pricing : setup),
    ));

    const boardId = await createBoard(olga, projectId, 'Why teams leave');
    themeId = await createTheme(
      olga,
      boardId,
      'Setup friction',
      'People get lost while setting up.',
    );
    await addCards(olga, boardId, [highlights.slow, highlights.confusing], themeId);
    await addCards(olga, boardId, [highlights.price]);

    // A restricted project of the same workspace, with an insight that uses the same word.
    const { createProject: secret } = await olga.call<{ createProject: { id: string } }>(
      `mutation ($i: CreateProjectInput!) { createProject(input: $i) { id } }`,
      { i: { workspaceId, name: 'Board secrets' } },
    );
    secretProjectId = secret.id;
    await olga.call(
      `mutation ($i: UpdateProjectAccessInput!) { updateProjectAccess(input: $i) { id } }`,
      { i: { projectId: secretProjectId, restricted: true, memberIds: [] } },
    );
    const { createInsight } = await olga.call<{ createInsight: { id: string } }>(
      `mutation ($i: CreateInsightInput!) { createInsight(input: $i) { id } }`,
      {
        i: {
          projectId: secretProjectId,
          title: 'The board wants a checklist before renewal',
          body: 'Confidential: the board reads onboarding checklists before each renewal.',
          status: 'PUBLISHED',
        },
      },
    );
    secretInsightId = createInsight.id;

    // Enough older insights in a third project for the list to need "Load more".
    const { createProject: archive } = await olga.call<{ createProject: { id: string } }>(
      `mutation ($i: CreateProjectInput!) { createProject(input: $i) { id } }`,
      { i: { workspaceId, name: 'Archive' } },
    );
    for (let n = 1; n <= 21; n++)
      await olga.call(`mutation ($i: CreateInsightInput!) { createInsight(input: $i) { id } }`, {
        i: { projectId: archive.id, title: `Archived finding ${n}`, body: `Note ${n}.` },
      });

    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
  });

  it('lets an editor promote a board theme, edit it through a colleague’s change and publish it', async () => {
    const page = await openAs(emails.eddie);
    await page.goto(`/p/${projectId}/boards`);
    await page.getByRole('link', { name: 'Why teams leave' }).click();
    const promote = page.getByRole('button', {
      name: 'Promote to insight: Setup friction',
    });
    await visible(promote);
    await screenshot(page, 'insight-promote-theme.png');
    await promote.click();
    await page.waitForURL(/\/p\/[^/]+\/insights\/[^/?]+$/);
    insightId = page.url().split('/').pop()!;
    await visible(page.getByRole('heading', { name: 'Setup friction', level: 1 }));
    await visible(page.getByText('People get lost while setting up.'));
    await visible(page.getByTestId('insight-evidence-count').filter({ hasText: '2 highlights' }));
    const evidence = page.locator('vb-insight-evidence li.quote');
    await expect(evidence.count()).resolves.toBe(2);
    await expect(evidence.first().textContent()).resolves.toContain(QUOTES.slow);

    // Edit; meanwhile Olga rewrites the body through the api.
    await page.getByRole('button', { name: 'Edit', exact: true }).click();
    await page.getByRole('textbox', { name: 'Title' }).fill('Small teams stall at setup');
    await page.getByRole('textbox', { name: /Argument/ }).fill(BODY);
    const before = (await readInsight(insightId)).insight;
    await olga.call(`mutation ($i: UpdateInsightInput!) { updateInsight(input: $i) { id } }`, {
      i: { id: insightId, body: 'Olga: setup is the problem.', version: before.version },
    });
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    const conflict = await visible(page.getByTestId('insight-conflict'));
    await visible(conflict.getByText('Olga: setup is the problem.'));
    await screenshot(page, 'insight-conflict.png', true);
    // Her text was seen; Eddie's goes over it knowingly.
    await page.getByRole('button', { name: 'Save mine over theirs' }).click();
    await visible(page.getByRole('heading', { name: 'Small teams stall at setup', level: 1 }));
    const saved = (await readInsight(insightId)).insight;
    expect(saved.title).toBe('Small teams stall at setup');
    expect(saved.body).toBe(BODY);

    await page.getByRole('button', { name: 'Publish' }).click();
    await visible(page.getByRole('button', { name: 'Back to draft' }));
    await visible(page.locator('vb-insight-status').filter({ hasText: 'Published' }));
    await expect(readInsight(insightId).then((r) => r.insight.status)).resolves.toBe('PUBLISHED');

    // Back on the board, the theme opens its insight instead of promoting it again.
    await page.goto(`/p/${projectId}/boards`);
    await page.getByRole('link', { name: 'Why teams leave' }).click();
    const open = page.getByRole('link', { name: 'Open insight: Small teams stall at setup' });
    await visible(open);
    await expect(page.getByRole('button', { name: /^Promote to insight/ }).count()).resolves.toBe(
      0,
    );
    await screenshot(page, 'insight-open-from-theme.png');
    await open.click();
    await page.waitForURL(`**/p/${projectId}/insights/${insightId}`);
    await visible(page.getByRole('heading', { name: 'Small teams stall at setup', level: 1 }));
    await page.close();
  });

  it('renders hostile Markdown inert: no element, handler or script link gets through', async () => {
    const page = await openAs(emails.eddie);
    await page.goto(`/p/${projectId}/insights/${insightId}`);
    const body = await visible(page.getByTestId('insight-body'));
    await visible(body.locator('strong', { hasText: 'first week' }));
    // The HTML is shown as the text it is.
    await visible(body.getByText('<img src=x onerror="window.__pwned = 1">'));
    expect(await body.locator('img, script, iframe, [onerror]').count()).toBe(0);
    // The javascript: link keeps its words and loses its address.
    await visible(body.getByText('Click me'));
    expect(await body.locator('a[href^="javascript"], a:has-text("Click me")').count()).toBe(0);
    const guide = body.getByRole('link', { name: 'The setup guide' });
    await expect(guide.getAttribute('href')).resolves.toBe('https://example.com/guide');
    await expect(guide.getAttribute('rel')).resolves.toBe('noopener noreferrer');
    await expect(guide.getAttribute('target')).resolves.toBe('_blank');
    await page.waitForTimeout(300);
    await expect(page.evaluate(() => (window as { __pwned?: number }).__pwned)).resolves.toBe(
      undefined,
    );
    expect(dialogs).toEqual([]);
    await screenshot(page, 'insight-page.png', true);
    expect(await violations(page)).toEqual([]);
    await page.close();
  });

  it('adds highlights chosen in the tag view to the insight', async () => {
    const page = await openAs(emails.eddie);
    await page.goto(`/p/${projectId}/evidence`);
    await page
      .getByRole('checkbox', { name: new RegExp(`: ${QUOTES.checklist.slice(0, 30)}`) })
      .check();
    const toggle = page.getByRole('button', { name: 'Add 1 highlight to insight' });
    const find = page.getByRole('searchbox', { name: 'Find an insight' });
    // The picker opens on its search; Escape closes it and gives the focus back to its button.
    await toggle.click();
    await focused(find);
    await page.keyboard.press('Escape');
    await find.waitFor({ state: 'detached' });
    await focused(toggle);
    await expect(toggle.getAttribute('aria-expanded')).resolves.toBe('false');
    await page.keyboard.press('Enter');
    await find.fill('setup');
    await page.getByRole('button', { name: /^Small teams stall at setup/ }).click();
    const added = await visible(
      page.getByRole('status').filter({ hasText: 'Added 1 highlight to' }),
    );
    await added.getByRole('link', { name: 'Small teams stall at setup' }).click();
    await page.waitForURL(`**/p/${projectId}/insights/${insightId}`);
    await visible(page.getByTestId('insight-evidence-count').filter({ hasText: '3 highlights' }));
    const ids = (await readInsight(insightId)).insight.evidence.map((e) => e.highlight.id);
    expect(ids).toEqual([highlights.slow, highlights.confusing, highlights.checklist]);

    // Tagged from the project's codebook. On a slow network the codebook arrives after the
    // researcher has typed and pressed Enter: the choice waits for it and is not lost.
    const isTagsRead = (body: string | null) => !!body?.includes('"operationName":"ProjectTags"');
    let release = () => {};
    const held = new Promise<void>((resolve) => (release = resolve));
    await page.route('**/graphql', async (route) => {
      if (isTagsRead(route.request().postData())) await held;
      await route.continue();
    });
    await page.getByRole('button', { name: 'Add tag' }).click();
    await page.getByRole('combobox', { name: 'Tag this insight' }).fill('Setup');
    await visible(
      page.getByRole('listbox', { name: 'Tag this insight' }).getByText('Loading tags…'),
    );
    await page.keyboard.press('Enter');
    const tagsRead = page.waitForResponse((r) => isTagsRead(r.request().postData()));
    release();
    await tagsRead;
    await page.unroute('**/graphql');
    await visible(page.getByRole('button', { name: 'Remove tag Setup' }));
    await eventually(
      () =>
        olga.call<{ insight: { tags: { name: string }[] } }>(
          `query ($id: ID!) { insight(id: $id) { tags { name } } }`,
          { id: insightId },
        ),
      (r) => expect(r.insight.tags.map((t) => t.name)).toEqual(['Setup']),
    );

    // And by searching the project's highlights from the insight itself; then taken off again.
    await page.getByRole('searchbox', { name: "Search this project's highlights" }).fill('price');
    await page.getByRole('button', { name: 'Find' }).click();
    await page.getByRole('button', { name: /^Add to evidence: .*too expensive/ }).click();
    await visible(page.getByTestId('insight-evidence-count').filter({ hasText: '4 highlights' }));
    await page.getByRole('button', { name: `Remove from evidence: ${QUOTES.price}` }).click();
    await visible(page.getByTestId('insight-evidence-count').filter({ hasText: '3 highlights' }));
    await page.close();
  });

  it('lets a colleague find it by a word of its body, open it and follow a quote into the reader', async () => {
    const page = await openAs(emails.vera);
    await page.goto(`/w/${workspaceId}`);
    await page.getByRole('main').getByRole('link', { name: 'Insights' }).click();
    await page.waitForURL(`**/w/${workspaceId}/insights`);
    // Newest first, 20 at a time.
    await visible(page.getByTestId('insight-count').filter({ hasText: '22 insights' }));
    const rows = page.locator('li.insight-row');
    await expect(rows.count()).resolves.toBe(20);
    await page.getByRole('button', { name: 'Load more' }).click();
    await visible(rows.nth(21));
    await expect(rows.count()).resolves.toBe(22);
    expect(await violations(page)).toEqual([]);

    // "checklist" finds "checklists" in the body; the restricted project's insight stays hidden.
    await page.getByRole('searchbox', { name: 'Search insights' }).fill('checklist');
    await page.getByRole('button', { name: 'Search', exact: true }).click();
    await page.waitForURL(/[?&]q=checklist/);
    await visible(page.getByTestId('insight-count').filter({ hasText: '1 match' }));
    const row = page.locator('li.insight-row');
    await expect(row.count()).resolves.toBe(1);
    await visible(row.getByRole('link', { name: 'Small teams stall at setup' }));
    await visible(row.getByText('Churn study'));
    await visible(row.getByText('Eddie Editor'));
    await visible(row.getByText('Published'));
    await visible(row.getByText('3 highlights · 2 participants · 2 interviews'));
    await visible(row.getByText(/Small teams stall in their first week: without onboarding/));
    expect(await page.getByText('The board wants a checklist before renewal').count()).toBe(0);
    await screenshot(page, 'insights-search.png', true);
    expect(await violations(page)).toEqual([]);

    // Filters go into the address too, and Back undoes them.
    await page.getByRole('combobox', { name: /Status/ }).selectOption('DRAFT');
    await page.waitForURL(/status=draft/);
    await visible(page.getByText('No insight matches “checklist”'));
    await page.goBack();
    await page.waitForURL((url) => !url.search.includes('status='));
    await visible(page.getByTestId('insight-count').filter({ hasText: '1 match' }));
    // A link reproduces the view.
    await page.goto(page.url());
    await visible(page.getByTestId('insight-count').filter({ hasText: '1 match' }));
    await expect(
      page.getByRole('searchbox', { name: 'Search insights' }).inputValue(),
    ).resolves.toBe('checklist');

    await page.getByRole('link', { name: 'Small teams stall at setup' }).click();
    await visible(page.getByRole('heading', { name: 'Small teams stall at setup', level: 1 }));
    // A viewer reads; she cannot edit.
    expect(await page.getByRole('button', { name: 'Edit', exact: true }).count()).toBe(0);
    const quote = page.locator('li.quote', { hasText: QUOTES.confusing });
    const link = quote.getByRole('link', { name: /Open in transcript/ });
    const href = new URL((await link.getAttribute('href')) ?? '', baseUrl());
    const leo = interviews['Interview with Leo']!;
    const turn = leo.segments.find((s) => s.text.includes(QUOTES.confusing))!.index;
    expect(href.pathname).toBe(`/t/${leo.transcriptId}`);
    expect(href.searchParams.get('turn')).toBe(String(turn));
    expect(href.searchParams.get('highlight')).toBe(highlights.confusing);
    await link.click();
    await page.waitForURL(`**/t/${leo.transcriptId}?**`);
    const panel = await visible(page.getByRole('complementary', { name: 'Highlight' }));
    await visible(panel.getByText(QUOTES.confusing, { exact: false }));
    await eventually(
      () => turnInView(page, QUOTES.confusing),
      (v) => expect(v).toBe(true),
    );
    await screenshot(page, 'insight-evidence-in-reader.png');
    await page.close();
  });

  it('writes a new insight from the project’s tab of the repository, and deletes it', async () => {
    const page = await openAs(emails.eddie);
    await page.goto(`/p/${projectId}`);
    await page
      .getByRole('navigation', { name: 'Project views' })
      .getByRole('link', { name: 'Insights' })
      .click();
    // The project's tab is the workspace's repository, filtered by the project.
    await page.waitForURL(`**/w/${workspaceId}/insights?project=${projectId}`);
    await visible(page.getByTestId('insight-count').filter({ hasText: '1 insight' }));
    // The project's tags narrow it further, in the address too.
    await page.getByRole('combobox', { name: /Tag/ }).selectOption({ label: 'Pricing' });
    await page.waitForURL(/[?&]tag=/);
    await visible(page.getByText('No insight matches these filters'));
    await page.getByRole('button', { name: 'Remove tag filter Pricing' }).click();
    await page.getByRole('combobox', { name: /Tag/ }).selectOption({ label: 'Setup' });
    await visible(page.getByTestId('insight-count').filter({ hasText: '1 insight' }));
    await page.getByRole('button', { name: 'New insight' }).click();
    const form = await visible(page.getByRole('region', { name: 'New insight' }));
    await expect(form.getByRole('combobox', { name: 'Project' }).inputValue()).resolves.toBe(
      projectId,
    );
    expect(await violations(page)).toEqual([]);
    await form.getByRole('textbox', { name: 'Finding' }).fill('Price rises drive cancellations');
    await form.getByRole('textbox', { name: /Argument/ }).fill('Leo left over _yearly_ rises.');
    await form.getByRole('button', { name: 'Create insight' }).click();
    await visible(page.getByRole('heading', { name: 'Price rises drive cancellations', level: 1 }));
    await visible(page.locator('vb-insight-status').filter({ hasText: 'Draft' }));
    await visible(page.getByTestId('insight-body').locator('em', { hasText: 'yearly' }));
    const created = page.url().split('/').pop()!;

    await page.getByRole('button', { name: 'Delete this insight' }).click();
    await page
      .getByRole('group', { name: 'Delete this insight?' })
      .getByRole('button', { name: 'Delete insight' })
      .click();
    await page.waitForURL(`**/w/${workspaceId}/insights?project=${projectId}`);
    await visible(page.getByTestId('insight-count').filter({ hasText: '1 insight' }));
    await expect(
      olga.call(`query ($id: ID!) { insight(id: $id) { id } }`, { id: created }),
    ).rejects.toThrow(/NOT_FOUND|not found/i);
    await page.close();
  });

  it('hides a restricted project’s insight from a member who is not in it', async () => {
    const all = await olga.call<{ insights: { totalCount: number } }>(
      `query ($f: InsightFilter!) { insights(filter: $f) { totalCount } }`,
      { f: { workspaceId, query: 'checklist' } },
    );
    expect(all.insights.totalCount).toBe(2);
    const page = await openAs(emails.vera);
    await page.goto(`/w/${workspaceId}/insights?q=renewal`);
    await visible(page.getByText('No insight matches “renewal”'));
    await page.goto(`/p/${secretProjectId}/insights/${secretInsightId}`);
    await visible(page.getByTestId('not-found'));
    expect(await page.getByText('Confidential').count()).toBe(0);
    await page.close();
    expect(pageErrors).toEqual([]);
  });
});
