import AxeBuilder from '@axe-core/playwright';
import type { Page } from 'playwright-core';

/** Reads until the check passes, or fails with the check's last error after `timeout`. */
export async function eventually<T>(
  read: () => Promise<T>,
  check: (value: T) => void,
  timeout = 5_000,
): Promise<void> {
  const deadline = Date.now() + timeout;
  for (;;) {
    const value = await read();
    try {
      check(value);
      return;
    } catch (error) {
      if (Date.now() > deadline) throw error;
    }
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** The serious and critical axe-core violations on the page, one line per element. */
export async function violations(page: Page): Promise<string[]> {
  const { violations } = await new AxeBuilder({ page }).analyze();
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .flatMap((v) =>
      v.nodes.map(
        (n) => `${v.id} (${v.impact}): ${n.target.join(' ')} — ${n.failureSummary ?? v.help}`,
      ),
    );
}
