import { fixtureBytes } from '../../testing/fixture-files';
import { parseTranscript } from '../parse-transcript';
import {
  detectLanguage,
  detectTranscriptLanguage,
  detectTranscriptLanguageCode,
  languageSample,
  MIN_DETECTION_LETTERS,
} from './detect-language';

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

describe('detectTranscriptLanguage', () => {
  const german = 'Die Rechnungen kommen jeden Monat per Post und ich tippe sie in die Tabelle ein.';
  const english = 'The invoices arrive every month by post and I type them into the spreadsheet.';

  it('reads turns from the whole transcript, not only its opening', () => {
    // A long English warm-up, then a much longer German interview: the first few hundred turns
    // alone would say English.
    const turns = [
      ...Array.from({ length: 300 }, () => ({ text: english })),
      ...Array.from({ length: 3000 }, () => ({ text: german })),
    ];
    expect(detectTranscriptLanguage(turns)).toMatchObject({ language: 'de' });
  });

  it('gives the same answer as detectLanguage on a short transcript', async () => {
    const texts = await turnTexts('expenses-interview-es.srt');
    expect(detectTranscriptLanguage(texts.map((text) => ({ text })))).toEqual(
      detectLanguage(texts),
    );
    expect(detectTranscriptLanguage([])).toBeNull();
  });
});

describe('detectTranscriptLanguageCode', () => {
  const said = {
    en: 'The invoices arrive every month by post and I type them into the spreadsheet.',
    de: 'Die Rechnungen kommen jeden Monat per Post und ich tippe sie in die Tabelle ein.',
    es: 'Las facturas llegan cada mes por correo y las escribo en la hoja de cálculo.',
    fr: 'Les factures arrivent chaque mois par la poste et je les tape dans le tableur.',
  };
  const short = ['Yes.', 'Okay.', 'Mm-hmm.', 'Right, go on.'];

  /** Transcripts of every mix: one language, two in turns or in blocks, short turns between. */
  function transcripts(): { text: string }[][] {
    const out: { text: string }[][] = [];
    const languages = Object.values(said);
    for (const length of [0, 3, 12, 40, 199, 200, 201, 600, 1500]) {
      for (const [a, b] of [
        [0, 0],
        [0, 1],
        [2, 3],
      ] as const) {
        for (const share of [0, 0.1, 0.25, 0.3, 0.35, 0.5, 0.65, 0.7, 0.9]) {
          out.push(
            Array.from({ length }, (_, i) => ({
              text:
                i % 5 === 4
                  ? (short[i % short.length] ?? '')
                  : ((i / Math.max(1, length) < share ? languages[b] : languages[a]) ?? ''),
            })),
          );
          out.push(
            Array.from({ length }, (_, i) => ({
              text: (((i * 7919) % 100) / 100 < share ? languages[b] : languages[a]) ?? '',
            })),
          );
        }
      }
    }
    return out;
  }

  it('gives the code detectTranscriptLanguage gives, for every mix of languages', () => {
    for (const turns of transcripts())
      expect(detectTranscriptLanguageCode(turns)).toBe(
        detectTranscriptLanguage(turns)?.language ?? null,
      );
  });

  it.each([
    'expenses-interview-en.txt',
    'expenses-interview-de.vtt',
    'expenses-interview-es.srt',
    'expenses-interview-fr.txt',
  ])('gives the same code on %s', async (file) => {
    const turns = (await turnTexts(file)).map((text) => ({ text }));
    expect(detectTranscriptLanguageCode(turns)).toBe(detectTranscriptLanguage(turns)?.language);
  });
});
