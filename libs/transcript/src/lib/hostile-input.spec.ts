import { bytesOf, fixtureBytes } from '../testing/fixture-files';
import { MAX_TRANSCRIPT_TEXT_LENGTH } from './limits';
import { parseTranscript, parseTranscriptText } from './parse-transcript';
import { TranscriptParseError } from './transcript-parse-error';
import { type TranscriptFormat } from './types';

async function codeOf(bytes: Uint8Array, filename?: string): Promise<string> {
  try {
    await parseTranscript(bytes, { filename });
  } catch (error) {
    if (error instanceof TranscriptParseError) return error.code;
    throw error;
  }
  return 'OK';
}

const FIVE_MB = 5 * 1024 * 1024;

function wrap(format: TranscriptFormat, line: string): string {
  switch (format) {
    case 'WEBVTT':
      return `WEBVTT\n\n00:00:01.000 --> 00:00:02.000\n${line}\n`;
    case 'SRT':
      return `1\n00:00:01,000 --> 00:00:02,000\n${line}\n`;
    case 'STT_JSON':
      return JSON.stringify({ segments: [{ start: 1, end: 2, text: line }] });
    default:
      return line;
  }
}

describe('hostile input', () => {
  it('refuses binary, empty and invalid UTF-8 uploads with their codes', async () => {
    expect(await codeOf(Uint8Array.from({ length: 4096 }, (_, i) => (i * 7919 + 13) % 256))).toBe(
      'BINARY',
    );
    expect(await codeOf(new Uint8Array())).toBe('EMPTY');
    expect(await codeOf(bytesOf('\n\n   \n'))).toBe('EMPTY');
    expect(await codeOf(new Uint8Array([0x41, 0x3a, 0x20, 0xe9, 0x74, 0xe9]))).toBe('ENCODING');
    expect(await codeOf(fixtureBytes('webvtt/wpt-file-parsing/nulls.vtt'))).toBe('BINARY');
  });

  // Turn text is plain text: markup is removed once, and what escaped references spell
  // (`&lt;script&gt;`) are the characters the speaker's words contain, kept as text.
  it('turns HTML and script in WebVTT cue text into plain text', () => {
    const text =
      'WEBVTT\n\n00:00:01.000 --> 00:00:02.000\n<script>alert(1)</script> <img src=x onerror=alert(2)> ' +
      '&lt;script&gt;alert(3)&lt;/script&gt; <b onclick="x">bold</b>';
    expect(parseTranscriptText(text).turns.map((t) => t.text)).toEqual([
      'alert(1) <script>alert(3)</script> bold',
    ]);
  });

  it('turns HTML in SRT and plain text into plain text', () => {
    const srt =
      '1\n00:00:01,000 --> 00:00:02,000\n<script>alert(1)</script><font color="red">hi</font> &lt;iframe&gt;\n';
    expect(parseTranscriptText(srt).turns.map((t) => t.text)).toEqual(['alert(1)hi <iframe>']);
    expect(
      parseTranscriptText('Ann: <a href="javascript:x">click</a> me\n\nBo: ok\n\nAnn: fine')
        .turns[0]?.text,
    ).toBe('click me');
  });

  it.each<TranscriptFormat>(['WEBVTT', 'SRT', 'TEXT', 'STT_JSON'])(
    'parses a 5 MB single line of %s without hanging',
    (format) => {
      const line = 'word, word: <i>word</i> &amp; 00:00:01 '
        .repeat(Math.ceil(FIVE_MB / 40))
        .slice(0, FIVE_MB);
      const parsed = parseTranscriptText(wrap(format, line));
      expect(parsed.turns).toHaveLength(1);
      expect(parsed.turns[0]?.text.length).toBeGreaterThan(FIVE_MB * 0.6);
    },
  );

  const TWO_MB = 2 * 1024 * 1024;

  it.each([
    ['an unclosed tag', `<${'a'.repeat(TWO_MB)}`],
    ['ampersands without references', 'x&amp'.repeat(TWO_MB / 5)],
    ['colons everywhere', 'a: '.repeat(TWO_MB / 3)],
    ['timestamps and arrows', '00:00:01.000 -- > '.repeat(TWO_MB / 18)],
    ['angle brackets', '<<>><</'.repeat(TWO_MB / 7)],
  ])('survives a 2 MB line of %s in every format (no quadratic scans)', (_label, line) => {
    for (const format of ['WEBVTT', 'SRT', 'TEXT'] as const) {
      try {
        parseTranscriptText(wrap(format, line), { format });
      } catch (error) {
        expect(error).toBeInstanceOf(TranscriptParseError);
      }
    }
  });

  it('does not overflow the stack on deeply nested cue markup', () => {
    const nested = `${'<b>'.repeat(200_000)}deep${'</b>'.repeat(200_000)}`;
    expect(parseTranscriptText(wrap('WEBVTT', nested)).turns[0]?.text).toBe('deep');
  });

  it('refuses text over the size limit as TOO_LARGE', () => {
    const error = (() => {
      try {
        parseTranscriptText('a'.repeat(MAX_TRANSCRIPT_TEXT_LENGTH + 1));
      } catch (e) {
        return e;
      }
      return null;
    })();
    expect(error).toBeInstanceOf(TranscriptParseError);
    expect(error).toMatchObject({ code: 'TOO_LARGE' });
  });

  it('strips control characters from turn text', () => {
    const parsed = parseTranscriptText('Ann: he\u0007llo\u0000 there\n\nBo: ok\n\nAnn: bye');
    expect(parsed.turns[0]?.text).toBe('hello there');
  });
});
