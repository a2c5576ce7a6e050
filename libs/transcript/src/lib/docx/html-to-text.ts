import { decodeCharacterReferences } from '../webvtt/character-references';

const BLOCK_END = new Set([
  'p',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'li',
  'tr',
  'table',
  'ul',
  'ol',
  'blockquote',
]);

function tagName(tag: string): { name: string; closing: boolean } {
  const closing = tag.startsWith('/');
  const body = closing ? tag.slice(1) : tag;
  const end = body.search(/[\s/>]|$/);
  return { name: body.slice(0, end).toLowerCase(), closing };
}

/**
 * Turns the simple HTML mammoth produces into text: paragraphs end with a blank line, `<br>` is
 * a line break, and each table row becomes one block whose lines are its cells' paragraphs
 * (so a Teams transcript laid out in a Word table reads like subtitle cues).
 */
export function htmlToText(html: string): string {
  const out: string[] = [];
  let cellDepth = 0;
  let pos = 0;
  while (pos < html.length) {
    const lt = html.indexOf('<', pos);
    const textEnd = lt === -1 ? html.length : lt;
    if (textEnd > pos) out.push(decodeCharacterReferences(html.slice(pos, textEnd)));
    if (lt === -1) break;
    const gt = html.indexOf('>', lt);
    if (gt === -1) break;
    const { name, closing } = tagName(html.slice(lt + 1, gt));
    if (name === 'br') out.push('\n');
    else if (name === 'td' || name === 'th') cellDepth += closing ? -1 : 1;
    if (closing && (name === 'td' || name === 'th')) {
      if (!(out[out.length - 1] ?? '').endsWith('\n')) out.push('\n');
    } else if (closing && BLOCK_END.has(name))
      out.push(cellDepth > 0 && name === 'p' ? '\n' : '\n\n');
    pos = gt + 1;
  }
  return out.join('').replace(/\n[ \t]*\n(?:[ \t]*\n)+/g, '\n\n');
}
