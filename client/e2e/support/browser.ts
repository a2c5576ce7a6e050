import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { type Browser, type Locator, type Page, chromium } from 'playwright-core';
import { outputDir } from './server';

export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-background-networking',
];

export function baseUrl(): string {
  const url = process.env['E2E_BASE_URL'];
  if (!url) throw new Error('E2E_BASE_URL is not set: run through client/e2e/jest.config.cjs');
  return url;
}

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium',
    headless: true,
    args: CHROMIUM_ARGS,
  });
}

export interface OpenedPage {
  page: Page;
  /** Uncaught page errors, to assert the app ran cleanly. */
  pageErrors: string[];
}

/** A page in a context of its own (its own storage: another person); `timezoneId` as IANA names it. */
export async function openPage(
  browser: Browser,
  options: { timezoneId?: string } = {},
): Promise<OpenedPage> {
  const context = await browser.newContext({
    baseURL: baseUrl(),
    viewport: { width: 1360, height: 900 },
    ...options,
  });
  const page = await context.newPage();
  page.setDefaultTimeout(20_000);
  const pageErrors: string[] = [];
  page.on('pageerror', (error) => pageErrors.push(error.message));
  return { page, pageErrors };
}

export async function screenshot(page: Page, name: string, fullPage = false): Promise<void> {
  mkdirSync(outputDir, { recursive: true });
  await page.screenshot({ path: join(outputDir, name), fullPage });
}

export async function visible(locator: Locator, timeout?: number): Promise<Locator> {
  await locator.first().waitFor({ state: 'visible', timeout });
  return locator.first();
}

/**
 * Waits until `locator` holds the keyboard focus. Focus often moves one render after the click
 * that asked for it, so reading `document.activeElement` once right after the click races.
 */
export async function focused(locator: Locator, timeout?: number): Promise<void> {
  const element = await locator.first().elementHandle({ timeout });
  if (!element) throw new Error('no element to hold the focus');
  try {
    await locator
      .page()
      .waitForFunction((el) => el === document.activeElement, element, { timeout });
  } catch (error) {
    // Say where the focus is instead, and whether the element was replaced meanwhile.
    const where = await element.evaluate((el) => {
      const active = document.activeElement;
      const name = active
        ? `${active.tagName.toLowerCase()}${active.id ? '#' + active.id : ''} "${(active.textContent ?? '').trim().slice(0, 40)}"`
        : 'nothing';
      return `${name}; the element is ${el.isConnected ? 'still' : 'no longer'} in the page`;
    });
    throw new Error(`the focus never reached the element: it is on ${where}`, { cause: error });
  }
}

/**
 * Resolves once the page has sent a subscription naming `field` over its socket. Listens from
 * before the socket opens: the shell subscribes right after the connection is acknowledged.
 */
export function subscribed(page: Page, field: string): Promise<void> {
  return new Promise((resolve) => {
    page.on('websocket', (ws) =>
      ws.on('framesent', (frame) => {
        if (String(frame.payload).includes(field)) resolve();
      }),
    );
  });
}

/** Whether a reader turn containing `text` is rendered inside the visible part of the turn list. */
export function turnInView(page: Page, text: string): Promise<boolean> {
  return page.evaluate((needle) => {
    const viewport = document.querySelector('cdk-virtual-scroll-viewport');
    if (!viewport) return false;
    const box = viewport.getBoundingClientRect();
    return Array.from(viewport.querySelectorAll('article.turn')).some((el) => {
      const r = el.getBoundingClientRect();
      return (el.textContent ?? '').includes(needle) && r.bottom > box.top && r.top < box.bottom;
    });
  }, text);
}

/** A GraphQL call straight to the api under test (for setting up users, never to fake it). */
export async function graphql<T>(
  query: string,
  variables: Record<string, unknown>,
  token?: string,
): Promise<T> {
  const request = () =>
    fetch(`${baseUrl()}/graphql`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        ...(token ? { authorization: `Bearer ${token}` } : {}),
      },
      body: JSON.stringify({ query, variables }),
    });
  // A kept-alive connection the server closed just as it was reused fails before the request is
  // read ("other side closed"): that one is sent again, on a new connection.
  const response = await request().catch((error: unknown) => {
    const cause = (error as { cause?: { code?: string } }).cause;
    if (cause?.code === 'UND_ERR_SOCKET') return request();
    throw error;
  });
  const body = (await response.json()) as { data?: T; errors?: { message: string }[] };
  if (!body.data || body.errors?.length)
    throw new Error(`GraphQL failed: ${JSON.stringify(body.errors)}`);
  return body.data;
}
