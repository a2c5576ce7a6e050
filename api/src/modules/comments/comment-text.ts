import { badInput } from '../../common/errors/domain-error';
import { MAX_COMMENT_CHARS } from './comments.types';

/** The emoji offered in the client's picker; any other single emoji is accepted too. */
export const COMMON_REACTIONS = ['👍', '👎', '❤️', '🎉', '😄', '😕', '👀', '🚀', '✅', '💡'];

/** Longest stored reaction (UTF-16 units): a family or a flag with its modifiers fits. */
const MAX_EMOJI_UNITS = 32;
const EMOJI_PART = /^[\p{Extended_Pictographic}\p{Emoji_Component}\u200D\uFE0F\u20E3]+$/u;
const PICTURE = /\p{Extended_Pictographic}|\p{Regional_Indicator}{2}|\u20E3/u;
const graphemes = new Intl.Segmenter('en', { granularity: 'grapheme' });

/**
 * A comment's body as it is stored: trimmed, not empty, at most MAX_COMMENT_CHARS characters.
 * Markdown is kept exactly as written (HTML and links included): the client renders it as
 * untrusted text.
 */
export function commentBody(raw: string): string {
  const body = raw.trim();
  if (!body) throw badInput('A comment must not be empty.');
  if (body.length > MAX_COMMENT_CHARS)
    throw badInput(
      `A comment can be at most ${MAX_COMMENT_CHARS.toLocaleString('en-US')} characters; this one has ${body.length.toLocaleString('en-US')}.`,
    );
  return body;
}

/** A reaction: exactly one emoji (a grapheme such as 👍🏽, ❤️, 🇩🇪 or 1️⃣), nothing else. */
export function reactionEmoji(raw: string): string {
  const emoji = raw.trim();
  if (COMMON_REACTIONS.includes(emoji)) return emoji;
  const single = [...graphemes.segment(emoji)].length === 1;
  if (!single || emoji.length > MAX_EMOJI_UNITS || !EMOJI_PART.test(emoji) || !PICTURE.test(emoji))
    throw badInput('A reaction must be a single emoji, such as 👍.');
  return emoji;
}
