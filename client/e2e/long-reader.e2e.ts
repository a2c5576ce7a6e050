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

// A long transcript in the virtual list, whose turns vary in height and are measured as they
// render: jumping far down lands on the turn, words selected there are the words stored, and a
// highlight arriving above what one reads does not move it.

const TURNS = 2400;
const WORDS = 'the weekly report took ages because every chart had to be rebuilt by hand'.split(
  ' ',
);
const INTERVIEW = Array.from({ length: TURNS }, (_, i) => {
  const speaker = i % 2 === 0 ? 'Interviewer' : 'Rosa';
  const words = Array.from({ length: 4 + ((i * 13) % 70) }, (_, k) => WORDS[(i + k) % 14]);
  return `${speaker}: Turn ${i + 1} says ${words.join(' ')}.`;
}).join('\n');

const HIGHLIGHTS = `query ($projectId: ID!, $transcriptId: ID!) {
  highlights(filter: { projectId: $projectId, transcriptId: $transcriptId }, first: 50) {
    edges { node { id quote tags { name } } }
  }
}`;

/** The article of a turn, its top relative to the list's top (null when not rendered). */
function topInList(page: Page, index: number): Promise<number | null> {
  return page.evaluate((i) => {
    const list = document.querySelector('cdk-virtual-scroll-viewport')!.getBoundingClientRect();
    const turn = document.querySelector(`article[data-index="${i}"]`);
    return turn ? turn.getBoundingClientRect().top - list.top : null;
  }, index);
}

/** Selects `words` in turn `index` with the real mouse, from the first to the last letter. */
async function dragOver(page: Page, index: number, text: string, words: string): Promise<void> {
  const start = text.indexOf(words);
  const point = (offset: number) =>
    page.evaluate(
      ([i, at]) => {
        const el = document.querySelector(`article[data-index="${i}"] [data-turn-text]`)!;
        const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
        let left = at;
        for (let n = walker.nextNode() as Text | null; n; n = walker.nextNode() as Text | null) {
          if (left < n.data.length) {
            const range = document.createRange();
            range.setStart(n, left);
            range.setEnd(n, left + 1);
            const r = range.getBoundingClientRect();
            return { x: Math.round(r.left + r.width / 4), y: Math.round(r.top + r.height / 2) };
          }
          left -= n.data.length;
        }
        throw new Error(`no character ${at} in turn ${i}`);
      },
      [index, offset] as const,
    );
  const a = await point(start);
  const b = await point(start + words.length - 1);
  await page.mouse.move(a.x, a.y);
  await page.mouse.down();
  await page.mouse.move(b.x + 3, b.y, { steps: 10 });
  await page.mouse.up();
}

describe('a long transcript in the reader', () => {
  const stamp = Date.now();
  const email = `rosa+${stamp}@example.com`;
  let browser: Browser;
  let owner: Person;
  let projectId = '';
  let transcriptId = '';
  let late: Segment[] = [];
  let tagId = '';

  beforeAll(async () => {
    owner = await signUp(email, 'Rosa Scroll');
    ({ projectId } = await createProject(owner, 'Reporting study'));
    ({ transcriptId } = await importText(owner, projectId, 'Rosa', INTERVIEW));
    const { transcript } = await owner.call<{ transcript: { segments: Segment[] } }>(
      `query ($id: ID!) { transcript(id: $id) { segments(from: 2000, limit: 400) { id index text } } }`,
      { id: transcriptId },
    );
    late = transcript.segments;
    tagId = await createTag(owner, projectId, 'Manual work');
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
  });

  async function openAt(width: number, height: number): Promise<Page> {
    const context: BrowserContext = await browser.newContext({
      baseURL: baseUrl(),
      viewport: { width, height },
      hasTouch: width < 500,
      isMobile: width < 500,
    });
    const page = await context.newPage();
    page.setDefaultTimeout(20_000);
    await logIn(page, email);
    return page;
  }

  const turn = (index: number) => late.find((s) => s.index === index)!;

  it('opens a deep link near the end at that turn, and stores the words selected there', async () => {
    const page = await openAt(1360, 900);
    const target = turn(2350);
    await page.goto(`/t/${transcriptId}?turn=${target.index}`);
    await page.locator('[data-highlights-loaded="true"]').waitFor();
    await page.waitForFunction((i) => {
      const list = document.querySelector('cdk-virtual-scroll-viewport')!.getBoundingClientRect();
      const r = document.querySelector(`article[data-index="${i}"]`)?.getBoundingClientRect();
      return !!r && r.top >= list.top - 2 && r.top < list.top + 80;
    }, target.index);
    await page.waitForTimeout(300); // the list settles on the turn
    expect(await topInList(page, target.index)).toBeLessThan(80);

    const words = target.text.split(' ').slice(3, 8).join(' ');
    await dragOver(page, target.index, target.text, words);
    const picker = await visible(page.getByRole('combobox', { name: 'Tag this highlight' }));
    await picker.fill('Manual work');
    await page.keyboard.press('Enter');
    await picker.waitFor({ state: 'detached' });
    await visible(page.locator(`article[data-index="${target.index}"] .run--hl`));
    const { highlights } = await owner.call<{
      highlights: { edges: { node: { quote: string; tags: { name: string }[] } }[] };
    }>(HIGHLIGHTS, { projectId, transcriptId });
    expect(
      highlights.edges.map(({ node }) => ({ quote: node.quote, tags: node.tags })),
    ).toContainEqual({
      quote: words,
      tags: [{ name: 'Manual work' }],
    });
    await screenshot(page, 'reader-long-deep-link.png');
    await page.context().close();
  });

  it('keeps the turn being read still when a highlight arrives in a turn above it', async () => {
    const page = await openAt(1360, 900);
    const target = turn(2200);
    await page.goto(`/t/${transcriptId}?turn=${target.index}`);
    await page.locator('[data-highlights-loaded="true"]').waitFor();
    await page.waitForFunction(
      (i) => document.querySelector(`article[data-index="${i}"]`) !== null,
      target.index,
    );
    await page.waitForTimeout(500);
    const before = await topInList(page, target.index);
    expect(before).not.toBeNull();

    // A colleague highlights most of the turn just above, rendered above the viewport's top.
    const above = turn(target.index - 1);
    const words = above.text.slice(above.text.indexOf('says') + 5, -1);
    await highlightWords(owner, transcriptId, [above], words, [tagId]);
    await visible(page.locator(`article[data-index="${above.index}"] .run--hl`));
    await page.waitForTimeout(300);
    const after = await topInList(page, target.index);
    expect(Math.abs(after! - before!)).toBeLessThanOrEqual(2);
    await page.context().close();
  });

  for (const [width, height] of [
    [390, 844],
    [1280, 800],
  ] as const) {
    it(`at ${width} px opens a deep link to a highlight near the end beside its panel`, async () => {
      const target = turn(2380);
      const words = target.text.split(' ').slice(2, 6).join(' ');
      const id = await highlightWords(owner, transcriptId, [target], words, [tagId]);
      const page = await openAt(width, height);
      await page.goto(`/t/${transcriptId}?highlight=${id}`);
      const panel = await visible(page.getByRole('complementary', { name: 'Highlight' }));
      await panel.getByText('Manual work').waitFor();
      const run = page.locator(`[data-h~="${id}"]`).first();
      await visible(run);
      await page.waitForFunction(
        ([hl, narrow]) => {
          const list = document
            .querySelector('cdk-virtual-scroll-viewport')!
            .getBoundingClientRect();
          const aside = document.querySelector('vb-highlight-panel aside')!.getBoundingClientRect();
          const bottom = narrow ? Math.min(list.bottom, aside.top) : list.bottom;
          return Array.from(document.querySelectorAll(`[data-h~="${hl}"]`)).some((el) => {
            const r = el.getBoundingClientRect();
            return r.top >= list.top && r.bottom <= bottom;
          });
        },
        [id, width < 500] as const,
      );
      await screenshot(page, `reader-long-${width}-highlight.png`);
      await page.context().close();
    });
  }
});
