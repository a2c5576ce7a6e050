import { DestroyRef, Injectable, inject } from '@angular/core';

/**
 * Cards drawn at a time, all columns together, when many appear at once: few enough that a key
 * pressed or a card picked up meanwhile is answered at once.
 */
export const CARDS_PER_FRAME = 40;

type Grow = (allowance: number) => number;

/** Runs `work` when the browser is idle (at the latest after 100 ms), or at the next frame where
 *  there is no idle callback (Safari); gives back how to cancel it. */
function whenIdle(work: () => void): () => void {
  if (typeof requestIdleCallback === 'function') {
    const id = requestIdleCallback(work, { timeout: 100 });
    return () => cancelIdleCallback(id);
  }
  const id = requestAnimationFrame(work);
  return () => cancelAnimationFrame(id);
}

/**
 * Shares out the drawing of many cards over the browser's idle moments: when a board opens,
 * a filter is cleared or "Show more" pressed on a large board, hundreds of cards (each a
 * component with its drag handle) would otherwise be created in one frame that freezes the
 * page. Each column asks for what it lacks; every idle moment grants CARDS_PER_FRAME in turn,
 * so that what the user does meanwhile comes first.
 */
@Injectable()
export class DrawBudget {
  private readonly waiting = new Set<Grow>();
  private cancel: (() => void) | null = null;

  constructor() {
    inject(DestroyRef).onDestroy(() => {
      this.cancel?.();
      this.waiting.clear();
    });
  }

  /** `grow` draws up to `allowance` cards and says how many it drew; cancelled by the result. */
  request(grow: Grow): () => void {
    this.waiting.add(grow);
    this.cancel ??= whenIdle(() => this.grant());
    return () => this.waiting.delete(grow);
  }

  private grant(): void {
    let left = CARDS_PER_FRAME;
    for (const grow of [...this.waiting]) {
      if (left <= 0) break;
      this.waiting.delete(grow);
      left -= grow(left);
    }
    this.cancel = this.waiting.size ? whenIdle(() => this.grant()) : null;
  }
}
