export type ParseErrorCode =
  | 'EMPTY'
  | 'BINARY'
  | 'ENCODING'
  | 'UNSUPPORTED_FORMAT'
  | 'MALFORMED'
  | 'NO_TEXT'
  | 'TOO_LARGE';

/** A file the importer refuses; `message` is written for the researcher who uploaded it. */
export class TranscriptParseError extends Error {
  readonly code: ParseErrorCode;
  readonly line?: number;

  constructor(code: ParseErrorCode, message: string, line?: number) {
    super(message);
    this.name = 'TranscriptParseError';
    this.code = code;
    if (line !== undefined) this.line = line;
    Object.setPrototypeOf(this, new.target.prototype);
  }
}
