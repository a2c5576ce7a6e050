import type { SuggestionStatus } from '@verbatim/contracts';

/** What a key press in the review list asks for, on the item at `index`. */
export type ReviewCommand =
  | { kind: 'focus'; index: number }
  | { kind: 'accept'; index: number }
  | { kind: 'reject'; index: number }
  | { kind: 'edit'; index: number }
  | { kind: 'none' };

export interface ReviewKey {
  key: string;
  altKey?: boolean;
  ctrlKey?: boolean;
  metaKey?: boolean;
  /** The key went to a text field, a select or a button that wants it. */
  inField?: boolean;
}

const NONE: ReviewCommand = { kind: 'none' };

/**
 * The review list's keys: j/↓ next, k/↑ previous, a accept, r reject, e edit. Acting needs a
 * focused pending item and the right to review; typing in a field is never a command.
 */
export function reviewCommand(
  key: ReviewKey,
  items: readonly { status: SuggestionStatus }[],
  focused: number | null,
  canReview: boolean,
): ReviewCommand {
  if (key.inField || key.altKey || key.ctrlKey || key.metaKey || !items.length) return NONE;
  const current = focused === null ? null : Math.max(0, Math.min(items.length - 1, focused));
  switch (key.key) {
    case 'j':
    case 'ArrowDown':
      return {
        kind: 'focus',
        index: current === null ? 0 : Math.min(items.length - 1, current + 1),
      };
    case 'k':
    case 'ArrowUp':
      return { kind: 'focus', index: current === null ? 0 : Math.max(0, current - 1) };
    case 'Home':
      return { kind: 'focus', index: 0 };
    case 'End':
      return { kind: 'focus', index: items.length - 1 };
    case 'a':
    case 'r':
    case 'e': {
      if (current === null || !canReview || items[current]?.status !== 'PENDING') return NONE;
      const kind = key.key === 'a' ? 'accept' : key.key === 'r' ? 'reject' : 'edit';
      return { kind, index: current };
    }
    default:
      return NONE;
  }
}

/**
 * Where focus goes after the item at `from` was reviewed: the next pending item after it, else
 * the nearest pending one before it, else it stays.
 */
export function nextPendingIndex(
  items: readonly { status: SuggestionStatus }[],
  from: number,
): number {
  for (let i = from + 1; i < items.length; i++) if (items[i]?.status === 'PENDING') return i;
  for (let i = from - 1; i >= 0; i--) if (items[i]?.status === 'PENDING') return i;
  return Math.max(0, Math.min(items.length - 1, from));
}
