import { describe, expect, it } from 'vitest';
import {
  type CommentView,
  type Thread,
  addComment,
  applyEvent,
  removeComment,
  replaceComment,
  upsertThreads,
} from './comment-state';

function comment(id: string, overrides: Partial<CommentView> = {}): CommentView {
  return {
    id,
    parentId: null,
    body: `Body of ${id}`,
    createdAt: `2026-12-07T10:00:0${id.slice(-1)}.000Z`,
    editedAt: null,
    deleted: false,
    resolved: false,
    author: { id: 'u1', name: 'Olga' },
    mentions: [],
    reactions: [],
    ...overrides,
  };
}

function thread(id: string, replies: CommentView[] = [], overrides: Partial<Thread> = {}): Thread {
  return { ...comment(id), replies, ...overrides };
}

const ids = (threads: readonly Thread[]) =>
  threads.map((t) => [t.id, ...t.replies.map((r) => r.id)]);

describe('the threads of a target', () => {
  it('keeps threads oldest first whatever order pages and events bring them in', () => {
    const shown = upsertThreads([], [thread('t3'), thread('t1')]);
    expect(ids(upsertThreads(shown, [thread('t2'), thread('t1', [], { body: 'new' })]))).toEqual([
      ['t1'],
      ['t2'],
      ['t3'],
    ]);
  });

  it('adds a new thread, and a reply at the end of its thread, once each', () => {
    let threads = addComment([thread('t1', [comment('r1', { parentId: 't1' })])], comment('t2'));
    threads = addComment(threads, comment('r2', { parentId: 't1' }));
    threads = addComment(threads, comment('r2', { parentId: 't1' }));
    threads = addComment(threads, comment('t2'));
    expect(ids(threads)).toEqual([['t1', 'r1', 'r2'], ['t2']]);
  });

  it('replaces an edited first comment without losing its replies, and an edited reply', () => {
    const shown = [thread('t1', [comment('r1', { parentId: 't1' })])];
    let threads = replaceComment(shown, comment('t1', { body: 'Edited', editedAt: 'now' }));
    threads = replaceComment(threads, comment('r1', { parentId: 't1', body: 'Reply edited' }));
    expect(threads[0]).toMatchObject({ body: 'Edited', editedAt: 'now' });
    expect(threads[0]!.replies.map((r) => r.body)).toEqual(['Reply edited']);
  });

  it('keeps a deleted first comment with replies in place, and drops it with its last reply', () => {
    const reply = comment('r1', { parentId: 't1' });
    const withReactions = thread('t1', [reply], {
      reactions: [{ emoji: '👍', count: 2, reactedByMe: true }],
      mentions: [{ id: 'u2', name: 'Maya' }],
    });
    let threads = removeComment([withReactions, thread('t2')], comment('t1'));
    expect(threads[0]).toMatchObject({ deleted: true, body: '', mentions: [], reactions: [] });
    expect(ids(threads)).toEqual([['t1', 'r1'], ['t2']]);

    threads = removeComment(threads, reply);
    expect(ids(threads)).toEqual([['t2']]);
    expect(ids(removeComment(threads, comment('t2')))).toEqual([]);
  });

  it('takes the thread a live event brings, and drops one that is gone', () => {
    const shown = [thread('t1'), thread('t2')];
    const event = {
      kind: 'ADDED' as const,
      commentId: 'r1',
      threadId: 't1',
      commentCount: 3,
      comment: comment('r1', { parentId: 't1' }),
      thread: thread('t1', [comment('r1', { parentId: 't1' })], { resolved: true }),
    };
    const threads = applyEvent(shown, event);
    expect(ids(threads)).toEqual([['t1', 'r1'], ['t2']]);
    expect(threads[0]!.resolved).toBe(true);
    expect(
      ids(applyEvent(threads, { ...event, kind: 'DELETED', threadId: 't2', thread: null })),
    ).toEqual([['t1', 'r1']]);
  });

  it('shows a colleague’s new thread from an event', () => {
    const event = {
      kind: 'ADDED' as const,
      commentId: 't9',
      threadId: 't9',
      commentCount: 2,
      comment: comment('t9'),
      thread: thread('t9'),
    };
    expect(ids(applyEvent([thread('t1')], event))).toEqual([['t1'], ['t9']]);
  });
});
