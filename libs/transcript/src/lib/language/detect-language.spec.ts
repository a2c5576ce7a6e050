import { fixtureBytes } from '../../testing/fixture-files';
import { parseTranscript } from '../parse-transcript';
import { detectLanguage, languageSample, MIN_DETECTION_LETTERS } from './detect-language';

async function turnTexts(file: string): Promise<string[]> {
  const parsed = await parseTranscript(fixtureBytes(`language/${file}`), { filename: file });
  expect(parsed.language).toBeNull();
  return parsed.turns.map((t) => t.text);
}

describe('detectLanguage', () => {
  it.each([
    ['expenses-interview-en.txt', 'en'],
    ['expenses-interview-de.vtt', 'de'],
    ['expenses-interview-es.srt', 'es'],
    ['expenses-interview-fr.txt', 'fr'],
  ])('finds the language of %s, which declares none: %s', async (file, language) => {
    expect(detectLanguage(await turnTexts(file))).toMatchObject({ language });
  });

  it('does not guess from too little text', () => {
    expect(detectLanguage(['Yes.', 'Okay, thanks.', 'Interviewing users takes patience.'])).toBe(
      null,
    );
    expect(detectLanguage([])).toBeNull();
  });

  it('does not guess when the text mixes languages evenly', () => {
    const mixed = [
      'Das ist wirklich gut so.',
      'It is really good like that.',
      'Es realmente bueno así.',
      "C'est vraiment bien comme ça.",
    ];
    expect(detectLanguage(Array(8).fill(mixed).flat())).toBeNull();
  });

  it('ignores links, numbers and [bracketed] notes, which say nothing about the language', () => {
    const sample = languageSample([
      'Wir haben 12 Tabellen [inaudible] auf https://example.com/x gesehen <crosstalk>.',
    ]);
    expect(sample).toBe('Wir haben Tabellen auf gesehen .');
  });

  it('samples evenly from long transcripts and needs enough letters', () => {
    const turns = Array.from({ length: 500 }, (_, i) => `Turn ${i}: ${'word '.repeat(50)}`);
    expect(languageSample(turns).length).toBeLessThanOrEqual(4000);
    expect(MIN_DETECTION_LETTERS).toBeGreaterThan(100);
  });
});
