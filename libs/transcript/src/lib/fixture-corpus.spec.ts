import { readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fixtureBytes, fixtureJson, fixtureText, FIXTURES_DIR } from '../testing/fixture-files';
import { type Utterance } from './core/build-turns';
import { parseTranscript, parseTranscriptText } from './parse-transcript';
import { parseSrt } from './srt/srt-parser';
import { TranscriptParseError } from './transcript-parse-error';
import { type ParsedTranscript } from './types';
import { parseWebVttCues } from './webvtt/webvtt-file-parser';
import { parseWebVttTranscript } from './webvtt/webvtt-transcript';

const PY = 'webvtt/webvtt-py';
const GO = 'srt/go-astisub';
const ZOOM = 'transcripts/zoom-export-zoomstudentengagement';

function parseFile(file: string): ParsedTranscript {
  return parseTranscriptText(fixtureText(file), { filename: file });
}

function errorOf(fn: () => unknown): TranscriptParseError {
  try {
    fn();
  } catch (error) {
    if (error instanceof TranscriptParseError) return error;
    throw error;
  }
  throw new Error('expected a TranscriptParseError');
}

function allText(parsed: ParsedTranscript): string {
  return parsed.turns.map((t) => t.text).join(' ');
}

function cueCount(file: string): number {
  return parseWebVttCues(fixtureText(file)).cues.length;
}

/** Every case of webvtt-py's expected.json (derived from its tests), run through parseTranscriptText. */
const WEBVTT_PY_CASES: Record<string, Record<string, () => void>> = {
  vtt: {
    'invalid.vtt': () => {
      expect(parseWebVttCues(fixtureText(`${PY}/invalid.vtt`)).cues).toHaveLength(0);
      const lenient = parseFile(`${PY}/invalid.vtt`);
      expect(lenient.warnings[0]).toMatch(/^Line 1: expected the file to start with "WEBVTT"/);
      expect(allText(lenient)).toContain('Caption text #7');
    },
    'empty.vtt': () => expect(errorOf(() => parseFile(`${PY}/empty.vtt`)).code).toBe('EMPTY'),
    'no_captions.vtt': () =>
      expect(errorOf(() => parseFile(`${PY}/no_captions.vtt`)).code).toBe('NO_TEXT'),
    'sample.vtt': () => {
      const { cues } = parseWebVttCues(fixtureText(`${PY}/sample.vtt`));
      expect(cues).toHaveLength(16);
      expect([cues[2]?.startTime, cues[2]?.endTime]).toEqual([11.89, 16.32]);
      const parsed = parseFile(`${PY}/sample.vtt`);
      expect(((parsed.durationMs ?? 0) - (parsed.turns[0]?.startMs ?? 0)) / 1000).toBeCloseTo(
        64,
        0,
      );
    },
    'one_caption.vtt': () =>
      expect(parseFile(`${PY}/one_caption.vtt`).turns).toMatchObject([
        { startMs: 500, endMs: 7000 },
      ]),
    'invalid_timeframe.vtt': () => {
      const parsed = parseFile(`${PY}/invalid_timeframe.vtt`);
      expect(allText(parsed)).not.toContain('#2');
      expect(parsed.warnings[0]).toMatch(/^Line 6: .*cue skipped$/);
    },
    'missing_timeframe.vtt': () => {
      const parsed = parseFile(`${PY}/missing_timeframe.vtt`);
      expect(allText(parsed)).not.toContain('#2');
      expect(parsed.warnings).toEqual([
        "Line 6: expected a cue timing like 00:00:01.000 --> 00:00:04.000, found 'Caption text #2'; text ignored",
      ]);
    },
    'invalid_timeframe_in_cue_text.vtt': () => {
      const { cues } = parseWebVttCues(fixtureText(`${PY}/invalid_timeframe_in_cue_text.vtt`));
      expect(cues.map((c) => c.text)).toEqual([
        'Caption text #1',
        '',
        'Caption text #2',
        'Caption text #3',
      ]);
      expect(allText(parseFile(`${PY}/invalid_timeframe_in_cue_text.vtt`))).toBe(
        'Caption text #1 Caption text #2 Caption text #3',
      );
    },
    'missing_caption_text.vtt': () => {
      expect(cueCount(`${PY}/missing_caption_text.vtt`)).toBe(5);
      expect(allText(parseFile(`${PY}/missing_caption_text.vtt`))).toBe(
        'Caption text #1 Caption text #3 Caption text #4 Caption text #5',
      );
    },
    'metadata_headers.vtt': () =>
      expect(allText(parseFile(`${PY}/metadata_headers.vtt`))).toBe(
        'Caption text #1 Caption text #2',
      ),
    'metadata_headers_multiline.vtt': () =>
      expect(allText(parseFile(`${PY}/metadata_headers_multiline.vtt`))).toBe(
        'Caption text #1 Caption text #2',
      ),
    'using_identifiers.vtt': () => {
      const { cues } = parseWebVttCues(fixtureText(`${PY}/using_identifiers.vtt`));
      expect(cues.map((c) => c.id)).toEqual(['', 'second caption', '', '4', '', '']);
      expect(allText(parseFile(`${PY}/using_identifiers.vtt`))).toBe(
        [1, 2, 3, 4, 5, 6].map((n) => `Caption text #${n}`).join(' '),
      );
    },
    'comments.vtt': () => {
      expect(cueCount(`${PY}/comments.vtt`)).toBe(3);
      expect(
        parseFile(`${PY}/comments.vtt`)
          .turns.slice(0, 2)
          .map((t) => t.text),
      ).toEqual(['Ta en kopp varmt te.', 'Det är inte varmt.']);
    },
    'styles.vtt': () =>
      expect(parseFile(`${PY}/styles.vtt`).turns.map((t) => t.text)).toEqual(['Hello world.']),
    'cue_tags.vtt': () => {
      expect(allText(parseFile(`${PY}/cue_tags.vtt`))).toBe(
        "When the moon hits your eye Like a big-a pizza pie That's amore",
      );
    },
    'captions_with_bom.vtt': () => {
      expect(
        parseWebVttCues(new TextDecoder().decode(fixtureBytes(`${PY}/captions_with_bom.vtt`))).cues,
      ).toHaveLength(4);
      expect(allText(parseFile(`${PY}/captions_with_bom.vtt`))).toMatch(/^Caption text #1/);
    },
    'youtube_dl.vtt': () =>
      expect(allText(parseFile(`${PY}/youtube_dl.vtt`))).toBe(
        "yeah what this will happen is I'm telling",
      ),
    'teams_timeframe.vtt': () =>
      expect(parseFile(`${PY}/teams_timeframe.vtt`).turns.map((t) => t.speaker)).toEqual([
        'Yuri Bakulin',
        'Adrian Petrescu',
      ]),
  },
  srt: {
    'sample.srt': () => {
      const cues = parseSrt(fixtureText(`${PY}/sample.srt`)).utterances;
      expect(cues).toHaveLength(5);
      expect([cues[2]?.startMs, cues[2]?.endMs]).toEqual([11890, 16320]);
      const parsed = parseFile(`${PY}/sample.srt`);
      expect(parsed.durationMs).toBe(23880);
      expect(allText(parsed)).toBe(
        'Caption text #1 Caption text #2 Caption text #3 Caption text #4 Caption text #5',
      );
    },
    'one_caption.srt': () =>
      expect(parseFile(`${PY}/one_caption.srt`).turns).toMatchObject([
        { startMs: 500, endMs: 7000 },
      ]),
    'missing_timeframe.srt': () =>
      expect(allText(parseFile(`${PY}/missing_timeframe.srt`))).not.toContain('#2'),
    // Deliberate difference: webvtt-py rejects `00:00:11.890` in SRT; our SRT rules accept dot fractions.
    'invalid_timeframe.srt': () =>
      expect(allText(parseFile(`${PY}/invalid_timeframe.srt`))).toContain('Caption text #2'),
    'missing_caption_text.srt': () => {
      expect(
        parseSrt(fixtureText(`${PY}/missing_caption_text.srt`)).utterances.filter(
          (u) => u.text !== '',
        ),
      ).toHaveLength(4);
    },
    'invalid_format1.srt / invalid_format2.srt / invalid_format3.srt / invalid_format4.srt': () => {
      for (const n of [1, 2, 3, 4])
        expect(errorOf(() => parseFile(`${PY}/invalid_format${n}.srt`)).code).toMatch(
          /^(MALFORMED|NO_TEXT)$/,
        );
    },
  },
  sbv: {
    'sample.sbv': () => {
      const cues = parseSrt(fixtureText(`${PY}/sample.sbv`)).utterances;
      expect(cues[1]).toMatchObject({ startMs: 11378, endMs: 12305, text: 'Caption text #2' });
      expect(cues[2]?.text).toBe('Caption text #3 (line 1) Caption text #3 (line 2)');
      expect(parseFile(`${PY}/sample.sbv`).format).toBe('SRT');
    },
    'two_captions.sbv': () =>
      expect(parseSrt(fixtureText(`${PY}/two_captions.sbv`)).utterances).toHaveLength(2),
    'invalid_format.sbv': () =>
      expect(errorOf(() => parseFile(`${PY}/invalid_format.sbv`)).code).toBe('MALFORMED'),
    'missing_timeframe.sbv': () =>
      expect(parseFile(`${PY}/missing_timeframe.sbv`).warnings[0]).toMatch(
        /found 'Caption text #2'; text ignored$/,
      ),
    'invalid_timeframe.sbv': () =>
      expect(parseFile(`${PY}/invalid_timeframe.sbv`).warnings[0]).toMatch(
        /found '0:00:13.f89,0:00:15.489'/,
      ),
    'missing_caption_text.sbv': () =>
      expect(parseFile(`${PY}/missing_caption_text.sbv`).turns.length).toBeGreaterThan(0),
  },
};

describe('webvtt-py expected.json cases', () => {
  const expected = fixtureJson<Record<string, Record<string, string> | string>>(
    `${PY}/expected.json`,
  );

  it('covers every case listed in expected.json', () => {
    for (const group of ['vtt', 'srt', 'sbv']) {
      expect(Object.keys(WEBVTT_PY_CASES[group] ?? {}).sort()).toEqual(
        Object.keys(expected[group] ?? {}).sort(),
      );
    }
  });

  for (const [group, cases] of Object.entries(WEBVTT_PY_CASES)) {
    const descriptions = expected[group] as Record<string, string>;
    it.each(Object.keys(cases))(`${group}: %s`, (name) => {
      expect(descriptions[name]).toBeDefined();
      cases[name]?.();
    });
  }
});

interface GoCue {
  startMs: number;
  endMs: number;
  lines: string[];
}

/** The go-astisub cue as our cue layer should give it: a `NAME:` line becomes the speaker. */
function asUtterance(cue: GoCue): Pick<Utterance, 'speaker' | 'startMs' | 'endMs' | 'text'> {
  const [first = '', ...rest] = cue.lines;
  const label = /^([A-Z]+):$/.exec(first);
  return {
    speaker: label?.[1] ?? null,
    startMs: cue.startMs,
    endMs: cue.endMs,
    text: (label ? rest : cue.lines).join(' '),
  };
}

function pick(u: Utterance): Pick<Utterance, 'speaker' | 'startMs' | 'endMs' | 'text'> {
  return { speaker: u.speaker, startMs: u.startMs, endMs: u.endMs, text: u.text };
}

describe('go-astisub expected.json cases', () => {
  const expected = fixtureJson<{ cues: GoCue[]; otherExpectations: Record<string, string> }>(
    `${GO}/expected.json`,
  );
  const cues = expected.cues.map(asUtterance);

  it.each(['example-in.srt', 'missing-sequence-in.srt'])('reads the six cues of %s', (file) => {
    expect(parseSrt(fixtureText(`${GO}/${file}`)).utterances.map(pick)).toEqual(cues);
    expect(allText(parseFile(`${GO}/${file}`))).toBe(cues.map((c) => c.text).join(' '));
  });

  it('reads the same six cues from example-in.vtt despite its non-standard timings, NOTEs, STYLEs and old-style regions', () => {
    expect(parseWebVttTranscript(fixtureText(`${GO}/example-in.vtt`)).utterances.map(pick)).toEqual(
      cues,
    );
    expect(parseFile(`${GO}/example-in.vtt`).warnings.join('\n')).toMatch(/found 'Region: id=fred/);
  });

  const OTHER: Record<string, () => void> = {
    'example-in-non-utf8.srt': () => {
      // Deliberate difference: the file is UTF-16 LE with a BOM, which we read rather than refuse.
      expect(parseFile(`${GO}/example-in.srt`).turns).toEqual(
        parseTranscriptTextFromBytes(`${GO}/example-in-non-utf8.srt`).turns,
      );
    },
    'example-in-non-utf8.vtt': () => {
      expect(parseTranscriptTextFromBytes(`${GO}/example-in-non-utf8.vtt`).format).toBe('WEBVTT');
    },
    'broken-1-in.vtt': () => {
      expect(parseWebVttCues(fixtureText(`${GO}/broken-1-in.vtt`)).cues).toHaveLength(0);
      expect(() => parseFile(`${GO}/broken-1-in.vtt`)).toThrow(
        "Line 2: expected a cue timing like 00:00:01.000 --> 00:00:04.000, found 'BROKENVTT'. No cue could be read.",
      );
      expect(
        parseTranscriptText(fixtureText(`${GO}/broken-1-in.vtt`)).turns.map((t) => t.text),
      ).toEqual(['BROKENVTT']);
    },
    'example-in-styled.srt': () => {
      const utterances = parseSrt(fixtureText(`${GO}/example-in-styled.srt`)).utterances;
      expect(utterances).toHaveLength(10);
      expect(utterances[0]).toMatchObject({
        startMs: 17985,
        endMs: 20521,
        text: '[instrumental music]',
      });
      expect(utterances[5]?.text).toBe("[automated] 'The time is 7:35.'");
      expect(utterances[8]?.text).toBe('Do no fall to the next item');
    },
    'example-in-carriage-return.srt': () => {
      expect(parseSrt(fixtureText(`${GO}/example-in-carriage-return.srt`)).utterances).toHaveLength(
        3,
      );
    },
    'voice-names-in.vtt': () => {
      expect(
        parseWebVttTranscript(fixtureText(`${GO}/voice-names-in.vtt`)).utterances.map(
          (u) => u.speaker,
        ),
      ).toEqual(['Roger Bingham', 'Bingham', 'Lee', 'Bob']);
    },
    'example-in.vtt': () => {
      // Strictly, every timing here is invalid (no or 2-digit fractions); the transcript layer reads them leniently.
      const strict = parseWebVttCues(fixtureText(`${GO}/example-in.vtt`));
      expect(strict.cues).toHaveLength(0);
      expect(strict.errors.filter((e) => e.message.endsWith('cue skipped'))).toHaveLength(6);
      expect(parseFile(`${GO}/example-in.vtt`).turns[1]).toEqual({
        speaker: 'MAN',
        startMs: 124080,
        endMs: 127120,
        text: 'How did we end up here?',
      });
    },
  };

  it('covers every other expectation listed in expected.json', () => {
    expect(Object.keys(OTHER).sort()).toEqual(Object.keys(expected.otherExpectations).sort());
  });

  it.each(Object.keys(OTHER))('%s', (name) => OTHER[name]?.());
});

function parseTranscriptTextFromBytes(file: string): ParsedTranscript {
  const bytes = fixtureBytes(file);
  const text = new TextDecoder(bytes[0] === 0xff ? 'utf-16le' : 'utf-8').decode(bytes);
  return parseTranscriptText(text, { filename: file });
}

describe('real transcripts', () => {
  it('reads the Zoom transcript VTT with its speakers', () => {
    const parsed = parseFile(`${ZOOM}/GMT20240124-202901_Recording.transcript.vtt`);
    const speakers = new Set(parsed.turns.map((t) => t.speaker));
    expect(speakers.size).toBeGreaterThanOrEqual(2);
    expect(speakers).toEqual(
      new Set([
        'Srijani Ghosh',
        'Conor Healy',
        'Dr. Melissa Ko',
        'Shreeharsh Kelkar',
        'Ryan Sloan',
      ]),
    );
    expect(parsed.turns[0]).toEqual({
      speaker: 'Srijani Ghosh',
      startMs: 50,
      endMs: 1790,
      text: 'Hi!',
    });
    expect(parsed.turns.every((t) => !/^[A-Z][a-z]+ [A-Z][a-z]+:/.test(t.text))).toBe(true);
  });

  it('reads the Zoom closed-caption VTT as speakerless paragraphs', () => {
    const parsed = parseFile(`${ZOOM}/GMT20240124-202901_Recording.cc.vtt`);
    expect(new Set(parsed.turns.map((t) => t.speaker))).toEqual(new Set([null]));
    expect(parsed.turns.length).toBeGreaterThan(5);
  });

  it('merges only rolling captions: YouTube repeats go, separate cues with the same words stay', () => {
    expect(allText(parseFile(`${PY}/youtube_dl.vtt`))).toBe(
      "yeah what this will happen is I'm telling",
    );
    // Thirteen cues that all say "text" at the same time are thirteen cues, not a roll-up.
    expect(allText(parseFile('webvtt/wpt-file-parsing/regions-lines.vtt'))).toBe(
      Array(13).fill('text').join(' '),
    );
  });

  it('reads <v> voices from the synthetic classroom VTTs', () => {
    const biology = parseFile(`${ZOOM}/synthetic-voice-tag/biology_lab_session.vtt`);
    expect(biology.turns[0]).toMatchObject({ speaker: 'Dr. Chen', startMs: 0, endMs: 12000 });
    expect(biology.turns[0]?.text).toMatch(
      /^Good morning everyone! Welcome to Biology 201 Lab\. Today/,
    );
    expect(new Set(biology.turns.map((t) => t.speaker))).toContain('Student Q');
    expect(biology.turns.every((t) => t.speaker !== null)).toBe(true);
  });
});

function listFixtureFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? listFixtureFiles(path) : [relative(FIXTURES_DIR, path)];
  });
}

const TRANSCRIPT_INPUTS = listFixtureFiles(FIXTURES_DIR).filter(
  (file) =>
    /\.(vtt|srt|sbv|txt|tsv|docx)$/.test(file) ||
    (file.startsWith('stt-json/') && file.endsWith('.json')),
);

describe('every fixture file', () => {
  it.each(TRANSCRIPT_INPUTS)(
    '%s parses to clean turns or fails with a TranscriptParseError',
    async (file) => {
      let parsed: ParsedTranscript;
      try {
        parsed = await parseTranscript(fixtureBytes(file), { filename: file });
      } catch (error) {
        expect(error).toBeInstanceOf(TranscriptParseError);
        return;
      }
      expect(parsed.turns.length).toBeGreaterThan(0);
      for (const turn of parsed.turns) {
        expect(turn.text).toBe(turn.text.trim());
        expect(turn.text).not.toMatch(
          /-->|WEBVTT|<v[ .>]|<\/?[a-z][^<>]*>|\b(?:align|position|line|size|region):\S/,
        );
      }
      const starts = parsed.turns.map((t) => t.startMs);
      if (starts.every((s) => s !== null))
        expect(starts).toEqual([...starts].sort((a, b) => (a ?? 0) - (b ?? 0)));
    },
  );
});
