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
  highlightWords,
  importText,
  logIn,
  signUp,
} from './support/seed';

// Comments, by two colleagues in two browsers: Olga comments on a highlight and mentions Maya,
// chosen from the list with the keyboard; Maya's inbox badge rises without a reload; the
// notification opens the reader on that highlight with its thread; Maya replies and Olga sees
// the reply arrive. Markdown meant to harm renders inert, a viewer reads without a composer, and
// axe finds nothing serious. Then a theme's discussion on the board, opened from a notification,
// and the counts on cards, themes and insights.

const INTERVIEW = [
  'Interviewer: How did the trial go?',
  'Nina: The trial ended before we had invited the whole team.',
  'Interviewer: And the price?',
  'Nina: The price doubled once the trial was over.',
].join('\n');
const QUOTE = 'The price doubled once the trial was over.';
const REPLY = 'Yes, it doubled the week after the trial ended.';
const HOSTILE = [
  'Careful with **this** one:',
  '',
  '<img src=x onerror="window.__pwned = 1">',
  '',
  '[Click me](javascript:window.__pwned=2) and <script>window.__pwned = 3</script>',
  '',
  '[The pricing page](https://example.com/pricing)',
].join('\n');

/**
 * Resolves once the page has sent a subscription naming `field` over its socket. Listens from
 * before the socket opens: the shell subscribes right after the connection is acknowledged.
 */
function subscribed(page: Page, field: string): Promise<void> {
  return new Promise((resolve) => {
    page.on('websocket', (ws) =>
      ws.on('framesent', (frame) => {
        if (String(frame.payload).includes(field)) resolve();
      }),
    );
  });
}

/** The highlight panel's discussion. */
function discussion(page: Page): Locator {
  return page
    .getByRole('complementary', { name: 'Highlight' })
    .getByRole('region', { name: 'Comments' });
}

/** The comment whose body holds `text`. */
function commentWith(scope: Locator, text: string): Locator {
  return scope
    .getByRole('article')
    .filter({ has: scope.page().getByTestId('comment-body').filter({ hasText: text }) });
}

const pwned = (page: Page) => page.evaluate(() => (window as { __pwned?: number }).__pwned);

describe('comments', () => {
  const stamp = Date.now();
  const emails = {
    olga: `olga+comments${stamp}@example.com`,
    maya: `maya+comments${stamp}@example.com`,
    vic: `vic+comments${stamp}@example.com`,
  };
  let browser: Browser;
  let olga: Person;
  let maya: Person;
  let olgaPage: Page;
  let mayaPage: Page;
  let vicPage: Page;
  const errors: string[] = [];
  let workspaceId = '';
  let projectId = '';
  let transcriptId = '';
  let highlightId = '';

  beforeAll(async () => {
    olga = await signUp(emails.olga, 'Olga Owner');
    maya = await signUp(emails.maya, 'Maya Commenter');
    const vic = await signUp(emails.vic, 'Vic Viewer');
    ({ workspaceId, projectId } = await createProject(olga, 'Pricing study'));
    await addMember(olga, workspaceId, maya, 'COMMENTER');
    await addMember(olga, workspaceId, vic, 'VIEWER');
    const tag = await createTag(olga, projectId, 'Pricing');
    const interview = await importText(olga, projectId, 'Nina interview', INTERVIEW);
    transcriptId = interview.transcriptId;
    highlightId = await highlightWords(olga, transcriptId, interview.segments, QUOTE, [tag]);

    browser = await launchBrowser();
    const pages = await Promise.all([openPage(browser), openPage(browser), openPage(browser)]);
    [olgaPage, mayaPage, vicPage] = pages.map((p) => p.page) as [Page, Page, Page];
    for (const page of [olgaPage, mayaPage, vicPage]) {
      page.on('pageerror', (e) => errors.push(e.message));
      page.on('dialog', (d) => {
        errors.push(`dialog: ${d.message()}`);
        void d.dismiss();
      });
    }
    const mayaListens = subscribed(mayaPage, 'unreadNotificationCountChanged');
    await logIn(mayaPage, emails.maya);
    await mayaListens;
    await visible(mayaPage.getByRole('link', { name: 'Inbox', exact: true }));
    await logIn(olgaPage, emails.olga);
    await logIn(vicPage, emails.vic);
  });

  afterAll(async () => {
    await browser?.close();
  });

  it('mentions a colleague chosen from the list by keyboard, and her badge rises live', async () => {
    await olgaPage.goto(`/t/${transcriptId}?highlight=${highlightId}`);
    const comments = await visible(discussion(olgaPage));
    await visible(comments.getByText('No comments yet.'));

    const box = comments.getByRole('textbox', { name: 'Write a comment' });
    await box.click();
    await box.pressSequentially('Is this the change we saw last week? @');
    const list = await visible(olgaPage.getByRole('listbox', { name: 'People to mention' }));
    // Everyone but herself, by name; the first is active.
    // The members arrive with the page; the list shows them once they are there.
    await eventually(
      () => list.locator('.mention-name').allTextContents(),
      (names) => expect(names).toEqual(['Maya Commenter', 'Vic Viewer']),
      20_000,
    );
    expect(await violations(olgaPage)).toEqual([]);
    await screenshot(olgaPage, 'comments-mention-list.png');

    await box.pressSequentially('m');
    await eventually(
      () => list.getByRole('option').count(),
      (n) => expect(n).toBe(1),
    );
    await box.press('ArrowDown');
    const maya = list.getByRole('option', { name: /Maya Commenter/ });
    await expect(maya.getAttribute('aria-selected')).resolves.toBe('true');
    await expect(box.getAttribute('aria-activedescendant')).resolves.toBe(
      await maya.getAttribute('id'),
    );
    await box.press('Enter');
    await list.waitFor({ state: 'detached' });
    await eventually(
      () => box.inputValue(),
      (text) => expect(text).toBe('Is this the change we saw last week? @Maya Commenter '),
    );
    await box.pressSequentially('could you check the invoices?');
    await box.press('Control+Enter');

    const comment = await visible(commentWith(comments, 'Is this the change'));
    await visible(comment.locator('.mention', { hasText: '@Maya Commenter' }));
    await eventually(
      () => box.inputValue(),
      (text) => expect(text).toBe(''),
    );
    await focused(box);
    // The turn's header counts the highlight's comment; it opens the highlight.
    await visible(olgaPage.getByRole('button', { name: `1 comment on “${QUOTE.slice(0, 39)}…”` }));

    await visible(mayaPage.getByRole('link', { name: 'Inbox, 1 unread' }));
    expect(mayaPage.url()).toMatch(/\/workspaces$/);
    await screenshot(olgaPage, 'comments-mentioned.png');
  });

  it('opens the highlight with its thread from the notification; the reply reaches Olga live', async () => {
    await mayaPage.getByRole('link', { name: 'Inbox, 1 unread' }).click();
    await mayaPage.waitForURL('**/inbox');
    await mayaPage.getByRole('link', { name: /Olga Owner mentioned you/ }).click();
    await mayaPage.waitForURL(`**/t/${transcriptId}?highlight=${highlightId}`);
    const panel = await visible(mayaPage.getByRole('complementary', { name: 'Highlight' }));
    await visible(panel.getByText(QUOTE));
    const comments = discussion(mayaPage);
    const first = await visible(commentWith(comments, 'Is this the change'));
    await visible(first.locator('.mention', { hasText: '@Maya Commenter' }));
    await screenshot(mayaPage, 'comments-opened-from-inbox.png');

    await comments.getByRole('button', { name: 'Reply to Olga Owner' }).click();
    const reply = comments.getByRole('textbox', { name: 'Reply to Olga Owner' });
    await focused(reply);
    await reply.pressSequentially(REPLY);
    await comments.getByRole('button', { name: 'Reply', exact: true }).click();
    await visible(commentWith(comments, REPLY));
    await reply.waitFor({ state: 'detached' });

    // Olga's reader has not moved: the reply arrives in the thread she has open.
    const olgaThread = discussion(olgaPage).getByRole('list', { name: 'Replies to Olga Owner' });
    await visible(commentWith(olgaThread, REPLY));
    await visible(olgaPage.getByRole('button', { name: /^2 comments on/ }));
    await screenshot(olgaPage, 'comments-reply-live.png');
  });

  it('renders Markdown meant to harm as harmless text, on both screens', async () => {
    const box = discussion(olgaPage).getByRole('textbox', { name: 'Write a comment' });
    await box.fill(HOSTILE);
    await discussion(olgaPage).getByRole('button', { name: 'Comment', exact: true }).click();
    for (const page of [olgaPage, mayaPage]) {
      const comment = await visible(commentWith(discussion(page), 'Careful with'));
      const body = comment.getByTestId('comment-body');
      await visible(body.locator('strong', { hasText: 'this' }));
      await visible(body.getByText('<img src=x onerror="window.__pwned = 1">'));
      expect(await body.locator('img, script, iframe, [onerror]').count()).toBe(0);
      await visible(body.getByText('Click me'));
      expect(await body.locator('a[href^="javascript"], a:has-text("Click me")').count()).toBe(0);
      const link = body.getByRole('link', { name: 'The pricing page' });
      await expect(link.getAttribute('rel')).resolves.toBe('noopener noreferrer');
      await expect(link.getAttribute('target')).resolves.toBe('_blank');
      await expect(pwned(page)).resolves.toBeUndefined();
    }
    await screenshot(mayaPage, 'comments-hostile.png');
  });

  it('lets a viewer read the thread but not write in it', async () => {
    await vicPage.goto(`/t/${transcriptId}?highlight=${highlightId}`);
    const comments = await visible(discussion(vicPage));
    await visible(commentWith(comments, REPLY));
    await visible(comments.getByText('You can read the discussion; viewers do not comment.'));
    expect(await comments.getByRole('textbox').count()).toBe(0);
    expect(
      await comments.getByRole('button', { name: /Reply|Resolve|Edit|Delete|reaction/ }).count(),
    ).toBe(0);
    expect(await violations(vicPage)).toEqual([]);
  });

  it('edits, reacts, resolves and deletes, each seen live by the colleague', async () => {
    const comments = discussion(olgaPage);
    const mine = commentWith(comments, 'Is this the change');
    await mine.getByRole('button', { name: 'Edit comment by Olga Owner' }).click();
    const edit = comments.getByRole('textbox', { name: 'Edit your comment' });
    await focused(edit);
    // The edit starts from the text as written, with the mention as @Name.
    await expect(edit.inputValue()).resolves.toBe(
      'Is this the change we saw last week? @Maya Commenter could you check the invoices?',
    );
    await edit.fill('Is this the change from March? @Maya Commenter could you check the invoices?');
    await comments.getByRole('button', { name: 'Save' }).click();
    const mayaView = commentWith(discussion(mayaPage), 'the change from March');
    await visible(mayaView.getByText('edited', { exact: true }));
    await visible(mayaView.locator('.mention', { hasText: '@Maya Commenter' }));

    // Maya cannot edit Olga's comment; she reacts to it.
    expect(await mayaView.getByRole('button', { name: /^Edit/ }).count()).toBe(0);
    await mayaView.getByRole('button', { name: 'Add reaction' }).click();
    await mayaView
      .getByRole('group', { name: 'Choose a reaction' })
      .getByRole('button', { name: 'Thumbs up' })
      .click();
    await visible(mayaView.getByRole('button', { name: 'Thumbs up: 1 person, you among them' }));
    const olgaReaction = await visible(
      commentWith(comments, 'the change from March').getByRole('button', {
        name: 'Thumbs up: 1 person',
      }),
    );
    await expect(olgaReaction.getAttribute('aria-pressed')).resolves.toBe('false');

    // Resolving folds the thread on both screens; it can be shown again.
    await comments.getByRole('button', { name: 'Resolve thread' }).first().click();
    for (const page of [olgaPage, mayaPage])
      await visible(
        discussion(page).getByRole('button', { name: 'Show resolved thread by Olga Owner' }),
      );
    expect(await commentWith(discussion(mayaPage), REPLY).count()).toBe(0);
    await discussion(mayaPage)
      .getByRole('button', { name: 'Show resolved thread by Olga Owner' })
      .click();
    await visible(commentWith(discussion(mayaPage), REPLY));
    await screenshot(mayaPage, 'comments-resolved-shown.png');
    await discussion(olgaPage)
      .getByRole('button', { name: 'Show resolved thread by Olga Owner' })
      .click();

    // Olga deletes her first comment: its reply keeps it in place as deleted.
    await commentWith(comments, 'the change from March')
      .getByRole('button', { name: 'Delete comment by Olga Owner' })
      .click();
    await comments
      .getByRole('group', { name: 'Delete comment by Olga Owner?' })
      .getByRole('button', { name: 'Delete' })
      .click();
    for (const page of [olgaPage, mayaPage]) {
      const thread = discussion(page).locator('[data-thread-id]').first();
      await visible(thread.getByText('This comment was deleted.'));
      await visible(commentWith(thread, REPLY));
    }
    // Two comments left on the highlight: the reply and the hostile one.
    await visible(olgaPage.getByRole('button', { name: /^2 comments on/ }));
    expect(errors).toEqual([]);
  });

  it('opens a theme’s discussion on its board from a notification, with counts on cards, themes and insights', async () => {
    const boardId = await createBoard(olga, projectId, 'Pricing board');
    const themeId = await createTheme(olga, boardId, 'Price shock');
    await addCards(olga, boardId, [highlightId], themeId);
    const { createInsight } = await olga.call<{ createInsight: { id: string } }>(
      `mutation ($i: CreateInsightInput!) { createInsight(input: $i) { id } }`,
      { i: { projectId, title: 'Prices double after trials', highlightIds: [highlightId] } },
    );
    const { me } = await maya.call<{ me: { id: string } }>(`query { me { id } }`);
    await olga.call(`mutation ($i: AddCommentInput!) { addComment(input: $i) { id } }`, {
      i: {
        targetType: 'THEME',
        targetId: themeId,
        body: `[@Maya Commenter](mention:${me.id}) does this theme hold up?`,
        mentionIds: [me.id],
      },
    });

    await mayaPage.goto('/inbox');
    await mayaPage.getByRole('link', { name: /mentioned you in a comment on a theme/ }).click();
    await mayaPage.waitForURL(`**/p/${projectId}/boards/${boardId}?comments=${themeId}`);
    const drawer = await visible(
      mayaPage.getByRole('complementary', { name: 'Comments on Price shock' }),
    );
    await focused(drawer.getByRole('heading', { name: 'Price shock' }));
    await visible(commentWith(drawer, 'does this theme hold up?').locator('.mention'));
    // The card counts its highlight's two comments; the theme its one.
    await visible(mayaPage.getByTestId('card-comment-count').filter({ hasText: '2' }));
    const toggle = mayaPage.getByRole('button', { name: 'Comments on Price shock, 1' });
    await expect(toggle.getAttribute('aria-expanded')).resolves.toBe('true');

    const box = drawer.getByRole('textbox', { name: 'Write a comment' });
    await box.fill('It does: three interviews say so.');
    await drawer.getByRole('button', { name: 'Comment', exact: true }).click();
    await visible(mayaPage.getByRole('button', { name: 'Comments on Price shock, 2' }));
    expect(await violations(mayaPage)).toEqual([]);
    await screenshot(mayaPage, 'comments-theme-drawer.png');
    await focused(box);
    await mayaPage.keyboard.press('Escape');
    await drawer.waitFor({ state: 'detached' });
    await focused(mayaPage.getByRole('button', { name: 'Comments on Price shock, 2' }));
    // The address follows: no `?comments=` left behind to reopen the drawer on reload.
    await mayaPage.waitForURL((url) => !url.searchParams.has('comments'));

    // An insight's page ends with its discussion, twenty threads at a time; the repository
    // counts its comments.
    for (let i = 1; i <= 21; i++)
      await olga.call(`mutation ($i: AddCommentInput!) { addComment(input: $i) { id } }`, {
        i: { targetType: 'INSIGHT', targetId: createInsight.id, body: `Point ${i} of 21` },
      });
    // As a notification about one of them links it: at its discussion, not at its top.
    await mayaPage.goto(
      `/p/${projectId}/insights/${createInsight.id}?comments=${createInsight.id}`,
    );
    const onInsight = await visible(mayaPage.getByRole('region', { name: 'Comments' }));
    await focused(onInsight.getByRole('heading', { name: 'Comments' }));
    const threads = onInsight.getByRole('list', { name: 'Threads' }).locator(':scope > li');
    await visible(onInsight.getByText('Point 20 of 21', { exact: true }));
    expect(await threads.count()).toBe(20);
    await onInsight.getByRole('button', { name: 'Load more' }).click();
    await visible(onInsight.getByText('Point 21 of 21', { exact: true }));
    await onInsight.getByRole('button', { name: 'Load more' }).waitFor({ state: 'detached' });
    await onInsight
      .getByRole('textbox', { name: 'Write a comment' })
      .fill('Seen it in two more calls.');
    await onInsight.getByRole('button', { name: 'Comment', exact: true }).click();
    await visible(commentWith(onInsight, 'Seen it in two more calls.'));
    expect(await threads.count()).toBe(22);
    await visible(onInsight.getByText('22 comments', { exact: true }));
    await mayaPage.goto(`/w/${workspaceId}/insights`);
    const row = mayaPage.locator(`[data-insight-id="${createInsight.id}"]`);
    await visible(row.getByTestId('insight-comment-count').filter({ hasText: '22 comments' }));
    expect(errors).toEqual([]);
  });
});
