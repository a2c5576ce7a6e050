import { Component, signal } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { beforeEach, describe, expect, it } from 'vitest';
import { BoardCard, LONG_QUOTE_CHARS } from './board-card';
import { quoteCard } from './board-cards.testing';

const cardOf = (quote: string) => quoteCard('c1', { quote });

@Component({
  imports: [BoardCard],
  template: `<vb-board-card [card]="card()" [canEdit]="true" (keydown)="keys.push($event.key)" />`,
})
class Host {
  readonly card = signal(cardOf('short'));
  readonly keys: string[] = [];
}

async function render(quote: string) {
  const fixture = TestBed.createComponent(Host);
  fixture.componentInstance.card.set(cardOf(quote));
  await fixture.whenStable();
  const el = fixture.nativeElement as HTMLElement;
  const settle = async () => {
    fixture.detectChanges();
    await fixture.whenStable();
  };
  const toggle = () =>
    [...el.querySelectorAll('button')].find((b) => /^Show (all|less)$/.test(b.textContent.trim()));
  const quote$ = () => el.querySelector('blockquote')!;
  return { el, host: fixture.componentInstance, settle, toggle, quote: quote$ };
}

describe('a board card’s quote', () => {
  beforeEach(() => TestBed.configureTestingModule({ providers: [provideRouter([])] }));

  it('shows a short quote whole, with nothing to expand', async () => {
    const { toggle, quote } = await render('The price was too much for us.');
    expect(toggle()).toBeUndefined();
    expect(quote().classList.contains('clamped')).toBe(false);
    expect(quote().textContent).toBe('“The price was too much for us.”');
  });

  it('shows the first lines of a long answer until asked, and every word once asked', async () => {
    const long = 'We talked about the curriculum for an hour. '.repeat(
      Math.ceil(LONG_QUOTE_CHARS / 40) + 1,
    );
    const { toggle, quote, settle, host } = await render(long);
    // The words are all there for search and screen readers; only the drawing is cut short.
    expect(quote().textContent).toContain(long.trim());
    expect(quote().classList.contains('clamped')).toBe(true);
    expect(toggle()!.textContent.trim()).toBe('Show all');
    expect(toggle()!.getAttribute('aria-expanded')).toBe('false');
    expect(toggle()!.getAttribute('aria-controls')).toBe(quote().id);

    toggle()!.click();
    await settle();
    expect(quote().classList.contains('clamped')).toBe(false);
    expect(toggle()!.textContent.trim()).toBe('Show less');
    expect(toggle()!.getAttribute('aria-expanded')).toBe('true');

    // Space on the button is the button's, not the start of a keyboard move of the card.
    toggle()!.dispatchEvent(new KeyboardEvent('keydown', { key: ' ', bubbles: true }));
    expect(host.keys).toEqual([]);
  });
});
