import { bytesOf, fixtureBytes, fixtureText } from '../../testing/fixture-files';
import { MAX_TRANSCRIPT_TEXT_LENGTH } from '../limits';
import { TranscriptParseError } from '../transcript-parse-error';
import { decodeTranscriptBytes, firstInvalidUtf8Offset } from './decode';

function errorOf(fn: () => unknown): TranscriptParseError {
  try {
    fn();
  } catch (error) {
    if (error instanceof TranscriptParseError) return error;
    throw error;
  }
  throw new Error('expected a TranscriptParseError');
}

function utf16(text: string, littleEndian: boolean, bom: boolean): Uint8Array {
  const out = new Uint8Array((text.length + (bom ? 1 : 0)) * 2);
  const view = new DataView(out.buffer);
  const units = bom ? `\uFEFF${text}` : text;
  for (let i = 0; i < units.length; i++) view.setUint16(i * 2, units.charCodeAt(i), littleEndian);
  return out;
}

/** The encoded fixtures differ from the UTF-8 one only in indentation and trailing blank lines. */
function normalize(text: string): string {
  return text
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line !== '')
    .join('\n');
}

describe('decodeTranscriptBytes', () => {
  const reference = normalize(fixtureText('text-encodings/fake-text.txt'));

  it('reads UTF-8 without a BOM', () => {
    expect(decodeTranscriptBytes(bytesOf('Ann: héllo ✓'))).toBe('Ann: héllo ✓');
  });

  it('strips a UTF-8 BOM', () => {
    expect(decodeTranscriptBytes(new Uint8Array([0xef, 0xbb, 0xbf, ...bytesOf('WEBVTT\n')]))).toBe(
      'WEBVTT\n',
    );
  });

  it.each([
    ['UTF-16 LE with BOM', 'fake-text-utf-16.txt'],
    ['UTF-16 LE without BOM (NUL pattern)', 'fake-text-utf-16-le.txt'],
    ['UTF-16 BE without BOM (NUL pattern)', 'fake-text-utf-16-be.txt'],
    ['UTF-32 LE with BOM', 'fake-text-utf-32.txt'],
  ])('auto-detects %s to the same text as the UTF-8 file', (_label, file) => {
    expect(normalize(decodeTranscriptBytes(fixtureBytes(`text-encodings/${file}`)))).toBe(
      reference,
    );
  });

  it('reads UTF-16 BE with a BOM and UTF-32 BE with a BOM', () => {
    expect(decodeTranscriptBytes(utf16('Ann: hi', false, true))).toBe('Ann: hi');
    const utf32be = new Uint8Array([0, 0, 0xfe, 0xff, 0, 0, 0, 0x41, 0, 1, 0xf6, 0x00]);
    expect(decodeTranscriptBytes(utf32be)).toBe('A\u{1F600}');
  });

  it('reads go-astisub "non-UTF-8" files, which are UTF-16 LE with a BOM, instead of refusing them', () => {
    const utf8 = decodeTranscriptBytes(fixtureBytes('srt/go-astisub/example-in.srt'));
    expect(decodeTranscriptBytes(fixtureBytes('srt/go-astisub/example-in-non-utf8.srt'))).toBe(
      utf8,
    );
    expect(decodeTranscriptBytes(fixtureBytes('srt/go-astisub/example-in-non-utf8.vtt'))).toMatch(
      /^WEBVTT\n/,
    );
  });

  it('rejects invalid UTF-8 with ENCODING, naming the byte offset and line and saying to re-save as UTF-8', () => {
    const bytes = new Uint8Array([
      ...bytesOf('1\n00:00:01,000 --> 00:00:02,000\nCaf'),
      0xe9,
      ...bytesOf(' au lait\n'),
    ]);
    const error = errorOf(() => decodeTranscriptBytes(bytes));
    expect(error.code).toBe('ENCODING');
    expect(firstInvalidUtf8Offset(bytes)).toBe(35);
    expect(error.message).toMatch(
      /^Line 3: the file is not valid UTF-8 \(byte 0xE9 at byte offset 35 /,
    );
    expect(error.message).toMatch(/Re-save the file as UTF-8/);
    expect(error.line).toBe(3);
  });

  it('finds the first invalid UTF-8 byte, including overlong and surrogate sequences', () => {
    expect(firstInvalidUtf8Offset(bytesOf('abc'))).toBe(3);
    expect(firstInvalidUtf8Offset(new Uint8Array([0x61, 0xc0, 0x80]))).toBe(1);
    expect(firstInvalidUtf8Offset(new Uint8Array([0x61, 0x62, 0xed, 0xa0, 0x80]))).toBe(2);
    expect(firstInvalidUtf8Offset(new Uint8Array([0xe2, 0x9c, 0x93, 0xe2, 0x9c]))).toBe(3);
  });

  it('rejects binary garbage as BINARY', () => {
    const garbage = Uint8Array.from({ length: 4096 }, (_, i) => (i * 7919 + 13) % 256);
    expect(errorOf(() => decodeTranscriptBytes(garbage)).code).toBe('BINARY');
    expect(errorOf(() => decodeTranscriptBytes(new Uint8Array(100))).code).toBe('BINARY');
  });

  it('names common non-transcript files (PDF, audio, old .doc, ZIP) instead of a generic error', () => {
    expect(errorOf(() => decodeTranscriptBytes(bytesOf('%PDF-1.7\n...'))).message).toMatch(/PDF/);
    const mp3 = new Uint8Array([0x49, 0x44, 0x33, 0x04, 0x00, 0x00, 0x00, 0x00]);
    expect(errorOf(() => decodeTranscriptBytes(mp3))).toMatchObject({ code: 'UNSUPPORTED_FORMAT' });
    expect(errorOf(() => decodeTranscriptBytes(mp3)).message).toMatch(/audio or video/);
    const doc = new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0]);
    expect(errorOf(() => decodeTranscriptBytes(doc)).message).toMatch(/\.docx/);
    expect(errorOf(() => decodeTranscriptBytes(bytesOf('PK\u0003\u0004rest'))).code).toBe('BINARY');
  });

  it('rejects empty and whitespace-only files as EMPTY', () => {
    expect(errorOf(() => decodeTranscriptBytes(new Uint8Array())).code).toBe('EMPTY');
    expect(errorOf(() => decodeTranscriptBytes(bytesOf(' \n\t\r\n  '))).code).toBe('EMPTY');
    expect(
      errorOf(() => decodeTranscriptBytes(new Uint8Array([0xef, 0xbb, 0xbf, 0x20]))).code,
    ).toBe('EMPTY');
    expect(
      errorOf(() => decodeTranscriptBytes(fixtureBytes('webvtt/webvtt-py/empty.vtt'))).code,
    ).toBe('EMPTY');
  });

  it('rejects UTF-16 with an odd byte count or a lone surrogate as ENCODING', () => {
    expect(
      errorOf(() => decodeTranscriptBytes(new Uint8Array([0xff, 0xfe, 0x41, 0x00, 0x42]))).code,
    ).toBe('ENCODING');
    expect(
      errorOf(() => decodeTranscriptBytes(new Uint8Array([0xff, 0xfe, 0x00, 0xd8, 0x41, 0x00])))
        .code,
    ).toBe('ENCODING');
  });

  it('rejects text over the size limit as TOO_LARGE without decoding it', () => {
    const huge = new Uint8Array(MAX_TRANSCRIPT_TEXT_LENGTH * 3 + 3).fill(0x61);
    expect(errorOf(() => decodeTranscriptBytes(huge)).code).toBe('TOO_LARGE');
  });
});
