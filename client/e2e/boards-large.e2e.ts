import { makeSyntheticTranscript } from '@verbatim/transcript';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, openPage, screenshot, visible } from './support/browser';
import { seedBoard } from '../../scripts/seed-board.mjs';
import { type Person, createProject, logIn, signUp } from './support/seed';

// A board built for a study's worth of evidence: 2,000 cards (50 themes of 20 and 1,000
// unsorted). It opens, shows a window of each long column with an honest "Show more", and a
// card still moves by keyboard and by dragging. The times are printed, not asserted tightly:
// the machine is shared.

const THEMES = 50;
const PER_THEME = 20;
const UNSORTED = 1000;

describe('a board with 2,000 cards', () => {
  const email = `lara+${Date.now()}@example.com`;
  let browser: Browser;
  let page: Page;
  let owner: Person;
  let projectId = '';
  let boardId = '';

  beforeAll(async () => {
    owner = await signUp(email, 'Lara Large');
    ({ projectId } = await createProject(owner, 'Large board'));
    // Seeded as scripts/bench-boards.mjs seeds its board, laid out as 50 themes of 20.
    ({ boardId } = await seedBoard(owner.call, {
      projectId,
      makeTranscript: (seed) => makeSyntheticTranscript({ format: 'WEBVTT', minutes: 120, seed }),
      cards: THEMES * PER_THEME + UNSORTED,
      themes: THEMES,
      unsorted: UNSORTED,
      name: 'Everything',
    }));
    browser = await launchBrowser();
    ({ page } = await openPage(browser));
    await logIn(page, email);
  });

  afterAll(async () => {
    await browser?.close();
  });

  it('opens with a window of each long column and moves a card by keyboard and by dragging', async () => {
    const started = Date.now();
    await page.goto(`/p/${projectId}/boards/${boardId}`);
    await visible(page.getByRole('heading', { name: 'Theme 50', level: 2 }), 60_000);
    const opened = Date.now() - started;
    // A screenful of each column at once, then the rest of the window in idle moments: every
    // theme's 20 cards and the first 50 unsorted ones.
    const windowed = THEMES * PER_THEME + 50;
    await page.waitForFunction(
      (n) => document.querySelectorAll('vb-board-card').length >= n,
      windowed,
      { timeout: 10_000 },
    );
    expect(await page.locator('vb-board-card').count()).toBe(windowed);
    const unsorted = page.locator('section.column[data-column="unsorted"]');
    await visible(unsorted.getByRole('button', { name: /Show 200 more/ }));
    expect(await unsorted.textContent()).toContain('950 not shown');
    await screenshot(page, 'boards-large.png');

    // Keyboard: pick the first unsorted card up, carry it into Theme 1, drop it.
    const first = unsorted.locator('vb-board-card').first();
    const quote = (await first.locator('blockquote').textContent()) ?? '';
    const keyStarted = Date.now();
    await first.focus();
    await page.keyboard.press('Space');
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('Enter');
    const theme1 = page.locator('section.column', {
      has: page.getByRole('heading', { name: 'Theme 1', exact: true, level: 2 }),
    });
    await visible(theme1.locator('vb-board-card', { hasText: quote.slice(1, -1) }));
    const keyMove = Date.now() - keyStarted;

    // Show more: 200 more unsorted cards.
    await unsorted.getByRole('button', { name: /Show 200 more/ }).click();
    await page.waitForFunction(
      () =>
        document.querySelectorAll('section.column[data-column="unsorted"] vb-board-card').length ===
        250,
    );

    // Drag: the next unsorted card onto Theme 2.
    const theme2 = page.locator('section.column', {
      has: page.getByRole('heading', { name: 'Theme 2', exact: true, level: 2 }),
    });
    const card = unsorted.locator('vb-board-card').first();
    const dragged = (await card.locator('blockquote').textContent()) ?? '';
    const a = (await card.boundingBox())!;
    const b = (await theme2.locator('ul.cards').boundingBox())!;
    const dragStarted = Date.now();
    await page.mouse.move(a.x + a.width / 2, a.y + 12);
    await page.mouse.down();
    await page.mouse.move(a.x + a.width / 2 + 8, a.y + 20, { steps: 4 });
    await page.mouse.move(b.x + b.width / 2, b.y + 30, { steps: 25 });
    await page.mouse.up();
    await visible(theme2.locator('vb-board-card', { hasText: dragged.slice(1, -1) }));
    const dragMove = Date.now() - dragStarted;

    // The moves are shown at once and stored a moment later.
    const stored = async () => {
      const { board } = await owner.call<{
        board: { themes: { title: string; cards: { highlight: { quote: string } | null }[] }[] };
      }>(`query ($id: ID!) { board(id: $id) { themes { title cards { highlight { quote } } } } }`, {
        id: boardId,
      });
      const quotes = (title: string) =>
        board.themes.find((t) => t.title === title)!.cards.map((c) => `“${c.highlight?.quote}”`);
      return quotes('Theme 1').includes(quote) && quotes('Theme 2').includes(dragged);
    };
    for (let i = 0; i < 50 && !(await stored()); i++) await page.waitForTimeout(100);
    expect(await stored()).toBe(true);
    console.log(
      `2,000-card board: opened in ${opened} ms with ${windowed} cards rendered; keyboard move shown in ${keyMove} ms, drag in ${dragMove} ms`,
    );
  });
});
