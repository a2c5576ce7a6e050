import type { CdkVirtualScrollViewport } from '@angular/cdk/scrolling';

const TOP_MARGIN_PX = 24;

/**
 * Brings the turn with `index` (at `position` in the list) to the top of a virtual list whose heights of unseen turns are
 * only estimates: jump to where the list places it until it is rendered, then align it exactly
 * (measuring it and its neighbours may move it); bounded by frames, and abandoned when
 * `stillWanted` turns false (another scroll took over). Calls `done` at the end.
 */
export function scrollToTurn(
  viewport: CdkVirtualScrollViewport,
  index: number,
  position: number,
  stillWanted: () => boolean,
  done: (found: boolean) => void = () => undefined,
): void {
  const el = viewport.elementRef.nativeElement;
  let frames = 0;
  let settled = 0;
  const step = () => {
    if (!stillWanted()) return done(false);
    const top = el.getBoundingClientRect().top;
    const target = el.querySelector(`article[data-index="${index}"]`);
    let found = false;
    if (target) {
      found = true;
      const delta = target.getBoundingClientRect().top - top - TOP_MARGIN_PX;
      const room = el.scrollHeight - el.clientHeight - el.scrollTop;
      if (Math.abs(delta) <= 2 || (delta > 0 && room <= 1) || (delta < 0 && el.scrollTop <= 0))
        settled += 1;
      else {
        settled = 0;
        el.scrollTop += delta;
      }
    } else {
      viewport.scrollToIndex(position);
    }
    if (settled < 3 && ++frames < 180) requestAnimationFrame(step);
    else done(found);
  };
  requestAnimationFrame(step);
}

/**
 * Heights of unseen turns are estimates, so the first jump to the end lands short; keep
 * following the bottom until it holds still for a few frames, or the reader takes over (a key,
 * the wheel, a touch or a click: `takeOver` is called then), bounded by frames rather than time
 * so that a busy machine still gets there (at most 240 frames or 5 s).
 */
export function scrollToEnd(
  viewport: CdkVirtualScrollViewport,
  stillWanted: () => boolean,
  takeOver: () => void,
): void {
  const el = viewport.elementRef.nativeElement;
  const deadline = performance.now() + 5000;
  const onInput = () => {
    if (stillWanted()) takeOver();
  };
  const events = ['wheel', 'touchstart', 'pointerdown'] as const;
  events.forEach((e) => el.addEventListener(e, onInput, { passive: true, once: true }));
  const done = () => events.forEach((e) => el.removeEventListener(e, onInput));
  let settledFrames = 0;
  let frames = 0;
  const step = () => {
    if (!stillWanted()) return done();
    const gap = el.scrollHeight - el.scrollTop - el.clientHeight;
    settledFrames = gap <= 2 ? settledFrames + 1 : 0;
    if (gap > 2) viewport.scrollTo({ bottom: 0 });
    if (settledFrames < 3 && ++frames < 240 && performance.now() < deadline)
      requestAnimationFrame(step);
    else done();
  };
  viewport.scrollTo({ bottom: 0 });
  requestAnimationFrame(step);
}
