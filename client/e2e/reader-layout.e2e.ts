import type { Browser, BrowserContext, Page } from 'playwright-core';
import { baseUrl, launchBrowser, screenshot, visible } from './support/browser';
import {
  type Person,
  type Segment,
  createProject,
  createTag,
  highlightWords,
  importText,
  logIn,
  signUp,
} from './support/seed';

// The reader at a phone's, a laptop's and a desktop's width: the highlight panel and the tag
// picker never cover the words they are about, and on a phone one can read, search, select and tag.

const TURNS = 40;
const INTERVIEW = Array.from({ length: TURNS }, (_, i) =>
  i % 2 === 0
    ? `Interviewer: Question ${i / 2 + 1}: how did the week go with the new planning board?`
    : `Mia: Answer ${(i + 1) / 2}: the planning board saved us time on Mondays, although the ` +
      'export to spreadsheets still breaks our formulas and the team keeps asking for a calendar view.',
).join('\n');

interface Box {
  left: number;
  top: number;
  right: number;
  bottom: number;
}

const overlaps = (a: Box, b: Box) =>
  a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;

/** The on-screen boxes of a highlight's runs (or of the pending selection's). */
function runBoxes(page: Page, selector: string): Promise<Box[]> {
  return page.locator(selector).evaluateAll((els) =>
    els.flatMap((el) =>
      Array.from(el.getClientRects(), (r) => ({
        left: r.left,
        top: r.top,
        right: r.right,
        bottom: r.bottom,
      })),
    ),
  );
}

async function boxOf(page: Page, selector: string): Promise<Box> {
  const box = await page.locator(selector).first().boundingBox();
  if (!box) throw new Error(`${selector} is not on screen`);
  return { left: box.x, top: box.y, right: box.x + box.width, bottom: box.y + box.height };
}

/** The words are on screen, inside the transcript's visible part, and nothing given covers them. */
async function expectReadable(page: Page, words: Box[], covers: Box[]): Promise<void> {
  expect(words.length).toBeGreaterThan(0);
  const list = await boxOf(page, 'cdk-virtual-scroll-viewport');
  for (const w of words) {
    expect(w.top).toBeGreaterThanOrEqual(list.top - 1);
    expect(w.bottom).toBeLessThanOrEqual(list.bottom + 1);
    expect(w.left).toBeGreaterThanOrEqual(0);
    expect(w.right).toBeLessThanOrEqual(page.viewportSize()!.width + 1);
    for (const c of covers) expect(overlaps(w, c)).toBe(false);
  }
}

/** Selects words of a turn as a reader does (a drag, or a long press then handles on a phone). */
async function selectWords(page: Page, turn: Segment, words: string): Promise<void> {
  await page.evaluate(
    ([index, needle]) => {
      const text = document.querySelector(`article[data-index="${index}"] [data-turn-text]`)!;
      text.scrollIntoView({ block: 'center' });
      const node = Array.from(text.childNodes).find((n) => n.textContent?.includes(needle))!;
      const start = node.textContent!.indexOf(needle);
      const target = node.nodeType === Node.TEXT_NODE ? node : node.firstChild!;
      document.getSelection()!.setBaseAndExtent(target, start, target, start + needle.length);
    },
    [turn.index, words] as const,
  );
}

describe('the reader at every width', () => {
  const stamp = Date.now();
  const email = `lena+${stamp}@example.com`;
  let browser: Browser;
  let owner: Person;
  let transcriptId = '';
  let projectId = '';
  let segments: Segment[] = [];
  let highlightId = '';

  beforeAll(async () => {
    owner = await signUp(email, 'Lena Layout');
    ({ projectId } = await createProject(owner, 'Planning board'));
    ({ transcriptId, segments } = await importText(owner, projectId, 'Mia', INTERVIEW));
    const tag = await createTag(owner, projectId, 'Exports');
    highlightId = await highlightWords(
      owner,
      transcriptId,
      segments.slice(30),
      'export to spreadsheets still breaks our formulas',
      [tag],
    );
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
  });

  async function openAt(width: number, height: number, touch = false): Promise<Page> {
    const context: BrowserContext = await browser.newContext({
      baseURL: baseUrl(),
      viewport: { width, height },
      hasTouch: touch,
      isMobile: touch,
    });
    const page = await context.newPage();
    page.setDefaultTimeout(20_000);
    await logIn(page, email);
    return page;
  }

  for (const [width, height] of [
    [1280, 800],
    [1440, 900],
    [390, 844],
  ] as const) {
    it(`at ${width} px keeps an opened highlight's words in view beside its panel`, async () => {
      const page = await openAt(width, height, width < 500);
      await page.goto(`/t/${transcriptId}?highlight=${highlightId}`);
      const panel = await visible(page.getByRole('complementary', { name: 'Highlight' }));
      await panel.getByText('Exports').waitFor();
      await page.waitForTimeout(400); // the scroll to the highlight settles
      await screenshot(page, `reader-${width}-panel.png`);
      await expectReadable(page, await runBoxes(page, `[data-h~="${highlightId}"]`), [
        await boxOf(page, 'vb-highlight-panel aside'),
      ]);
      await page.context().close();
    });

    it(`at ${width} px keeps the selected words in view beside the tag picker, and tags them`, async () => {
      const page = await openAt(width, height, width < 500);
      await page.goto(`/t/${transcriptId}`);
      await page.locator('[data-highlights-loaded="true"]').waitFor();
      const turn = segments[21]!;
      await selectWords(page, turn, 'saved us time on Mondays');
      if (width < 500) {
        // No mouse button goes up after a touch selection: the reader offers to tag it.
        await (await visible(page.getByRole('button', { name: 'Tag selection' }))).tap();
      } else {
        await page
          .locator(`article[data-index="${turn.index}"] [data-turn-text]`)
          .dispatchEvent('mouseup');
      }
      const picker = await visible(page.getByRole('combobox', { name: 'Tag this highlight' }));
      await screenshot(page, `reader-${width}-picker.png`);
      await expectReadable(page, await runBoxes(page, '[data-h~="pending"]'), [
        await boxOf(page, 'vb-tag-picker'),
      ]);
      await picker.fill(`Time saved ${width}`);
      await page.keyboard.press('Enter');
      await picker.waitFor({ state: 'detached' });
      await visible(page.locator(`article[data-index="${turn.index}"] .run--hl`));
      await page.context().close();
    });
  }

  it('lets a phone reader search the project and open a result in the reader', async () => {
    const page = await openAt(390, 844, true);
    await page.goto(`/p/${projectId}/search?q=formulas`);
    const result = await visible(page.getByRole('link', { name: /formulas/ }));
    await screenshot(page, 'search-390.png');
    const box = (await result.boundingBox())!;
    expect(box.x).toBeGreaterThanOrEqual(0);
    expect(box.x + box.width).toBeLessThanOrEqual(391);
    const scrollsSideways = await page.evaluate(
      () => document.documentElement.scrollWidth > document.documentElement.clientWidth,
    );
    expect(scrollsSideways).toBe(false);
    await result.tap();
    await page.waitForURL(/\/t\//);
    await visible(page.locator('.run--match'));
    await page.context().close();
  });
});
