export type InteropErrorCode =
  /** Not the kind of file asked for: not a ZIP archive, no project.qde, another XML document. */
  | 'NOT_QDA'
  /** The file is damaged or incomplete: XML that is not well-formed, a truncated archive. */
  | 'MALFORMED'
  /** An archive entry named with `..`, an absolute path or a drive letter. */
  | 'UNSAFE_PATH'
  | 'TOO_MANY_ENTRIES'
  /** The archive, or what it unpacks to in all, is larger than allowed. */
  | 'ARCHIVE_TOO_LARGE'
  /** One entry (project.qde, a source's text) unpacks to more than allowed. */
  | 'ENTRY_TOO_LARGE'
  /** Compression far beyond what real files reach, entries sharing bytes, or sizes that lie. */
  | 'ZIP_BOMB'
  /** XML with a document type declaration: entities are never expanded, so it is refused. */
  | 'DTD_FORBIDDEN'
  /** More codes, sources, selections, codings or XML elements than allowed. */
  | 'TOO_MANY_ITEMS'
  /** XML nested deeper than allowed. */
  | 'TOO_DEEP'
  /** A selection outside its source's text, or ending before it starts. */
  | 'SELECTION_OUT_OF_RANGE'
  /** The writers were given something they cannot write as valid QDA-XML (a bad GUID or colour). */
  | 'INVALID_MODEL';

/**
 * A file refused by a reader, or a model refused by a writer. `message` is one sentence for the
 * person who uploaded the file (or, for INVALID_MODEL, the developer calling the writer); `detail`
 * is what a library underneath said, for logs only.
 */
export class InteropError extends Error {
  readonly code: InteropErrorCode;
  readonly detail?: string;

  constructor(code: InteropErrorCode, message: string, detail?: string) {
    super(message);
    this.name = 'InteropError';
    this.code = code;
    if (detail !== undefined) this.detail = detail;
    Object.setPrototypeOf(this, new.target.prototype);
  }
}

export function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
