/** A UTF-16 surrogate that is not half of a pair: PostgreSQL refuses it in jsonb (`\ud800`). */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
const REPLACEMENT = '\uFFFD';
const ELLIPSIS = '…';

/**
 * Makes text from a model (or anything else from outside) storable in PostgreSQL: removes NUL
 * (refused in text and jsonb), turns lone surrogates into U+FFFD, and cuts it to at most
 * `maxLength` UTF-16 code units (ending in `…` when cut, never inside a surrogate pair).
 */
export function cleanText(text: string, maxLength = Number.POSITIVE_INFINITY): string {
  let clean = text.includes('\u0000') ? text.replace(/\u0000/g, '') : text;
  clean = clean.replace(LONE_SURROGATE, REPLACEMENT);
  if (clean.length <= maxLength) return clean;
  if (maxLength < 1) return '';
  let end = maxLength - 1;
  const last = clean.charCodeAt(end - 1);
  if (last >= 0xd800 && last <= 0xdbff) end--; // do not keep half of a pair
  return clean.slice(0, end) + ELLIPSIS;
}

/** `cleanText` for optional values: null and undefined stay null. */
export function cleanOptionalText(
  text: string | null | undefined,
  maxLength?: number,
): string | null {
  return text === null || text === undefined ? null : cleanText(text, maxLength);
}
