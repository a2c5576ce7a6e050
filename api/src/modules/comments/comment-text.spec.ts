import { expect } from '@jest/globals';
import { DomainError } from '../../common/errors/domain-error';
import { commentBody, reactionEmoji } from './comment-text';

function refusal(read: () => unknown): string | null {
  try {
    read();
    return null;
  } catch (error) {
    return error instanceof DomainError ? `${error.kind}: ${error.message}` : String(error);
  }
}

describe('comment text', () => {
  it('keeps a body as written, trimmed', () => {
    expect(commentBody('  <script>x</script> [a](javascript:b)\n')).toBe(
      '<script>x</script> [a](javascript:b)',
    );
  });

  it('refuses an empty body and one over 10,000 characters', () => {
    expect(refusal(() => commentBody(' \n\t'))).toBe(
      'BAD_USER_INPUT: A comment must not be empty.',
    );
    expect(refusal(() => commentBody('x'.repeat(10_000)))).toBeNull();
    expect(refusal(() => commentBody('x'.repeat(10_001)))).toBe(
      'BAD_USER_INPUT: A comment can be at most 10,000 characters; this one has 10,001.',
    );
  });

  it.each(['👍', '👍🏽', '❤️', '🇩🇪', '1️⃣', '👨‍👩‍👧', '🏳️‍🌈', '🦜'])('accepts %s as a reaction', (e) => {
    expect(reactionEmoji(e)).toBe(e);
  });

  it.each(['', ' ', 'ok', '👍👍', '1', '#', '<b>', '🇩', 'a👍', '\u200d'])(
    'refuses %j as a reaction',
    (e) => {
      expect(refusal(() => reactionEmoji(e))).toBe(
        'BAD_USER_INPUT: A reaction must be a single emoji, such as 👍.',
      );
    },
  );
});
