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

// Two colleagues on one theme board: a drag in one browser shows in the other, a keyboard-only
// move is stored, a move that crosses a colleague's is refused with a message and the board ends
// as the server has it, theme suggestions applied become themes, and axe finds nothing serious.

const MIA = [
  'Interviewer: Tell me about the price.',
  'Mia: The price was too expensive for our small team and the monthly plan cost too much.',
  'Interviewer: And the first days?',
  'Mia: The onboarding checklist helped and the setup guide walked us through inviting the team.',
  'Interviewer: Anything about billing?',
  'Mia: Billing surprised us, the invoice price doubled after the trial ended.',
  'Interviewer: How was setting things up?',
  'Mia: Setting up the workspace was quick because the onboarding video explained every step.',
].join('\n');

const LEO = [
  'Interviewer: Why did you leave?',
  'Leo: We cancelled because the subscription price kept rising every year.',
  'Interviewer: How did the first week go?',
  'Leo: The first week onboarding was smooth, the guide showed where everything lives.',
  'Interviewer: And the plan?',
  'Leo: Paying per seat made the plan too expensive once we grew.',
  'Interviewer: Did you need help?',
  'Leo: The tutorial during setup answered all my onboarding questions.',
].join('\n');

const QUOTES = {
  monthly: 'The price was too expensive for our small team and the monthly plan cost too much.',
  checklist:
    'The onboarding checklist helped and the setup guide walked us through inviting the team.',
  billing: 'Billing surprised us, the invoice price doubled after the trial ended.',
  workspace:
    'Setting up the workspace was quick because the onboarding video explained every step.',
  cancelled: 'We cancelled because the subscription price kept rising every year.',
  firstWeek: 'The first week onboarding was smooth, the guide showed where everything lives.',
  seat: 'Paying per seat made the plan too expensive once we grew.',
  tutorial: 'The tutorial during setup answered all my onboarding questions.',
};

interface CardRow {
  id: string;
  themeId: string | null;
  version: number;
  highlight: { quote: string } | null;
}

interface BoardRead {
  board: {
    version: number;
    themes: { id: string; title: string; cards: CardRow[] }[];
    unsorted: CardRow[];
  };
}

const CARD = 'id themeId version highlight { quote }';

/** The column (unsorted or a theme's) with this heading. */
function column(page: Page, title: string): Locator {
  return page.locator('section.column', {
    has: page.getByRole('heading', { name: title, exact: true, level: 2 }),
  });
}

function card(page: Page, quote: string): Locator {
  return page.locator('vb-board-card', { hasText: quote });
}

/** Drags with the mouse in small steps, as CDK drag and drop needs to see a drag. */
async function drag(page: Page, from: Locator, to: Locator): Promise<void> {
  const a = (await from.boundingBox())!;
  const b = (await to.boundingBox())!;
  await page.mouse.move(a.x + a.width / 2, a.y + 12);
  await page.mouse.down();
  await page.mouse.move(a.x + a.width / 2 + 8, a.y + 20, { steps: 4 });
  await page.mouse.move(b.x + b.width / 2, b.y + b.height - 10, { steps: 25 });
  await page.mouse.move(b.x + b.width / 2, b.y + b.height - 8, { steps: 3 });
  await page.mouse.up();
}

describe('a theme board with a colleague', () => {
  const stamp = Date.now();
  const olgaEmail = `olga+${stamp}@example.com`;
  const mayaEmail = `maya+${stamp}@example.com`;
  let browser: Browser;
  let olga: Person;
  let maya: Person;
  let olgaPage: Page;
  let mayaPage: Page;
  const errors: string[] = [];
  let projectId = '';
  let boardId = '';
  const themes: Record<'pricing' | 'onboarding', string> = { pricing: '', onboarding: '' };

  const read = () =>
    olga.call<BoardRead>(
      `query ($id: ID!) { board(id: $id) { version themes { id title cards { ${CARD} } } unsorted { ${CARD} } } }`,
      { id: boardId },
    );
  const cardOf = async (quote: string) => {
    const { board } = await read();
    const all = [...board.unsorted, ...board.themes.flatMap((t) => t.cards)];
    return all.find((c) => c.highlight?.quote === quote)!;
  };

  /** Opens the board and waits until its live subscription is on its way to the server. */
  async function openBoard(page: Page): Promise<void> {
    const socket = page.waitForEvent('websocket');
    await page.goto(`/p/${projectId}/boards/${boardId}`);
    const ws = await socket;
    await ws.waitForEvent('framesent', {
      predicate: (frame) => String(frame.payload).includes('boardUpdated'),
    });
    await visible(card(page, QUOTES.monthly));
    // The server registers the subscription right after the message; give it a moment.
    await page.waitForTimeout(500);
  }

  beforeAll(async () => {
    olga = await signUp(olgaEmail, 'Olga Owner');
    maya = await signUp(mayaEmail, 'Maya Editor');
    const { workspaceId, projectId: p } = await createProject(olga, 'Board study');
    projectId = p;
    await addMember(olga, workspaceId, maya, 'EDITOR');
    const pricing = await createTag(olga, projectId, 'Pricing');
    const onboarding = await createTag(olga, projectId, 'Onboarding');
    const { highlights } = await highlightInterviews(
      olga,
      projectId,
      { Mia: MIA, Leo: LEO },
      QUOTES,
      (_key, quote) => (/price|plan|billing|paying/i.test(quote) ? pricing : onboarding),
    );
    boardId = await createBoard(olga, projectId, 'Why teams leave');
    themes.pricing = await createTheme(olga, boardId, 'Pricing');
    themes.onboarding = await createTheme(olga, boardId, 'Onboarding');
    await addCards(olga, boardId, Object.values(highlights));

    browser = await launchBrowser();
    const a = await openPage(browser);
    const b = await openPage(browser);
    olgaPage = a.page;
    mayaPage = b.page;
    for (const page of [a, b]) page.page.on('pageerror', (e) => errors.push(e.message));
    await logIn(olgaPage, olgaEmail);
    await logIn(mayaPage, mayaEmail);
    await openBoard(olgaPage);
    await openBoard(mayaPage);
  });

  afterAll(async () => {
    await browser?.close();
  });

  it('reaches the board from the project page', async () => {
    const { page } = await openPage(browser);
    await logIn(page, olgaEmail);
    await page.goto(`/p/${projectId}`);
    await page
      .getByRole('navigation', { name: 'Project views' })
      .getByRole('link', { name: 'Boards' })
      .click();
    await page.getByRole('link', { name: 'Why teams leave' }).click();
    await visible(page.getByRole('heading', { name: 'Why teams leave', level: 1 }));
    await visible(card(page, QUOTES.seat));
    await page.context().close();
  });

  it('shows Maya the card Olga drags into a theme, within a second or two', async () => {
    await drag(
      olgaPage,
      card(olgaPage, QUOTES.monthly),
      column(olgaPage, 'Pricing').locator('ul.cards'),
    );
    await visible(
      column(olgaPage, 'Pricing').locator('vb-board-card', { hasText: QUOTES.monthly }),
    );
    await visible(
      column(mayaPage, 'Pricing').locator('vb-board-card', { hasText: QUOTES.monthly }),
      5_000,
    );
    expect(
      await column(mayaPage, 'Unsorted')
        .locator('vb-board-card', { hasText: QUOTES.monthly })
        .count(),
    ).toBe(0);
    await eventually(
      async () => (await cardOf(QUOTES.monthly)).themeId,
      (v) => expect(v).toBe(themes.pricing),
    );
    await screenshot(mayaPage, 'boards-live-drag.png');
  });

  it('stores a move made with the keyboard alone, announcing each step', async () => {
    const checklist = card(mayaPage, QUOTES.checklist);
    await checklist.focus();
    await mayaPage.keyboard.press('Space');
    const announcer = mayaPage.locator('.cdk-live-announcer-element');
    await eventually(
      () => announcer.textContent(),
      (v) => expect(v).toContain('Picked up'),
    );
    await mayaPage.keyboard.press('ArrowRight');
    await eventually(
      () => announcer.textContent(),
      (v) => expect(v).toContain('Pricing, position'),
    );
    await mayaPage.keyboard.press('ArrowRight');
    await eventually(
      () => announcer.textContent(),
      (v) => expect(v).toContain('Onboarding, position 1 of 1'),
    );
    await mayaPage.keyboard.press('Enter');
    await eventually(
      () => announcer.textContent(),
      (v) => expect(v).toContain('Dropped'),
    );
    await eventually(
      async () => (await cardOf(QUOTES.checklist)).themeId,
      (v) => expect(v).toBe(themes.onboarding),
    );
    // The card keeps the focus, so the next move is one key away.
    await eventually(
      () => mayaPage.evaluate(() => document.activeElement?.textContent ?? ''),
      (v) => expect(v).toContain('onboarding checklist'),
    );
    await visible(
      column(olgaPage, 'Onboarding').locator('vb-board-card', { hasText: QUOTES.checklist }),
      5_000,
    );

    // Escape puts a carried card back where it was, and nothing is sent.
    const before = (await read()).board.version;
    await card(mayaPage, QUOTES.seat).focus();
    await mayaPage.keyboard.press('Space');
    await mayaPage.keyboard.press('ArrowRight');
    await mayaPage.keyboard.press('Escape');
    await eventually(
      () => announcer.textContent(),
      (v) => expect(v).toContain('Move cancelled'),
    );
    expect((await read()).board.version).toBe(before);
    await screenshot(mayaPage, 'boards-keyboard-move.png');
  });

  it('tells Maya when her move crossed Olga’s, and ends with the card where the server has it', async () => {
    let crossed = false;
    await mayaPage.route('**/graphql', async (route) => {
      const body = route.request().postDataJSON() as { operationName?: string } | null;
      if (body?.operationName === 'MoveCard' && !crossed) {
        crossed = true;
        // Olga moves the same card while Maya's move is on its way.
        const now = await cardOf(QUOTES.billing);
        await olga.call(`mutation ($i: MoveCardInput!) { moveCard(input: $i) { id } }`, {
          i: {
            cardId: now.id,
            themeId: themes.onboarding,
            afterCardId: null,
            version: now.version,
          },
        });
      }
      await route.continue();
    });
    await card(mayaPage, QUOTES.billing).focus();
    await mayaPage.keyboard.press('Space');
    await mayaPage.keyboard.press('ArrowRight');
    await mayaPage.keyboard.press('Space');

    const notice = mayaPage.locator('[data-notice="conflict"]');
    await visible(notice, 10_000);
    await eventually(
      () => notice.textContent(),
      (v) => expect(v).toContain('Olga Owner moved “Billing surprised us'),
      10_000,
    );
    expect(await notice.textContent()).toContain('it is in Onboarding now');
    await visible(notice.getByRole('button', { name: 'Move it again' }));
    await mayaPage.unroute('**/graphql');
    expect(crossed).toBe(true);

    // Both browsers and the server agree: the card is in Onboarding, once.
    expect((await cardOf(QUOTES.billing)).themeId).toBe(themes.onboarding);
    for (const page of [mayaPage, olgaPage]) {
      await visible(
        column(page, 'Onboarding').locator('vb-board-card', { hasText: QUOTES.billing }),
        5_000,
      );
      expect(await card(page, QUOTES.billing).count()).toBe(1);
    }
    await screenshot(mayaPage, 'boards-conflict.png');
  });

  it('reorders themes with the buttons and by dragging the grip, for both colleagues', async () => {
    const order = async () => (await read()).board.themes.map((t) => t.title);
    const shown = (page: Page) => page.locator('vb-theme-header h2').allTextContents();
    await olgaPage.getByRole('button', { name: 'Move theme Pricing right' }).click();
    await eventually(order, (v) => expect(v).toEqual(['Onboarding', 'Pricing']));
    await eventually(
      () => shown(mayaPage),
      (v) => expect(v).toEqual(['Onboarding', 'Pricing']),
    );

    const grip = column(olgaPage, 'Pricing').locator('.grip');
    const a = (await grip.boundingBox())!;
    const b = (await column(olgaPage, 'Onboarding').boundingBox())!;
    await olgaPage.mouse.move(a.x + a.width / 2, a.y + a.height / 2);
    await olgaPage.mouse.down();
    await olgaPage.mouse.move(a.x - 10, a.y + 5, { steps: 4 });
    await olgaPage.mouse.move(b.x + 10, b.y + 20, { steps: 25 });
    await olgaPage.mouse.up();
    await eventually(order, (v) => expect(v).toEqual(['Pricing', 'Onboarding']));
    await eventually(
      () => shown(mayaPage),
      (v) => expect(v).toEqual(['Pricing', 'Onboarding']),
    );
  });

  it('applies suggested themes, renamed, and nothing moves before that', async () => {
    const unsortedBefore = (await read()).board.unsorted.length;
    await olgaPage.getByRole('button', { name: 'Suggest themes…' }).click();
    const panel = olgaPage.getByTestId('theme-suggestions');
    await panel.getByLabel('How many themes').fill('2');
    await panel.getByRole('button', { name: 'Suggest themes' }).click();
    await visible(panel.locator('[data-proposal]'), 60_000);
    expect((await read()).board.unsorted.length).toBe(unsortedBefore);
    await screenshot(olgaPage, 'boards-suggestions.png');

    await panel.getByLabel('Title of proposed theme 1').fill('Costs');
    const apply = panel.getByRole('button', { name: /^Create \d+ themes?$/ });
    await apply.click();
    await visible(olgaPage.getByRole('heading', { name: 'Costs', level: 2 }), 10_000);
    const { board } = await read();
    const costs = board.themes.find((t) => t.title === 'Costs');
    expect(costs?.cards.length).toBeGreaterThan(0);
    expect(board.unsorted.length).toBeLessThan(unsortedBefore);
    await visible(mayaPage.getByRole('heading', { name: 'Costs', level: 2 }), 10_000);
    await screenshot(olgaPage, 'boards-applied.png', true);
  });

  it('moves several selected cards to a theme at once', async () => {
    const cards = column(mayaPage, 'Costs').locator('vb-board-card');
    // The themes applied just before reach this page live: let every card arrive first, so the
    // column does not change under the clicks.
    const inCosts = (await read()).board.themes.find((t) => t.title === 'Costs')!.cards.length;
    await eventually(
      () => cards.count(),
      (n) => expect(n).toBe(inCosts),
      10_000,
    );
    const quoteOf = async (i: number) =>
      ((await cards.nth(i).locator('blockquote').textContent()) ?? '').slice(1, -1);
    const picked = [await quoteOf(0), await quoteOf(1)];
    await cards.nth(0).locator('input[type="checkbox"]').click();
    await cards
      .nth(1)
      .locator('input[type="checkbox"]')
      .click({ modifiers: ['Shift'] });
    const bar = await visible(mayaPage.getByTestId('selection-bar'));
    await eventually(
      async () => (await bar.textContent()) ?? '',
      (text) => expect(text).toContain('2 cards selected'),
    );
    await bar.getByLabel('Move to').selectOption({ label: 'Pricing' });
    await bar.getByRole('button', { name: 'Move', exact: true }).click();
    await eventually(
      async () => (await read()).board.themes.find((t) => t.title === 'Pricing')!.cards,
      (v) => expect(v.map((c) => c.highlight?.quote)).toEqual(expect.arrayContaining(picked)),
    );
    for (const quote of picked)
      await visible(
        column(olgaPage, 'Pricing').locator('vb-board-card', { hasText: quote }),
        5_000,
      );
    await bar.getByRole('button', { name: 'Clear selection' }).click();
  });

  it('has no serious accessibility violations on the board pages', async () => {
    await olgaPage.goto(`/p/${projectId}/boards`);
    await visible(olgaPage.getByRole('link', { name: 'Why teams leave' }));
    const found = (await violations(olgaPage)).map((v) => `boards: ${v}`);
    await openBoard(olgaPage);
    await olgaPage.getByRole('button', { name: 'Suggest themes…' }).click();
    await card(olgaPage, QUOTES.seat).locator('input[type="checkbox"]').check();
    await visible(olgaPage.getByTestId('selection-bar'));
    found.push(...(await violations(olgaPage)).map((v) => `board: ${v}`));
    expect(found).toEqual([]);
    expect(errors).toEqual([]);
  });

  it('renames a board from the list: Escape gives up, Enter saves', async () => {
    await olgaPage.goto(`/p/${projectId}/boards`);
    const row = olgaPage.locator('li.board-row', { hasText: 'Why teams leave' });
    await row.getByRole('button', { name: 'Rename Why teams leave' }).click();
    const field = olgaPage.getByRole('textbox', { name: 'Board name' });
    await focused(field);
    await field.fill('Nothing');
    await field.press('Escape');
    await visible(olgaPage.getByRole('link', { name: 'Why teams leave' }));
    await row.getByRole('button', { name: 'Rename Why teams leave' }).click();
    await olgaPage.getByRole('textbox', { name: 'Board name' }).fill('Why teams leave us');
    await olgaPage.getByRole('textbox', { name: 'Board name' }).press('Enter');
    await visible(olgaPage.getByRole('link', { name: 'Why teams leave us' }));
    const { boards } = await olga.call<{ boards: { name: string }[] }>(
      `query ($p: ID!) { boards(projectId: $p) { name } }`,
      { p: projectId },
    );
    expect(boards.map((b) => b.name)).toContain('Why teams leave us');
    await olgaPage.getByRole('button', { name: 'Rename Why teams leave us' }).click();
    await olgaPage.getByRole('textbox', { name: 'Board name' }).fill('Why teams leave');
    await olgaPage.getByRole('textbox', { name: 'Board name' }).press('Enter');
    await visible(olgaPage.getByRole('link', { name: 'Why teams leave', exact: true }));
  });

  it('adds highlights to a board from the tag view and from the reader', async () => {
    await olgaPage.goto(`/p/${projectId}/evidence`);
    const quotes = olgaPage.locator('li.quote');
    await visible(quotes);
    await quotes.nth(0).getByRole('checkbox').check();
    await quotes.nth(1).getByRole('checkbox').check();
    await olgaPage.getByRole('button', { name: 'Add 2 highlights to board' }).click();
    expect(await violations(olgaPage)).toEqual([]);
    await olgaPage.getByLabel('New board').fill('Picked');
    await olgaPage.getByRole('button', { name: 'Create and add' }).click();
    await visible(olgaPage.getByRole('status').filter({ hasText: 'Added 2 highlights to Picked' }));
    const { boards } = await olga.call<{
      boards: { id: string; name: string; cardCount: number }[];
    }>(`query ($p: ID!) { boards(projectId: $p) { id name cardCount } }`, { p: projectId });
    const picked = boards.find((b) => b.name === 'Picked')!;
    expect(picked.cardCount).toBe(2);

    await quotes
      .nth(2)
      .getByRole('link', { name: /Open in transcript/ })
      .click();
    const panel = await visible(olgaPage.getByRole('complementary', { name: 'Highlight' }));
    await panel.getByRole('button', { name: 'Add to board' }).click();
    await visible(panel.getByRole('button', { name: /^Picked/ }));
    expect(await violations(olgaPage)).toEqual([]);
    await panel.getByRole('button', { name: /^Picked/ }).click();
    await visible(panel.getByRole('status').filter({ hasText: 'Added 1 highlight to Picked' }));
    await screenshot(olgaPage, 'boards-add-from-reader.png');
    const after = await olga.call<{ boards: { name: string; cardCount: number }[] }>(
      `query ($p: ID!) { boards(projectId: $p) { name cardCount } }`,
      { p: projectId },
    );
    expect(after.boards.find((b) => b.name === 'Picked')!.cardCount).toBe(3);
  });

  it('shows Maya the board and a tag that Olga renamed, without reloading', async () => {
    await openBoard(olgaPage);
    await openBoard(mayaPage);
    // Anything that reloads Maya's page would drop this mark.
    await mayaPage.evaluate(() => ((window as unknown as { stayed: boolean }).stayed = true));
    const tagsOn = (quote: string) => card(mayaPage, quote).locator('li.tag');
    await visible(tagsOn(QUOTES.seat).filter({ hasText: 'Pricing' }));

    await olgaPage.getByRole('button', { name: 'Rename board' }).click();
    await olgaPage.getByLabel('Board name').fill('Churn, in their words');
    await olgaPage.getByRole('button', { name: 'Save', exact: true }).click();
    await visible(
      mayaPage.getByRole('heading', { name: 'Churn, in their words', level: 1 }),
      5_000,
    );

    const { tags } = await olga.call<{ tags: { id: string; name: string }[] }>(
      `query ($p: ID!) { tags(projectId: $p) { id name } }`,
      { p: projectId },
    );
    const tagId = (name: string) => tags.find((t) => t.name === name)!.id;
    await olga.call(`mutation ($i: UpdateTagInput!) { updateTag(input: $i) { id } }`, {
      i: { id: tagId('Pricing'), name: 'Price and plans', color: '#b03a2e' },
    });
    const renamed = tagsOn(QUOTES.seat).filter({ hasText: 'Price and plans' });
    await visible(renamed, 5_000);
    expect(await renamed.evaluate((el) => el.style.getPropertyValue('--tag-color'))).toBe(
      '#b03a2e',
    );
    // Merged: the onboarding quotes now carry the tag they were merged into.
    await olga.call(`mutation ($i: MergeTagsInput!) { mergeTags(input: $i) { id } }`, {
      i: { sourceId: tagId('Onboarding'), targetId: tagId('Pricing') },
    });
    await visible(tagsOn(QUOTES.tutorial).filter({ hasText: 'Price and plans' }), 5_000);
    expect(await tagsOn(QUOTES.tutorial).filter({ hasText: 'Onboarding' }).count()).toBe(0);
    expect(await mayaPage.evaluate(() => (window as unknown as { stayed?: boolean }).stayed)).toBe(
      true,
    );
    await screenshot(mayaPage, 'boards-live-renames.png');
  });

  it('shows Maya “Open insight” on a theme Olga promotes, without reloading', async () => {
    await openBoard(olgaPage);
    await openBoard(mayaPage);
    await mayaPage.evaluate(() => ((window as unknown as { stayed: boolean }).stayed = true));
    const header = (page: Page) => column(page, 'Onboarding');
    await visible(header(mayaPage).getByRole('button', { name: /^Promote to insight/ }));

    await header(olgaPage)
      .getByRole('button', { name: /^Promote to insight/ })
      .click();
    await olgaPage.waitForURL(/\/insights\//);
    await visible(header(mayaPage).getByRole('link', { name: /^Open insight: Onboarding/ }), 5_000);
    expect(
      await header(mayaPage)
        .getByRole('button', { name: /^Promote to insight/ })
        .count(),
    ).toBe(0);
    expect(await mayaPage.evaluate(() => (window as unknown as { stayed?: boolean }).stayed)).toBe(
      true,
    );
  });
});
