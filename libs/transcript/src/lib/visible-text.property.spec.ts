import fc from 'fast-check';
import { bytesOf } from '../testing/fixture-files';
import { makeDocx } from '../testing/make-docx';
import { parseTranscript, parseTranscriptText } from './parse-transcript';
import { TranscriptParseError } from './transcript-parse-error';
import { type ParsedTranscript, type TranscriptFormat } from './types';

/**
 * Property tests over every parser: a transcript is generated as what a reader should see
 * (speakers and their words, with angle brackets, ampersands, entity-like text and Unicode),
 * written out in each input form the importer accepts (escaping what the form requires, adding
 * markup, voices, labels, line breaks and blank-ish lines), parsed back, and the turns must hold
 * exactly the words that were written, by the same speakers.
 */

interface Said {
  speaker: string;
  /** The visible words, single-spaced. */
  words: string[];
  /** After which words a line ends (for the forms with lines). */
  breaks: boolean[];
  /** Where a line of only spaces or tabs follows a line break. */
  blankish: boolean[];
}

interface Written {
  /** A seed for the writer's choices (which escapes, which tags); fast-check shrinks it. */
  seed: number;
  said: Said[];
}

const NAMES = [
  'Ann',
  'Bo Chen',
  'Dr. Okafor',
  'María José',
  'Zoë',
  'P1',
  'Interviewer',
  'Jean-Luc',
  'Ahmed Al-Sayed',
];

/** Words that have tripped parsers: markup look-alikes, references, bare ampersands, scripts. */
const TRICKY = [
  '<contact',
  'sales>',
  '<b>',
  '</i>',
  '<inaudible>',
  '<laughs>',
  '&',
  '&amp;',
  '&lt;',
  '&nbsp;',
  '&#60;',
  'AT&T',
  'a<b',
  'x>y',
  '<',
  '>',
  '1<2',
  '"quoted"',
  'it’s',
  "it's",
  'naïve',
  'Straße',
  '中文',
  'العربية',
  '🙂',
  'e\u0301',
  '<v',
  'Ann>',
  '<c.x>',
  '<script>',
  'Yes.',
];

/**
 * A generated word: any letters, marks, digits, punctuation or symbols except the few that
 * start structure in some form (`:` labels and clock times, `-`/`–`/`—` speaker-change
 * markers, `[`/`{` that make text look like JSON, `<>&`, which TRICKY covers on purpose).
 */
const PLAIN_WORD = /^(?:(?![<>&:\-–—{}[\]\\])[\p{L}\p{M}\p{N}\p{P}\p{S}])+$/u;
const HAS_WORD = /[\p{L}\p{N}]/u;

const word = fc.oneof(
  { weight: 5, arbitrary: fc.string({ unit: 'grapheme', minLength: 1, maxLength: 8 }) },
  { weight: 3, arbitrary: fc.constantFrom(...TRICKY) },
  { weight: 2, arbitrary: fc.constantFrom('yes', 'pricing', 'page', 'wall.', 'Then', 'Häuser') },
);

const said = (names: readonly string[]) =>
  fc
    .record({
      speaker: fc.constantFrom(...names),
      words: fc
        .array(word, { minLength: 1, maxLength: 10 })
        .map((ws) => ws.filter((w) => PLAIN_WORD.test(w) || TRICKY.includes(w)))
        .filter((ws) => ws.some((w) => HAS_WORD.test(w))),
      breaks: fc.array(fc.boolean(), { maxLength: 10 }),
      blankish: fc.array(fc.boolean(), { maxLength: 10 }),
    })
    .map((s): Said => s);

const written = (names: readonly string[] = NAMES): fc.Arbitrary<Written> =>
  fc.record({
    seed: fc.integer({ min: 0, max: 2 ** 31 - 1 }),
    said: fc.array(said(names), { minLength: 2, maxLength: 6 }),
  });

/** mulberry32: the writer's choices, reproducible from the seed. */
function chooser(seed: number): (n: number) => number {
  let a = seed >>> 0;
  return (n) => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return Math.floor((((t ^ (t >>> 14)) >>> 0) / 4294967296) * n);
  };
}
type Choose = (n: number) => number;
const pick = <T>(choose: Choose, options: readonly T[]): T => options[choose(options.length)]!;

const NAMED: Record<string, string> = { é: '&eacute;', ü: '&uuml;', ß: '&szlig;', '"': '&quot;' };

/**
 * Writes visible text in a markup form: `<` always escaped in WebVTT (where any `<` opens a
 * tag) and before a letter, `/`, `!` or `?` in SRT and text; `&` escaped unless a space or the
 * end follows; other characters now and then as named or numeric references.
 */
function escapeText(text: string, form: 'webvtt' | 'html', choose: Choose): string {
  const chars = [...text];
  return chars
    .map((c, i) => {
      const next = chars[i + 1];
      if (c === '<') {
        const raw = form === 'html' && (next === undefined || !/[A-Za-z/!?]/.test(next));
        return raw && choose(2) === 0 ? c : pick(choose, ['&lt;', '&#60;', '&#x3C;', '&#x3c;']);
      }
      if (c === '&') {
        const raw = next === undefined || next === ' ';
        return raw && choose(2) === 0 ? c : pick(choose, ['&amp;', '&#38;', '&#x26;']);
      }
      if (c === '>') return pick(choose, ['>', '&gt;', '&#62;']);
      if (choose(12) === 0) return NAMED[c] ?? `&#${c.codePointAt(0)};`;
      if (choose(24) === 0) return `&#x${c.codePointAt(0)!.toString(16)};`;
      return c;
    })
    .join('');
}

const WEBVTT_TAGS: ReadonlyArray<readonly [string, string]> = [
  ['<i>', '</i>'],
  ['<b>', '</b>'],
  ['<u>', '</u>'],
  ['<c.loud>', '</c>'],
  ['<lang de>', '</lang>'],
  ['<00:00:00.500>', ''],
  ['<font color="red">', '</font>'],
];
const HTML_TAGS: ReadonlyArray<readonly [string, string]> = [
  ['<i>', '</i>'],
  ['<b>', '</b>'],
  ['<u>', '</u>'],
  ['<font color="#ffffff">', '</font>'],
  ['<span class="x">', '</span>'],
];

/**
 * Where a blank-ish line is written: after a line break, and only between two parts that both
 * have a letter or digit (a paragraph without any is left out by design, like `-----` or `♪`).
 */
function blankishAfter(s: Said): Set<number> {
  const out = new Set<number>();
  let chunkStart = 0;
  const hasWord = (from: number, to: number) =>
    s.words.slice(from, to).some((w) => HAS_WORD.test(w));
  s.words.forEach((_, i) => {
    if (i === s.words.length - 1 || !s.breaks[i] || !s.blankish[i]) return;
    if (!hasWord(chunkStart, i + 1) || !hasWord(i + 1, s.words.length)) return;
    out.add(i);
    chunkStart = i + 1;
  });
  return out;
}

/** The words of one utterance as lines of marked-up text (tags around some words). */
function markupLines(
  s: Said,
  form: 'webvtt' | 'html' | 'none',
  choose: Choose,
  blankLines = true,
): string[] {
  const tags = form === 'webvtt' ? WEBVTT_TAGS : HTML_TAGS;
  const lines: string[] = [];
  const blankish = blankLines ? blankishAfter(s) : new Set<number>();
  let line: string[] = [];
  s.words.forEach((w, i) => {
    let out = form === 'none' ? w : escapeText(w, form, choose);
    if (form !== 'none' && choose(5) === 0) {
      const [open, close] = pick(choose, tags);
      out = `${open}${out}${close}`;
    }
    line.push(out);
    const last = i === s.words.length - 1;
    if (!last && s.breaks[i]) {
      lines.push(line.join(' '));
      if (blankish.has(i)) lines.push(pick(choose, [' ', '\t', '  \t ']));
      line = [];
    }
  });
  lines.push(line.join(' '));
  return lines;
}

function visible(w: Written): string {
  return w.said.map((s) => s.words.join(' ')).join(' ');
}

/** Consecutive equal speakers collapsed: turns merge one speaker's consecutive utterances. */
function speakerRuns(speakers: ReadonlyArray<string | null>): Array<string | null> {
  return speakers.filter((s, i) => i === 0 || s !== speakers[i - 1]);
}

const norm = (text: string) => text.replace(/\s+/g, ' ').trim();

function expectSame(parsed: ParsedTranscript, w: Written, speakers: Array<string | null> | null) {
  expect(norm(parsed.turns.map((t) => t.text).join(' '))).toBe(norm(visible(w)));
  if (speakers)
    expect(speakerRuns(parsed.turns.map((t) => t.speaker))).toEqual(speakerRuns(speakers));
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');
function clock(ms: number, sep: '.' | ','): string {
  const s = Math.floor(ms / 1000);
  return `${pad(Math.floor(s / 3600))}:${pad(Math.floor(s / 60) % 60)}:${pad(s % 60)}${sep}${pad(ms % 1000, 3)}`;
}
/** Cue i: its own time, two seconds long, a second apart from the next (nothing overlaps). */
const cueStart = (i: number) => 1000 + i * 3000;

function webVttVoices(w: Written): string {
  const choose = chooser(w.seed);
  const cues = w.said.map((s, i) => {
    const id = choose(3) === 0 ? `cue-${i}\n` : '';
    const timing = `${clock(cueStart(i), '.')} --> ${clock(cueStart(i) + 2000, '.')}`;
    const voice = choose(2) === 0 ? `<v ${s.speaker}>` : `<v.first ${s.speaker}>`;
    const close = choose(2) === 0 ? '</v>' : '';
    return `${id}${timing}\n${voice}${markupLines(s, 'webvtt', choose).join('\n')}${close}`;
  });
  return `WEBVTT\n\n${cues.join('\n\n')}\n`;
}

function labelled(s: Said, form: 'webvtt' | 'html' | 'none', choose: Choose): string[] {
  const [first = '', ...rest] = markupLines(s, form, choose);
  const name = form !== 'none' && choose(6) === 0 ? `<b>${s.speaker}</b>` : s.speaker;
  return [`${name}: ${first}`, ...rest];
}

function webVttLabels(w: Written): string {
  const choose = chooser(w.seed);
  const cues = w.said.map(
    (s, i) =>
      `${clock(cueStart(i), '.')} --> ${clock(cueStart(i) + 2000, '.')}\n${labelled(s, 'webvtt', choose).join('\n')}`,
  );
  return `WEBVTT\n\n${cues.join('\n\n')}\n`;
}

function srtLabels(w: Written): string {
  const choose = chooser(w.seed);
  const cues = w.said.map((s, i) => {
    const ass = choose(8) === 0 ? '{\\an8}' : '';
    const timing = `${clock(cueStart(i), ',')} --> ${clock(cueStart(i) + 2000, ',')}`;
    return `${i + 1}\n${timing}\n${ass}${labelled(s, 'html', choose).join('\n')}`;
  });
  return `${cues.join('\n\n')}\n`;
}

function srtSpeakerless(w: Written): string {
  const choose = chooser(w.seed);
  return `${w.said
    .map(
      (s, i) =>
        `${i + 1}\n${clock(cueStart(i), ',')} --> ${clock(cueStart(i) + 2000, ',')}\n${markupLines(s, 'html', choose).join('\n')}`,
    )
    .join('\n\n')}\n`;
}

function textLabels(w: Written, form: 'html' | 'none' = 'html'): string {
  const choose = chooser(w.seed);
  return w.said.map((s) => labelled(s, form, choose).join('\n')).join('\n\n');
}

function textOtter(w: Written): string {
  const choose = chooser(w.seed);
  return w.said
    .map((s, i) => {
      const m = Math.floor(cueStart(i) / 60000);
      const sec = Math.floor(cueStart(i) / 1000) % 60;
      return `${s.speaker}  ${m}:${pad(sec)}\n${markupLines(s, 'html', choose).join('\n')}`;
    })
    .join('\n\n');
}

function textStamped(w: Written): string {
  const choose = chooser(w.seed);
  return w.said
    .map((s, i) => {
      // Without blank lines: the form is recognised by the share of blocks that start with a
      // time, and a blank line inside a turn starts a block.
      const [first = '', ...rest] = markupLines(s, 'html', choose, false);
      return [`[${clock(cueStart(i), '.').slice(0, 8)}] ${s.speaker}: ${first}`, ...rest].join(
        '\n',
      );
    })
    .join('\n');
}

function textParagraphs(w: Written): string {
  const choose = chooser(w.seed);
  return w.said.map((s) => markupLines(s, 'html', choose).join('\n')).join('\n\n');
}

/** JSON text is plain: written as is, line breaks and all. */
const jsonText = (s: Said, choose: Choose) => markupLines(s, 'none', choose).join('\n');

function whisperJson(w: Written): string {
  const choose = chooser(w.seed);
  return JSON.stringify({
    language: 'en',
    segments: w.said.map((s, i) => ({
      start: cueStart(i) / 1000,
      end: (cueStart(i) + 2000) / 1000,
      text: ` ${jsonText(s, choose)}`,
      speaker: s.speaker,
    })),
  });
}

function assemblyAiJson(w: Written, letters: Map<string, string>): string {
  const choose = chooser(w.seed);
  return JSON.stringify({
    language_code: 'en_us',
    utterances: w.said.map((s, i) => ({
      speaker: letters.get(s.speaker),
      start: cueStart(i),
      end: cueStart(i) + 2000,
      text: jsonText(s, choose),
    })),
  });
}

function deepgramJson(w: Written, numbers: Map<string, number>): string {
  const choose = chooser(w.seed);
  return JSON.stringify({
    results: {
      channels: [{ alternatives: [{ transcript: '' }] }],
      utterances: w.said.map((s, i) => ({
        speaker: numbers.get(s.speaker),
        start: cueStart(i) / 1000,
        end: (cueStart(i) + 2000) / 1000,
        transcript: jsonText(s, choose),
      })),
    },
  });
}

const speakersOf = (w: Written) => w.said.map((s) => s.speaker);
/** 150 generated transcripts per property (under CI a fixed draw: jest.fast-check.cjs). */
const RUNS = { numRuns: 150 };

function parse(text: string, filename: string, format: TranscriptFormat): ParsedTranscript {
  const parsed = parseTranscriptText(text, { filename });
  expect(parsed.format).toBe(format);
  return parsed;
}

describe('every parser keeps every visible word (property)', () => {
  it('WebVTT with <v> voices', () => {
    fc.assert(
      fc.property(written(), (w) => {
        expectSame(parse(webVttVoices(w), 'x.vtt', 'WEBVTT'), w, speakersOf(w));
      }),
      RUNS,
    );
  });

  it('WebVTT in the `Name: text` cue form', () => {
    fc.assert(
      fc.property(written(), (w) => {
        expectSame(parse(webVttLabels(w), 'x.vtt', 'WEBVTT'), w, speakersOf(w));
      }),
      RUNS,
    );
  });

  it('SRT with `Name: text` labels, HTML tags and SSA overrides', () => {
    fc.assert(
      fc.property(written(), (w) => {
        expectSame(parse(srtLabels(w), 'x.srt', 'SRT'), w, speakersOf(w));
      }),
      RUNS,
    );
  });

  it('SRT without speakers', () => {
    fc.assert(
      fc.property(written(), (w) => {
        const parsed = parse(srtSpeakerless(w), 'x.srt', 'SRT');
        expectSame(parsed, w, null);
        expect(parsed.turns.every((t) => t.speaker === null)).toBe(true);
      }),
      RUNS,
    );
  });

  /**
   * Found by the property above: a capitalised one-word first line over only symbols (`AT&T` over
   * `^`) was read as Teams' `name line` + text layout, so `AT&T` and `Έ` became speakers and the
   * cue left with `^` was dropped as wordless.
   */
  it('SRT without speakers: capitalised one-word lines over symbols stay words', () => {
    const w: Written = {
      seed: 0,
      said: [
        { speaker: 'Ann', words: ['AT&T', '^'], breaks: [true], blankish: [] },
        { speaker: 'Ann', words: ['Έ', '<contact'], breaks: [true], blankish: [] },
      ],
    };
    const parsed = parse(srtSpeakerless(w), 'x.srt', 'SRT');
    expectSame(parsed, w, null);
    expect(parsed.turns.every((t) => t.speaker === null)).toBe(true);
  });

  it('plain text with `Name: text` paragraphs and wrapped lines', () => {
    fc.assert(
      fc.property(written(), (w) => {
        const parsed = parse(textLabels(w), 'x.txt', 'TEXT');
        // Blank-ish lines split paragraphs: a file where fewer than a quarter of the paragraphs
        // start with a label does not use labels (decideLabels), and `Ann:` stays its words.
        const paragraphs = w.said.reduce((n, s) => n + blankishAfter(s).size + 1, 0);
        if (w.said.length < paragraphs * 0.25) {
          const asWritten = w.said.map((s) => `${s.speaker}: ${s.words.join(' ')}`).join(' ');
          expect(norm(parsed.turns.map((t) => t.text).join(' '))).toBe(norm(asWritten));
          return;
        }
        // A paragraph after a blank-ish line continues the speaker only where most are labelled.
        const plainBreaks = w.said.every((s) => blankishAfter(s).size === 0);
        expectSame(parsed, w, plainBreaks ? speakersOf(w) : null);
      }),
      RUNS,
    );
  });

  it('plain text with Otter `Name  0:03` headers', () => {
    fc.assert(
      fc.property(written(), (w) => {
        expectSame(parse(textOtter(w), 'x.txt', 'TEXT'), w, speakersOf(w));
      }),
      RUNS,
    );
  });

  it('plain text with `[00:01:23] Name: text` lines', () => {
    fc.assert(
      fc.property(written(), (w) => {
        expectSame(parse(textStamped(w), 'x.txt', 'TEXT'), w, speakersOf(w));
      }),
      RUNS,
    );
  });

  it('plain text paragraphs without speakers', () => {
    fc.assert(
      fc.property(written(), (w) => {
        expectSame(parse(textParagraphs(w), 'x.txt', 'TEXT'), w, null);
      }),
      RUNS,
    );
  });

  it('speech-to-text JSON: Whisper segments, AssemblyAI and Deepgram utterances', () => {
    const letters = new Map(NAMES.map((n, i) => [n, String.fromCharCode(65 + i)]));
    const numbers = new Map(NAMES.map((n, i) => [n, i]));
    fc.assert(
      fc.property(written(), (w) => {
        expectSame(parse(whisperJson(w), 'x.json', 'STT_JSON'), w, speakersOf(w));
        expectSame(
          parse(assemblyAiJson(w, letters), 'x.json', 'STT_JSON'),
          w,
          w.said.map((s) => `Speaker ${letters.get(s.speaker)}`),
        );
        expectSame(
          parse(deepgramJson(w, numbers), 'x.json', 'STT_JSON'),
          w,
          w.said.map((s) => `Speaker ${(numbers.get(s.speaker) ?? 0) + 1}`),
        );
      }),
      RUNS,
    );
  });

  it('Word documents: `Name: text` paragraphs, where every character is text', async () => {
    await fc.assert(
      fc.asyncProperty(written(), async (w) => {
        const paragraphs = w.said.map((s) => labelled(s, 'none', chooser(w.seed)).join('\n'));
        const parsed = await parseTranscript(makeDocx(paragraphs), { filename: 'x.docx' });
        expect(parsed.format).toBe('DOCX');
        expectSame(parsed, w, null);
      }),
      { numRuns: 40 },
    );
  });
});

describe('the cases that were reported', () => {
  const quote = 'Then the pricing page said <contact sales> which felt like a wall.';
  const escaped = 'Then the pricing page said &lt;contact sales&gt; which felt like a wall.';

  it.each([
    [
      'WebVTT labels',
      `WEBVTT\n\n00:00:01.000 --> 00:00:04.000\nMaya: ${escaped}\n\n00:00:05.000 --> 00:00:06.000\nBo: Why?\n`,
    ],
    ['WebVTT voices', `WEBVTT\n\n00:00:01.000 --> 00:00:04.000\n<v Maya>${escaped}\n`],
    [
      'SRT',
      `1\n00:00:01,000 --> 00:00:04,000\nMaya: ${escaped}\n\n2\n00:00:05,000 --> 00:00:06,000\nBo: Why?\n`,
    ],
    ['plain text', `Maya: ${escaped}\n\nBo: Why?\n`],
    ['plain text, unescaped', `Maya: ${quote}\n\nBo: Why?\n`],
    ['JSON', JSON.stringify({ segments: [{ start: 1, end: 4, text: quote }] })],
  ])('%s keeps "<contact sales>"', (_form, text) => {
    expect(parseTranscriptText(text).turns[0]?.text).toBe(quote);
  });

  it('a Word document keeps "<contact sales>" and "&amp;" as written', async () => {
    const parsed = await parseTranscript(
      makeDocx([`Maya: ${quote}`, 'Bo: Why? AT&T &amp; co.', 'Maya: Because.']),
    );
    expect(parsed.turns.map((t) => t.text)).toEqual([quote, 'Why? AT&T &amp; co.', 'Because.']);
  });
});

describe('no input crashes a parser (property)', () => {
  const FORMATS: Array<TranscriptFormat | undefined> = [
    undefined,
    'WEBVTT',
    'SRT',
    'TEXT',
    'STT_JSON',
  ];

  function acceptsOrRefuses(run: () => ParsedTranscript): void {
    let parsed: ParsedTranscript;
    try {
      parsed = run();
    } catch (error) {
      expect(error).toBeInstanceOf(TranscriptParseError);
      return;
    }
    expect(parsed.turns.length).toBeGreaterThan(0);
    for (const turn of parsed.turns) {
      expect(turn.text).toBe(turn.text.trim());
      expect(turn.text).not.toMatch(/[\u0000-\u0008\u000e-\u001f\u007f]|-->/);
      expect(/[\p{L}\p{N}]/u.test(turn.text)).toBe(true);
    }
  }

  /** Structure-heavy strings: the pieces every format is made of, in any order. */
  const pieces = fc.array(
    fc.oneof(
      fc.constantFrom(
        'WEBVTT',
        '\n',
        '\n\n',
        '\r\n',
        ' --> ',
        '00:00:01.000',
        '00:00:02,500',
        '0:0:1.5',
        '1',
        'NOTE ',
        'STYLE',
        'REGION',
        '<v Ann>',
        '</v>',
        '<c.x>',
        '<ruby>',
        '<rt>',
        '<00:00:01.000>',
        '&lt;',
        '&amp',
        '&#x1F600;',
        '&#0;',
        '&#xD800;',
        'Ann: ',
        '- ',
        '>> ',
        '{',
        '}',
        '[',
        ']',
        '"segments":',
        '"text":',
        '"start":',
        '{\\an8}',
        '[00:01:02] ',
        'Name  0:03',
        '\t',
        '\u0000',
        '\ufeff',
      ),
      fc.string({ unit: 'grapheme', maxLength: 6 }),
    ),
    { maxLength: 40 },
  );

  it('arbitrary strings, read as each format and detected: turns or a TranscriptParseError', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          pieces.map((p) => p.join('')),
          fc.string({ unit: 'binary', maxLength: 200 }),
        ),
        fc.constantFrom(...FORMATS),
        (text, format) => {
          acceptsOrRefuses(() => parseTranscriptText(text, format ? { format } : {}));
        },
      ),
      { numRuns: 500 },
    );
  });

  it('generated transcripts with random edits (cut, inserted, duplicated) still parse or are refused', () => {
    const writers = [webVttVoices, webVttLabels, srtLabels, textOtter, textStamped, whisperJson];
    fc.assert(
      fc.property(
        written(),
        fc.constantFrom(...writers),
        fc.array(
          fc.tuple(
            fc.nat(),
            fc.nat(),
            pieces.map((p) => p.join('')),
          ),
          { maxLength: 5 },
        ),
        (w, write, edits) => {
          let text = write(w);
          for (const [at, length, insert] of edits) {
            const from = at % (text.length + 1);
            text = text.slice(0, from) + insert + text.slice(from + (length % 8));
          }
          acceptsOrRefuses(() => parseTranscriptText(text));
        },
      ),
      { numRuns: 300 },
    );
  });

  it('arbitrary bytes, and bytes behind a ZIP signature: turns or a TranscriptParseError', async () => {
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ maxLength: 600 }), fc.boolean(), async (bytes, zip) => {
        const input = zip ? new Uint8Array([0x50, 0x4b, 0x03, 0x04, ...bytes]) : bytes;
        let parsed: ParsedTranscript | null = null;
        try {
          parsed = await parseTranscript(input);
        } catch (error) {
          expect(error).toBeInstanceOf(TranscriptParseError);
        }
        if (parsed) expect(parsed.turns.length).toBeGreaterThan(0);
      }),
      { numRuns: 300 },
    );
  });

  it('UTF-8 text reads the same with and without a byte-order mark', async () => {
    await fc.assert(
      fc.asyncProperty(written(), async (w) => {
        const text = webVttLabels(w);
        const utf8 = await parseTranscript(bytesOf(text));
        const bom = await parseTranscript(bytesOf(`\ufeff${text}`));
        expect(bom.turns).toEqual(utf8.turns);
      }),
      { numRuns: 50 },
    );
  });
});

/**
 * Counterexamples the properties found that are kept as known failures. A speakerless SRT whose
 * every cue starts with a capitalised line over more words, one of them of two words
 * (`Häuser Ŀ`), has the shape of Teams' `name line` + text layout (`Some Body` / `OK. Yeah.`),
 * and nothing in the file tells the two apart; the heuristic reads it as names. `failing` turns
 * red the day it passes, so it is then moved up as a plain case.
 */
describe('known gaps found by the properties', () => {
  it.failing(
    'SRT without speakers: a two-word capitalised first line in every cue stays words',
    () => {
      const w: Written = {
        seed: 0,
        said: [
          { speaker: 'Ann', words: ['Häuser', 'Ŀ', 'yes'], breaks: [false, true], blankish: [] },
          { speaker: 'Ann', words: ['Straße', '一'], breaks: [true], blankish: [] },
        ],
      };
      expectSame(parse(srtSpeakerless(w), 'x.srt', 'SRT'), w, null);
    },
  );
});
