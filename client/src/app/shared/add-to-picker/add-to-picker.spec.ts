import { Component, signal, viewChild } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { describe, expect, it } from 'vitest';
import { AddToPicker, type PickerAdded, PickerPanel } from './add-to-picker';

@Component({
  imports: [AddToPicker, PickerPanel],
  // Stands for the panel around the picker, which closes on Escape too.
  host: { '(keydown)': 'outerKeys.push($any($event).key)' },
  template: `
    <vb-add-to-picker
      #picker
      label="Add to list"
      target="a list"
      [count]="count()"
      (opened)="opened = opened + 1"
    >
      <ng-template vbPickerPanel let-id>
        <label [for]="id + '-name'">New list</label>
        <input [id]="id + '-name'" />
        <button type="button" class="choice" [disabled]="picker.busy()">Groceries</button>
      </ng-template>
    </vb-add-to-picker>
  `,
})
class Host {
  readonly picker = viewChild.required(AddToPicker);
  readonly count = signal(2);
  opened = 0;
  readonly outerKeys: string[] = [];
}

async function render() {
  TestBed.configureTestingModule({ providers: [provideRouter([])] });
  const fixture = TestBed.createComponent(Host);
  await fixture.whenStable();
  const el = fixture.nativeElement as HTMLElement;
  const toggle = el.querySelector<HTMLButtonElement>('button')!;
  const panel = () => el.querySelector<HTMLElement>('[role="group"]');
  const settle = () => fixture.whenStable();
  return { fixture, host: fixture.componentInstance, el, toggle, panel, settle };
}

function escape(target: Element): KeyboardEvent {
  const event = new KeyboardEvent('keydown', { key: 'Escape', bubbles: true, cancelable: true });
  target.dispatchEvent(event);
  return event;
}

/** A promise the test settles by hand, to look at the picker while a choice is stored. */
function pending<T>() {
  let settle!: { resolve: (v: T) => void; reject: (e: unknown) => void };
  const promise = new Promise<T>((resolve, reject) => (settle = { resolve, reject }));
  return { promise, ...settle };
}

describe('the add-to picker shell', () => {
  it('cannot open without highlights', async () => {
    const { host, toggle, settle } = await render();
    host.count.set(0);
    await settle();
    expect(toggle.disabled).toBe(true);
    expect(toggle.textContent?.trim()).toBe('Add to list');
  });

  it('opens a panel named after what it adds, with the projected choices, and says so', async () => {
    const { host, toggle, panel, settle } = await render();
    expect(toggle.getAttribute('aria-expanded')).toBe('false');
    expect(panel()).toBeNull();
    toggle.click();
    await settle();
    expect(toggle.getAttribute('aria-expanded')).toBe('true');
    expect(panel()?.getAttribute('aria-label')).toBe('Add 2 highlights to a list');
    expect(toggle.getAttribute('aria-controls')).toBe(panel()?.id);
    // The slot's ids hang off the panel's, so its label names its field.
    const input = panel()!.querySelector('input')!;
    expect(input.id).toBe(`${panel()!.id}-name`);
    expect(panel()!.querySelector('label')?.getAttribute('for')).toBe(input.id);
    expect(host.opened).toBe(1);
  });

  it('closes on Escape without letting the key reach the panel around it, focus back on the toggle', async () => {
    const { host, toggle, panel, settle } = await render();
    toggle.click();
    await settle();
    host.picker().focus('.choice');
    await settle();
    const choice = panel()!.querySelector<HTMLButtonElement>('.choice')!;
    expect(document.activeElement).toBe(choice);

    const event = escape(choice);
    await settle();
    expect(panel()).toBeNull();
    expect(document.activeElement).toBe(toggle);
    expect(host.outerKeys).toEqual([]);
    expect(event.defaultPrevented).toBe(false);

    // Closed, Escape is the page's again.
    escape(toggle);
    expect(host.outerKeys).toEqual(['Escape']);
  });

  it('closes on Cancel, focus back on the toggle', async () => {
    const { toggle, panel, settle } = await render();
    toggle.click();
    await settle();
    const cancel = [...panel()!.querySelectorAll('button')].find(
      (b) => b.textContent?.trim() === 'Cancel',
    )!;
    cancel.click();
    await settle();
    expect(panel()).toBeNull();
    expect(toggle.getAttribute('aria-expanded')).toBe('false');
    expect(document.activeElement).toBe(toggle);
  });

  it('disables the choices while one is stored, then closes and links to where they went', async () => {
    const { host, el, toggle, panel, settle } = await render();
    toggle.click();
    await settle();
    const stored = pending<PickerAdded>();
    const run = host.picker().run(() => stored.promise);
    await settle();
    expect(panel()!.querySelector<HTMLButtonElement>('.choice')!.disabled).toBe(true);

    stored.resolve({ count: 2, name: 'Groceries', link: ['/p', 'p1', 'lists', 'l1'] });
    await run;
    await settle();
    expect(panel()).toBeNull();
    const notice = el.querySelector('[role="status"]')!;
    expect(notice.textContent?.replace(/\s+/g, ' ').trim()).toBe(
      'Added 2 highlights to Groceries.',
    );
    expect(notice.querySelector('a')?.getAttribute('href')).toBe('/p/p1/lists/l1');

    // Opening again starts afresh.
    toggle.click();
    await settle();
    expect(el.querySelector('[role="status"]')).toBeNull();
  });

  it('shows a failure as an alert and keeps the panel open to try again', async () => {
    const { host, el, toggle, panel, settle } = await render();
    toggle.click();
    await settle();
    await host.picker().run(() => Promise.reject(new Error('The board was deleted.')));
    await settle();
    expect(el.querySelector('[role="alert"]')?.textContent?.trim()).toBe('The board was deleted.');
    expect(panel()).not.toBeNull();
    expect(panel()!.querySelector<HTMLButtonElement>('.choice')!.disabled).toBe(false);

    // Closing and opening again clears it.
    toggle.click();
    await settle();
    toggle.click();
    await settle();
    expect(el.querySelector('[role="alert"]')).toBeNull();
  });
});
