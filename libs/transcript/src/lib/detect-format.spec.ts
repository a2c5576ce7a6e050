import { fixtureText } from '../testing/fixture-files';
import { detectFormat } from './detect-format';

describe('detectFormat', () => {
  it('recognises WebVTT by its signature, with or without a BOM, whatever the file is called', () => {
    expect(detectFormat('WEBVTT\n\n00:01.000 --> 00:02.000\nhi')).toBe('WEBVTT');
    expect(detectFormat('\uFEFFWEBVTT - title\n')).toBe('WEBVTT');
    expect(detectFormat('WEBVTT\n', 'interview.srt')).toBe('WEBVTT');
  });

  it('recognises SRT by its timing lines, numbered or not, and YouTube SBV', () => {
    expect(detectFormat(fixtureText('srt/go-astisub/example-in.srt'))).toBe('SRT');
    expect(detectFormat(fixtureText('srt/go-astisub/missing-sequence-in.srt'))).toBe('SRT');
    expect(detectFormat(fixtureText('srt/go-astisub/example-in-carriage-return.srt'))).toBe('SRT');
    expect(detectFormat(fixtureText('webvtt/webvtt-py/sample.sbv'))).toBe('SRT');
  });

  it('uses the extension only to settle headerless cues', () => {
    const cues = '1\n00:00:01.000 --> 00:00:02.000\nhi\n';
    expect(detectFormat(cues)).toBe('SRT');
    expect(detectFormat(cues, 'captions.vtt')).toBe('WEBVTT');
    expect(detectFormat(cues, 'notes.txt')).toBe('SRT');
  });

  it('recognises speech-to-text JSON objects and segment arrays', () => {
    expect(detectFormat(fixtureText('stt-json/deepgram-python-captions/dg_speakers.json'))).toBe(
      'STT_JSON',
    );
    expect(detectFormat('  [ {"start": 0, "end": 1, "text": "hi"} ]')).toBe('STT_JSON');
  });

  it('does not mistake a bracketed timestamp transcript for JSON', () => {
    expect(detectFormat('[00:01:23] Ann: hello\n[00:01:30] Bo: hi')).toBe('TEXT');
  });

  it('treats everything else as plain text unless the name insists on a subtitle or JSON format', () => {
    expect(detectFormat('Ann: hello\nBo: hi')).toBe('TEXT');
    expect(detectFormat('Ann: hello', 'notes.md')).toBe('TEXT');
    expect(detectFormat(' \nBROKENVTT\n', 'broken.vtt')).toBe('WEBVTT');
    expect(detectFormat('some text', 'x.srt')).toBe('SRT');
    expect(detectFormat('some text', 'x.json')).toBe('STT_JSON');
  });

  it('recognises a DOCX (ZIP) signature', () => {
    expect(detectFormat('PK\u0003\u0004...', 'a.txt')).toBe('DOCX');
  });
});
