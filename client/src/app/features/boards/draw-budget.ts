import { DestroyRef, Injectable, inject } from '@angular/core';

/** Cards drawn per animation frame, all columns together, when many appear at once. */
export const CARDS_PER_FRAME = 120;

type Grow = (allowance: number) => number;

/**
 * Shares out the drawing of many cards over animation frames: when a filter is cleared or
 * "Show more" pressed on a large board, hundreds of cards (each a component with its drag
 * handle) would otherwise be created in one frame that freezes the page. Each column asks for
 * what it lacks; every frame grants CARDS_PER_FRAME in turn.
 */
@Injectable()
export class DrawBudget {
  private readonly waiting = new Set<Grow>();
  private frame: number | null = null;

  constructor() {
    inject(DestroyRef).onDestroy(() => {
      if (this.frame !== null) cancelAnimationFrame(this.frame);
      this.waiting.clear();
    });
  }

  /** `grow` draws up to `allowance` cards and says how many it drew; cancelled by the result. */
  request(grow: Grow): () => void {
    this.waiting.add(grow);
    this.frame ??= requestAnimationFrame(() => this.grant());
    return () => this.waiting.delete(grow);
  }

  private grant(): void {
    let left = CARDS_PER_FRAME;
    for (const grow of [...this.waiting]) {
      if (left <= 0) break;
      this.waiting.delete(grow);
      left -= grow(left);
    }
    this.frame = this.waiting.size ? requestAnimationFrame(() => this.grant()) : null;
  }
}
