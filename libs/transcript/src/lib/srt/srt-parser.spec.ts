import { fixtureText } from '../../testing/fixture-files';
import { parseTranscriptText } from '../parse-transcript';
import { TranscriptParseError } from '../transcript-parse-error';
import { type Turn } from '../types';
import { parseSrt } from './srt-parser';

function turns(text: string): Turn[] {
  return parseTranscriptText(text, { format: 'SRT' }).turns;
}

/** One utterance per cue (before turns are merged), for checking cue-level timing and text. */
function cues(text: string): Array<[number | null, number | null, string]> {
  return parseSrt(text).utterances.map((u) => [u.startMs, u.endMs, u.text]);
}

describe('SRT transcripts', () => {
  it('reads comma or dot milliseconds, 1-3 digit fractions and a missing fraction', () => {
    const text = [
      '1\n00:01:39 --> 00:01:41,04\na',
      '2\n00:02:04,08 --> 00:02:07,12\nb',
      '3\n00:02:12.16 --> 00:02:15.2\nc',
      '4\n00:02:20,240 --> 00:02:22,280\nd',
    ].join('\n\n');
    expect(cues(text)).toEqual([
      [99000, 101040, 'a'],
      [124080, 127120, 'b'],
      [132160, 135200, 'c'],
      [140240, 142280, 'd'],
    ]);
  });

  it('reads cues without indices, with index gaps, and with coordinates after the timing', () => {
    expect(cues(fixtureText('srt/go-astisub/missing-sequence-in.srt'))).toEqual(
      cues(fixtureText('srt/go-astisub/example-in.srt')),
    );
    const gaps =
      '7\n00:00:01,000 --> 00:00:02,000 X1:40 X2:600 Y1:20 Y2:50\nx\n\n42\n00:00:03,000 --> 00:00:04,000\ny';
    expect(cues(gaps)).toEqual([
      [1000, 2000, 'x'],
      [3000, 4000, 'y'],
    ]);
  });

  it('reads a last cue without a trailing blank line, and cues with no blank line between them', () => {
    const text =
      '1\n00:00:01,000 --> 00:00:02,000\nfirst\n2\n00:00:03,000 --> 00:00:04,000\nsecond';
    expect(cues(text).map((c) => c[2])).toEqual(['first', 'second']);
  });

  it('reads CR-only and CRLF line endings like LF', () => {
    const cr = fixtureText('srt/go-astisub/example-in-carriage-return.srt');
    const expected = [
      [0, 3766, 'Did one of the last stories strike you as more interesting than the other?'],
      [3767, 10732, "That's true. You don’t often find 632 pieces of gum stuck on a sidewalk"],
      [10733, 14066, 'at a busy bus stop or anywhere else for that matter.'],
    ];
    expect(cues(cr)).toEqual(expected);
    expect(cues(cr.replace(/\r/g, '\r\n'))).toEqual(expected);
    expect(cues(cr.replace(/\r/g, '\n'))).toEqual(expected);
  });

  it('joins multi-line cues with a space', () => {
    expect(cues('1\n00:00:01,000 --> 00:00:02,000\nWe don’t belong\nin this place.')[0]?.[2]).toBe(
      'We don’t belong in this place.',
    );
  });

  it('strips <b>, <i>, <u> and <font> markup, including unterminated tags, without leaking into the next cue', () => {
    const parsed = parseSrt(fixtureText('srt/go-astisub/example-in-styled.srt')).utterances.map(
      (u) => u.text,
    );
    expect(parsed).toEqual([
      '[instrumental music]',
      '[ticks]',
      '[instrumental music]',
      '[dog barking]',
      '[beeping]',
      "[automated] 'The time is 7:35.'",
      'Test with multi line italics Terminated on the next line',
      'Unterminated styles',
      'Do no fall to the next item',
      'x^3 * x = 100',
    ]);
  });

  it('decodes HTML entities', () => {
    expect(cues('1\n00:00:01,000 --> 00:00:02,000\nTom &amp; Jerry &lt;3')[0]?.[2]).toBe(
      'Tom & Jerry <3',
    );
  });

  it('takes a "NAME:" prefix as the speaker', () => {
    const result = turns(fixtureText('srt/go-astisub/example-in.srt'));
    expect(result[1]).toEqual({
      speaker: 'MAN',
      startMs: 124080,
      endMs: 127120,
      text: 'How did we end up here?',
    });
    expect(result.filter((t) => t.speaker !== null)).toHaveLength(1);
  });

  it('takes consistent "Name: text" prefixes as speakers and merges their cues', () => {
    const text = [
      '1\n00:00:01,000 --> 00:00:02,000\nAnn Lee: Hello.',
      '2\n00:00:02,000 --> 00:00:03,000\nAnn Lee: Still me.',
      '3\n00:00:03,000 --> 00:00:04,000\nBo: Hi Ann.',
    ].join('\n\n');
    expect(turns(text)).toEqual([
      { speaker: 'Ann Lee', startMs: 1000, endMs: 3000, text: 'Hello. Still me.' },
      { speaker: 'Bo', startMs: 3000, endMs: 4000, text: 'Hi Ann.' },
    ]);
  });

  it('warns about and skips a cue with a malformed timing or no timing', () => {
    const parsed = parseTranscriptText(fixtureText('webvtt/webvtt-py/missing_timeframe.srt'));
    expect(parsed.turns.map((t) => t.text).join(' ')).not.toContain('#2');
    expect(parsed.warnings).toEqual([
      "Line 5: expected a cue timing like 00:00:01,000 --> 00:00:04,000, found '2'; text ignored",
    ]);
    const broken = parseTranscriptText(
      '1\n00:00:01,000 --> 00:00:1x,000\nlost\n\n2\n00:00:03,000 --> 00:00:04,000\nkept\n',
    );
    expect(broken.turns.map((t) => t.text)).toEqual(['kept']);
    expect(broken.warnings[0]).toMatch(
      /^Line 2: expected a cue timing .* found '00:00:01,000 --> 00:00:1x,000'; cue skipped$/,
    );
  });

  it('reads YouTube SBV timings (0:00:01.000,0:00:02.000)', () => {
    expect(cues(fixtureText('webvtt/webvtt-py/sample.sbv'))[1]).toEqual([
      11378,
      12305,
      'Caption text #2',
    ]);
  });

  it('refuses a file without any cue as MALFORMED, naming the first line it could not read', () => {
    try {
      parseTranscriptText('some text\n00:00:00,500 --> 00:00:07,000', { format: 'SRT' });
      throw new Error('expected a failure');
    } catch (error) {
      expect(error).toBeInstanceOf(TranscriptParseError);
      expect(error).toMatchObject({ code: 'NO_TEXT' });
    }
    expect(() => parseTranscriptText('1\nsome text', { format: 'SRT' })).toThrow(
      "Line 1: expected a cue timing like 00:00:01,000 --> 00:00:04,000, found '1'. No cue could be read.",
    );
  });
});
