import { Directive, ElementRef, effect, inject, input } from '@angular/core';
import type { TurnLayout } from './highlight-layout';

/**
 * Renders a turn's text from its layout: plain runs as bare text nodes, marked runs as spans, and
 * nothing else, so that the element's text is exactly the turn's text and DOM offsets are text
 * offsets. Highlighted spans carry their ids in `data-h` for clicks.
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

  constructor() {
    effect(() => {
      const layout = this.layout();
      const active = this.activeId();
      const flash = this.flashId();
      const doc = this.host.ownerDocument;
      const nodes: Node[] = layout.runs.map((run) => {
        if (!run.highlightIds.length && !run.match) return doc.createTextNode(run.text);
        const span = doc.createElement(run.match ? 'mark' : 'span');
        span.textContent = run.text;
        span.className = 'run';
        if (run.match) span.classList.add('run--match');
        if (run.highlightIds.length) {
          span.classList.add('run--hl');
          span.dataset['h'] = run.highlightIds.join(' ');
          span.style.cssText = run.style;
          if (run.suggested) span.classList.add('run--suggestion');
          if (active && run.highlightIds.includes(active)) span.classList.add('run--active');
          if (flash && run.highlightIds.includes(flash)) span.classList.add('run--flash');
        }
        return span;
      });
      this.host.replaceChildren(...nodes);
    });
  }
}
