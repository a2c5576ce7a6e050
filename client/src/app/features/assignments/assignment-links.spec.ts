import { describe, expect, it } from 'vitest';
import { assignmentLink, assignmentTask } from './assignment-links';

describe('assignmentLink', () => {
  it('opens a transcript in the reader', () => {
    expect(
      assignmentLink({ targetType: 'TRANSCRIPT', targetId: 't1', projectId: 'p1', boardId: null }),
    ).toEqual({ commands: ['/t', 't1'], queryParams: null });
  });

  it('opens a theme on its board, in view', () => {
    expect(
      assignmentLink({ targetType: 'THEME', targetId: 'th1', projectId: 'p1', boardId: 'b1' }),
    ).toEqual({ commands: ['/p', 'p1', 'boards', 'b1'], queryParams: { theme: 'th1' } });
  });

  it('opens the project when a theme names no board', () => {
    expect(
      assignmentLink({ targetType: 'THEME', targetId: 'th1', projectId: 'p1', boardId: null }),
    ).toEqual({ commands: ['/p', 'p1'], queryParams: null });
  });
});

describe('assignmentTask', () => {
  it('says what to do with what', () => {
    expect(
      assignmentTask({ targetType: 'TRANSCRIPT', targetTitle: 'Nina interview', boardName: null }),
    ).toBe('Code “Nina interview”');
    expect(
      assignmentTask({ targetType: 'THEME', targetTitle: 'Pricing', boardName: 'Synthesis' }),
    ).toBe('Review the theme “Pricing” on Synthesis');
  });
});
