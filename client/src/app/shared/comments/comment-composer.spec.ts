import { Component, signal } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { describe, expect, it } from 'vitest';
import { CommentComposer, type CommentDraft } from './comment-composer';
import { CommentsStore } from './comments-store';
import type { MentionCandidate } from './mentions';

const OLGA: MentionCandidate = {
  id: '0a5b2941-5e0d-4a6d-8946-2b0e9d1c3900',
  name: 'Olga Owner',
  email: 'olga@example.com',
};
const MAYA: MentionCandidate = {
  id: '0b6c3a52-6f0e-4b7e-9a57-3c1f0e2d4a11',
  name: 'Maya Editor',
  email: 'maya@example.com',
};
const MARCO: MentionCandidate = {
  id: '1c7d4b63-7a1f-4c8f-8b68-4d2a1f3e5b22',
  name: 'Marco Viewer',
  email: 'marco@example.com',
};

@Component({
  imports: [CommentComposer],
  template: `<vb-comment-composer label="Write a comment" [send]="send" [initial]="initial()" />`,
})
class Host {
  readonly initial = signal('');
  readonly sent: CommentDraft[] = [];
  failWith: Error | null = null;
  readonly send = (draft: CommentDraft): Promise<void> => {
    if (this.failWith) return Promise.reject(this.failWith);
    this.sent.push(draft);
    return Promise.resolve();
  };
}

async function render() {
  TestBed.configureTestingModule({
    providers: [
      {
        provide: CommentsStore,
        useValue: { me: signal(OLGA.id), members: signal([OLGA, MAYA, MARCO]) },
      },
    ],
  });
  const fixture = TestBed.createComponent(Host);
  await fixture.whenStable();
  const el = fixture.nativeElement as HTMLElement;
  const box = el.querySelector('textarea')!;
  const settle = () => fixture.whenStable();
  /** Types `text` at the caret, as the browser would, one input event for all of it. */
  const type = async (text: string) => {
    const at = box.selectionStart;
    box.value = box.value.slice(0, at) + text + box.value.slice(box.selectionEnd);
    box.setSelectionRange(at + text.length, at + text.length);
    box.dispatchEvent(new Event('input'));
    await settle();
  };
  const key = async (key: string, init: KeyboardEventInit = {}) => {
    const event = new KeyboardEvent('keydown', { key, bubbles: true, cancelable: true, ...init });
    box.dispatchEvent(event);
    await settle();
    return event;
  };
  const options = () =>
    [...el.querySelectorAll('[role="option"] .mention-name')].map((o) => o.textContent?.trim());
  const active = () => el.querySelector('[role="option"][aria-selected="true"]');
  return { fixture, host: fixture.componentInstance, el, box, type, key, options, active, settle };
}

describe('the comment composer', () => {
  it('offers the other members after @, narrows them as you type, and shuts after a comma', async () => {
    const { box, type, options } = await render();
    await type('Thanks @');
    expect(options()).toEqual(['Marco Viewer', 'Maya Editor']);
    expect(box.getAttribute('aria-controls')).toBe(
      box.parentElement!.querySelector('[role="listbox"]')!.id,
    );
    await type('may');
    expect(options()).toEqual(['Maya Editor']);
    await type(',');
    expect(options()).toEqual([]);
    expect(box.hasAttribute('aria-controls')).toBe(false);
  });

  it('moves through the list with the arrow keys and picks with Enter, keeping the text typed', async () => {
    const { box, type, key, active } = await render();
    await type('@ma');
    expect(active()?.textContent).toContain('Marco Viewer');
    expect(box.getAttribute('aria-activedescendant')).toBe(active()!.id);
    await key('ArrowDown');
    expect(active()?.textContent).toContain('Maya Editor');
    await key('ArrowDown');
    expect(active()?.textContent).toContain('Marco Viewer');
    await key('ArrowUp');
    const enter = await key('Enter');
    expect(enter.defaultPrevented).toBe(true);
    expect(box.value).toBe('@Maya Editor ');
    expect(box.selectionStart).toBe('@Maya Editor '.length);
    expect(active()).toBeNull();
  });

  it('picks with a click too, and Escape closes the list without picking', async () => {
    const { el, box, type, key, options, settle } = await render();
    await type('cc @mar');
    await key('Escape');
    expect(options()).toEqual([]);
    expect(box.value).toBe('cc @mar');
    await type('c');
    el.querySelector<HTMLElement>('[role="option"]')!.click();
    await settle();
    expect(box.value).toBe('cc @Marco Viewer ');
  });

  it('sends the body with each chosen mention as a reference, and its ids, with Ctrl+Enter', async () => {
    const { host, box, type, key, settle } = await render();
    await type('@may');
    await key('Enter');
    await type('could you look? And @Someone Else too');
    await key('Enter', { ctrlKey: true });
    await settle();
    expect(host.sent).toEqual([
      {
        body: `[@Maya Editor](mention:${MAYA.id}) could you look? And @Someone Else too`,
        mentionIds: [MAYA.id],
      },
    ]);
    expect(box.value).toBe('');
  });

  it('forgets a mention whose name was deleted from the text', async () => {
    const { host, box, type, key, settle } = await render();
    await type('@may');
    await key('Enter');
    box.value = 'never mind';
    box.setSelectionRange(10, 10);
    box.dispatchEvent(new Event('input'));
    await key('Enter', { ctrlKey: true });
    await settle();
    expect(host.sent).toEqual([{ body: 'never mind', mentionIds: [] }]);
  });

  it('counts down near the limit, refuses to send over it, and keeps the text when sending fails', async () => {
    const { host, el, box, type, key, settle } = await render();
    await type('x'.repeat(9_500));
    expect(el.querySelector('.composer-help')?.textContent).toContain('500 characters left');
    await type('y'.repeat(501));
    expect(el.querySelector('.composer-help')?.textContent).toContain('1 character over the limit');
    expect(el.querySelector('[role="alert"]')?.textContent).toContain('at most 10,000 characters');
    expect(el.querySelector<HTMLButtonElement>('button[type="submit"]')!.disabled).toBe(true);
    await key('Enter', { ctrlKey: true });
    expect(host.sent).toEqual([]);

    box.value = 'A short one';
    box.dispatchEvent(new Event('input'));
    host.failWith = new Error('The comment was not saved');
    await key('Enter', { ctrlKey: true });
    await settle();
    expect(el.querySelector('[role="alert"]')?.textContent).toContain('The comment was not saved');
    expect(box.value).toBe('A short one');
  });

  it('starts an edit from the stored body with the mentions as names', async () => {
    const { fixture, host, box } = await render();
    host.initial.set(`[@Maya Editor](mention:${MAYA.id}) see this`);
    await fixture.whenStable();
    expect(box.value).toBe('@Maya Editor see this');
  });
});
