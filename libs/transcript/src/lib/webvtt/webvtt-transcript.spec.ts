import { fixtureText } from '../../testing/fixture-files';
import { parseTranscriptText } from '../parse-transcript';
import { TranscriptParseError } from '../transcript-parse-error';
import { type Turn } from '../types';

function vtt(...cues: string[]): string {
  return `WEBVTT\n\n${cues.join('\n\n')}\n`;
}

function turns(text: string): Turn[] {
  return parseTranscriptText(text, { format: 'WEBVTT' }).turns;
}

function texts(text: string): string[] {
  return turns(text).map((t) => t.text);
}

function speakers(text: string): Array<string | null> {
  return turns(text).map((t) => t.speaker);
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

describe('WebVTT transcripts', () => {
  it('reads a BOM, CRLF and CR line endings alike', () => {
    const body = vtt(
      '00:00:01.000 --> 00:00:02.000\nHello there.',
      '00:00:05.000 --> 00:00:06.000\nBye.',
    );
    for (const variant of [
      body,
      `\uFEFF${body}`,
      body.replace(/\n/g, '\r\n'),
      body.replace(/\n/g, '\r'),
    ]) {
      expect(texts(variant)).toEqual(['Hello there.', 'Bye.']);
    }
  });

  it('keeps cue ids and cue settings out of the text', () => {
    const text = vtt(
      'intro-1\n00:00:01.000 --> 00:00:02.000 align:start position:10% line:0 size:50%\nHello.',
    );
    expect(turns(text)).toEqual([{ speaker: null, startMs: 1000, endMs: 2000, text: 'Hello.' }]);
  });

  it('skips NOTE, STYLE and REGION blocks', () => {
    const text = vtt(
      'STYLE\n::cue { color: red }',
      'REGION\nid:r1 width:40%',
      'NOTE a comment\nspanning lines',
      '00:00:01.000 --> 00:00:02.000 region:r1\nOnly this.',
    );
    expect(texts(text)).toEqual(['Only this.']);
    expect(parseTranscriptText(text).warnings).toEqual([]);
  });

  it('joins multi-line cues with a space', () => {
    expect(texts(vtt('00:00:01.000 --> 00:00:02.000\nfirst line\nsecond line'))).toEqual([
      'first line second line',
    ]);
  });

  it('decodes entities', () => {
    const text = vtt(
      '00:00:01.000 --> 00:00:02.000\nR&amp;D &lt;3 caf&eacute; &#x2713; &not it &nbsp;ok',
    );
    expect(texts(text)).toEqual(['R&D <3 café ✓ ¬ it ok']);
  });

  it('strips all markup: classes, italics, bold, underline, ruby, lang and inner timestamps', () => {
    const text = vtt(
      '00:00:01.000 --> 00:00:05.000\n<c.yellow>We</c> <i>really</i> <b>did</b> <u>not</u> <ruby>like<rt>annotation</rt></ruby> ' +
        '<lang en-GB>the</lang> <00:00:03.000>flow',
    );
    expect(texts(text)).toEqual(['We really did not like the flow']);
  });

  it('takes speakers from voice spans, with or without classes, closed or not', () => {
    const text = vtt(
      '00:00:01.000 --> 00:00:02.000\n<v Ann Lee>Hi, I am Ann.</v>',
      '00:00:03.000 --> 00:00:04.000\n<v.loud Bo>And I am Bo!',
      '00:00:05.000 --> 00:00:06.000\n<v Ann Lee>Nice.</v>',
    );
    expect(turns(text).map((t) => [t.speaker, t.text])).toEqual([
      ['Ann Lee', 'Hi, I am Ann.'],
      ['Bo', 'And I am Bo!'],
      ['Ann Lee', 'Nice.'],
    ]);
  });

  it('splits one cue holding two voices into two turns', () => {
    const text = vtt('00:00:01.000 --> 00:00:03.000\n<v Ann>Ready?</v><v Bo>Yes.</v>');
    expect(turns(text).map((t) => [t.speaker, t.text])).toEqual([
      ['Ann', 'Ready?'],
      ['Bo', 'Yes.'],
    ]);
  });

  it('takes speakers from Zoom-style "Name: text" payloads', () => {
    const text = vtt(
      '1\n00:00:01.000 --> 00:00:02.000\nSrijani Ghosh: Hi!',
      '2\n00:00:02.500 --> 00:00:04.000\nConor Healy: Get this party started.',
      '3\n00:00:04.500 --> 00:00:05.000\nSrijani Ghosh: Hello!',
    );
    expect(speakers(text)).toEqual(['Srijani Ghosh', 'Conor Healy', 'Srijani Ghosh']);
    expect(texts(text)).toEqual(['Hi!', 'Get this party started.', 'Hello!']);
  });

  it('takes speakers from Whisper diarised "[SPEAKER_01]: text" payloads', () => {
    const text = fixtureText(
      'stt-json/whisper-ctranslate2-ca/ref-medium-diarization/dosparlants.vtt',
    );
    expect(new Set(speakers(text))).toEqual(new Set(['SPEAKER_00', 'SPEAKER_01']));
    expect(texts(text)[0]).toBe('Hola, bon dia, com et dius?');
  });

  it('does not take "Note:" for a speaker when no other cue has a label', () => {
    const text = vtt(
      '00:00:01.000 --> 00:00:02.000\nNote: this is recorded.',
      '00:00:02.000 --> 00:00:03.000\nWe start at 10:30 sharp.',
      '00:00:03.000 --> 00:00:04.000\nSee https://example.com for details.',
    );
    expect(speakers(text)).toEqual([null]);
    expect(texts(text)).toEqual([
      'Note: this is recorded. We start at 10:30 sharp. See https://example.com for details.',
    ]);
  });

  it('does not take a prose prefix or a one-off "Note:" for a speaker in a labelled file', () => {
    const text = vtt(
      '00:00:01.000 --> 00:00:02.000\nAnn: Shall we start?',
      '00:00:02.000 --> 00:00:03.000\nBo: Sure.',
      '00:00:03.000 --> 00:00:04.000\nNote: the fire alarm went off here.',
      '00:00:04.000 --> 00:00:05.000\nAnn: Where were we?',
      '00:00:05.000 --> 00:00:06.000\nBo: the plan was simple: ship it.',
    );
    expect(turns(text).map((t) => [t.speaker, t.text])).toEqual([
      ['Ann', 'Shall we start?'],
      ['Bo', 'Sure. Note: the fire alarm went off here.'],
      ['Ann', 'Where were we?'],
      ['Bo', 'the plan was simple: ship it.'],
    ]);
  });

  it('accepts Microsoft Teams legacy timings (0:0:0.0 --> 0:0:0.570) with a warning', () => {
    const parsed = parseTranscriptText(fixtureText('webvtt/webvtt-py/teams_timeframe.vtt'));
    expect(parsed.turns).toEqual([
      { speaker: 'Yuri Bakulin', startMs: 0, endMs: 570, text: 'There you go.' },
      { speaker: 'Adrian Petrescu', startMs: 210, endMs: 1130, text: 'Why hello there, Yuri.' },
    ]);
    expect(parsed.warnings.join(' ')).toMatch(/read leniently/);
  });

  it('starts a new turn at each "- " speaker-change marker', () => {
    const parsed = parseTranscriptText(fixtureText('webvtt/webvtt-py/comments.vtt'));
    expect(parsed.turns.map((t) => t.text)).toEqual([
      'Ta en kopp varmt te.',
      'Det är inte varmt.',
      'Har en kopp te.',
      'Det smakar som te.',
      'Ta en kopp',
    ]);
  });

  it('merges consecutive cues of one speaker from the start of the first to the end of the last', () => {
    const text = vtt(
      '00:00:01.000 --> 00:00:02.000\n<v Ann>One.',
      '00:00:02.000 --> 00:00:03.000\n<v Ann>Two.',
      '00:00:09.000 --> 00:00:10.000\n<v Ann>Three, after a pause.',
      '00:00:10.000 --> 00:00:11.000\n<v Bo>Four.',
    );
    expect(turns(text)).toEqual([
      { speaker: 'Ann', startMs: 1000, endMs: 10000, text: 'One. Two. Three, after a pause.' },
      { speaker: 'Bo', startMs: 10000, endMs: 11000, text: 'Four.' },
    ]);
  });

  it('groups unlabelled cues into paragraphs at pauses of 2 s or more instead of one giant turn', () => {
    const text = vtt(
      '00:00:01.000 --> 00:00:02.000\nFirst thought.',
      '00:00:02.100 --> 00:00:03.000\nstill the same.',
      '00:00:05.000 --> 00:00:06.000\nAfter a pause.',
    );
    expect(texts(text)).toEqual(['First thought. still the same.', 'After a pause.']);
  });

  it('breaks unlabelled paragraphs at about 600 characters, at a sentence end', () => {
    const sentence = (i: number): string =>
      `Sentence ${String(i).padStart(2, '0')} is about sixty characters long, give or take.`;
    const time = (i: number): string => `00:00:${String(i).padStart(2, '0')}`;
    const cues = Array.from(
      { length: 30 },
      (_, i) => `${time(i)}.000 --> ${time(i)}.900\n${sentence(i)}`,
    );
    const result = turns(vtt(...cues));
    expect(result.length).toBeGreaterThan(2);
    for (const turn of result.slice(0, -1)) {
      expect(turn.text.length).toBeGreaterThanOrEqual(600);
      expect(turn.text.length).toBeLessThan(700);
      expect(turn.text.endsWith('.')).toBe(true);
    }
  });

  it('sorts turns by start time and keeps source order for cues that start together', () => {
    const text = vtt(
      '00:00:05.000 --> 00:00:06.000\n<v Bo>Later.',
      '00:00:01.000 --> 00:00:03.000\n<v Ann>Earlier.',
      '00:00:01.000 --> 00:00:02.000\n<v Cy>Same start, listed after.',
    );
    expect(speakers(text)).toEqual(['Ann', 'Cy', 'Bo']);
  });

  it('keeps escaped angle brackets as text in the `Name: text` cue form and with voices', () => {
    const quote = 'Then the pricing page said &lt;contact sales&gt; which felt like a wall.';
    const expected = 'Then the pricing page said <contact sales> which felt like a wall.';
    const labelled = vtt(
      `00:00:01.000 --> 00:00:04.000\nMaya: ${quote}`,
      '00:00:05.000 --> 00:00:06.000\nInterviewer: Why a wall?',
      '00:00:07.000 --> 00:00:09.000\nMaya: No price, &lt;b&gt;nothing&lt;/b&gt; &amp; no demo.',
    );
    expect(turns(labelled)).toEqual([
      { speaker: 'Maya', startMs: 1000, endMs: 4000, text: expected },
      { speaker: 'Interviewer', startMs: 5000, endMs: 6000, text: 'Why a wall?' },
      { speaker: 'Maya', startMs: 7000, endMs: 9000, text: 'No price, <b>nothing</b> & no demo.' },
    ]);
    expect(texts(vtt(`00:00:01.000 --> 00:00:04.000\n<v Maya>${quote}`))).toEqual([expected]);
  });

  it('keeps six separate "Yes." cues: each speaker\'s own, and a lone speaker\'s apart in time', () => {
    const voices = ['Ann', 'Bo', 'Cy', 'Di', 'Ed', 'Flo'];
    const focusGroup = vtt(
      ...voices.map((v, i) => `00:00:0${i}.000 --> 00:00:0${i + 1}.000\n<v ${v}>Yes.`),
    );
    expect(turns(focusGroup).map((t) => [t.speaker, t.text])).toEqual(
      voices.map((v) => [v, 'Yes.']),
    );
    const apart = vtt(
      ...[0, 3, 6, 9, 12, 15].map(
        (s) =>
          `00:00:${String(s).padStart(2, '0')}.000 --> 00:00:${String(s + 1).padStart(2, '0')}.000\nYes.`,
      ),
    );
    expect(texts(apart)).toEqual(Array(6).fill('Yes.'));
    const oneSpeaker = vtt(
      ...[0, 1, 2, 3, 4, 5].map((s) => `00:00:0${s}.000 --> 00:00:0${s}.800\nAnn: Yes.`),
    );
    expect(texts(oneSpeaker)).toEqual(['Yes. Yes. Yes. Yes. Yes. Yes.']);
  });

  it('keeps same-text cues that touch or share a time when nothing rolls', () => {
    const touching = vtt(
      '00:00:01.000 --> 00:00:02.000\nYes.',
      '00:00:02.000 --> 00:00:03.000\nYes.',
      '00:00:03.000 --> 00:00:04.000\nYes.',
    );
    expect(texts(touching)).toEqual(['Yes. Yes. Yes.']);
  });

  it('merges two-line roll-up captions, where each cue repeats the line before its new one', () => {
    const rolling = vtt(
      '00:00:01.000 --> 00:00:03.000\nso today we are',
      '00:00:03.000 --> 00:00:05.000\nso today we are\ngoing to talk about',
      '00:00:05.000 --> 00:00:07.000\ngoing to talk about\npricing pages and',
      '00:00:07.000 --> 00:00:09.000\npricing pages and\nwhy they fail.',
    );
    expect(texts(rolling)).toEqual([
      'so today we are going to talk about pricing pages and why they fail.',
    ]);
  });

  it('merges three-line roll-up captions and growing (paint-on) lines', () => {
    const threeLines = vtt(
      '00:00:01.000 --> 00:00:02.000\none',
      '00:00:02.000 --> 00:00:03.000\none\ntwo',
      '00:00:03.000 --> 00:00:04.000\none\ntwo\nthree',
      '00:00:04.000 --> 00:00:05.000\ntwo\nthree\nfour',
    );
    expect(texts(threeLines)).toEqual(['one two three four']);
    const growing = vtt(
      '00:00:01.000 --> 00:00:02.500\nthe export',
      '00:00:02.000 --> 00:00:03.500\nthe export was',
      '00:00:03.000 --> 00:00:04.500\nthe export was slow',
    );
    expect(texts(growing)).toEqual(['the export was slow']);
  });

  it('drops YouTube rolling-caption repeats', () => {
    const parsed = parseTranscriptText(fixtureText('webvtt/webvtt-py/youtube_dl.vtt'));
    expect(parsed.turns.map((t) => t.text)).toEqual(["yeah what this will happen is I'm telling"]);
    expect(parsed.language).toBe('en');
  });

  it('warns about a malformed cue timing, skips that cue and keeps the rest', () => {
    const parsed = parseTranscriptText(fixtureText('webvtt/webvtt-py/invalid_timeframe.vtt'));
    expect(parsed.turns.map((t) => t.text).join(' ')).not.toContain('#2');
    expect(parsed.warnings).toContain(
      "Line 6: expected a cue timing like 00:00:01.000 --> 00:00:04.000, found '00:00:07.000 --> 00:00:1d.890'; cue skipped",
    );
  });

  it('refuses a file with no readable cue as MALFORMED, naming the line and what was expected', () => {
    const error = parseError('WEBVTT\n\nfoo\nbar\n');
    expect(error.code).toBe('MALFORMED');
    expect(error.line).toBe(3);
    expect(error.message).toBe(
      "Line 3: expected a cue timing like 00:00:01.000 --> 00:00:04.000, found 'foo'. No cue could be read.",
    );
  });

  it('refuses a header-only file as NO_TEXT', () => {
    expect(parseError('WEBVTT\n').code).toBe('NO_TEXT');
    expect(parseError('WEBVTT\n\nNOTE nothing else\n').code).toBe('NO_TEXT');
    expect(parseError(vtt('00:00:01.000 --> 00:00:02.000\n<i></i>')).code).toBe('NO_TEXT');
  });

  it('reads a file without the WEBVTT line when it is named .vtt and has cues, with a warning', () => {
    const parsed = parseTranscriptText('00:00:01.000 --> 00:00:02.000\nHello.\n', {
      filename: 'x.vtt',
    });
    expect(parsed.format).toBe('WEBVTT');
    expect(parsed.turns.map((t) => t.text)).toEqual(['Hello.']);
    expect(parsed.warnings[0]).toMatch(/^Line 1: expected the file to start with "WEBVTT"/);
  });
});
