import type { Browser, Page } from 'playwright-core';
import {
  focused,
  launchBrowser,
  openPage,
  screenshot,
  subscribed,
  turnInView,
  visible,
} from './support/browser';
import { eventually, violations } from './support/checks';
import {
  type Person,
  addMember,
  createProject,
  createTag,
  highlightWords,
  importText,
  logIn,
  signUp,
} from './support/seed';

// Olga mentions Maya in a comment on a highlight: Maya's header badge rises without a reload,
// the inbox lists the mention under "Today", opening it lands in the reader on that highlight
// and marks it read, the badge goes down, and axe finds nothing serious on the inbox.

const INTERVIEW = [
  'Interviewer: How did the trial go?',
  'Nina: The trial ended before we had invited the whole team.',
  'Interviewer: And the price?',
  'Nina: The price doubled once the trial was over.',
].join('\n');
const QUOTE = 'The price doubled once the trial was over.';

describe('the inbox', () => {
  const stamp = Date.now();
  const olgaEmail = `olga+inbox${stamp}@example.com`;
  const mayaEmail = `maya+inbox${stamp}@example.com`;
  let browser: Browser;
  let olga: Person;
  let maya: Person;
  let olgaPage: Page;
  let mayaPage: Page;
  const errors: string[] = [];
  let transcriptId = '';
  let highlightId = '';
  let mayaId = '';
  let projectId = '';

  beforeAll(async () => {
    olga = await signUp(olgaEmail, 'Olga Owner');
    maya = await signUp(mayaEmail, 'Maya Editor');
    let workspaceId: string;
    ({ workspaceId, projectId } = await createProject(olga, 'Inbox study'));
    await addMember(olga, workspaceId, maya, 'EDITOR');
    const tag = await createTag(olga, projectId, 'Pricing');
    const interview = await importText(olga, projectId, 'Nina interview', INTERVIEW);
    transcriptId = interview.transcriptId;
    highlightId = await highlightWords(olga, transcriptId, interview.segments, QUOTE, [tag]);
    ({
      me: { id: mayaId },
    } = await maya.call<{ me: { id: string } }>(`query { me { id } }`));

    browser = await launchBrowser();
    const a = await openPage(browser);
    const b = await openPage(browser);
    olgaPage = a.page;
    mayaPage = b.page;
    for (const page of [a, b]) page.page.on('pageerror', (e) => errors.push(e.message));
    await logIn(olgaPage, olgaEmail);
    await logIn(mayaPage, mayaEmail);
  });

  afterAll(async () => {
    await browser?.close();
  });

  it('raises the header badge live when someone mentions you', async () => {
    const live = subscribed(mayaPage, 'unreadNotificationCountChanged');
    await mayaPage.reload();
    await live;
    const inbox = mayaPage.getByRole('link', { name: 'Inbox', exact: true });
    await visible(inbox);
    // The server registers the subscription right after the message; give it a moment.
    await mayaPage.waitForTimeout(500);

    await olga.call(`mutation ($input: AddCommentInput!) { addComment(input: $input) { id } }`, {
      input: {
        targetType: 'HIGHLIGHT',
        targetId: highlightId,
        body: 'Maya, is this the pricing change we saw last week?',
        mentionIds: [mayaId],
      },
    });

    await visible(mayaPage.getByRole('link', { name: 'Inbox, 1 unread' }));
    expect(await mayaPage.locator('.inbox-badge').textContent()).toBe('1');
    expect(mayaPage.url()).toMatch(/\/workspaces$/);
  });

  it('lists the mention under Today, opens the highlight in the reader and marks it read', async () => {
    await mayaPage.getByRole('link', { name: 'Inbox, 1 unread' }).click();
    await mayaPage.waitForURL('**/inbox');
    await visible(mayaPage.getByRole('heading', { name: 'Inbox', level: 1 }));
    const today = mayaPage.getByRole('region', { name: 'Today' });
    const item = today.getByRole('link', { name: /Olga Owner/ });
    await visible(item);
    expect(await item.textContent()).toContain('Unread');
    expect(await today.getByRole('listitem').count()).toBe(1);

    expect(await violations(mayaPage)).toEqual([]);
    await screenshot(mayaPage, 'inbox-mention.png');

    await item.click();
    await mayaPage.waitForURL(`**/t/${transcriptId}?highlight=${highlightId}`);
    await visible(mayaPage.getByRole('heading', { name: 'Nina interview', level: 1 }));
    const panel = await visible(mayaPage.getByRole('complementary', { name: 'Highlight' }));
    await visible(panel.getByText(QUOTE));
    await screenshot(mayaPage, 'inbox-opened-highlight.png');
    await visible(mayaPage.getByRole('link', { name: 'Inbox', exact: true }));
    expect(await mayaPage.locator('.inbox-badge').count()).toBe(0);

    const { unreadNotificationCount } = await maya.call<{ unreadNotificationCount: number }>(
      `query { unreadNotificationCount }`,
    );
    expect(unreadNotificationCount).toBe(0);
  });

  it('shows a new notification at the top while the inbox is open', async () => {
    const live = subscribed(mayaPage, 'notificationAdded');
    await mayaPage.goto('/inbox');
    await live;
    await visible(mayaPage.getByRole('region', { name: 'Today' }).getByRole('listitem'));
    await mayaPage.waitForTimeout(500);

    await olga.call(`mutation ($input: AddCommentInput!) { addComment(input: $input) { id } }`, {
      input: {
        targetType: 'HIGHLIGHT',
        targetId: highlightId,
        body: 'And Maya, could you tag the other interviews too?',
        mentionIds: [mayaId],
      },
    });

    const items = mayaPage.getByRole('region', { name: 'Today' }).getByRole('listitem');
    await mayaPage.waitForFunction(() => document.querySelectorAll('.inbox-item').length === 2);
    expect(await items.first().getByText('Unread').count()).toBe(1);
    expect(await items.nth(1).getByText('Unread').count()).toBe(0);
    await visible(mayaPage.getByRole('link', { name: 'Inbox, 1 unread' }));
    expect(await mayaPage.getByRole('status').first().textContent()).toContain('New: Olga Owner');

    await mayaPage.getByRole('button', { name: 'Mark all as read' }).click();
    await visible(mayaPage.getByRole('link', { name: 'Inbox', exact: true }));
    expect(await items.first().getByText('Unread').count()).toBe(0);

    await mayaPage.getByRole('checkbox', { name: 'Unread only' }).check();
    await visible(mayaPage.getByText('Nothing unread'));
    expect(await mayaPage.locator('.inbox-item').count()).toBe(0);
    await mayaPage.getByRole('checkbox', { name: 'Unread only' }).uncheck();
    await visible(items.nth(1));
  });

  it('pages with Load more', async () => {
    for (let i = 0; i < 30; i++) {
      await olga.call(`mutation ($input: AddCommentInput!) { addComment(input: $input) { id } }`, {
        input: {
          targetType: 'HIGHLIGHT',
          targetId: highlightId,
          body: `Maya, note ${i + 1}`,
          mentionIds: [mayaId],
        },
      });
    }
    await mayaPage.goto('/inbox');
    await visible(mayaPage.getByRole('link', { name: 'Inbox, 30 unread' }));
    await mayaPage.waitForFunction(() => document.querySelectorAll('.inbox-item').length === 30);
    await mayaPage.getByRole('button', { name: 'Load more' }).click();
    await mayaPage.waitForFunction(() => document.querySelectorAll('.inbox-item').length === 32);
    await focused(mayaPage.locator('.inbox-link').nth(30));
    expect(await mayaPage.getByRole('button', { name: 'Load more' }).count()).toBe(0);

    // On a phone the header still holds the inbox, with its count, and the log-out button.
    await mayaPage.setViewportSize({ width: 390, height: 844 });
    const inbox = await visible(mayaPage.getByRole('link', { name: 'Inbox, 30 unread' }));
    const logOut = await visible(mayaPage.getByRole('button', { name: 'Log out' }));
    for (const box of [await inbox.boundingBox(), await logOut.boundingBox()]) {
      expect(box!.x + box!.width).toBeLessThanOrEqual(390);
    }
    await screenshot(mayaPage, 'inbox-phone.png');
    expect(errors).toEqual([]);
  });

  it('opens a comment on a turn of a long interview at that turn', async () => {
    const lines = Array.from({ length: 160 }, (_, i) =>
      i % 2 ? `Nina: Answer number ${i} about the rollout.` : `Interviewer: Question ${i}?`,
    );
    const long = await importText(olga, projectId, 'Long rollout interview', lines.join('\n'));
    const turn = long.segments.find((s) => s.text.includes('Answer number 141'))!;
    await olga.call(`mutation ($input: AddCommentInput!) { addComment(input: $input) { id } }`, {
      input: {
        targetType: 'SEGMENT',
        targetId: turn.id,
        body: 'Maya, this turn is where the rollout went wrong.',
        mentionIds: [mayaId],
      },
    });
    await mayaPage.setViewportSize({ width: 1280, height: 800 });
    await mayaPage.goto('/inbox');
    await mayaPage
      .getByRole('region', { name: 'Today' })
      .getByRole('link', { name: /Olga Owner/ })
      .first()
      .click();
    await mayaPage.waitForURL(`**/t/${long.transcriptId}?segment=${turn.id}`);
    await visible(mayaPage.getByRole('heading', { name: 'Long rollout interview', level: 1 }));
    await eventually(
      () => turnInView(mayaPage, 'Answer number 141 about the rollout.'),
      (v) => expect(v).toBe(true),
    );
    expect(errors).toEqual([]);
  });
});
