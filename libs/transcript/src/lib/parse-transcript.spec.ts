import { bytesOf, fixtureBytes } from '../testing/fixture-files';
import { parseTranscript, parseTranscriptText } from './parse-transcript';
import { TranscriptParseError } from './transcript-parse-error';

describe('parseTranscript', () => {
  it('decodes, detects and parses an upload, reporting progress from 0 to 1', async () => {
    const progress: number[] = [];
    const parsed = await parseTranscript(fixtureBytes('webvtt/webvtt-py/teams_timeframe.vtt'), {
      filename: 'teams.vtt',
      onProgress: (fraction) => progress.push(fraction),
    });
    expect(parsed.format).toBe('WEBVTT');
    expect(progress[0]).toBe(0);
    expect(progress[progress.length - 1]).toBe(1);
    expect([...progress].sort((a, b) => a - b)).toEqual(progress);
  });

  it('reads a UTF-16 upload', async () => {
    const parsed = await parseTranscript(fixtureBytes('srt/go-astisub/example-in-non-utf8.srt'));
    expect(parsed.format).toBe('SRT');
    expect(parsed.turns[1]?.speaker).toBe('MAN');
  });

  it('reports a DOCX by its ZIP signature whatever the file name says', async () => {
    const parsed = await parseTranscript(fixtureBytes('docx/teams-transcript-table.docx'), {
      filename: 'notes.txt',
    });
    expect(parsed.format).toBe('DOCX');
  });

  it('warns when the file name suggests another format than the content', async () => {
    const parsed = await parseTranscript(bytesOf('WEBVTT\n\n00:01.000 --> 00:02.000\nHi.\n'), {
      filename: 'captions.srt',
    });
    expect(parsed.format).toBe('WEBVTT');
    expect(parsed.warnings).toEqual([
      'The file is named like SRT subtitles but contains WebVTT; it was read as WebVTT.',
    ]);
  });

  it('refuses files with no words as NO_TEXT: only a WEBVTT header (with BOM) or only timings', async () => {
    for (const file of [
      'webvtt/wpt-file-parsing/signature-bom.vtt',
      'webvtt/webvtt-py/no_captions.vtt',
    ]) {
      await expect(parseTranscript(fixtureBytes(file), { filename: file })).rejects.toMatchObject({
        code: 'NO_TEXT',
      });
    }
    const timingsOnly = bytesOf(
      '1\n00:00:01,000 --> 00:00:02,000\n\n2\n00:00:03,000 --> 00:00:04,000\n',
    );
    await expect(parseTranscript(timingsOnly)).rejects.toMatchObject({ code: 'NO_TEXT' });
  });

  it('fails with a TranscriptParseError carrying a code and, where known, a line', async () => {
    const error = await parseTranscript(bytesOf('WEBVTT\n\nfoo\n')).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TranscriptParseError);
    expect(error).toBeInstanceOf(Error);
    expect(error).toMatchObject({ name: 'TranscriptParseError', code: 'MALFORMED', line: 3 });
  });
});

describe('parseTranscriptText', () => {
  it('uses a given format instead of detecting one', () => {
    const text =
      'Ann: 00:00:01,000 --> 00:00:02,000 is how timings look.\n\nBo: I see.\n\nAnn: Good.';
    expect(parseTranscriptText(text, { format: 'TEXT' }).turns.map((t) => t.speaker)).toEqual([
      'Ann',
      'Bo',
      'Ann',
    ]);
  });

  it('asks for the bytes of a Word document', () => {
    expect(() => parseTranscriptText('anything', { format: 'DOCX' })).toThrow(
      /parseTranscript\(\)/,
    );
  });

  it('refuses empty text as EMPTY and strips a leading BOM', () => {
    expect(() => parseTranscriptText('  \n ')).toThrow(
      expect.objectContaining({ code: 'EMPTY' }) as Error,
    );
    expect(parseTranscriptText('\uFEFFHello.').turns[0]?.text).toBe('Hello.');
  });

  it('reports the duration as the last end time, or the last start when only starts are known', () => {
    expect(parseTranscriptText('WEBVTT\n\n00:01.000 --> 00:02.500\nHi.\n').durationMs).toBe(2500);
    expect(parseTranscriptText('[00:00:01] Ann: Hi.\n[00:00:09] Bo: Yo.\n').durationMs).toBe(9000);
    expect(parseTranscriptText('Just prose.').durationMs).toBeNull();
  });
});
