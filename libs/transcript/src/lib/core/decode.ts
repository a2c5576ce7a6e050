import { MAX_TRANSCRIPT_TEXT_LENGTH, SNIFF_BYTES } from '../limits';
import { TranscriptParseError } from '../transcript-parse-error';
import { describeKnownBinary } from './file-signatures';

type Encoding = 'utf-8' | 'utf-16le' | 'utf-16be' | 'utf-32le' | 'utf-32be';

interface EncodingGuess {
  encoding: Encoding;
  /** Bytes of byte-order mark to skip. */
  skip: number;
}

const REENCODE_HINT =
  'Re-save the file as UTF-8 (in most editors: "Save as…" and choose the UTF-8 encoding) and upload it again.';

/**
 * Decodes an uploaded file to text: UTF-8 (with or without BOM), UTF-16 LE/BE (with BOM, or
 * without one when the NUL pattern is unmistakable) and UTF-32 with BOM. Refuses empty files,
 * binary content and invalid UTF-8 with a TranscriptParseError that says what to do.
 */
export function decodeTranscriptBytes(bytes: Uint8Array): string {
  if (bytes.length === 0) throw new TranscriptParseError('EMPTY', 'The file is empty.');
  const known = describeKnownBinary(bytes);
  if (known) throw new TranscriptParseError(known.code, known.message);
  const guess = guessEncoding(bytes);
  if (guess.encoding === 'utf-8')
    assertNotBinary(bytes.subarray(guess.skip, guess.skip + SNIFF_BYTES));
  assertDecodedSizeCanFit(bytes.length - guess.skip, guess.encoding);
  const text = decodeAs(bytes.subarray(guess.skip), guess.encoding);
  if (guess.encoding !== 'utf-8') assertTextNotBinary(text);
  if (text.length > MAX_TRANSCRIPT_TEXT_LENGTH) throw tooLarge();
  if (isBlank(text))
    throw new TranscriptParseError('EMPTY', 'The file contains only blank space, no text.');
  return text;
}

function guessEncoding(bytes: Uint8Array): EncodingGuess {
  const [b0, b1, b2, b3] = bytes;
  if (b0 === 0xef && b1 === 0xbb && b2 === 0xbf) return { encoding: 'utf-8', skip: 3 };
  if (b0 === 0xff && b1 === 0xfe && b2 === 0 && b3 === 0) return { encoding: 'utf-32le', skip: 4 };
  if (b0 === 0 && b1 === 0 && b2 === 0xfe && b3 === 0xff) return { encoding: 'utf-32be', skip: 4 };
  if (b0 === 0xff && b1 === 0xfe) return { encoding: 'utf-16le', skip: 2 };
  if (b0 === 0xfe && b1 === 0xff) return { encoding: 'utf-16be', skip: 2 };
  return { encoding: sniffBomlessUtf16(bytes) ?? 'utf-8', skip: 0 };
}

/** UTF-16 text of a Latin-script language has a NUL in nearly every other byte, on one side. */
function sniffBomlessUtf16(bytes: Uint8Array): Encoding | null {
  const n = Math.min(bytes.length, 4096) & ~1;
  if (n < 4) return null;
  let evenNul = 0;
  let oddNul = 0;
  for (let i = 0; i < n; i += 2) {
    if (bytes[i] === 0) evenNul++;
    if (bytes[i + 1] === 0) oddNul++;
  }
  const pairs = n / 2;
  if (oddNul >= pairs * 0.3 && evenNul <= pairs * 0.02) return 'utf-16le';
  if (evenNul >= pairs * 0.3 && oddNul <= pairs * 0.02) return 'utf-16be';
  return null;
}

/** Control bytes other than tab, line feed, vertical tab, form feed and carriage return. */
function isControlByte(b: number): boolean {
  return (
    (b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0b && b !== 0x0c && b !== 0x0d) || b === 0x7f
  );
}

function assertNotBinary(sample: Uint8Array): void {
  let controls = 0;
  for (let i = 0; i < sample.length; i++) if (isControlByte(sample[i] ?? 0)) controls++;
  if (controls > sample.length * 0.01) throw binary();
}

function assertTextNotBinary(text: string): void {
  const n = Math.min(text.length, SNIFF_BYTES);
  let controls = 0;
  for (let i = 0; i < n; i++) if (isControlByte(text.charCodeAt(i))) controls++;
  if (controls > n * 0.01) throw binary();
}

function binary(): TranscriptParseError {
  return new TranscriptParseError(
    'BINARY',
    'The file contains binary data, not text. Upload the transcript as a text file (.txt, .md, .vtt, .srt, .json) or a Word document (.docx).',
  );
}

function tooLarge(): TranscriptParseError {
  const mb = MAX_TRANSCRIPT_TEXT_LENGTH / (1024 * 1024);
  return new TranscriptParseError(
    'TOO_LARGE',
    `The transcript is larger than ${mb} MB of text; split it into smaller files.`,
  );
}

function assertDecodedSizeCanFit(byteLength: number, encoding: Encoding): void {
  const minChars =
    encoding === 'utf-8'
      ? byteLength / 3
      : encoding.startsWith('utf-16')
        ? byteLength / 2
        : byteLength / 4;
  if (minChars > MAX_TRANSCRIPT_TEXT_LENGTH) throw tooLarge();
}

function decodeAs(bytes: Uint8Array, encoding: Encoding): string {
  if (encoding === 'utf-32le' || encoding === 'utf-32be')
    return decodeUtf32(bytes, encoding === 'utf-32le');
  if (encoding !== 'utf-8' && bytes.length % 2 === 1) {
    throw new TranscriptParseError(
      'ENCODING',
      `The file looks like UTF-16 text but ends in the middle of a character. ${REENCODE_HINT}`,
    );
  }
  try {
    return new TextDecoder(encoding, { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    throw encoding === 'utf-8'
      ? invalidUtf8(bytes)
      : invalidUnicode(encoding === 'utf-16le' ? 'UTF-16 LE' : 'UTF-16 BE');
  }
}

function invalidUnicode(name: string): TranscriptParseError {
  return new TranscriptParseError(
    'ENCODING',
    `The file looks like ${name} text but contains invalid characters. ${REENCODE_HINT}`,
  );
}

function decodeUtf32(bytes: Uint8Array, littleEndian: boolean): string {
  if (bytes.length % 4 !== 0) throw invalidUnicode(littleEndian ? 'UTF-32 LE' : 'UTF-32 BE');
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const parts: string[] = [];
  for (let i = 0; i < bytes.length; i += 4) {
    const cp = view.getUint32(i, littleEndian);
    if (cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff))
      throw invalidUnicode(littleEndian ? 'UTF-32 LE' : 'UTF-32 BE');
    parts.push(String.fromCodePoint(cp));
  }
  return parts.join('');
}

function invalidUtf8(bytes: Uint8Array): TranscriptParseError {
  const offset = firstInvalidUtf8Offset(bytes);
  let line = 1;
  for (let i = 0; i < offset; i++) if (bytes[i] === 0x0a) line++;
  const hex = (bytes[offset] ?? 0).toString(16).toUpperCase().padStart(2, '0');
  return new TranscriptParseError(
    'ENCODING',
    `Line ${line}: the file is not valid UTF-8 (byte 0x${hex} at byte offset ${offset} cannot be read; ` +
      `the file was probably saved as Windows-1252 or Latin-1). ${REENCODE_HINT}`,
    line,
  );
}

/** Byte offset of the first byte that does not start or continue a valid UTF-8 sequence. */
export function firstInvalidUtf8Offset(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i] ?? 0;
    const len =
      b < 0x80
        ? 1
        : b >= 0xc2 && b <= 0xdf
          ? 2
          : b >= 0xe0 && b <= 0xef
            ? 3
            : b >= 0xf0 && b <= 0xf4
              ? 4
              : 0;
    if (len === 0 || !validContinuation(bytes, i, len)) return i;
    i += len;
  }
  return bytes.length;
}

function validContinuation(bytes: Uint8Array, i: number, len: number): boolean {
  if (i + len > bytes.length) return false;
  const b0 = bytes[i] ?? 0;
  const b1 = bytes[i + 1] ?? 0;
  if (len >= 2) {
    const lo = b0 === 0xe0 ? 0xa0 : b0 === 0xf0 ? 0x90 : 0x80;
    const hi = b0 === 0xed ? 0x9f : b0 === 0xf4 ? 0x8f : 0xbf;
    if (b1 < lo || b1 > hi) return false;
  }
  for (let k = 2; k < len; k++) {
    const b = bytes[i + k] ?? 0;
    if (b < 0x80 || b > 0xbf) return false;
  }
  return true;
}

export function isBlank(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (!(c <= 0x20 || c === 0xfeff || c === 0xa0 || c === 0x2028 || c === 0x2029 || c === 0x3000))
      return false;
  }
  return true;
}
