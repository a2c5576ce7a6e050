import { Component, signal } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { describe, expect, it } from 'vitest';
import { NewItemForm } from './new-item-form';

@Component({
  imports: [NewItemForm],
  template: `<vb-new-item-form
    idPrefix="new-board"
    heading="New board"
    label="Name"
    submitLabel="Create board"
    [busy]="busy()"
    [(value)]="name"
    (submitted)="made.set(made().concat(name()))"
  />`,
})
class Host {
  readonly name = signal('');
  readonly busy = signal(false);
  readonly made = signal<string[]>([]);
}

describe('the form that makes a new item', () => {
  it('is a labelled field under its heading, and submits what was typed', async () => {
    const fixture = TestBed.createComponent(Host);
    await fixture.whenStable();
    const el = fixture.nativeElement as HTMLElement;
    const section = el.querySelector('section')!;
    expect(section.getAttribute('aria-labelledby')).toBe('new-board-title');
    expect(el.querySelector('#new-board-title')?.textContent).toBe('New board');
    const field = el.querySelector<HTMLInputElement>('input')!;
    expect(el.querySelector(`label[for="${field.id}"]`)?.textContent).toBe('Name');
    expect(field.getAttribute('maxlength')).toBe('200');

    field.value = 'Pricing';
    field.dispatchEvent(new Event('input'));
    el.querySelector('form')!.dispatchEvent(new Event('submit', { cancelable: true }));
    await fixture.whenStable();
    expect(fixture.componentInstance.made()).toEqual(['Pricing']);

    fixture.componentInstance.name.set('');
    fixture.componentInstance.busy.set(true);
    await fixture.whenStable();
    expect(field.value).toBe('');
    expect(el.querySelector('button')?.disabled).toBe(true);
  });
});
