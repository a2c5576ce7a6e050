import type { CdkVirtualScrollViewport, VirtualScrollStrategy } from '@angular/cdk/scrolling';
import { Subject, distinctUntilChanged } from 'rxjs';
import { SizeTable } from './size-table';

/**
 * A virtual scroll strategy for items of varying height (speaker turns): it measures every item
 * it renders, keeps those heights by index, and places the items it has not seen yet at the
 * average measured height. The rendered block sits exactly where the heights before it add up
 * to, so jumping far down (scrollToIndex) lands on the item, and when a measurement changes the
 * heights above the reader's position the scroll position moves with it, so what the reader is
 * looking at stays still.
 */
export class MeasuredSizeStrategy implements VirtualScrollStrategy {
  private readonly indexChanges = new Subject<number>();
  readonly scrolledIndexChange = this.indexChanges.pipe(distinctUntilChanged());
  private viewport: CdkVirtualScrollViewport | null = null;
  private readonly sizes: SizeTable;
  private resizes: ResizeObserver | null = null;

  /** Buffers are read when needed, so that they may follow a component's inputs. */
  constructor(
    private readonly buffers: () => { minBufferPx: number; maxBufferPx: number },
    estimatePx = 96,
  ) {
    this.sizes = new SizeTable(estimatePx);
  }

  attach(viewport: CdkVirtualScrollViewport): void {
    this.viewport = viewport;
    this.sizes.resize(viewport.getDataLength());
    if (typeof ResizeObserver !== 'undefined') {
      // Text that wraps anew (a narrower window, a highlight's marks, an editor opening).
      this.resizes = new ResizeObserver(() => this.measure());
      this.resizes.observe(this.wrapper(viewport));
    }
    this.render();
  }

  detach(): void {
    this.resizes?.disconnect();
    this.resizes = null;
    this.viewport = null;
  }

  onContentScrolled(): void {
    if (!this.viewport) return;
    if (!this.covers()) this.render();
    this.indexChanges.next(this.sizes.indexAt(this.viewport.measureScrollOffset()));
  }

  onDataLengthChanged(): void {
    if (!this.viewport) return;
    this.sizes.resize(this.viewport.getDataLength());
    this.render();
  }

  onContentRendered(): void {
    this.measure();
  }

  onRenderedOffsetChanged(): void {
    // The offset is always the one this strategy set.
  }

  scrollToIndex(index: number, behavior: ScrollBehavior): void {
    this.viewport?.scrollToOffset(this.sizes.offsetOf(index), behavior);
  }

  /** Renders the items around the scroll position, with maxBufferPx on each side. */
  private render(): void {
    const viewport = this.viewport;
    if (!viewport) return;
    const count = viewport.getDataLength();
    const top = viewport.measureScrollOffset();
    const height = viewport.getViewportSize() || window.innerHeight;
    const buffer = Math.max(this.buffers().minBufferPx, this.buffers().maxBufferPx);
    const start = count ? this.sizes.indexAt(top - buffer) : 0;
    const end = count ? Math.min(count, this.sizes.indexAt(top + height + buffer) + 1) : 0;
    viewport.setTotalContentSize(this.sizes.total());
    viewport.setRenderedRange({ start, end });
    viewport.setRenderedContentOffset(this.sizes.offsetOf(start));
  }

  /** Whether the rendered items still reach minBufferPx beyond both edges of the viewport. */
  private covers(): boolean {
    const viewport = this.viewport!;
    const { start, end } = viewport.getRenderedRange();
    const top = viewport.measureScrollOffset();
    const bottom = top + viewport.getViewportSize();
    const count = viewport.getDataLength();
    const { minBufferPx } = this.buffers();
    return (
      (start === 0 || this.sizes.offsetOf(start) <= top - minBufferPx) &&
      (end >= count || this.sizes.offsetOf(end) >= bottom + minBufferPx)
    );
  }

  /**
   * Reads the heights of the rendered items; when any changed, places the block and the spacer
   * anew at once (not a frame later) and keeps the item at the top of the viewport where it was.
   */
  private measure(): void {
    const viewport = this.viewport;
    if (!viewport) return;
    const wrapper = this.wrapper(viewport);
    const { start, end } = viewport.getRenderedRange();
    const items = wrapper.children;
    if (items.length !== end - start || end > this.sizes.length) return;
    const top = viewport.measureScrollOffset();
    const anchor = this.sizes.indexAt(top);
    const intoAnchor = top - this.sizes.offsetOf(anchor);
    let changed = false;
    for (let i = 0; i < items.length; i++)
      changed = this.sizes.set(start + i, items[i]!.getBoundingClientRect().height) || changed;
    if (!changed) return;
    const total = this.sizes.total();
    const offset = this.sizes.offsetOf(start);
    viewport.setTotalContentSize(total);
    viewport.setRenderedContentOffset(offset);
    const spacer = viewport.elementRef.nativeElement.querySelector<HTMLElement>(
      ':scope > .cdk-virtual-scroll-spacer',
    );
    if (spacer) spacer.style.height = `${total}px`;
    wrapper.style.transform = `translateY(${offset}px)`;
    const wanted = Math.max(0, this.sizes.offsetOf(anchor) + intoAnchor);
    if (Math.abs(wanted - top) >= 1) viewport.scrollToOffset(wanted);
    if (!this.covers()) this.render();
  }

  private wrapper(viewport: CdkVirtualScrollViewport): HTMLElement {
    return viewport.elementRef.nativeElement.querySelector<HTMLElement>(
      ':scope > .cdk-virtual-scroll-content-wrapper',
    )!;
  }
}
