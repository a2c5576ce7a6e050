import { InteropError } from '../interop-error';
import { SafeXmlReader } from '../xml/safe-xml-reader';
import { sizeOf } from '../wording';
import { type QdaReadLimits, readLimits } from './limits';
import { type QdaCodebook, type QdaCodebookReadResult } from './model';
import { QdaDocumentReader } from './qda-document';
import { WarningList } from './warning-list';

const LABEL = 'This codebook file';

/**
 * Reads a codebook exchange file (.qdc): the codes with their hierarchy, colours and
 * descriptions. Accepts the 1.0 namespace and the draft `urn:QDA-XML:codebook:0:4` that ATLAS.ti
 * still writes, whatever `xsi:schemaLocation` says, and an empty `<Sets/>` (Taguette). Sets are
 * not kept; each is named in a warning. Refuses (InteropError) a file that is not well-formed or
 * cut short, has a DOCTYPE, or is past the limits.
 */
export function readCodebook(
  xml: string | Uint8Array,
  limits: Partial<QdaReadLimits> = {},
): QdaCodebookReadResult {
  const applied = readLimits(limits);
  const size = typeof xml === 'string' ? Buffer.byteLength(xml, 'utf8') : xml.byteLength;
  if (size > applied.maxEntryBytes) {
    throw new InteropError(
      'ENTRY_TOO_LARGE',
      `${LABEL} is larger than ${sizeOf(applied.maxEntryBytes)}, the most that is read.`,
    );
  }
  const warnings = new WarningList();
  const document = new QdaDocumentReader('CodeBook', LABEL, applied, warnings);
  const reader = new SafeXmlReader(document, { label: LABEL, ...applied });
  reader.write(typeof xml === 'string' ? xml.replace(/^\ufeff/, '') : xml);
  reader.end();
  const codebook: QdaCodebook = { codes: document.document.codes };
  if (document.document.origin !== undefined) codebook.origin = document.document.origin;
  return { codebook, warnings: warnings.toArray() };
}
