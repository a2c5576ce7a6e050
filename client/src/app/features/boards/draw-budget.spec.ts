import { TestBed } from '@angular/core/testing';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { CARDS_PER_FRAME, DrawBudget } from './draw-budget';

describe.each([
  ['in idle moments', true],
  ['a frame at a time where there are no idle callbacks', false],
])('the drawing budget of a large board, %s', (_, idle) => {
  let frames: (() => void)[];
  const nextFrame = () => frames.shift()?.();

  beforeEach(() => {
    frames = [];
    const later = (cb: () => void) => frames.push(cb);
    vi.stubGlobal('requestIdleCallback', idle ? later : undefined);
    vi.stubGlobal('cancelIdleCallback', () => undefined);
    vi.stubGlobal('requestAnimationFrame', idle ? () => 0 : later);
    vi.stubGlobal('cancelAnimationFrame', () => undefined);
  });
  afterEach(() => vi.unstubAllGlobals());

  /** A column lacking `cards`, asking again after each grant as BoardColumn's effect does. */
  function column(budget: DrawBudget, cards: number) {
    const drawnPerFrame: number[] = [];
    let lacking = cards;
    const ask = () =>
      budget.request((allowance) => {
        const more = Math.min(lacking, allowance);
        lacking -= more;
        drawnPerFrame.push(more);
        if (lacking > 0) ask();
        return more;
      });
    ask();
    return drawnPerFrame;
  }

  it('draws a thousand cards of two columns over frames, never more than its share per frame', () => {
    const budget = TestBed.runInInjectionContext(() => new DrawBudget());
    const a = column(budget, 700);
    const b = column(budget, 300);
    let perFrame: number[] = [];
    for (let frame = 0; frames.length && frame < 50; frame++) {
      const before = [...a, ...b].reduce((x, y) => x + y, 0);
      nextFrame();
      perFrame = [...perFrame, [...a, ...b].reduce((x, y) => x + y, 0) - before];
    }
    expect(Math.max(...perFrame)).toBeLessThanOrEqual(CARDS_PER_FRAME);
    expect(a.reduce((x, y) => x + y, 0)).toBe(700);
    expect(b.reduce((x, y) => x + y, 0)).toBe(300);
    expect(perFrame.length).toBe(Math.ceil(1000 / CARDS_PER_FRAME));
  });
});
