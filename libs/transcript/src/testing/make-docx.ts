// Test-only helper (not exported from the package index): a minimal Word document.
import { makeZip } from './fixture-files';

const CONTENT_TYPES =
  '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>';
const RELS =
  '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>';

export function escapeXml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;');
}

/** A .docx whose paragraphs hold the given text; `\n` inside a paragraph is a line break. */
export function makeDocx(paragraphs: readonly string[]): Uint8Array {
  const body = paragraphs
    .map((p) => {
      const runs = p
        .split('\n')
        .map((line) => `<w:t xml:space="preserve">${escapeXml(line)}</w:t>`)
        .join('<w:br/>');
      return `<w:p><w:r>${runs}</w:r></w:p>`;
    })
    .join('');
  return makeZip({
    '[Content_Types].xml': CONTENT_TYPES,
    '_rels/.rels': RELS,
    'word/document.xml': `<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>${body}</w:body></w:document>`,
  });
}
