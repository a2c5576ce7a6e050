import type { Browser, Locator, Page } from 'playwright-core';
import { baseUrl, launchBrowser, screenshot, visible } from './support/browser';
import { eventually, violations } from './support/checks';
import { logIn, signUp, type Person } from './support/seed';

const SETTINGS = `{ notificationSettings { timeZone digestHour digest mentionsByEmail emailConfigured } }`;

/** The text of the option a select shows. */
const shown = (select: Locator) =>
  select.evaluate((el: HTMLSelectElement) => el.selectedOptions[0]?.textContent?.trim() ?? '');

describe('e-mail settings on the account page (a server without SMTP_URL)', () => {
  const email = `tess+${Date.now()}@example.com`;
  let browser: Browser;
  let page: Page;
  let tess: Person;
  const pageErrors: string[] = [];

  beforeAll(async () => {
    browser = await launchBrowser();
    // A browser in Auckland: the time zone the page offers first.
    const context = await browser.newContext({
      baseURL: baseUrl(),
      viewport: { width: 1360, height: 900 },
      timezoneId: 'Pacific/Auckland',
    });
    page = await context.newPage();
    page.setDefaultTimeout(20_000);
    page.on('pageerror', (error) => pageErrors.push(error.message));
    tess = await signUp(email, 'Tess Zone');
  });

  afterAll(async () => {
    await browser?.close();
  });

  it('prefills the browser’s time zone, says e-mail is off on this server, and saves the choices', async () => {
    await logIn(page, email);
    await page.getByRole('link', { name: 'Tess Zone' }).click();
    await page.waitForURL('**/account');
    const section = page.getByRole('region', { name: 'E-mail', exact: true });
    await visible(section);

    const zone = section.getByLabel('Time zone', { exact: true });
    const hour = section.getByLabel('Hour', { exact: true });
    await eventually(
      () => zone.inputValue(),
      (value) => expect(value).toBe('Pacific/Auckland'),
    );
    expect(await shown(zone)).toMatch(/^Pacific\/Auckland \(UTC\+1[23]:00\)$/);
    await visible(section.getByText('This browser’s time zone, until you save.'));
    await visible(
      section.getByText('E-mail is not configured on this server, so nothing is sent for now.'),
    );
    expect(await section.getByRole('radio', { name: 'Never' }).isChecked()).toBe(true);
    expect(await shown(hour)).toBe('08:00');
    await screenshot(page, 'email-settings-defaults.png');

    await section.getByRole('radio', { name: 'Every day' }).check();
    await hour.selectOption({ label: '07:00' });
    await zone.selectOption('America/Los_Angeles');
    await section
      .getByRole('checkbox', { name: 'E-mail me at once when someone mentions me' })
      .check();
    await section.getByRole('button', { name: 'Save e-mail settings' }).click();
    await visible(section.getByRole('status').filter({ hasText: 'Saved.' }));
    expect(await section.getByText('This browser’s time zone, until you save.').count()).toBe(0);
    expect(await violations(page)).toEqual([]);
    await screenshot(page, 'email-settings-saved.png');

    expect(await tess.call(SETTINGS)).toEqual({
      notificationSettings: {
        timeZone: 'America/Los_Angeles',
        digestHour: 7,
        digest: 'DAILY',
        mentionsByEmail: true,
        emailConfigured: false,
      },
    });

    // Read back after a reload: the saved zone, not the browser's.
    await page.reload();
    await visible(section);
    await eventually(
      () => zone.inputValue(),
      (value) => expect(value).toBe('America/Los_Angeles'),
    );
    expect(await shown(hour)).toBe('07:00');
    expect(await section.getByRole('radio', { name: 'Every day' }).isChecked()).toBe(true);
    expect(
      await section
        .getByRole('checkbox', { name: 'E-mail me at once when someone mentions me' })
        .isChecked(),
    ).toBe(true);
    expect(pageErrors).toEqual([]);
  });
});
