import { decodeCharacterReferences } from '../webvtt/character-references';

/**
 * Element names that subtitle and text exports use as markup: HTML's (the `<b>`, `<i>`, `<font>`
 * of SRT; `<p>`, `<span>`, `<br>` of pasted HTML; `<script>`, whose text stays) and WebVTT's.
 * Anything else in angle brackets is the speaker's or transcriber's text and stays:
 * `<inaudible>`, `<laughs>`, `<contact sales>`.
 */
const TAG_NAMES =
  'a|abbr|b|bdi|bdo|big|blockquote|body|br|center|cite|code|col|colgroup|dd|del|dfn|div|dl|dt|em|' +
  'font|h[1-6]|head|hr|html|i|iframe|img|ins|kbd|li|link|mark|meta|noscript|object|ol|p|pre|q|rp|rt|' +
  'ruby|s|samp|script|small|span|strike|strong|style|sub|sup|table|tbody|td|tfoot|th|thead|time|' +
  'title|tr|tt|u|ul|var|wbr|c|v|lang';
/** A start or end tag of a known element, or a comment; bounded, so scans stay linear. */
const TAG = new RegExp(
  `<\\/?(?:${TAG_NAMES})(?=[\\s/>.])[^<>]{0,300}>|<!--[^<>]{0,300}-->|<[!?][A-Za-z][^<>]{0,300}>`,
  'gi',
);
const CONTROL = /[\u0000-\u0008\u000e-\u001f\u007f]/;
const CONTROLS = /[\u0000-\u0008\u000e-\u001f\u007f]+/g;
/** SSA/ASS override blocks that leak into SRT files (`{\an8}`, `{\i1}`). */
const ASS_OVERRIDE = /\{\\[^{}]{0,100}\}/g;

/**
 * Removes markup from subtitle (SRT) or plain text, then decodes `&amp;`-style references. The
 * order matters: what a reference decodes to (`&lt;b&gt;` → `<b>`) is text, never markup.
 */
export function stripMarkup(text: string): string {
  let out = text;
  if (out.includes('<')) out = out.replace(TAG, '');
  if (out.includes('{\\')) out = out.replace(ASS_OVERRIDE, '');
  return decodeCharacterReferences(out);
}

/**
 * Final normalisation of turn text, which is plain text by now (each parser removed its own
 * markup and decoded references exactly once): whitespace collapsed, trimmed, control characters
 * dropped and `-->` (which would read as a cue timing in a subtitle export) written as `→`.
 */
export function cleanTurnText(text: string): string {
  let out = text;
  if (out.includes('-->')) out = out.replace(/-->/g, '→');
  if (CONTROL.test(out)) out = out.replace(CONTROLS, '');
  return out.replace(/\s+/g, ' ').trim();
}

/** True when the text has at least one letter or digit. */
export function hasWords(text: string): boolean {
  return /[\p{L}\p{N}]/u.test(text);
}
