import { Component, signal } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { describe, expect, it } from 'vitest';
import { ConfirmAction } from './confirm-action';

@Component({
  imports: [ConfirmAction],
  template: `<vb-confirm-action
    subject="board “Pricing”"
    confirmLabel="Delete board"
    (confirmed)="deleted.set(deleted() + 1)"
  />`,
})
class Host {
  readonly deleted = signal(0);
}

async function render() {
  const fixture = TestBed.createComponent(Host);
  await fixture.whenStable();
  const el = fixture.nativeElement as HTMLElement;
  document.body.appendChild(el);
  const button = (name: string) =>
    [...el.querySelectorAll('button')].find(
      (b) => (b.getAttribute('aria-label') ?? b.textContent?.trim()) === name,
    );
  const names = () =>
    [...el.querySelectorAll('button')].map(
      (b) => b.getAttribute('aria-label') ?? b.textContent?.trim(),
    );
  const settle = async () => {
    fixture.detectChanges();
    await fixture.whenStable();
  };
  return { el, host: fixture.componentInstance, button, names, settle };
}

describe('a destructive action asked twice', () => {
  it('deletes nothing on the first click, and deletes once confirmed', async () => {
    const { host, button, names, settle } = await render();
    expect(names()).toEqual(['Delete board “Pricing”']);
    button('Delete board “Pricing”')!.click();
    await settle();
    expect(host.deleted()).toBe(0);
    expect(names()).toEqual(['Delete board', 'Keep']);
    expect(document.activeElement?.textContent?.trim()).toBe('Delete board');
    button('Delete board')!.click();
    await settle();
    expect(host.deleted()).toBe(1);
    expect(names()).toEqual(['Delete board “Pricing”']);
  });

  it('keeps the item on Keep or Escape and gives the focus back to the first button', async () => {
    const { el, host, button, names, settle } = await render();
    button('Delete board “Pricing”')!.click();
    await settle();
    button('Keep')!.click();
    await settle();
    expect(names()).toEqual(['Delete board “Pricing”']);
    expect(document.activeElement?.getAttribute('aria-label')).toBe('Delete board “Pricing”');

    button('Delete board “Pricing”')!.click();
    await settle();
    el.querySelector('.confirm')!.dispatchEvent(
      new KeyboardEvent('keydown', { key: 'Escape', bubbles: true }),
    );
    await settle();
    expect(names()).toEqual(['Delete board “Pricing”']);
    expect(host.deleted()).toBe(0);
    el.remove();
  });
});
