import fc from 'fast-check';
import {
  locateTurns,
  paragraphsToTurns,
  type TextTurn,
  textToTranscript,
  transcriptToText,
  TurnPositions,
  turnsForText,
} from './transcript-text';

const interview: TextTurn[] = [
  { speaker: 'Interviewer', startMs: 0, text: 'Qu’est-ce qui a changé ? 🤔' },
  { speaker: 'Zoë Ñúñez', startMs: 83_450, text: 'Le prix 💶, surtout.\nEt l’équipe.' },
  { speaker: null, startMs: null, text: '[laughs]' },
  { speaker: 'Interviewer', startMs: null, text: 'Note: thanks.' },
];

describe('transcriptToText', () => {
  it('writes one labelled block per turn with a blank line between turns', () => {
    const { text } = transcriptToText(interview);
    expect(text).toBe(
      '[00:00:00] Interviewer: Qu’est-ce qui a changé ? 🤔\n\n' +
        '[00:01:23.450] Zoë Ñúñez: Le prix 💶, surtout.\nEt l’équipe.\n\n' +
        '[laughs]\n\n' +
        'Interviewer: Note: thanks.',
    );
  });

  it('says where each turn’s own text is in the whole text', () => {
    const laid = transcriptToText(interview);
    interview.forEach((turn, i) => {
      expect(laid.text.slice(laid.starts[i], laid.starts[i]! + laid.lengths[i]!)).toBe(turn.text);
    });
  });

  it('gives an empty text for no turns', () => {
    expect(transcriptToText([])).toEqual({ text: '', starts: [], lengths: [] });
  });
});

describe('TurnPositions', () => {
  const laid = transcriptToText(interview);
  const positions = new TurnPositions(laid);

  it('maps every offset of every turn to the text and back to the same place', () => {
    interview.forEach((turn, i) => {
      for (let offset = 0; offset <= turn.text.length; offset++) {
        const at = positions.toText({ turn: i, offset });
        const side = offset === 0 ? 'start' : 'end';
        expect(positions.fromText(at, side)).toEqual({ turn: i, offset });
        if (offset < turn.text.length)
          expect(positions.fromText(at, 'start')).toEqual({ turn: i, offset });
      }
    });
  });

  it('moves a start inside a label forward and an end inside a label back to the words', () => {
    const labelOfSecond = laid.text.indexOf('[00:01:23.450]');
    expect(positions.fromText(labelOfSecond + 3, 'start')).toEqual({ turn: 1, offset: 0 });
    expect(positions.fromText(labelOfSecond + 3, 'end')).toEqual({
      turn: 0,
      offset: interview[0]!.text.length,
    });
    expect(positions.fromText(0, 'end')).toBeNull();
    expect(positions.fromText(laid.text.length, 'start')).toBeNull();
  });

  it('refuses an offset outside its turn', () => {
    expect(() => positions.toText({ turn: 0, offset: 999 })).toThrow(RangeError);
    expect(() => positions.toText({ turn: 9, offset: 0 })).toThrow(RangeError);
  });
});

describe('textToTranscript', () => {
  it('reads Verbatim’s own layout back into the same turns at the same positions', () => {
    const laid = transcriptToText(interview);
    const read = textToTranscript(laid.text);
    expect(read?.layout).toBe('VERBATIM');
    expect(read?.turns).toEqual(interview);
    expect(read?.starts).toEqual(laid.starts);
    expect(read?.lengths).toEqual(laid.lengths);
  });

  it('does not take text that is not in the layout', () => {
    expect(textToTranscript('Just a paragraph.\n\nAnother one.')).toBeNull();
    expect(textToTranscript('Anna: hi\n\n\n\nBen: ho')).toBeNull();
    expect(textToTranscript('')).toBeNull();
  });

  it('gives every generated transcript back with its turns and positions', () => {
    // Speaker labels as Verbatim stores them: one line, single spaces.
    const speaker = fc.option(
      fc
        .stringMatching(/^[A-Za-zÀ-ÿ][A-Za-zÀ-ÿ .'-]{0,20}[A-Za-zÀ-ÿ]$/)
        .map((s) => s.replace(/\s+/g, ' ')),
      { nil: null },
    );
    const word = fc.stringMatching(/^[\p{L}\p{N},.!?'’🙂😀-]{1,8}$/u);
    const text = fc
      .array(word, { minLength: 1, maxLength: 8 })
      .map((words) => words.join(' '))
      .filter((t) => !/^[^\s:[\]][^\n:]{0,199}?: /.test(t));
    const turn = fc.record({
      speaker,
      startMs: fc.option(fc.integer({ min: 0, max: 36_000_000 }), { nil: null }),
      text,
    });
    fc.assert(
      fc.property(fc.array(turn, { minLength: 1, maxLength: 6 }), (turns) => {
        fc.pre(turns.some((t) => t.speaker !== null || t.startMs !== null));
        const laid = transcriptToText(turns);
        const read = textToTranscript(laid.text);
        expect(read?.turns).toEqual(turns);
        expect(read?.starts).toEqual(laid.starts);
      }),
      { numRuns: 200 },
    );
  });
});

describe('turnsForText (texts made by other tools)', () => {
  it('reads a transcript with speaker labels as turns, each turn’s words where they were', () => {
    const text =
      'Interviewer: How did you start?\r\n\r\nAnna: With a spreadsheet 📊, honestly.\r\n\r\n' +
      'Interviewer: And then?\r\n\r\nAnna: Then a tool.\r\n';
    const read = turnsForText(text);
    expect(read.layout).toBe('TRANSCRIPT');
    expect(read.turns.map((t) => [t.speaker, t.text])).toEqual([
      ['Interviewer', 'How did you start?'],
      ['Anna', 'With a spreadsheet 📊, honestly.'],
      ['Interviewer', 'And then?'],
      ['Anna', 'Then a tool.'],
    ]);
    const positions = new TurnPositions(read);
    const start = text.indexOf('spreadsheet');
    const end = text.indexOf('then') + 'then'.length;
    const from = positions.fromText(start, 'start')!;
    const to = positions.fromText(end, 'end')!;
    expect(from).toEqual({ turn: 1, offset: 'With a '.length });
    expect(read.turns[to.turn]!.text.slice(0, to.offset)).toBe('And then');
  });

  it('reads other text as paragraphs without a speaker', () => {
    const text = '  Field notes, day one.  \n\nThe café was loud.\nWe left early.\n';
    const read = turnsForText(text);
    expect(read.layout).toBe('PARAGRAPHS');
    expect(read.turns.map((t) => [t.speaker, t.text])).toEqual([
      [null, 'Field notes, day one.'],
      [null, 'The café was loud.'],
      [null, 'We left early.'],
    ]);
    const positions = new TurnPositions(read);
    const at = text.indexOf('loud');
    expect(positions.fromText(at, 'start')).toEqual({ turn: 1, offset: 'The café was '.length });
  });

  it('gives no turns for a text of blanks', () => {
    expect(paragraphsToTurns(' \n\n\t').turns).toEqual([]);
  });
});

describe('locateTurns', () => {
  it('finds turns in order, and refuses when one is not in the text as written', () => {
    expect(locateTurns('A: x y\nB: x', ['x y', 'x'])).toEqual({ starts: [3, 10], lengths: [3, 1] });
    expect(locateTurns('A: x y', ['x  y'])).toBeNull();
  });
});
