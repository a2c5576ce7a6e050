import type { AssignmentItemFragment } from '@verbatim/contracts';

type Place = Pick<AssignmentItemFragment, 'targetType' | 'targetId' | 'projectId' | 'boardId'>;

/** Where an assignment is done: the reader, or the board with its theme in view. */
export function assignmentLink(a: Place): {
  commands: readonly string[];
  queryParams: Record<string, string> | null;
} {
  if (a.targetType === 'THEME' && a.boardId)
    return {
      commands: ['/p', a.projectId, 'boards', a.boardId],
      queryParams: { theme: a.targetId },
    };
  if (a.targetType === 'TRANSCRIPT') return { commands: ['/t', a.targetId], queryParams: null };
  return { commands: ['/p', a.projectId], queryParams: null };
}

/** "Code “Nina interview”", "Review the theme “Pricing” on Synthesis". */
export function assignmentTask(
  a: Pick<AssignmentItemFragment, 'targetType' | 'targetTitle' | 'boardName'>,
): string {
  return a.targetType === 'THEME'
    ? `Review the theme “${a.targetTitle}”${a.boardName ? ` on ${a.boardName}` : ''}`
    : `Code “${a.targetTitle}”`;
}
