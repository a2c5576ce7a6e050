import type { Browser, Page } from 'playwright-core';
import { focused, graphql, launchBrowser, openPage, screenshot, visible } from './support/browser';
import { type Call, waitUntilReady } from './support/seed';

// A transcript's language decides how search stems its words. This one is too short for
// detection, so search matches exact words only until an editor sets its language in the UI.

const PASSWORD = 'correct horse battery';
const TITLE = 'Kurzes Gespräch';
const SHORT_GERMAN = [
  'Interviewerin: Und danach?',
  'Jonas: Die Rechnungen kamen zu spät.',
  'Interviewerin: Warum?',
  'Jonas: Keine Ahnung.',
].join('\n');

async function search(page: Page, projectId: string, query: string): Promise<void> {
  await page.goto(`/p/${projectId}`);
  await page.getByLabel('Search this project').fill(query);
  await page.keyboard.press('Enter');
  await page.waitForURL(`**/p/${projectId}/search?q=${query}`);
}

describe('transcript language', () => {
  const email = `lena+${Date.now()}@example.com`;
  let browser: Browser;
  let page: Page;
  let pageErrors: string[];
  let projectId = '';
  let transcriptId = '';

  beforeAll(async () => {
    const { signUp } = await graphql<{ signUp: { token: string } }>(
      `
        mutation ($input: SignUpInput!) {
          signUp(input: $input) {
            token
          }
        }
      `,
      { input: { email, password: PASSWORD, name: 'Lena Language' } },
    );
    const call: Call = (query, variables = {}) => graphql(query, variables, signUp.token);
    const { createWorkspace } = await call<{ createWorkspace: { id: string } }>(
      `mutation ($input: CreateWorkspaceInput!) { createWorkspace(input: $input) { id } }`,
      { input: { name: 'Berlin research' } },
    );
    const { createProject } = await call<{ createProject: { id: string } }>(
      `mutation ($input: CreateProjectInput!) { createProject(input: $input) { id } }`,
      { input: { workspaceId: createWorkspace.id, name: 'Ausgaben' } },
    );
    projectId = createProject.id;
    const { importTranscript } = await call<{ importTranscript: { id: string } }>(
      `mutation ($input: ImportTranscriptInput!) { importTranscript(input: $input) { id } }`,
      { input: { projectId, filename: 'kurz.txt', title: TITLE, content: SHORT_GERMAN } },
    );
    transcriptId = importTranscript.id;
    await waitUntilReady(call, transcriptId);

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

  it('finds no plural for a singular while the transcript has no language', async () => {
    await search(page, projectId, 'Rechnung');
    await visible(page.getByTestId('result-count').filter({ hasText: '0 results' }));
  });

  it('shows the language on the project page and lets an editor set it with the keyboard', async () => {
    await page.goto(`/p/${projectId}`);
    const row = page.locator(`tr[data-transcript-id="${transcriptId}"]`);
    await visible(row.getByTestId('language-label').getByText('No language', { exact: false }));
    await row.getByRole('button', { name: `Change the language of ${TITLE}` }).click();
    // By role: a label lookup would also match the button "Change the language of …" while it is
    // still on its way out of the page.
    const select = row.getByRole('combobox', { name: `Language of ${TITLE}` });
    await focused(select);
    await select.selectOption({ label: 'German' });
    await visible(row.getByTestId('language-label').getByText('Set by hand: German'));
    await screenshot(page, 'language-project.png');
  });

  it('then search finds the plural "Rechnungen" for "Rechnung"', async () => {
    await search(page, projectId, 'Rechnung');
    await visible(page.locator('li.hit .snippet mark', { hasText: 'Rechnungen' }));
    await screenshot(page, 'language-search.png');
  });

  it('shows the language in the reader header and goes back to automatic there', async () => {
    await page.goto(`/t/${transcriptId}`);
    const header = page.locator('.reader-header');
    await visible(header.getByText('Set by hand: German'));
    // Only a button until asked: the reader has no select that nobody opened.
    expect(await header.getByRole('combobox').count()).toBe(0);
    await header.getByRole('button', { name: `Change the language of ${TITLE}` }).click();
    await header
      .getByRole('combobox', { name: `Language of ${TITLE}` })
      .selectOption({ label: 'Detect automatically' });
    await visible(header.getByText('No language', { exact: false }));
  });

  it('sets the project default, which a transcript without a language follows', async () => {
    await page.goto(`/p/${projectId}`);
    const settings = page.getByRole('complementary', { name: 'Search language' });
    await settings.getByLabel('Default language').selectOption({ label: 'German' });
    await visible(settings.getByText('Saved.', { exact: false }));
    const row = page.locator(`tr[data-transcript-id="${transcriptId}"]`);
    await visible(row.getByText('Project default: German'), 30_000);
    await search(page, projectId, 'Rechnung');
    await visible(page.locator('li.hit .snippet mark', { hasText: 'Rechnungen' }));
    expect(pageErrors).toEqual([]);
  });
});
