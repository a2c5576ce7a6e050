import mammoth from 'mammoth';
import { TranscriptParseError } from '../transcript-parse-error';
import { htmlToText } from './html-to-text';

const EXPORT_HINT =
  'Open it in Word and save it again as .docx, or export the transcript as .txt, .vtt or .srt.';

/** Images are not needed for a transcript; skip reading them. */
const skipImages = mammoth.images.imgElement(() => Promise.resolve({ src: '' }));

function openError(error: unknown): TranscriptParseError {
  const detail = error instanceof Error ? error.message : String(error);
  if (/main document part/i.test(detail)) {
    return new TranscriptParseError(
      'MALFORMED',
      `The file is a ZIP archive but not a Word document (it has no word/document.xml; it may be a spreadsheet or another archive). ${EXPORT_HINT}`,
    );
  }
  return new TranscriptParseError(
    'MALFORMED',
    `The Word document could not be opened; it may be damaged or only partly uploaded (${detail.split('\n')[0]}). ${EXPORT_HINT}`,
  );
}

/** The text of a .docx: paragraphs, line breaks and table rows, via mammoth. */
export async function extractDocxText(bytes: Uint8Array): Promise<string> {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  try {
    const result = await mammoth.convertToHtml(
      { buffer },
      { convertImage: skipImages, ignoreEmptyParagraphs: true },
    );
    return htmlToText(result.value);
  } catch (error) {
    throw openError(error);
  }
}
