import { Component, inject, signal } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { Apollo } from 'apollo-angular';
import type { Role } from '@verbatim/contracts';
import { describe, expect, it } from 'vitest';
import { AuthStore } from '../../core/auth/auth-store';
import { CommentItem } from './comment-item';
import type { CommentView } from './comment-state';
import { CommentsStore } from './comments-store';

const ME = { id: 'u-me', name: 'Olga Owner', email: 'olga@example.com' };
const MAYA_ID = '0b6c3a52-6f0e-4b7e-9a57-3c1f0e2d4a11';

function comment(overrides: Partial<CommentView> = {}): CommentView {
  return {
    id: 'c1',
    parentId: null,
    body: `Ask [@Maya](mention:${MAYA_ID}) about **pricing**`,
    createdAt: new Date().toISOString(),
    editedAt: null,
    deleted: false,
    resolved: false,
    author: { id: 'u-other', name: 'Cole League' },
    mentions: [{ id: MAYA_ID, name: 'Maya Ortega' }],
    reactions: [{ emoji: '👍', count: 2, reactedByMe: true }],
    ...overrides,
  };
}

@Component({
  imports: [CommentItem],
  providers: [CommentsStore],
  template: `<vb-comment [comment]="comment()" />`,
})
class Host {
  readonly comment = signal(comment());
  readonly store = inject(CommentsStore);
}

async function render(role: Role, view: CommentView) {
  TestBed.configureTestingModule({
    providers: [
      { provide: Apollo, useValue: {} },
      { provide: AuthStore, useValue: { user: signal(ME) } },
    ],
  });
  const fixture = TestBed.createComponent(Host);
  fixture.componentInstance.store.role.set(role);
  fixture.componentInstance.comment.set(view);
  await fixture.whenStable();
  const el = fixture.nativeElement as HTMLElement;
  const buttons = () =>
    [...el.querySelectorAll('button')].map((b) => b.getAttribute('aria-label') ?? b.textContent);
  return { el, buttons };
}

describe('a comment', () => {
  it('shows its author, its Markdown, and its mentions by their current name', async () => {
    const { el } = await render('VIEWER', comment());
    expect(el.querySelector('.comment-author')?.textContent).toBe('Cole League');
    expect(el.querySelector('.mention')?.textContent).toBe('@Maya Ortega');
    expect(el.querySelector('strong')?.textContent).toBe('pricing');
    expect(el.querySelector('.comment-edited')).toBeNull();
  });

  it('lets a viewer read its reactions but change nothing', async () => {
    const { el, buttons } = await render('VIEWER', comment());
    expect(buttons()).toEqual([]);
    expect(el.querySelector('.reactions')?.textContent).toContain(
      'Thumbs up: 2 people, you among them',
    );
  });

  it('lets a commenter react to a colleague’s comment, but not edit or delete it', async () => {
    const { buttons } = await render('COMMENTER', comment());
    expect(buttons()).toEqual(['Thumbs up: 2 people, you among them', 'Add reaction']);
  });

  it('lets its author edit and delete it', async () => {
    const { buttons } = await render(
      'COMMENTER',
      comment({ author: { id: ME.id, name: ME.name } }),
    );
    expect(buttons()).toContain('Edit comment by Olga Owner');
    expect(buttons()).toContain('Delete comment by Olga Owner');
  });

  it('lets an owner delete anyone’s comment, and only its author edit it', async () => {
    const { buttons } = await render('OWNER', comment());
    expect(buttons()).toContain('Delete comment by Cole League');
    expect(buttons()).not.toContain('Edit comment by Cole League');
  });

  it('says it was edited, and says a deleted first comment was deleted', async () => {
    const edited = await render('OWNER', comment({ editedAt: new Date().toISOString() }));
    expect(edited.el.querySelector('.comment-edited')?.textContent).toBe('edited');
    TestBed.resetTestingModule();
    const gone = await render(
      'OWNER',
      comment({ deleted: true, body: '', mentions: [], reactions: [] }),
    );
    expect(gone.el.querySelector('.comment-deleted')?.textContent).toBe(
      'This comment was deleted.',
    );
    expect(gone.buttons()).toEqual([]);
  });
});
