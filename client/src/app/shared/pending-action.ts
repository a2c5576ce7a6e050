import { signal } from '@angular/core';
import { toAppError } from '../core/errors/app-error';

/**
 * One change at a time on a list page (create, rename, delete): `busy` while it runs, and the
 * reason in `error` when it fails, cleared as the next one starts.
 */
export class PendingAction {
  readonly busy = signal(false);
  readonly error = signal<string | null>(null);

  async run(action: () => Promise<unknown>): Promise<void> {
    this.busy.set(true);
    this.error.set(null);
    try {
      await action();
    } catch (err) {
      this.error.set(toAppError(err).message);
    } finally {
      this.busy.set(false);
    }
  }

  /** The name typed, trimmed; null, with `missing` said as the error, when there is none. */
  required(typed: string, missing: string): string | null {
    const name = typed.trim();
    if (!name) this.error.set(missing);
    return name || null;
  }
}
