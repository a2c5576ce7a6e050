import { ChangeDetectionStrategy, Component, type Signal, input, output } from '@angular/core';

/**
 * The foot of a keyset-paged list: "Load more" while there is a next page (busy while it
 * loads), and a status line while the first page is still on its way.
 */
@Component({
  selector: 'vb-load-more',
  template: `
    @if (pager().hasMore()) {
      <button
        type="button"
        class="button button--secondary"
        [class.centered]="centered()"
        (click)="more.emit()"
        [disabled]="pager().loading()"
      >
        {{ pager().loading() ? 'Loading…' : 'Load more' }}
      </button>
    }
    @if (pager().loading() && !pager().loaded()) {
      <p class="muted" role="status">Loading…</p>
    }
  `,
  styles: `
    :host {
      display: contents;
    }
    .centered {
      display: block;
      margin: 0 auto;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class LoadMore {
  /** Where the list stands: a KeysetPager. */
  readonly pager = input.required<{
    readonly hasMore: Signal<boolean>;
    readonly loading: Signal<boolean>;
    readonly loaded: Signal<boolean>;
  }>();
  readonly centered = input(false);
  /** Asks for the next page. */
  readonly more = output<void>();
}
