import { Inject, Injectable, Logger, type OnModuleDestroy } from '@nestjs/common';
import { accessSync, constants } from 'node:fs';
import { type Browser, chromium } from 'playwright-core';
import { APP_CONFIG } from '../../config/config.module';
import { type AppConfig } from '../../config/env';

export const NO_CHROMIUM_MESSAGE =
  'PDF export needs Chromium: install it (apt-get install chromium) or set CHROMIUM_PATH.';

const ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-background-networking',
];

const FOOTER = `<div style="width:100%;font:8px Helvetica,Arial,sans-serif;color:#555b6e;text-align:center;">
Page <span class="pageNumber"></span> of <span class="totalPages"></span></div>`;

/**
 * Prints a report's HTML to PDF in headless Chromium (playwright-core driving the system's
 * Chromium, CHROMIUM_PATH): A4, page numbers in the footer, each quote kept on one page by the
 * HTML's print CSS. The page runs no JavaScript and every request it makes is refused, so a
 * hostile string in a report fetches nothing. One browser is started on first use and kept; each
 * print gets its own context, closed afterwards, and is stopped after PDF_RENDER_TIMEOUT. The
 * browser is its own process, so printing does not hold the api's event loop.
 */
@Injectable()
export class ReportPdf implements OnModuleDestroy {
  private readonly logger = new Logger(ReportPdf.name);
  private browser: Promise<Browser> | null = null;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  async print(html: string, signal?: AbortSignal): Promise<Buffer> {
    const browser = await this.launch();
    const context = await browser.newContext({ javaScriptEnabled: false, offline: true });
    let timer: NodeJS.Timeout | undefined;
    const abort = () => void context.close().catch(() => undefined);
    signal?.addEventListener('abort', abort, { once: true });
    try {
      const page = await context.newPage();
      await page.route('**/*', (route) =>
        route.request().url().startsWith('data:')
          ? route.continue()
          : route.abort('blockedbyclient'),
      );
      const work = (async () => {
        await page.setContent(html, { waitUntil: 'load' });
        return page.pdf({
          format: 'A4',
          printBackground: true,
          displayHeaderFooter: true,
          headerTemplate: '<span></span>',
          footerTemplate: FOOTER,
          margin: { top: '18mm', bottom: '20mm', left: '16mm', right: '16mm' },
        });
      })();
      const timeout = new Promise<never>((_, reject) => {
        timer = setTimeout(
          () =>
            reject(
              new Error(
                `The PDF took longer than ${Math.round(this.config.reports.pdfTimeoutMs / 1000)} s to print and was stopped.`,
              ),
            ),
          this.config.reports.pdfTimeoutMs,
        );
      });
      return await Promise.race([work, timeout]);
    } finally {
      clearTimeout(timer);
      signal?.removeEventListener('abort', abort);
      await context.close().catch(() => undefined);
    }
  }

  async onModuleDestroy(): Promise<void> {
    const browser = this.browser;
    this.browser = null;
    if (browser) await (await browser.catch(() => null))?.close().catch(() => undefined);
  }

  private launch(): Promise<Browser> {
    if (this.browser) return this.browser;
    const path = this.config.reports.chromiumPath;
    try {
      accessSync(path, constants.X_OK);
    } catch {
      return Promise.reject(new Error(NO_CHROMIUM_MESSAGE));
    }
    const started = chromium
      .launch({ executablePath: path, headless: true, args: ARGS })
      .then((browser) => {
        browser.on('disconnected', () => {
          if (this.browser === started) this.browser = null;
        });
        this.logger.log(`Chromium started for PDF exports (${path})`);
        return browser;
      })
      .catch((error: unknown) => {
        this.browser = null;
        this.logger.warn(`Chromium could not start: ${String(error)}`);
        throw new Error(NO_CHROMIUM_MESSAGE);
      });
    this.browser = started;
    return started;
  }
}
