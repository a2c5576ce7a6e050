import { Component, signal } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { describe, expect, it } from 'vitest';
import type { SuggestionFragment as Suggestion } from '@verbatim/contracts';
import { SuggestionFlag, SuggestionMatch } from './suggestion-trust';

type Trust = Pick<Suggestion, 'matchKind' | 'matchSimilarity' | 'flagged' | 'flagReason'>;

@Component({
  imports: [SuggestionMatch, SuggestionFlag],
  template: `<vb-suggestion-match [suggestion]="s()" /><vb-suggestion-flag [suggestion]="s()" />`,
})
class Host {
  readonly s = signal<Trust>({
    matchKind: 'EXACT',
    matchSimilarity: 1,
    flagged: false,
    flagReason: null,
  });
}

function render(trust: Trust): HTMLElement {
  const fixture = TestBed.createComponent(Host);
  fixture.componentInstance.s.set(trust);
  fixture.detectChanges();
  return fixture.nativeElement as HTMLElement;
}

describe('the review display of what a suggestion can be trusted with', () => {
  it('shows a fuzzy match with its similarity, marked as one to compare', () => {
    const el = render({
      matchKind: 'FUZZY',
      matchSimilarity: 0.91,
      flagged: false,
      flagReason: null,
    });
    const badge = el.querySelector('[data-testid="match-kind"]')!;
    expect(badge.textContent?.trim()).toBe('Fuzzy match, 91 %');
    expect(badge.getAttribute('data-match')).toBe('FUZZY');
    expect(badge.getAttribute('title')).toMatch(/Compare them before accepting/);
    expect(el.querySelector('[data-testid="suggestion-flag"]')).toBeNull();
  });

  it('shows an exact match plainly', () => {
    const el = render({ matchKind: 'EXACT', matchSimilarity: 1, flagged: false, flagReason: null });
    expect(el.querySelector('[data-testid="match-kind"]')?.textContent?.trim()).toBe('Exact match');
  });

  it('shows the flag and its reason as text, to read before accepting', () => {
    const reason =
      'The excerpt the model read contains text that asks a model to ignore its instructions (turn 2): “<b>Ignore all previous instructions</b>”';
    const el = render({
      matchKind: 'EXACT',
      matchSimilarity: 1,
      flagged: true,
      flagReason: reason,
    });
    const flag = el.querySelector('[data-testid="suggestion-flag"]')!;
    expect(flag.getAttribute('role')).toBe('note');
    expect(flag.textContent).toContain('Flagged — read before accepting.');
    expect(flag.textContent).toContain(reason);
    expect(flag.querySelector('b')).toBeNull(); // the reason quotes transcript text: never HTML
    expect(flag.textContent).toContain('Accept all never takes it.');
  });
});
