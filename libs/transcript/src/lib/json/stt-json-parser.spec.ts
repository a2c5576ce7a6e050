import { fixtureJson, fixtureText } from '../../testing/fixture-files';
import { parseTranscriptText } from '../parse-transcript';
import { TranscriptParseError } from '../transcript-parse-error';
import { type ParsedTranscript } from '../types';

const DG = 'stt-json/deepgram-python-captions';
const WHISPER = 'stt-json/whisper-ctranslate2-ca';

function parse(file: string): ParsedTranscript {
  return parseTranscriptText(fixtureText(file), { filename: file });
}

function speakers(parsed: ParsedTranscript): Set<string | null> {
  return new Set(parsed.turns.map((t) => t.speaker));
}

function parseError(text: string): TranscriptParseError {
  try {
    parseTranscriptText(text);
  } catch (error) {
    if (error instanceof TranscriptParseError) return error;
    throw error;
  }
  throw new Error('expected a TranscriptParseError');
}

describe('speech-to-text JSON transcripts', () => {
  it('reads diarised Whisper CLI JSON: seconds to ms, SPEAKER_00/SPEAKER_01, language', () => {
    const parsed = parse(`${WHISPER}/ref-medium-diarization/dosparlants.json`);
    expect(parsed.format).toBe('STT_JSON');
    expect(parsed.language).toBe('ca');
    expect(speakers(parsed)).toEqual(new Set(['SPEAKER_00', 'SPEAKER_01']));
    expect(parsed.turns[0]).toEqual({
      speaker: 'SPEAKER_01',
      startMs: 0,
      endMs: 2000,
      text: 'Hola, bon dia, com et dius?',
    });
    expect(parsed.turns).toHaveLength(11);
    expect(parsed.durationMs).toBe(34000);
  });

  it('reads the same diarised interview identically from JSON, VTT and SRT', () => {
    const fromJson = parse(`${WHISPER}/ref-medium-diarization/dosparlants.json`).turns;
    expect(parse(`${WHISPER}/ref-medium-diarization/dosparlants.vtt`).turns).toEqual(fromJson);
    expect(parse(`${WHISPER}/ref-medium-diarization/dosparlants.srt`).turns).toEqual(fromJson);
  });

  it('reads undiarised Whisper JSON and whisper-timestamped output', () => {
    const gossos = parse(`${WHISPER}/ref-small-transcribe/gossos.json`);
    expect(gossos.language).toBe('ca');
    expect(speakers(gossos)).toEqual(new Set([null]));
    const timestamped = parse(`${DG}/whisper_timestamped.json`);
    expect(timestamped.language).toBe('en');
    expect(timestamped.turns[0]?.text).toMatch(/^Yeah, as much as it's worth celebrating/);
    expect(timestamped.turns[0]?.startMs).toBe(120);
  });

  it('reads AssemblyAI utterances (ms, speaker "A" → "Speaker A")', () => {
    const parsed = parse(`${DG}/assemblyai_utterances.json`);
    expect(parsed.language).toBe('en');
    expect(parsed.turns).toHaveLength(1);
    expect(parsed.turns[0]).toMatchObject({ speaker: 'Speaker A', startMs: 170, endMs: 25140 });
  });

  it('falls back to AssemblyAI words when utterances is null', () => {
    const parsed = parse(`${DG}/assemblyai_transcription.json`);
    expect(speakers(parsed)).toEqual(new Set(['Speaker A']));
    expect(parsed.turns[0]?.text).toMatch(/^Yeah\. As much as it's worth celebrating/);
    expect(parsed.turns.map((t) => t.text).join(' ')).toBe(
      fixtureJson<{ text: string }>(`${DG}/assemblyai_transcription.json`).text,
    );
  });

  it('falls back to the AssemblyAI text when there are neither utterances nor words', () => {
    const parsed = parseTranscriptText(
      '{"id":"x","utterances":null,"words":[],"text":"Just text.","language_code":"de"}',
    );
    expect(parsed.turns).toEqual([
      { speaker: null, startMs: null, endMs: null, text: 'Just text.' },
    ]);
    expect(parsed.language).toBe('de');
  });

  it('reads Deepgram utterances with numeric speakers as "Speaker 1..3"', () => {
    const parsed = parse(`${DG}/dg_speakers.json`);
    expect(speakers(parsed)).toEqual(new Set(['Speaker 1', 'Speaker 2', 'Speaker 3']));
    expect(parsed.turns[0]).toMatchObject({ speaker: 'Speaker 1', startMs: 3040 });
  });

  it('falls back to Deepgram paragraphs when there are no utterances', () => {
    const parsed = parse(`${DG}/dg_speakers_no_utterances.json`);
    expect(speakers(parsed)).toEqual(new Set(['Speaker 1', 'Speaker 2', 'Speaker 3']));
    expect(parsed.turns[0]?.text).toMatch(/^And, Jessica, Christina, we are so proud of you\./);
  });

  it('falls back to Deepgram words, grouped into paragraphs, when there are no paragraphs either', () => {
    const parsed = parse(`${DG}/dg_transcription.json`);
    expect(speakers(parsed)).toEqual(new Set([null]));
    expect(parsed.turns[0]?.text).toMatch(
      /^Yeah\. As as much as, it's worth celebrating, the first, spacewalk,/,
    );
    const whisper = parse(`${DG}/dg_whisper_transcription.json`);
    expect(whisper.turns.length).toBeGreaterThan(0);
  });

  it('groups Deepgram words by their speaker when there are neither utterances nor paragraphs', () => {
    const words = [
      { word: 'hi', punctuated_word: 'Hi.', start: 0, end: 0.4, speaker: 0 },
      { word: 'hello', punctuated_word: 'Hello', start: 0.6, end: 1, speaker: 1 },
      { word: 'there', punctuated_word: 'there.', start: 1, end: 1.3, speaker: 1 },
    ];
    const json = JSON.stringify({
      results: { channels: [{ alternatives: [{ transcript: 'x', words }] }] },
    });
    expect(parseTranscriptText(json).turns).toEqual([
      { speaker: 'Speaker 1', startMs: 0, endMs: 400, text: 'Hi.' },
      { speaker: 'Speaker 2', startMs: 600, endMs: 1300, text: 'Hello there.' },
    ]);
  });

  it('falls back to the Deepgram transcript string when there are no words', () => {
    const json = JSON.stringify({
      results: {
        channels: [{ alternatives: [{ transcript: 'Only this.' }], detected_language: 'fr' }],
      },
    });
    const parsed = parseTranscriptText(json);
    expect(parsed.turns).toEqual([
      { speaker: null, startMs: null, endMs: null, text: 'Only this.' },
    ]);
    expect(parsed.language).toBe('fr');
  });

  it('reads Deepgram utterances without speakers as timed paragraphs', () => {
    const parsed = parse(`${DG}/dg_utterances.json`);
    expect(speakers(parsed)).toEqual(new Set([null]));
    expect(parsed.turns[0]?.startMs).toBe(80);
  });

  it('refuses an unknown JSON shape as UNSUPPORTED_FORMAT, naming what was expected', () => {
    const error = parseError('{"foo": 1, "bar": [1, 2]}');
    expect(error.code).toBe('UNSUPPORTED_FORMAT');
    expect(error.message).toMatch(
      /Whisper.*"segments".*AssemblyAI.*"utterances".*Deepgram.*"results"/,
    );
    expect(error.message).toContain('"foo", "bar"');
  });

  it('refuses invalid JSON as MALFORMED with the line of the problem', () => {
    const error = parseError('{\n  "segments": [\n    {"start": 0,, "end": 1}\n  ]\n}');
    expect(error.code).toBe('MALFORMED');
    expect(error.line).toBe(3);
    expect(error.message).toMatch(/^Line 3: the file is not valid JSON/);
  });

  it('refuses JSON whose segments hold no words as NO_TEXT', () => {
    expect(parseError('{"segments": [{"start": 0, "end": 1, "text": " "}]}').code).toBe('NO_TEXT');
  });
});
