import type { CdkVirtualScrollViewport } from '@angular/cdk/scrolling';

const TOP_MARGIN_PX = 24;

/**
 * Brings the turn with `index` to the top of an autosize virtual list, whose heights of unseen
 * turns are only estimates (and which has no scrollToIndex): jump by the average height of the
 * rendered turns until the turn is rendered, then align it exactly; bounded by frames, and
 * abandoned when `stillWanted` turns false (another scroll took over). Calls `done` at the end.
 */
export function scrollToTurn(
  viewport: CdkVirtualScrollViewport,
  index: number,
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
      const rendered = Array.from(el.querySelectorAll<HTMLElement>('article[data-index]'));
      const first = rendered[0];
      const last = rendered.at(-1);
      if (first && last) {
        const firstIndex = Number(first.dataset['index']);
        const lastIndex = Number(last.dataset['index']);
        const firstTop = first.getBoundingClientRect().top;
        const lastBottom = last.getBoundingClientRect().bottom;
        const average = (lastBottom - firstTop) / rendered.length;
        el.scrollTop +=
          index > lastIndex
            ? lastBottom - top + (index - lastIndex - 1) * average
            : firstTop - top - (firstIndex - index) * average;
      }
    }
    if (settled < 3 && ++frames < 180) requestAnimationFrame(step);
    else done(found);
  };
  requestAnimationFrame(step);
}
