import { decideLabels, isFullNameLine, isNameLine, splitLabel } from './speaker-labels';

describe('splitLabel', () => {
  it.each([
    ['Ann Lee: hello', 'Ann Lee', 'hello'],
    ['[SPEAKER_01]: Hola', 'SPEAKER_01', 'Hola'],
    ['**Max:** text', 'Max', 'text'],
    ['**Max**: text', 'Max', 'text'],
    ['MAN:\nHow did we end up here?', 'MAN', 'How did we end up here?'],
    ['Dr. Melissa Ko:\tCould also consider', 'Dr. Melissa Ko', 'Could also consider'],
    ['admin-1:     Sure.', 'admin-1', 'Sure.'],
  ])('finds the label in %j', (text, label, rest) => {
    expect(splitLabel(text)).toEqual({ label, rest });
  });

  it.each([
    'We start at 10:30 sharp.',
    'See https://example.com now',
    'Note: this is recorded.',
    'NOTE: this is recorded.',
    'e.g.: an example',
    'This sentence has far too many words before: the colon',
    'Ratio 3:1 is fine',
    ': leading colon',
    '"Quoted": text',
  ])('finds no label in %j', (text) => {
    expect(splitLabel(text)).toBeNull();
  });
});

describe('decideLabels', () => {
  const entry = (label: string | null, blockStart = true) => ({ label, blockStart });

  it('ignores a label when the file does not use labels', () => {
    const decision = decideLabels(
      [
        entry('Ann'),
        entry(null),
        entry(null),
        entry(null),
        entry(null),
        entry(null),
        entry(null),
        entry(null),
      ],
      false,
    );
    expect(decision.isSpeaker('Ann', true)).toBe(false);
  });

  it('accepts recurring labels, and one-off name-like labels only at the start of a block', () => {
    const decision = decideLabels(
      [entry('Ann'), entry('Bo'), entry('Ann'), entry('Bo'), entry('Automation'), entry('admin-1')],
      false,
    );
    expect(decision.isSpeaker('Ann', false)).toBe(true);
    expect(decision.isSpeaker('Automation', true)).toBe(true);
    expect(decision.isSpeaker('Automation', false)).toBe(false);
    expect(decision.isSpeaker('admin-1', true)).toBe(false);
  });

  it('accepts a one-off ALL-CAPS label in subtitles (the captioning convention)', () => {
    const entries = [entry(null), entry('MAN'), entry(null), entry(null), entry(null), entry(null)];
    expect(decideLabels(entries, true).isSpeaker('MAN', true)).toBe(true);
    expect(decideLabels(entries, false).isSpeaker('MAN', true)).toBe(false);
  });
});

describe('isNameLine', () => {
  it('accepts a name on its own line and rejects sentences', () => {
    expect(isNameLine('Some Body')).toBe(true);
    expect(isNameLine('James Bond')).toBe(true);
    expect(isNameLine('OK. Yeah.')).toBe(false);
    expect(isNameLine('We don’t belong')).toBe(false);
    expect(isNameLine('Hello there,')).toBe(false);
  });
});

describe('isFullNameLine', () => {
  it('takes full names, roles and numbered codes as plainly speakers, not one capitalised word', () => {
    expect(isFullNameLine('Some Body')).toBe(true);
    expect(isFullNameLine('Interviewer')).toBe(true);
    expect(isFullNameLine('P1')).toBe(true);
    expect(isFullNameLine('Speaker 2')).toBe(true);
    expect(isFullNameLine('Häuser')).toBe(false);
    expect(isFullNameLine('AT&T')).toBe(false);
    expect(isFullNameLine('OK. Yeah.')).toBe(false);
  });
});
