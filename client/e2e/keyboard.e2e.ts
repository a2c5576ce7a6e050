import type { Browser, Page } from 'playwright-core';
import { graphql, launchBrowser, openPage, screenshot, visible } from './support/browser';

const SIGN_UP = `mutation ($input: SignUpInput!) { signUp(input: $input) { token user { id } } }`;

async function activeId(page: Page): Promise<string> {
  return page.evaluate(() => document.activeElement?.id ?? '');
}

describe('log-in with the keyboard only', () => {
  let browser: Browser;
  let page: Page;
  const email = `kim+${Date.now()}@example.com`;
  const password = 'a long enough password';

  beforeAll(async () => {
    browser = await launchBrowser();
    ({ page } = await openPage(browser));
    await graphql(SIGN_UP, { input: { email, password, name: 'Kim Keyboard' } });
  });

  afterAll(async () => {
    await browser?.close();
  });

  it('reaches every field with Tab, shows the error inline, and logs in with Enter', async () => {
    await page.goto('/login');
    await visible(page.getByRole('heading', { name: 'Log in' }));

    for (let i = 0; i < 6 && (await activeId(page)) !== 'login-email'; i++)
      await page.keyboard.press('Tab');
    expect(await activeId(page)).toBe('login-email');
    const outline = await page.evaluate(
      () => getComputedStyle(document.activeElement as Element).outlineStyle,
    );
    expect(outline).not.toBe('none');
    await page.keyboard.type(email);
    await page.keyboard.press('Tab');
    expect(await activeId(page)).toBe('login-password');
    await page.keyboard.type('not the password');
    await page.keyboard.press('Enter');

    const alert = await visible(page.getByRole('alert'));
    expect((await alert.textContent())?.trim().length).toBeGreaterThan(5);
    expect(page.url()).toContain('/login');
    await screenshot(page, 'login-error.png');

    await page.getByLabel('Password').focus();
    await page.keyboard.press('ControlOrMeta+A');
    await page.keyboard.type(password);
    await page.keyboard.press('Enter');
    await page.waitForURL('**/workspaces');
    await visible(page.locator('.user-name', { hasText: 'Kim Keyboard' }));
  });

  it('logs out from the header by keyboard and returns to log-in', async () => {
    const logOut = page.getByRole('button', { name: 'Log out' });
    await logOut.focus();
    await page.keyboard.press('Enter');
    await page.waitForURL('**/login');
    await page.goto('/workspaces');
    await page.waitForURL('**/login');
  });
});
