import { XML_DECLARATION, emptyTag, endTag, startTag, textElement } from '../xml/xml-text';
import { type QdaCode, type QdaCodebook } from './model';
import { codeGuids, colorOf, guidOf, invalid } from './write-checks';

export const CODEBOOK_NAMESPACE = 'urn:QDA-XML:codebook:1.0';
export const DEFAULT_ORIGIN = 'Verbatim';

/**
 * A codebook exchange file (.qdc, namespace urn:QDA-XML:codebook:1.0): the codes with their
 * hierarchy, colours and descriptions. The schema needs at least one code, so an empty codebook
 * is refused (INVALID_MODEL).
 */
export function writeCodebook(codebook: QdaCodebook): string {
  if (codebook.codes.length === 0) {
    throw invalid('A codebook file needs at least one code; this codebook has none.');
  }
  codeGuids(codebook.codes);
  const root = startTag('CodeBook', [
    ['xmlns', CODEBOOK_NAMESPACE],
    ['origin', codebook.origin ?? DEFAULT_ORIGIN],
  ]);
  const lines = [root, '  <Codes>', ...codeLines(codebook.codes, 'codebook', 2), '  </Codes>'];
  return `${XML_DECLARATION}${lines.join('\n')}\n${endTag('CodeBook')}\n`;
}

/**
 * The `<Code>` elements of a hierarchy, one per line, indented by depth. A project's codes may
 * carry NoteRefs; a codebook file has no notes, so there they are left out.
 */
export function codeLines(
  codes: readonly QdaCode[],
  flavour: 'codebook' | 'project',
  depth: number,
): string[] {
  const lines: string[] = [];
  const visit = (code: QdaCode, level: number): void => {
    const indent = '  '.repeat(level);
    const attributes = [
      ['guid', guidOf(`code “${code.name}”`, code.guid)],
      ['name', code.name],
      ['isCodable', code.isCodable !== false],
      ['color', colorOf(code)],
    ] as const;
    const notes = flavour === 'project' ? (code.noteGuids ?? []) : [];
    if (code.description === undefined && notes.length === 0 && code.children.length === 0) {
      lines.push(indent + emptyTag('Code', attributes));
      return;
    }
    lines.push(indent + startTag('Code', attributes));
    if (code.description !== undefined) {
      lines.push(`${indent}  ${textElement('Description', code.description)}`);
    }
    for (const note of notes) {
      lines.push(`${indent}  ${emptyTag('NoteRef', [['targetGUID', guidOf('note', note)]])}`);
    }
    for (const child of code.children) visit(child, level + 1);
    lines.push(indent + endTag('Code'));
  };
  for (const code of codes) visit(code, depth);
  return lines;
}
