import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import mammoth from 'mammoth';
import type { Browser, Locator, Page } from 'playwright-core';
import { focused, launchBrowser, openPage, screenshot, visible } from './support/browser';
import { eventually, violations } from './support/checks';
import {
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

// Reports: an owner builds a report from an insight and a board theme, reorders its sections by
// keyboard and by dragging (and meets a colleague's change), watches the preview follow, exports
// it as PDF and Word and reads the files back, shares it through a link a signed-out browser
// opens, and turns the link off; a viewer reads the report without the builder's controls.

const MIA = [
  'Interviewer: How did the first days go?',
  'Mia: The onboarding checklist helped and the setup guide walked us through inviting the team.',
  'Interviewer: Anything about the price?',
  'Mia: The price was too expensive for our small team and the monthly plan cost too much.',
].join('\n');

const LEO = [
  'Interviewer: How did the first week go?',
  'Leo: The first week was confusing, we never found the import and gave up on setup twice.',
  'Interviewer: And the price?',
  'Leo: We cancelled because the subscription price kept rising every year.',
].join('\n');

const QUOTES = {
  checklist:
    'The onboarding checklist helped and the setup guide walked us through inviting the team.',
  confusing: 'The first week was confusing, we never found the import and gave up on setup twice.',
  price: 'The price was too expensive for our small team and the monthly plan cost too much.',
  rising: 'We cancelled because the subscription price kept rising every year.',
};

const INSIGHT = 'Price drives small teams away';
const THEME = 'Setup friction';
const REPORT = 'What we learned about churn';
const SUMMARY = 'Summary for the leadership team';

interface ReportRead {
  report: { id: string; version: number; sections: { id: string; kind: string }[] };
}

describe('reports: build, reorder, preview, export and share', () => {
  const stamp = Date.now();
  const emails = { olga: `olga+rep${stamp}@example.com`, vera: `vera+rep${stamp}@example.com` };
  let browser: Browser;
  let olga: Person;
  let vera: Person;
  let projectId = '';
  let reportId = '';
  let shareUrl = '';
  const pageErrors: string[] = [];

  const readReport = () =>
    olga.call<ReportRead>(
      `query ($id: ID!) { report(id: $id) { id version sections { id kind } } }`,
      { id: reportId },
    );

  async function openAs(email: string | null, width?: number): Promise<Page> {
    const { page, pageErrors: errors } = await openPage(browser);
    if (width) await page.setViewportSize({ width, height: 900 });
    page.on('close', () => pageErrors.push(...errors));
    if (email) await logIn(page, email);
    return page;
  }

  /** The kinds of the sections in the order the builder shows them. */
  const shownKinds = (page: Page) =>
    page
      .locator('ol.sections > li vb-report-section .kind')
      .allTextContents()
      .then((all) => all.map((k) => k.trim()));

  /** The preview's text: the report as the export renders it, inside the sandboxed iframe. */
  const previewText = (page: Page) =>
    page.frameLocator('iframe[data-testid="report-preview"]').locator('body').innerText();

  const section = (page: Page, kind: string) =>
    page.locator('ol.sections > li').filter({ has: page.locator('.kind', { hasText: kind }) });

  /** Drags with the mouse in small steps, as CDK drag and drop needs to see a drag. */
  async function drag(page: Page, handle: Locator, target: Locator): Promise<void> {
    const a = (await handle.boundingBox())!;
    const b = (await target.boundingBox())!;
    await page.mouse.move(a.x + a.width / 2, a.y + a.height / 2);
    await page.mouse.down();
    await page.mouse.move(a.x + a.width / 2 + 4, a.y + a.height / 2 - 6, { steps: 4 });
    await page.mouse.move(b.x + 20, b.y + 4, { steps: 25 });
    await page.mouse.move(b.x + 20, b.y + 2, { steps: 3 });
    await page.mouse.up();
  }

  beforeAll(async () => {
    olga = await signUp(emails.olga, 'Olga Owner');
    vera = await signUp(emails.vera, 'Vera Viewer');
    let workspaceId: string;
    ({ workspaceId, projectId } = await createProject(olga, 'Churn study'));
    await addMember(olga, workspaceId, vera, 'VIEWER');
    const setup = await createTag(olga, projectId, 'Setup');
    const pricing = await createTag(olga, projectId, 'Pricing');
    const { highlights } = await highlightInterviews(
      olga,
      projectId,
      { 'Interview with Mia': MIA, 'Interview with Leo': LEO },
      QUOTES,
      (key) => (key === 'price' || key === 'rising' ? pricing : setup),
    );
    await olga.call(`mutation ($i: CreateInsightInput!) { createInsight(input: $i) { id } }`, {
      i: {
        projectId,
        title: INSIGHT,
        body: 'Small teams leave when the **price** rises.',
        highlightIds: [highlights.price, highlights.rising],
      },
    });
    const boardId = await createBoard(olga, projectId, 'Why teams leave');
    const themeId = await createTheme(olga, boardId, THEME, 'People get lost setting up.');
    await addCards(olga, boardId, [highlights.checklist, highlights.confusing], themeId);
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    expect(pageErrors).toEqual([]);
  });

  it('builds a report from an insight, a theme and text, with the quotes chosen', async () => {
    const page = await openAs(emails.olga);
    await page.goto(`/p/${projectId}`);
    await page
      .getByRole('navigation', { name: 'Project views' })
      .getByRole('link', { name: 'Reports' })
      .click();
    await page.waitForURL(`**/p/${projectId}/reports`);
    await page.getByLabel('Title').fill(REPORT);
    await page.getByRole('button', { name: 'Create report' }).click();
    await page.waitForURL(/\/reports\/[^/]+$/);
    reportId = page.url().split('/').pop()!;
    await visible(page.getByRole('heading', { level: 1, name: REPORT }));
    await eventually(
      () => page.title(),
      (t) => expect(t).toContain(REPORT),
    );

    // The insight, showing only one of its two evidence quotes.
    await page.getByLabel('Kind of section').selectOption('INSIGHT');
    await page.getByLabel('Insight', { exact: true }).selectOption({ label: INSIGHT });
    await page.getByRole('checkbox', { name: new RegExp(QUOTES.price.slice(0, 30)) }).check();
    await page.getByRole('button', { name: 'Add section' }).click();
    await visible(section(page, 'Insight').getByText(QUOTES.price));
    await expect(section(page, 'Insight').getByText(QUOTES.rising).count()).resolves.toBe(0);

    // The theme, with all its cards' quotes (none ticked).
    await page.getByLabel('Kind of section').selectOption('THEME');
    await page.getByLabel('Board').selectOption({ label: 'Why teams leave' });
    await page.getByLabel('Theme', { exact: true }).selectOption({ label: THEME });
    await page.getByRole('button', { name: 'Add section' }).click();
    await visible(section(page, 'Theme').getByText(QUOTES.confusing));

    // Markdown text, last.
    await page.getByLabel('Kind of section').selectOption('TEXT');
    await page
      .getByLabel('Text (Markdown)')
      .fill(`## ${SUMMARY}\n\nPrice and setup, in that order.`);
    await page.getByRole('button', { name: 'Add section' }).click();
    await visible(section(page, 'Text').getByRole('heading', { name: SUMMARY }));
    await eventually(
      () => shownKinds(page),
      (k) => expect(k).toEqual(['Insight', 'Theme', 'Text']),
    );

    // The preview follows: the export's HTML with all three, the insight first.
    await eventually(
      () => previewText(page),
      (text) => {
        expect(text).toContain(SUMMARY);
        expect(text.indexOf(INSIGHT)).toBeLessThan(text.indexOf(SUMMARY));
      },
      15_000,
    );
    await screenshot(page, 'report-builder.png', true);
    expect(await violations(page)).toEqual([]);
    await page.close();
  });

  it('reorders by keyboard and by dragging, keeps the focus, and reloads after a colleague’s move', async () => {
    const page = await openAs(emails.olga);
    await page.goto(`/p/${projectId}/reports/${reportId}`);
    await eventually(
      () => shownKinds(page),
      (k) => expect(k).toEqual(['Insight', 'Theme', 'Text']),
    );

    // Keyboard: the text's handle, ArrowUp twice: first; the focus stays on its handle.
    const textHandle = section(page, 'Text').locator('[data-control="handle"]');
    await textHandle.focus();
    await page.keyboard.press('ArrowUp');
    await eventually(
      () => shownKinds(page),
      (k) => expect(k).toEqual(['Insight', 'Text', 'Theme']),
    );
    await focused(section(page, 'Text').locator('[data-control="handle"]'));
    await page.keyboard.press('ArrowUp');
    await eventually(
      () => shownKinds(page),
      (k) => expect(k).toEqual(['Text', 'Insight', 'Theme']),
    );
    await focused(section(page, 'Text').locator('[data-control="handle"]'));
    await eventually(
      () => readReport(),
      ({ report }) =>
        expect(report.sections.map((s) => s.kind)).toEqual(['TEXT', 'INSIGHT', 'THEME']),
    );
    await eventually(
      () => previewText(page),
      (text) => expect(text.indexOf(SUMMARY)).toBeLessThan(text.indexOf(INSIGHT)),
      15_000,
    );

    // Dragging: the theme by its handle to the top.
    await drag(
      page,
      section(page, 'Theme').locator('[data-control="handle"]'),
      section(page, 'Text'),
    );
    await eventually(
      () => shownKinds(page),
      (k) => expect(k).toEqual(['Theme', 'Text', 'Insight']),
    );
    await eventually(
      () => readReport(),
      ({ report }) =>
        expect(report.sections.map((s) => s.kind)).toEqual(['THEME', 'TEXT', 'INSIGHT']),
    );
    await eventually(
      () => previewText(page),
      (text) => expect(text.indexOf(THEME)).toBeLessThan(text.indexOf(SUMMARY)),
      15_000,
    );
    await screenshot(page, 'report-reordered.png', true);

    // A colleague moves the insight first meanwhile; this page still shows the old order.
    const { report } = await readReport();
    const insight = report.sections.find((s) => s.kind === 'INSIGHT')!;
    await olga.call(
      `mutation ($i: MoveReportSectionInput!) { moveReportSection(input: $i) { id } }`,
      { i: { sectionId: insight.id, afterSectionId: null, version: report.version } },
    );
    await section(page, 'Theme').getByRole('button', { name: /down$/ }).click();
    await visible(page.getByText('Someone else changed this report; here is its current order.'));
    await eventually(
      () => shownKinds(page),
      (k) => expect(k).toEqual(['Insight', 'Theme', 'Text']),
    );
    await screenshot(page, 'report-conflict.png');

    // Pseudonyms: the preview names nobody, and names them again once turned off.
    const pseudonyms = page.getByRole('switch', { name: 'Show participants as pseudonyms' });
    await pseudonyms.check();
    await eventually(
      () => previewText(page),
      (text) => {
        expect(text).toMatch(/Participant [A-Z]/);
        expect(text).not.toMatch(/\bMia\b/);
      },
      15_000,
    );
    await screenshot(page, 'report-pseudonyms.png');
    await pseudonyms.uncheck();
    await eventually(
      () => previewText(page),
      (text) => expect(text).toMatch(/\bMia\b/),
      15_000,
    );
    await page.close();
  });

  it('shares the report through a link a signed-out browser opens, until it is turned off', async () => {
    const page = await openAs(emails.olga, 390);
    await page.goto(`/p/${projectId}/reports/${reportId}`);
    await page.getByRole('radio', { name: '7 days' }).check();
    await page.getByRole('button', { name: 'Create link' }).click();
    const url = page.getByLabel(/Share link, shown only now/);
    await visible(url);
    shareUrl = await url.inputValue();
    expect(shareUrl).toMatch(/\/r\/[A-Za-z0-9_-]{20,}$/);
    await visible(page.getByRole('button', { name: 'Copy link' }));
    await visible(page.locator('.links li', { hasText: 'Live' }));
    await screenshot(page, 'report-share.png');

    const token = shareUrl.split('/r/').pop()!;
    const visitor = await openAs(null, 390);
    await visitor.goto(`/r/${token}`);
    await visible(visitor.getByRole('heading', { level: 1, name: REPORT }));
    await visible(visitor.getByText(QUOTES.price));
    await visible(visitor.getByText(QUOTES.confusing));
    await visible(visitor.getByText('Interview with Mia').first());
    expect(await visitor.title()).toBe(REPORT);
    // Nothing of the app: no navigation, no link into it.
    expect(await visitor.locator('nav, a[href^="/"]').count()).toBe(0);
    await screenshot(visitor, 'report-shared-390.png', true);
    expect(await violations(visitor)).toEqual([]);

    await page.getByRole('button', { name: /^Revoke share link/ }).click();
    await page.getByRole('button', { name: 'Turn this link off' }).click();
    await visible(page.locator('.links li', { hasText: 'Turned off' }));

    await visitor.reload();
    await visible(visitor.getByRole('heading', { name: 'This link was turned off' }));
    await expect(visitor.getByText(QUOTES.price).count()).resolves.toBe(0);
    await screenshot(visitor, 'report-share-revoked.png');
    await visitor.goto('/r/no-such-token-at-all');
    await visible(visitor.getByRole('heading', { name: 'This link does not exist' }));
    await visitor.close();
    await page.close();
  });

  it('shows a viewer the report without the builder', async () => {
    const page = await openAs(emails.vera, 390);
    await page.goto(`/p/${projectId}/reports/${reportId}`);
    await visible(page.getByRole('heading', { level: 1, name: REPORT }));
    await visible(page.getByText(QUOTES.price).first());
    await eventually(
      () => previewText(page),
      (text) => expect(text).toContain(REPORT),
      15_000,
    );
    await expect(page.locator('[data-control="handle"]').count()).resolves.toBe(0);
    await expect(page.getByRole('button', { name: 'Add section' }).count()).resolves.toBe(0);
    await expect(
      page.getByRole('switch', { name: 'Show participants as pseudonyms' }).isDisabled(),
    ).resolves.toBe(true);
    await screenshot(page, 'report-viewer-390.png', true);
    await page.close();
  });

  it('adds quotes found by search and a chart, and removes a section with the focus kept', async () => {
    const page = await openAs(emails.olga, 390);
    await page.goto(`/p/${projectId}/reports/${reportId}`);
    await eventually(
      () => shownKinds(page),
      (k) => expect(k).toHaveLength(3),
    );

    await page.getByLabel('Kind of section').selectOption('QUOTES');
    await page.getByLabel("Search this project's highlights").fill('subscription');
    await page.getByRole('button', { name: 'Find' }).click();
    await page.getByRole('checkbox', { name: /subscription price kept rising/ }).check();
    await page.getByRole('button', { name: 'Add section' }).click();
    await visible(section(page, 'Quotes').getByText(QUOTES.rising));
    await focused(section(page, 'Quotes').locator('[data-control="handle"]'));

    await page.getByLabel('Kind of section').selectOption('CHART');
    await page.getByLabel('Chart', { exact: true }).selectOption('TAG_FREQUENCY');
    await page.getByRole('button', { name: 'Add section' }).click();
    const chart = section(page, 'Chart').locator('img.chart');
    await visible(chart);
    expect(await chart.getAttribute('src')).toMatch(/^data:image\/svg\+xml/);
    await eventually(
      () => shownKinds(page),
      (k) => expect(k).toHaveLength(5),
    );
    await screenshot(page, 'report-builder-390.png', true);

    // Removing the quotes section (asked twice) gives the focus to the chart that took its place.
    await section(page, 'Quotes')
      .getByRole('button', { name: /^Remove quotes/ })
      .click();
    await page.getByRole('button', { name: 'Remove section' }).click();
    await eventually(
      () => shownKinds(page),
      (k) => expect(k).toEqual(['Insight', 'Theme', 'Text', 'Chart']),
    );
    await focused(section(page, 'Chart').locator('[data-control="handle"]'));

    // The text edited in place, with its preview beside it while typing.
    await section(page, 'Text')
      .getByRole('button', { name: /^Edit text/ })
      .click();
    const field = page.getByLabel('Text (Markdown)').first();
    await focused(field);
    await field.fill(`## ${SUMMARY}\n\nPrice first, then **setup**.`);
    await visible(section(page, 'Text').locator('.text-preview strong', { hasText: 'setup' }));
    await page.getByRole('button', { name: 'Save text' }).click();
    await visible(section(page, 'Text').getByText('Price first, then'));

    // The theme shows only the quote chosen out of its cards.
    await section(page, 'Theme')
      .getByRole('button', { name: /^Choose quotes/ })
      .click();
    await section(page, 'Theme')
      .getByRole('checkbox', { name: /first week was confusing/ })
      .check();
    await page.getByRole('button', { name: 'Save quotes' }).click();
    await eventually(
      () => section(page, 'Theme').locator('blockquote').allTextContents(),
      (quotes) => expect(quotes).toEqual([`“${QUOTES.confusing}”`]),
    );
    await page.close();
  });

  it('exports the report as PDF and Word and downloads both', async () => {
    const page = await openAs(emails.olga, 390);
    await page.goto(`/p/${projectId}/reports/${reportId}`);
    const exports = page.getByRole('group', { name: 'Export this report as' });

    /** Starts the export, waits until it is ready, downloads it: the saved file's path. */
    async function download(label: string, extension: string): Promise<string> {
      await exports.getByRole('button', { name: label }).click();
      const button = page.getByRole('button', { name: new RegExp(`^Download .*\\.${extension}$`) });
      await visible(button, 90_000);
      const [file] = await Promise.all([page.waitForEvent('download'), button.click()]);
      expect(file.suggestedFilename()).toMatch(new RegExp(`\\.${extension}$`));
      return file.path();
    }

    const pdf = await download('PDF', 'pdf');
    expect(readFileSync(pdf).subarray(0, 4).toString('latin1')).toBe('%PDF');
    const pdfText = execFileSync('pdftotext', [pdf, '-']).toString('utf8');
    expect(pdfText.replace(/\s+/g, ' ')).toContain('The price was too expensive');

    const docx = await download('Word (.docx)', 'docx');
    expect(readFileSync(docx).subarray(0, 2).toString('latin1')).toBe('PK');
    const { value } = await mammoth.extractRawText({ path: docx });
    expect(value).toContain(QUOTES.confusing);
    expect(value).toContain(SUMMARY);
    await screenshot(page, 'report-exports-390.png', true);
    await page.close();
  });
});
