import type { Browser, Page } from 'playwright-core';
import { launchBrowser, openPage, screenshot, visible } from './support/browser';
import { eventually, violations } from './support/checks';
import {
  type Person,
  addMember,
  createBoard,
  createProject,
  createTheme,
  importText,
  logIn,
  signUp,
} from './support/seed';

// Olga and Vera, each in a browser of her own, open the same board, then the same interview:
// each sees the other's avatar ("Also here") and not her own; when Vera closes her page, her
// avatar leaves Olga's header without a reload.

const INTERVIEW = [
  'Interviewer: How did the trial go?',
  'Nina: The trial ended before we had invited the whole team.',
].join('\n');

describe('presence', () => {
  const stamp = Date.now();
  const olgaEmail = `olga+presence${stamp}@example.com`;
  const veraEmail = `vera+presence${stamp}@example.com`;
  let browser: Browser;
  let olga: Person;
  let olgaPage: Page;
  let veraPage: Page;
  const errors: string[] = [];
  let projectId = '';
  let boardId = '';
  let transcriptId = '';

  const alsoHere = (page: Page) => page.getByRole('group', { name: 'Also here' });
  const avatarsIn = (page: Page) =>
    alsoHere(page)
      .getByRole('img')
      .evaluateAll((els) => els.map((el) => el.getAttribute('aria-label')));

  beforeAll(async () => {
    olga = await signUp(olgaEmail, 'Olga Owner');
    const vera = await signUp(veraEmail, 'Vera Editor');
    const project = await createProject(olga, 'Presence study');
    projectId = project.projectId;
    await addMember(olga, project.workspaceId, vera, 'EDITOR');
    boardId = await createBoard(olga, projectId, 'Synthesis');
    await createTheme(olga, boardId, 'Pricing confusion');
    ({ transcriptId } = await importText(olga, projectId, 'Nina interview', INTERVIEW));

    browser = await launchBrowser();
    olgaPage = (await openPage(browser)).page;
    veraPage = (await openPage(browser)).page;
    for (const page of [olgaPage, veraPage]) page.on('pageerror', (e) => errors.push(e.message));
    await logIn(olgaPage, olgaEmail);
    await logIn(veraPage, veraEmail);
  });

  afterAll(async () => {
    await browser?.close();
  });

  it('shows each of two people on a board the other one', async () => {
    await olgaPage.goto(`/p/${projectId}/boards/${boardId}`);
    await visible(olgaPage.getByRole('heading', { name: 'Synthesis', level: 1 }));
    expect(await alsoHere(olgaPage).count()).toBe(0); // alone: nothing to show

    await veraPage.goto(`/p/${projectId}/boards/${boardId}`);
    await visible(alsoHere(veraPage).getByRole('img', { name: 'Olga Owner' }));
    await visible(alsoHere(olgaPage).getByRole('img', { name: 'Vera Editor' }));
    expect(await avatarsIn(olgaPage)).toEqual(['Vera Editor']);
    expect(await avatarsIn(veraPage)).toEqual(['Olga Owner']);
    expect(await violations(olgaPage)).toEqual([]);
    await screenshot(olgaPage, 'presence-board.png');
  });

  it('follows them to the reader, and drops whoever closes the page', async () => {
    await olgaPage.goto(`/t/${transcriptId}`);
    await visible(olgaPage.getByRole('heading', { name: 'Nina interview', level: 1 }));
    // Olga has left the board: Vera, still there, is alone.
    await eventually(
      () => alsoHere(veraPage).count(),
      (n) => expect(n).toBe(0),
    );

    await veraPage.goto(`/t/${transcriptId}`);
    await visible(alsoHere(olgaPage).getByRole('img', { name: 'Vera Editor' }));
    await visible(alsoHere(veraPage).getByRole('img', { name: 'Olga Owner' }));
    expect(await violations(veraPage)).toEqual([]);
    await screenshot(olgaPage, 'presence-reader.png');

    await veraPage.close();
    await eventually(
      () => alsoHere(olgaPage).count(),
      (n) => expect(n).toBe(0),
    );
    await screenshot(olgaPage, 'presence-reader-alone.png');
    expect(errors).toEqual([]);
  });
});
