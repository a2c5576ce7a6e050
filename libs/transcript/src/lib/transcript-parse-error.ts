export type ParseErrorCode =
  | 'EMPTY'
  | 'BINARY'
  | 'ENCODING'
  | 'UNSUPPORTED_FORMAT'
  | 'MALFORMED'
  | 'NO_TEXT'
  | 'TOO_LARGE'
  | 'ARCHIVE_TOO_LARGE';

/**
 * A file the importer refuses; `message` is written for the researcher who uploaded it.
 * `detail` is what a library underneath said (for logs only: it may name internals).
 */
export class TranscriptParseError extends Error {
  readonly code: ParseErrorCode;
  readonly line?: number;
  readonly detail?: string;

  constructor(code: ParseErrorCode, message: string, line?: number, detail?: string) {
    super(message);
    this.name = 'TranscriptParseError';
    this.code = code;
    if (line !== undefined) this.line = line;
    if (detail !== undefined) this.detail = detail;
    Object.setPrototypeOf(this, new.target.prototype);
  }
}
