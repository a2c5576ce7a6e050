import type {
  CommentChangedSubscription,
  CommentFieldsFragment,
  CommentThreadFragment,
} from '@verbatim/contracts';

// The threads of one target as the client holds them, and how each change reaches them. Pure
// functions of the list: the store (comments-store.ts) applies what its own requests answer and
// what colleagues' changes bring live, in whatever order they arrive.

export type CommentView = CommentFieldsFragment;
export type Thread = CommentThreadFragment;
export type CommentEvent = CommentChangedSubscription['commentChanged'];

/** Threads are shown oldest first, as the api pages them. */
function byCreation(a: Thread, b: Thread): number {
  return a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id);
}

/**
 * Adds threads, or replaces those already shown with the version given (a page loaded later,
 * a thread as a live event read it), keeping the order.
 */
export function upsertThreads(threads: readonly Thread[], fresh: readonly Thread[]): Thread[] {
  const byId = new Map(threads.map((t) => [t.id, t]));
  for (const thread of fresh) byId.set(thread.id, thread);
  return [...byId.values()].sort(byCreation);
}

/** A comment just written: a new thread, or a reply at the end of its thread. */
export function addComment(threads: readonly Thread[], comment: CommentView): Thread[] {
  if (!comment.parentId) {
    if (threads.some((t) => t.id === comment.id)) return [...threads];
    return upsertThreads(threads, [{ ...comment, replies: [] }]);
  }
  return threads.map((t) =>
    t.id === comment.parentId && !t.replies.some((r) => r.id === comment.id)
      ? { ...t, replies: [...t.replies, comment] }
      : t,
  );
}

/** A comment as a change answered it (edited, reacted to): a thread's first comment or a reply. */
export function replaceComment(threads: readonly Thread[], comment: CommentView): Thread[] {
  return threads.map((t) => {
    if (t.id === comment.id) return { ...t, ...comment, replies: t.replies };
    if (t.id !== comment.parentId) return t;
    return { ...t, replies: t.replies.map((r) => (r.id === comment.id ? comment : r)) };
  });
}

/**
 * The list after the caller deleted a comment, as the api does it: a first comment with replies
 * stays as deleted (no body, mentions or reactions); any other goes; a deleted first comment
 * goes with its last reply.
 */
export function removeComment(threads: readonly Thread[], comment: CommentView): Thread[] {
  if (!comment.parentId)
    return threads.flatMap((t) => {
      if (t.id !== comment.id) return [t];
      if (!t.replies.length) return [];
      return [{ ...t, deleted: true, body: '', mentions: [], reactions: [] }];
    });
  return threads.flatMap((t) => {
    if (t.id !== comment.parentId) return [t];
    const replies = t.replies.filter((r) => r.id !== comment.id);
    return t.deleted && !replies.length ? [] : [{ ...t, replies }];
  });
}

/**
 * A change someone made (the caller included): the event brings its thread as it was when the
 * event was delivered, which replaces the one shown; a thread that is gone goes. Events come in
 * the order the changes were made, so the last one leaves the thread as it is.
 */
export function applyEvent(threads: readonly Thread[], event: CommentEvent): Thread[] {
  if (event.thread) return upsertThreads(threads, [event.thread]);
  return threads.filter((t) => t.id !== event.threadId);
}
