import { Component, signal } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { describe, expect, it } from 'vitest';
import { type TurnLayout, type TurnSpan, layoutTurn } from './highlight-layout';
import { TurnText } from './turn-text';

const TEXT = 'We tried the export and it was confusing, honestly.';

const span = (id: string, start: number, end: number): TurnSpan => ({
  id,
  start,
  end,
  color: '#2f5d8a',
  needsAttention: false,
  lane: 0,
});

@Component({
  imports: [TurnText],
  template: `<p [vbTurnText]="layout()" [activeId]="active()" [flashId]="flash()"></p>`,
})
class Host {
  readonly layout = signal<TurnLayout>(layoutTurn(TEXT, [span('a', 9, 19)]));
  readonly active = signal<string | null>(null);
  readonly flash = signal<string | null>('a');
}

function render() {
  const fixture = TestBed.createComponent(Host);
  fixture.detectChanges();
  const el = (fixture.nativeElement as HTMLElement).querySelector('[data-turn-text]')!;
  const update = (change: (host: Host) => void) => {
    change(fixture.componentInstance);
    fixture.detectChanges();
  };
  return { el, update };
}

/** Puts the caret where a reader presses the mouse: inside the text after the highlight. */
function pressAt(el: Element, offsetInLastText: number): Selection {
  const last = [...el.childNodes].filter((n) => n.nodeType === Node.TEXT_NODE).at(-1)!;
  const selection = document.getSelection()!;
  selection.collapse(last, offsetInLastText);
  return selection;
}

describe('a turn’s text as the reader renders it', () => {
  it('is exactly the turn’s text, with highlighted runs marked by id', () => {
    const { el } = render();
    expect(el.textContent).toBe(TEXT);
    const marked = el.querySelector('[data-h="a"]')!;
    expect(marked.textContent).toBe('the export');
    expect(marked.className).toBe('run run--hl run--flash');
  });

  it('keeps a selection that starts in the text while the flash ends and a highlight opens', () => {
    const { el, update } = render();
    const selection = pressAt(el, 5);
    const anchor = selection.anchorNode;

    update((host) => host.flash.set(null));
    update((host) => host.active.set('a'));

    expect(selection.anchorNode).toBe(anchor);
    expect(selection.anchorNode?.isConnected).toBe(true);
    expect(selection.anchorOffset).toBe(5);
    expect(el.querySelector('[data-h="a"]')!.className).toBe('run run--hl run--active');
  });

  it('keeps the untouched text when a highlight is added elsewhere in the turn', () => {
    const { el, update } = render();
    const selection = pressAt(el, 5);
    const anchor = selection.anchorNode;
    const first = el.firstChild;

    update((host) => host.layout.set(layoutTurn(TEXT, [span('a', 9, 19), span('b', 0, 2)])));

    expect(el.textContent).toBe(TEXT);
    expect(selection.anchorNode).toBe(anchor);
    expect(el.firstChild).not.toBe(first);
    expect(el.querySelector('[data-h="b"]')!.textContent).toBe('We');
  });

  it('renders another turn’s layout in full when the element is reused for it', () => {
    const { el, update } = render();
    update((host) => host.layout.set(layoutTurn('Then we gave up.', [span('c', 5, 12)])));
    expect(el.textContent).toBe('Then we gave up.');
    expect(el.querySelector('[data-h="c"]')!.textContent).toBe('we gave');
    expect(el.querySelector('[data-h="a"]')).toBeNull();
  });
});
