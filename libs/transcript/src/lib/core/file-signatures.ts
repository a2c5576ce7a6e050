import { type ParseErrorCode } from '../transcript-parse-error';

interface KnownBinary {
  code: ParseErrorCode;
  message: string;
}

const EXPORT_HINT =
  'Export the transcript as .docx, .txt, .vtt, .srt or speech-to-text .json and upload that instead.';

function startsWith(bytes: Uint8Array, signature: readonly number[], at = 0): boolean {
  if (bytes.length < at + signature.length) return false;
  return signature.every((b, i) => bytes[at + i] === b);
}

function ascii(text: string): number[] {
  return Array.from(text, (ch) => ch.charCodeAt(0));
}

/** True for a ZIP container (DOCX, XLSX, ODT, ...). */
export function isZip(bytes: Uint8Array): boolean {
  return startsWith(bytes, [0x50, 0x4b, 0x03, 0x04]) || startsWith(bytes, [0x50, 0x4b, 0x05, 0x06]);
}

const MEDIA: ReadonlyArray<(bytes: Uint8Array) => boolean> = [
  (b) => startsWith(b, ascii('ID3')) && (b[3] ?? 0xff) <= 4,
  (b) => startsWith(b, [0xff, 0xfb]) || startsWith(b, [0xff, 0xf3]),
  (b) =>
    startsWith(b, ascii('RIFF')) &&
    (startsWith(b, ascii('WAVE'), 8) || startsWith(b, ascii('AVI '), 8)),
  (b) => startsWith(b, ascii('OggS')) || startsWith(b, ascii('fLaC')),
  (b) => startsWith(b, [0x1a, 0x45, 0xdf, 0xa3]),
  (b) => startsWith(b, ascii('ftyp'), 4) && (b[0] ?? 1) === 0,
];

const IMAGES: ReadonlyArray<readonly number[]> = [
  [0x89, 0x50, 0x4e, 0x47],
  [0xff, 0xd8, 0xff],
  ascii('GIF8'),
];

/** Recognises common non-transcript files by their magic bytes so the error can name them. */
export function describeKnownBinary(bytes: Uint8Array): KnownBinary | null {
  if (isZip(bytes)) {
    return {
      code: 'BINARY',
      message: `This is a ZIP archive (such as a Word .docx), not a text file. ${EXPORT_HINT}`,
    };
  }
  if (startsWith(bytes, ascii('%PDF-'))) {
    return { code: 'UNSUPPORTED_FORMAT', message: `PDF files are not supported. ${EXPORT_HINT}` };
  }
  if (startsWith(bytes, ascii('{\\rtf'))) {
    return {
      code: 'UNSUPPORTED_FORMAT',
      message: `RTF documents are not supported. ${EXPORT_HINT}`,
    };
  }
  if (startsWith(bytes, [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])) {
    return {
      code: 'UNSUPPORTED_FORMAT',
      message:
        'This is an old-style Word .doc file. Open it in Word and save it as .docx, then upload that.',
    };
  }
  if (MEDIA.some((matches) => matches(bytes))) {
    return {
      code: 'UNSUPPORTED_FORMAT',
      message: `This looks like an audio or video recording. Verbatim imports transcripts, not recordings. ${EXPORT_HINT}`,
    };
  }
  if (IMAGES.some((sig) => startsWith(bytes, sig))) {
    return {
      code: 'UNSUPPORTED_FORMAT',
      message: `This is an image, not a transcript. ${EXPORT_HINT}`,
    };
  }
  return null;
}
