import { Directive, ElementRef, effect, inject, input } from '@angular/core';
import type { Run, TurnLayout } from './highlight-layout';

/** What a run is rendered as: a bare text node, a highlight span or a search-match mark. */
type RunKind = 'text' | 'span' | 'mark';

interface Rendered {
  run: Run;
  kind: RunKind;
  node: Text | HTMLElement;
}

function kindOf(run: Run): RunKind {
  if (run.match) return 'mark';
  return run.highlightIds.length ? 'span' : 'text';
}

/**
 * Renders a turn's text from its layout: plain runs as bare text nodes, marked runs as spans, and
 * nothing else, so that the element's text is exactly the turn's text and DOM offsets are text
 * offsets. Highlighted spans carry their ids in `data-h` for clicks.
 *
 * The DOM is patched, not rebuilt: runs that keep their text and kind keep their nodes, and only
 * their classes and styles change. A reader's selection lives in those text nodes, so a drag that
 * starts while a highlight flashes or a colleague's highlight arrives elsewhere in the turn keeps
 * its starting point (rebuilding the nodes moved it to the turn's start).
 */
@Directive({
  selector: '[vbTurnText]',
  host: { 'data-turn-text': '' },
})
export class TurnText {
  readonly layout = input.required<TurnLayout>({ alias: 'vbTurnText' });
  /** The highlight the reader has open; its runs stand out. */
  readonly activeId = input<string | null>(null);
  /** A highlight to flash once, when it has just been opened from a link or created. */
  readonly flashId = input<string | null>(null);

  private readonly host = inject<ElementRef<HTMLElement>>(ElementRef).nativeElement;
  private rendered: Rendered[] = [];

  constructor() {
    effect(() => {
      const runs = this.layout().runs;
      const active = this.activeId();
      const flash = this.flashId();
      this.patch(runs);
      for (const r of this.rendered)
        if (r.kind !== 'text') decorate(r.node as HTMLElement, r.run, active, flash);
    });
  }

  /** Keeps the nodes of the unchanged runs at both ends; replaces only those in between. */
  private patch(runs: readonly Run[]): void {
    const old = this.rendered;
    const same = (r: Rendered, run: Run) => r.run.text === run.text && r.kind === kindOf(run);
    const shortest = Math.min(old.length, runs.length);
    let head = 0;
    while (head < shortest && same(old[head] as Rendered, runs[head] as Run)) head++;
    let tail = 0;
    while (
      tail < shortest - head &&
      same(old[old.length - 1 - tail] as Rendered, runs[runs.length - 1 - tail] as Run)
    )
      tail++;

    const doc = this.host.ownerDocument;
    const before = old[old.length - tail]?.node ?? null;
    for (const r of old.slice(head, old.length - tail)) r.node.remove();
    const inserted = runs.slice(head, runs.length - tail).map((run): Rendered => {
      const kind = kindOf(run);
      const node = kind === 'text' ? doc.createTextNode(run.text) : doc.createElement(kind);
      if (kind !== 'text') node.textContent = run.text;
      this.host.insertBefore(node, before);
      return { run, kind, node };
    });
    const kept = (r: Rendered, run: Run): Rendered => ({ ...r, run });
    this.rendered = [
      ...old.slice(0, head).map((r, i) => kept(r, runs[i] as Run)),
      ...inserted,
      ...old.slice(old.length - tail).map((r, i) => kept(r, runs[runs.length - tail + i] as Run)),
    ];
  }
}

/** Sets a marked run's classes, ids and style; a no-op when they are already right. */
function decorate(el: HTMLElement, run: Run, active: string | null, flash: string | null): void {
  const classes = ['run'];
  if (run.match) classes.push('run--match');
  if (run.highlightIds.length) {
    classes.push('run--hl');
    if (run.suggested) classes.push('run--suggestion');
    if (active && run.highlightIds.includes(active)) classes.push('run--active');
    if (flash && run.highlightIds.includes(flash)) classes.push('run--flash');
  }
  const className = classes.join(' ');
  if (el.className !== className) el.className = className;
  const ids = run.highlightIds.join(' ');
  if (ids) {
    if (el.dataset['h'] !== ids) el.dataset['h'] = ids;
  } else if ('h' in el.dataset) delete el.dataset['h'];
  if (el.style.cssText !== run.style) el.style.cssText = run.style;
}
