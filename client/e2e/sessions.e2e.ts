import type { Browser, Page } from 'playwright-core';
import { graphql, launchBrowser, openPage, visible } from './support/browser';

const PASSWORD = 'correct horse battery';
const REFRESH = `mutation ($t: String!) { refreshSession(refreshToken: $t) { token refreshToken } }`;
const LOG_IN = `mutation ($input: LogInInput!) { logIn(input: $input) { token } }`;

interface Stored {
  token: string | null;
  refreshToken: string | null;
}

function stored(page: Page): Promise<Stored> {
  return page.evaluate(() => ({
    token: localStorage.getItem('verbatim.token'),
    refreshToken: localStorage.getItem('verbatim.refreshToken'),
  }));
}

/** Replaces the stored access token with one the server cannot accept. */
function spoilAccessToken(page: Page): Promise<void> {
  return page.evaluate(() => localStorage.setItem('verbatim.token', 'not-a-valid-token'));
}

/** Text frames the page receives on its graphql-ws sockets. */
function recordSocketFrames(page: Page): string[] {
  const frames: string[] = [];
  page.on('websocket', (socket) => {
    frames.push(`open ${socket.url()}`);
    socket.on('framereceived', ({ payload }) => frames.push(`< ${String(payload)}`));
    socket.on('framesent', ({ payload }) => frames.push(`> ${String(payload)}`));
    socket.on('close', () => frames.push('closed'));
  });
  return frames;
}

async function waitForFrame(frames: string[], test: (frame: string) => boolean): Promise<void> {
  const deadline = Date.now() + 15_000;
  while (!frames.some(test)) {
    if (Date.now() > deadline) throw new Error(`no such frame in:\n${frames.join('\n')}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Counts the refreshSession calls the page makes. */
function countRefreshes(page: Page): { count: () => number } {
  let count = 0;
  page.on('request', (request) => {
    if (request.url().endsWith('/graphql') && request.postData()?.includes('RefreshSession'))
      count += 1;
  });
  return { count: () => count };
}

describe('sessions: refresh, log out, log out everywhere, change password', () => {
  const email = `sam+${Date.now()}@example.com`;
  let browser: Browser;
  let page: Page;
  let pageErrors: string[];
  let spentRefreshToken: string | null = null;
  let frames: string[] = [];
  let projectUrl = '';

  beforeAll(async () => {
    browser = await launchBrowser();
    ({ page, pageErrors } = await openPage(browser));
  });

  afterAll(async () => {
    await browser?.close();
  });

  it('keeps the user signed in when the access token is refused: one refresh for all requests', async () => {
    await page.goto('/signup');
    await page.getByLabel('Name').fill('Sam Sessions');
    await page.getByLabel('Email').fill(email);
    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Sign up' }).click();
    await page.waitForURL('**/workspaces');
    await page.getByLabel('Name').fill('Sessions lab');
    await page.getByRole('button', { name: 'Create workspace' }).click();
    await page.waitForURL('**/w/*');
    await page.getByLabel('Name', { exact: true }).fill('Refresh study');
    await page.getByRole('button', { name: 'Create project' }).click();
    await page.waitForURL('**/p/*');
    projectUrl = page.url();
    const before = await stored(page);
    expect(before.refreshToken).toBeTruthy();

    // The project page sends several queries and a subscription at once; all are refused.
    const refreshes = countRefreshes(page);
    frames = recordSocketFrames(page);
    await spoilAccessToken(page);
    await page.reload();
    await visible(page.getByRole('heading', { name: 'Refresh study' }));
    await visible(page.getByText('No transcripts yet'));
    const after = await stored(page);
    expect(after.token).not.toBe('not-a-valid-token');
    expect(after.refreshToken).not.toBe(before.refreshToken);
    expect(refreshes.count()).toBe(1);
    expect(page.url()).toContain('/p/');
    spentRefreshToken = before.refreshToken;

    // Live updates work with the refreshed session: a new transcript's progress arrives.
    await waitForFrame(frames, (f) => f.startsWith('> ') && f.includes('"subscribe"'));
    await page.getByTestId('file-input').setInputFiles({
      name: 'first-call.txt',
      mimeType: 'text/plain',
      buffer: Buffer.from('Interviewer: How did it go?\nDana: Better than expected.\n'),
    });
    await waitForFrame(frames, (f) => f.includes('"next"') && f.includes('transcriptUpdated'));
  });

  it('retries an upload refused with 401 after refreshing', async () => {
    // The api refuses the first upload as it refuses an expired token (it is answered here, so
    // the test does not depend on when the token would really expire); the page must refresh
    // once and send the file again with the new token.
    const refreshes = countRefreshes(page);
    const sent: string[] = [];
    await page.route('**/api/projects/*/transcripts', async (route) => {
      sent.push(route.request().headers()['authorization'] ?? '');
      if (sent.length === 1) {
        await route.fulfill({
          status: 401,
          contentType: 'application/json',
          body: JSON.stringify({
            statusCode: 401,
            code: 'UNAUTHENTICATED',
            message: 'Please log in.',
          }),
        });
      } else {
        await route.continue();
      }
    });
    const before = await stored(page);
    await page.getByTestId('file-input').setInputFiles({
      name: 'short-call.txt',
      mimeType: 'text/plain',
      buffer: Buffer.from('Interviewer: Thanks for joining.\nDana: Happy to help.\n'),
    });
    await visible(
      page.locator('.queue-item[data-state="created"]', { hasText: 'short-call.txt' }),
      60_000,
    );
    await page.unroute('**/api/projects/*/transcripts');
    const after = await stored(page);
    expect(refreshes.count()).toBe(1);
    expect(after.token).not.toBe(before.token);
    expect(sent).toEqual([`Bearer ${before.token}`, `Bearer ${after.token}`]);

    // The live connection follows: it reconnected with the refreshed token.
    await waitForFrame(frames, (f) => f.startsWith('> ') && f.includes(`Bearer ${after.token}`));
  });

  it('ends the whole session when a spent refresh token is replayed; log-in comes back', async () => {
    // Someone replays the refresh token this browser already spent: the api revokes the family
    // and closes its live connection, so the open page goes to log-in by itself.
    const here = new URL(page.url()).pathname;
    await expect(graphql(REFRESH, { t: spentRefreshToken })).rejects.toThrow();
    await page.waitForURL('**/login?**');
    const url = new URL(page.url());
    expect(url.searchParams.get('expired')).toBe('1');
    expect(url.searchParams.get('returnUrl')).toBe(here);
    await visible(page.getByText('Your session has ended'));
    expect((await stored(page)).token).toBeNull();

    await page.getByLabel('Email').fill(email);
    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Log in' }).click();
    await page.waitForURL(`**${here}`);
  });

  it('ends the session when the page loads with a refresh token someone else spent', async () => {
    const here = new URL(page.url()).pathname;
    // A copy of this browser's refresh token is used elsewhere first; the page learns of it only
    // when its access token is refused on the next load and its own refresh is a reuse.
    const { refreshToken } = await stored(page);
    await graphql(REFRESH, { t: refreshToken });
    await spoilAccessToken(page);
    await page.reload();
    await page.waitForURL('**/login?**');
    const url = new URL(page.url());
    expect(url.searchParams.get('expired')).toBe('1');
    expect(url.searchParams.get('returnUrl')).toBe(here);
    await visible(page.getByText('Your session has ended'));

    await page.getByLabel('Email').fill(email);
    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Log in' }).click();
    await page.waitForURL(`**${here}`);
  });

  it('log out ends the session on the server', async () => {
    const { refreshToken } = await stored(page);
    await page.getByRole('button', { name: 'Log out' }).click();
    await page.waitForURL('**/login');
    expect((await stored(page)).token).toBeNull();
    await expect(graphql(REFRESH, { t: refreshToken })).rejects.toThrow();
  });

  it('log out everywhere ends the sessions of other browsers too, live ones at once', async () => {
    const { page: other } = await openPage(browser);
    for (const p of [page, other]) {
      await p.goto('/login');
      await p.getByLabel('Email').fill(email);
      await p.getByLabel('Password').fill(PASSWORD);
      await p.getByRole('button', { name: 'Log in' }).click();
      await p.waitForURL('**/workspaces');
    }
    // The other browser shows a project, with its live subscription open.
    const otherFrames = recordSocketFrames(other);
    await other.goto(projectUrl);
    await visible(other.getByRole('heading', { name: 'Refresh study' }));
    await waitForFrame(otherFrames, (f) => f.startsWith('> ') && f.includes('"subscribe"'));
    const { refreshToken } = await stored(other);

    await page.getByRole('link', { name: 'Sam Sessions' }).click();
    await page.waitForURL('**/account');
    await page.getByRole('button', { name: 'Log out everywhere' }).click();
    await page.waitForURL('**/login');

    // The api closes the other browser's socket (4403); its refresh is refused, so it shows the
    // log-in page by itself, without anyone touching it.
    await other.waitForURL('**/login?**');
    expect(other.url()).toContain('expired=1');
    await expect(graphql(REFRESH, { t: refreshToken })).rejects.toThrow();
    await other.context().close();
  });

  it('changes the password, keeping this session and ending the others', async () => {
    const { page: other } = await openPage(browser);
    for (const p of [page, other]) {
      await p.goto('/login');
      await p.getByLabel('Email').fill(email);
      await p.getByLabel('Password').fill(PASSWORD);
      await p.getByRole('button', { name: 'Log in' }).click();
      await p.waitForURL('**/workspaces');
    }
    const otherRefresh = (await stored(other)).refreshToken;

    await page.goto('/account');
    await page.getByLabel('Current password').fill(PASSWORD);
    await page.getByLabel('New password').fill('an even better passphrase');
    await page.getByRole('button', { name: 'Change password' }).click();
    await visible(page.getByText('Password changed.'));

    await expect(graphql(REFRESH, { t: otherRefresh })).rejects.toThrow();
    await expect(graphql(LOG_IN, { input: { email, password: PASSWORD } })).rejects.toThrow();
    await graphql(LOG_IN, { input: { email, password: 'an even better passphrase' } });

    // This browser got a fresh session and keeps working.
    await page.goto('/workspaces');
    await visible(page.getByRole('heading', { name: 'Workspaces' }));
    expect(page.url()).toContain('/workspaces');
    expect(pageErrors).toEqual([]);
    await other.context().close();
  });
});
