import type { Browser, Page } from 'playwright-core';
import { launchBrowser, openPage, screenshot, visible } from './support/browser';
import { violations } from './support/checks';
import {
  type Person,
  addCards,
  addMember,
  createBoard,
  createProject,
  createTag,
  highlightWords,
  importText,
  logIn,
  signUp,
} from './support/seed';

// Maya looked at the project yesterday; since then Olga uploaded an interview, highlighted it
// and put the highlights on a new board. Maya's project home leads with what is new, the lists
// mark the new interview and board, and once she has opened them the marks are gone.

const INTERVIEW = [
  'Interviewer: How was the first week?',
  'Nina: Setting up the workspace took most of the first week.',
  'Interviewer: And inviting the team?',
  'Nina: Nobody knew where the invite button was.',
].join('\n');

describe('catching up on a project', () => {
  const stamp = Date.now();
  const olgaEmail = `olga+catchup${stamp}@example.com`;
  const mayaEmail = `maya+catchup${stamp}@example.com`;
  let browser: Browser;
  let olga: Person;
  let page: Page;
  let projectId = '';
  let transcriptId = '';
  let boardId = '';
  let tagId = '';
  const errors: string[] = [];

  beforeAll(async () => {
    olga = await signUp(olgaEmail, 'Olga Owner');
    const maya = await signUp(mayaEmail, 'Maya Editor');
    let workspaceId: string;
    ({ workspaceId, projectId } = await createProject(olga, 'Onboarding study'));
    await addMember(olga, workspaceId, maya, 'EDITOR');
    await importText(olga, projectId, 'Early interview', 'Ann: An earlier call.');
    // Maya's last visit.
    await maya.call(`mutation ($p: ID!) { markProjectSeen(projectId: $p) }`, { p: projectId });
    await maya.call(`mutation ($p: ID!) { markProjectSeen(projectId: $p) }`, { p: projectId });

    tagId = await createTag(olga, projectId, 'Onboarding friction');
    const interview = await importText(olga, projectId, 'Nina interview', INTERVIEW);
    transcriptId = interview.transcriptId;
    const highlights = [
      await highlightWords(olga, transcriptId, interview.segments, 'Setting up the workspace', [
        tagId,
      ]),
      await highlightWords(olga, transcriptId, interview.segments, 'Nobody knew where', [tagId]),
    ];
    boardId = await createBoard(olga, projectId, 'First week');
    await addCards(olga, boardId, highlights);

    browser = await launchBrowser();
    ({ page } = await openPage(browser));
    page.on('pageerror', (e) => errors.push(e.message));
    await logIn(page, mayaEmail);
  });

  afterAll(async () => {
    await browser?.close();
  });

  it('leads the project home with what colleagues did since the last visit', async () => {
    await page.goto(`/p/${projectId}`);
    const digest = await visible(page.getByRole('region', { name: 'What’s new' }));
    await visible(digest.getByText(/since you last looked/));
    await visible(digest.getByText('1 new transcript'));
    await visible(digest.getByRole('link', { name: 'Nina interview' }));
    await visible(digest.getByRole('link', { name: '2 new highlights' }));
    await visible(digest.getByRole('link', { name: '2 board changes' }));
    // The earlier interview was there before her visit: it is not in the digest.
    expect(await digest.getByText('Early interview').count()).toBe(0);

    // The list marks what someone else added and she never opened.
    const row = (title: string) => page.locator('tr', { hasText: title });
    await visible(row('Nina interview').getByTestId('news-badge').filter({ hasText: 'New' }));
    expect(await violations(page)).toEqual([]);
    await screenshot(page, 'project-digest.png', true);

    // A tag's line opens the tag view on that tag, from the day of her last visit.
    await digest.getByRole('link', { name: '2 on “Onboarding friction”' }).click();
    await page.waitForURL((url) => url.pathname.endsWith('/evidence'));
    const url = new URL(page.url());
    expect(url.searchParams.get('tag')).toBe(tagId);
    expect(url.searchParams.get('from')).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    await visible(page.getByText('Nobody knew where'));
    expect(errors).toEqual([]);
  });

  it('takes the marks away once she has opened the interview and the board', async () => {
    await page.goto(`/p/${projectId}/boards`);
    const board = page.locator('li', { hasText: 'First week' });
    await visible(board.getByTestId('news-badge').filter({ hasText: 'New' }));
    await board.getByRole('link', { name: 'First week' }).click();
    await page.waitForURL(`**/boards/${boardId}`);
    await visible(page.getByText('Nobody knew where'));

    await page.goto(`/p/${projectId}`);
    const nina = page.locator('tr', { hasText: 'Nina interview' });
    await nina.getByRole('link', { name: 'Nina interview' }).click();
    await page.waitForURL(`**/t/${transcriptId}`);
    await visible(page.getByRole('heading', { name: 'Nina interview', level: 1 }));

    await page.goto(`/p/${projectId}`);
    // The visit before this one moved her marker: nothing new since.
    const digest = await visible(page.getByRole('region', { name: 'What’s new' }));
    await visible(digest.getByText('Nothing new. You are up to date.'));
    await visible(page.locator('tr', { hasText: 'Early interview' }));
    expect(await nina.getByTestId('news-badge').count()).toBe(0);

    // Olga highlights once more: the interview says so, in numbers.
    const { transcript } = await olga.call<{
      transcript: { segments: { id: string; index: number; text: string }[] };
    }>(`query ($id: ID!) { transcript(id: $id) { segments(limit: 10) { id index text } } }`, {
      id: transcriptId,
    });
    await highlightWords(olga, transcriptId, transcript.segments, 'How was the first week', [
      tagId,
    ]);
    await page.reload();
    await visible(nina.getByTestId('news-badge').filter({ hasText: '1 new highlight' }));
    await page.goto(`/p/${projectId}/boards`);
    await visible(page.locator('li', { hasText: 'First week' }).getByRole('link'));
    expect(
      await page.locator('li', { hasText: 'First week' }).getByTestId('news-badge').count(),
    ).toBe(0);
    expect(errors).toEqual([]);
  });
});
