import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, openPage, screenshot, turnInView, visible } from './support/browser';

const ZOOM_VTT = join(__dirname, 'fixtures/GMT20240124-202901_Recording.transcript.vtt');
const LAST_ZOOM_LINE = 'stop the Zoom Meeting, and everybody can come join';

/** A three-hour interview: 3,000 alternating turns of varied length. */
function longInterview(turns = 3000): Buffer {
  const stamp = (ms: number) => {
    const h = Math.floor(ms / 3_600_000);
    const m = Math.floor((ms % 3_600_000) / 60_000);
    const s = Math.floor((ms % 60_000) / 1000);
    return `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}:${String(s).padStart(2, '0')}.000`;
  };
  const lines = ['WEBVTT', ''];
  for (let i = 0; i < turns; i++) {
    const speaker = i % 2 === 0 ? 'Interviewer' : 'Ana Lima';
    const words =
      'we tried the new onboarding flow and the export step was confusing for the team'.split(' ');
    const text = Array.from(
      { length: 6 + ((i * 7) % 60) },
      (_, k) => words[(i + k) % words.length],
    ).join(' ');
    lines.push(
      String(i + 1),
      `${stamp(i * 3600)} --> ${stamp(i * 3600 + 3000)}`,
      `${speaker}: Turn ${i + 1}. ${text}.`,
      '',
    );
  }
  lines.push('');
  return Buffer.from(lines.join('\n'));
}

/** Bytes that are no transcript in any format. */
function garbage(): Buffer {
  const bytes = Buffer.alloc(4096);
  let x = 12345;
  for (let i = 0; i < bytes.length; i++) {
    x = (x * 1103515245 + 12345) & 0x7fffffff;
    bytes[i] = x & 0xff;
  }
  return bytes;
}

async function waitForTurnInView(page: Page, text: string): Promise<void> {
  const deadline = Date.now() + 10_000;
  while (!(await turnInView(page, text))) {
    if (Date.now() > deadline) throw new Error(`turn "${text}" did not scroll into view`);
    await page.waitForTimeout(100);
  }
}

function row(page: Page, text: string) {
  return page.locator('tr[data-transcript-id]', { hasText: text });
}

describe('researcher flow against the real api', () => {
  let browser: Browser;
  let page: Page;
  let pageErrors: string[];
  let projectUrl = '';

  beforeAll(async () => {
    browser = await launchBrowser();
    ({ page, pageErrors } = await openPage(browser));
  });

  afterAll(async () => {
    await browser?.close();
  });

  it('lands a first visit on sign-up and creates an account', async () => {
    await page.goto('/');
    await page.waitForURL('**/signup');
    await visible(page.getByRole('link', { name: 'Log in' }));
    await page.getByLabel('Name').fill('Rosa Researcher');
    await page.getByLabel('Email').fill(`rosa+${Date.now()}@example.com`);
    await page.getByLabel('Password').fill('correct horse battery');
    await page.getByRole('button', { name: 'Sign up' }).click();
    await page.waitForURL('**/workspaces');
    await visible(page.locator('.user-name', { hasText: 'Rosa Researcher' }));
    await visible(page.getByText('No workspaces yet'));
  });

  it('creates a workspace and a project', async () => {
    await page.getByLabel('Name').fill('Product research');
    await page.getByRole('button', { name: 'Create workspace' }).click();
    await page.waitForURL('**/w/*');
    await visible(page.getByRole('heading', { name: 'Product research' }));

    await page.getByLabel('Name', { exact: true }).fill('Classroom engagement study');
    await page.getByRole('button', { name: 'Create project' }).click();
    await page.waitForURL('**/p/*');
    await visible(page.getByRole('heading', { name: 'Classroom engagement study' }));
    await visible(page.getByText('No transcripts yet'));
    projectUrl = page.url();
  });

  it('uploads a Zoom transcript and watches it become READY without reloading', async () => {
    await page.evaluate(() => {
      const w = window as unknown as { __noReload: boolean; __statuses: string[] };
      w.__noReload = true;
      w.__statuses = [];
      new MutationObserver((records) => {
        for (const r of records) {
          for (const el of [r.target, ...Array.from(r.addedNodes)]) {
            if (el instanceof HTMLElement && el.matches('tr[data-status]'))
              w.__statuses.push(el.dataset['status'] ?? '');
          }
        }
      }).observe(document.body, {
        subtree: true,
        childList: true,
        attributes: true,
        attributeFilter: ['data-status'],
      });
    });

    // The picker offers every kind of file the server reads, Markdown notes included.
    const accept = (await page.getByTestId('file-input').getAttribute('accept')) ?? '';
    expect(accept.split(',')).toEqual(
      expect.arrayContaining(['.vtt', '.srt', '.txt', '.md', '.docx', '.json']),
    );
    await page.getByTestId('file-input').setInputFiles(ZOOM_VTT);
    await visible(page.locator('.queue-item[data-state="created"]'), 60_000);
    const zoomRow = row(page, 'GMT20240124');
    await visible(zoomRow, 30_000);
    await zoomRow.and(page.locator('[data-status="READY"]')).waitFor({ timeout: 90_000 });

    const live = await page.evaluate(() => {
      const w = window as unknown as { __noReload?: boolean; __statuses?: string[] };
      return { __noReload: w.__noReload, __statuses: w.__statuses ?? [] };
    });
    expect(live.__noReload).toBe(true);
    expect(live.__statuses).toContain('READY');
    await expect(zoomRow.locator('td').nth(1).textContent()).resolves.toContain('WEBVTT');
    expect(Number(await zoomRow.locator('td').nth(3).textContent())).toBeGreaterThan(10);

    // Speakers of the new transcript show up in the participants panel.
    await visible(page.getByLabel('Display name for Conor Healy'), 30_000);
    await visible(page.getByLabel('Display name for Srijani Ghosh'));
  });

  it('refuses or fails a garbage file with a readable reason, and flags a duplicate', async () => {
    await page
      .getByTestId('file-input')
      .setInputFiles({ name: 'garbage.vtt', mimeType: 'text/vtt', buffer: garbage() });
    const refused = page.locator('.queue-item[data-state="failed"] .queue-note');
    const failedRow = row(page, 'garbage').and(page.locator('[data-status="FAILED"]'));
    await Promise.race([visible(refused, 90_000), visible(failedRow, 90_000)]);
    const reason = (await refused.count())
      ? await refused.first().textContent()
      : await failedRow.locator('.error-text').textContent();
    expect(reason?.trim().length).toBeGreaterThan(5);
    if (!(await refused.count())) {
      // The same file would fail the same way: the row offers Delete, not Retry.
      await visible(failedRow.getByRole('button', { name: /Delete/ }));
      expect(await failedRow.getByRole('button', { name: /Retry/ }).count()).toBe(0);
    }

    await page.getByTestId('file-input').setInputFiles(ZOOM_VTT);
    const duplicate = await visible(
      page.locator('.queue-item[data-state="duplicate"] .queue-note'),
      60_000,
    );
    expect(await duplicate.textContent()).toContain('Already uploaded as');
    await visible(duplicate.getByRole('link'));
  });

  it('renames a participant and marks the interviewer', async () => {
    const name = page.getByLabel('Display name for Conor Healy');
    await name.fill('Conor Healy (host)');
    await name.press('Enter');
    const item = page.locator('li.participant', {
      has: page.getByLabel('Display name for Conor Healy'),
    });
    await visible(item.getByText('Saved'));
    await item.getByLabel('Interviewer').check();
    await visible(item.getByText('Saved'));
    await screenshot(page, 'project.png', true);
  });

  it('imports pasted text', async () => {
    await page.getByRole('button', { name: 'Paste text instead' }).click();
    await page.getByLabel('File name').fill('pasted-notes.txt');
    await page.getByLabel('Title (optional)').fill('Pasted follow-up call');
    await page
      .getByLabel('Transcript text', { exact: true })
      .fill(
        'Interviewer: How did the export go last week?\nDana: It worked, but I had to rename every column by hand.\n',
      );
    await page.getByRole('button', { name: 'Import text' }).click();
    await visible(page.getByText('Imported “Pasted follow-up call”'));
    await row(page, 'Pasted follow-up call')
      .and(page.locator('[data-status="READY"]'))
      .waitFor({ timeout: 60_000 });
  });

  it('reads the Zoom transcript: speakers, timestamps, a known sentence, keyboard scrolling', async () => {
    await row(page, 'GMT20240124').getByRole('link').click();
    await page.waitForURL('**/t/*');
    await visible(page.locator('article.turn'));
    await visible(page.locator('.turn-speaker', { hasText: 'Srijani Ghosh' }));
    await visible(page.locator('.turn-speaker', { hasText: 'Conor Healy (host)' }));
    await visible(page.getByText('Get this party started.'));
    await visible(page.locator('.turn-time', { hasText: '0:00:02' }));
    await expect(page.locator('.meta').textContent()).resolves.toMatch(/WEBVTT.*turns.*speakers/);
    await screenshot(page, 'reader.png');

    const list = page.getByRole('feed');
    await list.focus();
    await page.keyboard.press('End');
    await page.waitForFunction((line) => {
      const v = document.querySelector('cdk-virtual-scroll-viewport');
      return (
        !!v &&
        Array.from(v.querySelectorAll('article.turn')).some((el) => {
          const r = el.getBoundingClientRect();
          const b = v.getBoundingClientRect();
          return (el.textContent ?? '').includes(line) && r.top < b.bottom && r.bottom > b.top;
        })
      );
    }, LAST_ZOOM_LINE);
    await page.keyboard.press('Home');
    await page.waitForFunction(
      () => (document.querySelector('cdk-virtual-scroll-viewport')?.scrollTop ?? -1) === 0,
    );
    await waitForTurnInView(page, 'Get this party started.');
  });

  it('stays windowed and keyboard-scrollable for a three-hour interview', async () => {
    await page.goto(projectUrl);
    await page
      .getByTestId('file-input')
      .setInputFiles({ name: 'three-hours.vtt', mimeType: 'text/vtt', buffer: longInterview() });
    const bigRow = row(page, 'three-hours');
    await bigRow.and(page.locator('[data-status="READY"]')).waitFor({ timeout: 120_000 });
    await bigRow.getByRole('link').click();
    await page.waitForURL('**/t/*');
    await visible(page.getByText('Turn 1.', { exact: false }));
    await page.locator('.loading-more').waitFor({ state: 'detached', timeout: 60_000 });

    const rendered = await page.locator('article.turn').count();
    expect(rendered).toBeGreaterThan(3);
    expect(rendered).toBeLessThan(150);

    const list = page.getByRole('feed');
    await list.focus();
    const before = await list.evaluate((el) => el.scrollTop);
    await page.keyboard.press('PageDown');
    await page.waitForFunction(
      (top) => (document.querySelector('cdk-virtual-scroll-viewport')?.scrollTop ?? 0) > top,
      before,
    );

    await page.keyboard.press('End');
    await page.waitForFunction(
      () => {
        const v = document.querySelector('cdk-virtual-scroll-viewport');
        if (!v) return false;
        const b = v.getBoundingClientRect();
        return Array.from(v.querySelectorAll('article.turn')).some((el) => {
          const r = el.getBoundingClientRect();
          return (
            (el.textContent ?? '').includes('Turn 3000.') && r.top < b.bottom && r.bottom > b.top
          );
        });
      },
      undefined,
      { timeout: 15_000 },
    );
    expect(await page.locator('article.turn').count()).toBeLessThan(150);
    await screenshot(page, 'reader-long-end.png');

    await page.keyboard.press('Home');
    await page.waitForFunction(
      () => (document.querySelector('cdk-virtual-scroll-viewport')?.scrollTop ?? -1) === 0,
    );
    await waitForTurnInView(page, 'Turn 1. ');
    expect(pageErrors).toEqual([]);
  });
});

// Keep the fixture honest: it is the file the LICENSE note describes.
test('the Zoom fixture is the 102-cue export', () => {
  expect(readFileSync(ZOOM_VTT, 'utf8').match(/-->/g)?.length).toBe(102);
});
