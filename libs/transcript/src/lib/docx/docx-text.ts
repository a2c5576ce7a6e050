import { TranscriptParseError } from '../transcript-parse-error';
import { htmlToText } from './html-to-text';
import {
  assertSafeZip,
  DamagedZipError,
  DEFAULT_ZIP_LIMITS,
  type UnsafeZipReason,
  UnsafeZipError,
  type ZipLimits,
} from './zip-guard';

const EXPORT_HINT =
  'Open it in Word and save it again as .docx, or export the transcript as .txt, .vtt or .srt.';

const MB = 1024 * 1024;

type Mammoth = typeof import('mammoth');
let mammothLoaded: Promise<Mammoth> | undefined;

/**
 * mammoth (with its ZIP and XML readers) is loaded on the first DOCX only: a parser thread that
 * reads WebVTT, SRT or JSON never pays for it.
 */
function loadMammoth(): Promise<Mammoth> {
  mammothLoaded ??= import('mammoth').then((m) => m.default);
  return mammothLoaded;
}

/** Images are not needed for a transcript; skip reading them. */
const skipImages = (mammoth: Mammoth) =>
  mammoth.images.imgElement(() => Promise.resolve({ src: '' }));

function damaged(detail: string): TranscriptParseError {
  return new TranscriptParseError(
    'MALFORMED',
    `This DOCX file could not be read: it is damaged or not a Word document. ${EXPORT_HINT}`,
    undefined,
    detail,
  );
}

const UNSAFE: Readonly<Record<UnsafeZipReason, (limits: ZipLimits) => string>> = {
  EXPANDED_SIZE: (l) => `it would unpack to more than ${l.maxExpandedBytes / MB} MB`,
  RATIO: (l) => `part of it would unpack to more than ${l.maxRatio} times its packed size`,
  ENTRIES: (l) => `it holds more than ${l.maxEntries.toLocaleString('en-US')} files`,
  OVERLAP: () => 'several of its parts share the same packed bytes',
  SIZE_MISMATCH: () => 'a part of it unpacks to more than the file says it does',
};

function unsafe(error: UnsafeZipError, limits: ZipLimits): TranscriptParseError {
  return new TranscriptParseError(
    'ARCHIVE_TOO_LARGE',
    `This DOCX file was refused: ${UNSAFE[error.reason](limits)}, which no Word document does (it looks like a “zip bomb”). ${EXPORT_HINT}`,
    undefined,
    error.detail,
  );
}

function openError(error: unknown): TranscriptParseError {
  const detail = error instanceof Error ? error.message : String(error);
  if (/main document part/i.test(detail)) {
    return new TranscriptParseError(
      'MALFORMED',
      `The file is a ZIP archive but not a Word document (it has no word/document.xml; it may be a spreadsheet or another archive). ${EXPORT_HINT}`,
      undefined,
      detail,
    );
  }
  if (error instanceof RangeError || /allocation failed|invalid string length/i.test(detail)) {
    return new TranscriptParseError(
      'TOO_LARGE',
      'This DOCX file holds more text than can be read at once; split it into smaller documents.',
      undefined,
      detail,
    );
  }
  return damaged(detail);
}

/**
 * The text of a .docx: paragraphs, line breaks and table rows, via mammoth. The archive is checked
 * first (`assertSafeZip`), so a zip bomb is refused before anything is unpacked into memory.
 * Messages never carry what the ZIP or XML reader said; that is in the error's `detail`.
 */
export async function extractDocxText(
  bytes: Uint8Array,
  limits: ZipLimits = DEFAULT_ZIP_LIMITS,
): Promise<string> {
  try {
    await assertSafeZip(bytes, limits);
  } catch (error) {
    if (error instanceof UnsafeZipError) throw unsafe(error, limits);
    if (error instanceof DamagedZipError) throw damaged(error.detail);
    throw error;
  }
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const mammoth = await loadMammoth();
  try {
    const result = await mammoth.convertToHtml(
      { buffer },
      { convertImage: skipImages(mammoth), ignoreEmptyParagraphs: true },
    );
    return htmlToText(result.value);
  } catch (error) {
    throw openError(error);
  }
}
