import { decodeCharacterReferences } from '../webvtt/character-references';

/** HTML/XML-like tags (`<b>`, `</font>`, `<font color="#fff">`, `<!-- x -->`); bounded, no backtracking blow-up. */
const TAG = /<[A-Za-z/!?][^<>]{0,300}>/g;
const CONTROL = /[\u0000-\u0008\u000e-\u001f\u007f]/;
const CONTROLS = /[\u0000-\u0008\u000e-\u001f\u007f]+/g;
/** SSA/ASS override blocks that leak into SRT files (`{\an8}`, `{\i1}`). */
const ASS_OVERRIDE = /\{\\[^{}]{0,100}\}/g;

/** Removes markup from subtitle (SRT) or plain text and decodes `&amp;`-style references. */
export function stripMarkup(text: string): string {
  let out = text;
  if (out.includes('<')) out = out.replace(TAG, '');
  if (out.includes('{\\')) out = out.replace(ASS_OVERRIDE, '');
  return decodeCharacterReferences(out);
}

/**
 * Final normalisation of turn text: whitespace collapsed, trimmed, and nothing that could be
 * mistaken for markup or a cue timing left behind (tags a decoded `&lt;` produced, `-->`).
 */
export function cleanTurnText(text: string): string {
  let out = text;
  if (out.includes('<')) out = out.replace(TAG, ' ');
  if (out.includes('-->')) out = out.replace(/-->/g, '→');
  if (CONTROL.test(out)) out = out.replace(CONTROLS, '');
  return out.replace(/\s+/g, ' ').trim();
}

/** True when the text has at least one letter or digit. */
export function hasWords(text: string): boolean {
  return /[\p{L}\p{N}]/u.test(text);
}
