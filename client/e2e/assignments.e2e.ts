import type { Browser, Page } from 'playwright-core';
import { launchBrowser, openPage, screenshot, subscribed, visible } from './support/browser';
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

// Olga, in Berlin, asks Vera, in Los Angeles, to code an interview by a day this week: Vera's
// inbox badge rises without a reload, the notification opens the reader, "My work" lists the
// interview under "This week" with its due time in Los Angeles time, opens it in the reader,
// and "Mark done" takes it off the list. A board theme given to review opens on its board.

const OLGA_ZONE = 'Europe/Berlin';
const VERA_ZONE = 'America/Los_Angeles';
const INTERVIEW = [
  'Interviewer: How did the trial go?',
  'Nina: The trial ended before we had invited the whole team.',
].join('\n');

/** The date field's value for the day `days` after today in `timeZone` (`YYYY-MM-DD`). */
function dayAhead(days: number, timeZone: string): string {
  const today = new Intl.DateTimeFormat('en-CA', { timeZone }).format(Date.now());
  const [y, m, d] = today.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}

/** How a due instant reads in a time zone: "Fri, Dec 11, 2:59 PM" (the year when not this one). */
function readsIn(iso: string, timeZone: string): string {
  const year = (at: number) =>
    new Intl.DateTimeFormat('en-US', { timeZone, year: 'numeric' }).format(at);
  return new Intl.DateTimeFormat('en-US', {
    timeZone,
    weekday: 'short',
    month: 'short',
    day: 'numeric',
    hour: 'numeric',
    minute: '2-digit',
    ...(year(Date.parse(iso)) === year(Date.now()) ? {} : { year: 'numeric' }),
  }).format(Date.parse(iso));
}

describe('assignments', () => {
  const stamp = Date.now();
  const olgaEmail = `olga+assign${stamp}@example.com`;
  const veraEmail = `vera+assign${stamp}@example.com`;
  let browser: Browser;
  let olga: Person;
  let vera: Person;
  let olgaPage: Page;
  let veraPage: Page;
  const errors: string[] = [];
  let projectId = '';
  let transcriptId = '';
  let dueIso = '';

  beforeAll(async () => {
    olga = await signUp(olgaEmail, 'Olga Owner');
    vera = await signUp(veraEmail, 'Vera Editor');
    const project = await createProject(olga, 'Assignment study');
    projectId = project.projectId;
    await addMember(olga, project.workspaceId, vera, 'EDITOR');
    ({ transcriptId } = await importText(olga, projectId, 'Nina interview', INTERVIEW));

    browser = await launchBrowser();
    const a = await openPage(browser, { timezoneId: OLGA_ZONE });
    const b = await openPage(browser, { timezoneId: VERA_ZONE });
    olgaPage = a.page;
    veraPage = b.page;
    for (const page of [olgaPage, veraPage]) page.on('pageerror', (e) => errors.push(e.message));
    await logIn(olgaPage, olgaEmail);
    await logIn(veraPage, veraEmail);
  });

  afterAll(async () => {
    await browser?.close();
  });

  it('lets an owner assign a transcript from the reader, with a due date and a note', async () => {
    const live = subscribed(veraPage, 'unreadNotificationCountChanged');
    await veraPage.reload();
    await live;
    await visible(veraPage.getByRole('link', { name: 'Inbox', exact: true }));
    await veraPage.waitForTimeout(500); // the server registers the subscription just after

    await olgaPage.goto(`/t/${transcriptId}`);
    await visible(olgaPage.getByRole('heading', { name: 'Nina interview', level: 1 }));
    await olgaPage.getByRole('button', { name: 'Assign Nina interview' }).click();
    const form = await visible(olgaPage.getByRole('form', { name: 'Assign Nina interview' }));
    await form.getByLabel('Assign to').selectOption({ label: 'Vera Editor' });
    await form.getByLabel(/Due date/).fill(dayAhead(3, OLGA_ZONE));
    await form.getByLabel(/Note/).fill('The pricing part first, please.');
    expect(await violations(olgaPage)).toEqual([]);
    await screenshot(olgaPage, 'assignments-form.png');
    await form.getByRole('button', { name: 'Assign', exact: true }).click();

    const assigned = olgaPage.getByRole('list', { name: 'Assigned: Nina interview' });
    const vera = await visible(assigned.getByRole('listitem'));
    await visible(vera.getByRole('img', { name: 'Vera Editor' }));
    dueIso = (await vera.locator('time').getAttribute('datetime')) ?? '';
    // The end of the day Olga picked, where she is.
    expect(readsIn(dueIso, OLGA_ZONE)).toMatch(/, 11:59 PM$/);
    expect(await vera.locator('time').textContent()).toBe(`due ${readsIn(dueIso, OLGA_ZONE)}`);
    await visible(vera.getByText('The pricing part first, please.'));
    expect(await olgaPage.getByRole('form').count()).toBe(0);
    await screenshot(olgaPage, 'assignments-reader.png');
  });

  it('tells the editor live, and the notification opens the reader', async () => {
    await visible(veraPage.getByRole('link', { name: 'Inbox, 1 unread' }));
    await veraPage.getByRole('link', { name: 'Inbox, 1 unread' }).click();
    const item = await visible(
      veraPage.getByRole('link', { name: /Olga Owner asked you to code “Nina interview”/ }),
    );
    await item.click();
    await veraPage.waitForURL(`**/t/${transcriptId}`);
    await visible(veraPage.getByRole('heading', { name: 'Nina interview', level: 1 }));
    // The reader's header says who has it.
    await visible(
      veraPage.getByRole('list', { name: 'Assigned: Nina interview' }).getByText('Vera Editor'),
    );
  });

  it('lists it in My work under This week, due in her own time zone, and opens the reader', async () => {
    await veraPage.getByRole('link', { name: 'My work' }).click();
    await veraPage.waitForURL('**/my-work');
    await visible(veraPage.getByRole('heading', { name: 'My work', level: 1 }));
    await visible(veraPage.getByText(`(${VERA_ZONE})`));
    const week = await visible(veraPage.getByRole('region', { name: /This week/ }));
    const item = week.getByRole('listitem');
    expect(await item.count()).toBe(1);
    const due = item.locator('time');
    expect(await due.getAttribute('datetime')).toBe(dueIso);
    // The same instant Olga picked, as it reads in Los Angeles: not 11:59 PM there.
    expect(await due.textContent()).toBe(`Due ${readsIn(dueIso, VERA_ZONE)}`);
    expect(readsIn(dueIso, VERA_ZONE)).not.toMatch(/11:59 PM$/);
    await visible(item.getByText('Assignment study · asked by Olga Owner'));
    await visible(item.getByText('The pricing part first, please.'));
    expect(await violations(veraPage)).toEqual([]);
    await screenshot(veraPage, 'assignments-my-work.png');

    await item.getByRole('link', { name: 'Code “Nina interview”' }).click();
    await veraPage.waitForURL(`**/t/${transcriptId}`);
    await visible(veraPage.getByRole('heading', { name: 'Nina interview', level: 1 }));
  });

  it('takes it off My work once marked done', async () => {
    await veraPage.goto('/my-work');
    const done = await visible(
      veraPage.getByRole('button', { name: 'Mark done: Code “Nina interview”' }),
    );
    await done.click();
    await visible(veraPage.getByText('Nothing assigned to you'));
    expect(await veraPage.locator('.work-item').count()).toBe(0);
    await veraPage.getByRole('checkbox', { name: 'Show done' }).check();
    const finished = await visible(veraPage.getByRole('region', { name: /Done/ }));
    await visible(finished.getByRole('button', { name: 'Reopen: Code “Nina interview”' }));
    await screenshot(veraPage, 'assignments-done.png');
    const { myWork } = await vera.call<{ myWork: { totalCount: number } }>(
      `{ myWork { totalCount } }`,
    );
    expect(myWork.totalCount).toBe(0);
  });

  it('gives a board theme to review from its header; My work opens the board at it', async () => {
    const boardId = await createBoard(olga, projectId, 'Synthesis');
    await createTheme(olga, boardId, 'Pricing confusion');
    await olgaPage.goto(`/p/${projectId}/boards/${boardId}`);
    await olgaPage.getByRole('button', { name: 'Assign Pricing confusion' }).click();
    const form = await visible(olgaPage.getByRole('form', { name: 'Assign Pricing confusion' }));
    await form.getByLabel('Assign to').selectOption({ label: 'Vera Editor' });
    await form.getByRole('button', { name: 'Assign', exact: true }).click();
    await visible(
      olgaPage
        .getByRole('list', { name: 'Assigned: Pricing confusion' })
        .getByRole('img', { name: 'Vera Editor' }),
    );
    await screenshot(olgaPage, 'assignments-theme.png');

    await veraPage.goto('/my-work');
    const item = await visible(
      veraPage.getByRole('region', { name: /No due date/ }).getByRole('listitem'),
    );
    await item
      .getByRole('link', { name: 'Review the theme “Pricing confusion” on Synthesis' })
      .click();
    await veraPage.waitForURL(`**/boards/${boardId}?theme=*`);
    const title = veraPage.getByRole('heading', { name: 'Pricing confusion', level: 2 });
    await eventually(
      () => title.evaluate((el) => el === document.activeElement),
      (focused) => expect(focused).toBe(true),
    );
    expect(errors).toEqual([]);
  });
});
