import { fixtureText } from '../../testing/fixture-files';
import { parseTranscriptText } from '../parse-transcript';
import { type Turn } from '../types';

function turns(text: string): Turn[] {
  return parseTranscriptText(text, { format: 'TEXT' }).turns;
}

function pairs(text: string): Array<[string | null, string]> {
  return turns(text).map((t) => [t.speaker, t.text]);
}

const REV_STYLE = `Automation:         This call is now being recorded.

Max Bigman:         And I keep forgetting to send out these consent forms, but can
I get your verbal consent that it's okay if I record this, just for using
it for transcription?

p-1:     Sure. My background is in [inaudible 00:05:15] teaching, and the
[Pallis 00:00:52] district hired me.

p-1:     Another paragraph by the same speaker.

Max Bigman:         Okay, thank you.
`;

const OTTER_STYLE = `Emma  0:00  
It's more important than ever to build secure web applications.

Kelly  0:34  
Welcome to the ladybug podcast.

Unknown Speaker  1:05  
I'm Kelly.

Second paragraph of the same turn.

Emma  1:02:03  
And I'm Emma.

Transcribed by https://otter.ai
`;

describe('plain-text transcripts', () => {
  it('reads Rev-style "Name: text" with hard-wrapped continuation lines belonging to the previous speaker', () => {
    expect(pairs(REV_STYLE)).toEqual([
      ['Automation', 'This call is now being recorded.'],
      [
        'Max Bigman',
        "And I keep forgetting to send out these consent forms, but can I get your verbal consent that it's okay if I record this, just for using it for transcription?",
      ],
      [
        'p-1',
        'Sure. My background is in [inaudible 00:05:15] teaching, and the [Pallis 00:00:52] district hired me.\n\nAnother paragraph by the same speaker.',
      ],
      ['Max Bigman', 'Okay, thank you.'],
    ]);
  });

  it('reads Otter exports: "Name  0:03" headers, paragraphs, and drops the "Transcribed by" line', () => {
    expect(turns(OTTER_STYLE)).toEqual([
      {
        speaker: 'Emma',
        startMs: 0,
        endMs: null,
        text: "It's more important than ever to build secure web applications.",
      },
      { speaker: 'Kelly', startMs: 34000, endMs: null, text: 'Welcome to the ladybug podcast.' },
      {
        speaker: 'Unknown Speaker',
        startMs: 65000,
        endMs: null,
        text: "I'm Kelly.\n\nSecond paragraph of the same turn.",
      },
      { speaker: 'Emma', startMs: 3723000, endMs: null, text: "And I'm Emma." },
    ]);
  });

  it('reads Otter markdown exports with **Name** headers', () => {
    const text = '**Ann Lee**  0:03\nHello there.\n\n**Bo**  0:09\nHi!\n';
    expect(turns(text)).toEqual([
      { speaker: 'Ann Lee', startMs: 3000, endMs: null, text: 'Hello there.' },
      { speaker: 'Bo', startMs: 9000, endMs: null, text: 'Hi!' },
    ]);
  });

  it('reads Rev "Name (00:01:23):" headers', () => {
    const text = 'Speaker 1 (00:00):\nHello.\n\nSpeaker 2 (01:02:03):\nHi.\n';
    expect(turns(text).map((t) => [t.speaker, t.startMs, t.text])).toEqual([
      ['Speaker 1', 0, 'Hello.'],
      ['Speaker 2', 3723000, 'Hi.'],
    ]);
  });

  it('reads "[00:01:23] Name: text" lines', () => {
    const text =
      '[00:00:05] Ann: How did that go?\n[00:00:09] Bo: Badly.\n[00:01:23.5] Ann: Tell me more.\n';
    expect(turns(text)).toEqual([
      { speaker: 'Ann', startMs: 5000, endMs: null, text: 'How did that go?' },
      { speaker: 'Bo', startMs: 9000, endMs: null, text: 'Badly.' },
      { speaker: 'Ann', startMs: 83500, endMs: null, text: 'Tell me more.' },
    ]);
  });

  it('reads "HH:MM:SS text" lines without speakers, grouped into paragraphs', () => {
    const text =
      '00:00:00 Data validation is tricky.\n\n00:00:05 This might come from a REST API.\n\n00:00:09 It includes checking fields.\n';
    expect(turns(text)).toEqual([
      {
        speaker: null,
        startMs: 0,
        endMs: null,
        text: 'Data validation is tricky. This might come from a REST API. It includes checking fields.',
      },
    ]);
  });

  it('reads I: / P: interview-note labels', () => {
    const text = 'I: How often do you export?\nP: Weekly, mostly.\nI: Why weekly?\nP: Reports.\n';
    expect(pairs(text)).toEqual([
      ['I', 'How often do you export?'],
      ['P', 'Weekly, mostly.'],
      ['I', 'Why weekly?'],
      ['P', 'Reports.'],
    ]);
  });

  it('reads a Zoom chat export (HH:MM:SS<TAB>Name:<TAB>text), one turn per message', () => {
    const parsed = parseTranscriptText(
      fixtureText(
        'transcripts/zoom-export-zoomstudentengagement/GMT20240124-202901_RecordingnewChat.txt',
      ),
    );
    expect(parsed.format).toBe('TEXT');
    expect(parsed.turns[0]).toEqual({
      speaker: 'Ryan Sloan',
      startMs: 316000,
      endMs: null,
      text: 'Let’s try to stay muted unless speaking up, just to reduce echo',
    });
    expect(new Set(parsed.turns.map((t) => t.speaker))).toEqual(
      new Set(['Ryan Sloan', 'Dr. Melissa Ko', 'Khalilah Beal-Uribe', 'Shreeharsh Kelkar']),
    );
    expect(parsed.turns.every((t) => !t.text.includes('\t'))).toBe(true);
  });

  it('makes one speakerless turn per paragraph when there are no speakers', () => {
    const text =
      'First paragraph,\nhard wrapped.\n\nSecond paragraph.\n\n\nThird one: with a colon.\n';
    expect(pairs(text)).toEqual([
      [null, 'First paragraph, hard wrapped.'],
      [null, 'Second paragraph.'],
      [null, 'Third one: with a colon.'],
    ]);
  });

  it('keeps a title above the first label as a speakerless turn', () => {
    const text = 'Interview 3, remote\n\nAnn: Hello.\n\nBo: Hi.\n\nAnn: Bye.\n';
    expect(pairs(text)).toEqual([
      [null, 'Interview 3, remote'],
      ['Ann', 'Hello.'],
      ['Bo', 'Hi.'],
      ['Ann', 'Bye.'],
    ]);
  });

  it('does not start a new speaker at a wrapped line that happens to begin with "word:"', () => {
    const text =
      'Ann: We looked at two options\nbriefly: one was cheap.\n\nBo: Right.\n\nAnn: Yes.\n';
    expect(pairs(text)).toEqual([
      ['Ann', 'We looked at two options briefly: one was cheap.'],
      ['Bo', 'Right.'],
      ['Ann', 'Yes.'],
    ]);
  });
});
