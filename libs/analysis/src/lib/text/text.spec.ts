import { cosine, splitSentences, stem, TfIdfModel, tokenize, tokenizeWithOffsets } from './index';

describe('tokenize', () => {
  it('lower-cases, drops stop words and fillers, and stems', () => {
    expect(tokenize('Um, I think the Prices were, like, really confusing')).toEqual([
      'price',
      'confus',
    ]);
  });

  it('keeps non-English letters and reports UTF-16 offsets that slice back to the word', () => {
    const text = '😀 Das Über-Design ist naïve';
    const tokens = tokenizeWithOffsets(text, { stopWords: false });
    expect(tokens.map((t) => text.slice(t.start, t.end))).toEqual([
      'Das',
      'Über-Design',
      'ist',
      'naïve',
    ]);
  });
});

describe('stem', () => {
  it('maps inflected forms to one key', () => {
    expect(new Set(['price', 'prices', 'pricing', 'priced'].map((w) => stem(w))).size).toBe(1);
    expect(stem('onboarding')).toBe(stem('onboarded'));
    expect(stem('emotional')).toBe(stem('emotions'));
  });
});

describe('splitSentences', () => {
  it('splits lower-case transcripts and keeps abbreviations and decimals together', () => {
    const text = 'i felt calm. it cost $3.50 e.g. per month! Dr. Smith agreed?';
    expect(splitSentences(text).map((s) => s.text)).toEqual([
      'i felt calm.',
      'it cost $3.50 e.g. per month!',
      'Dr. Smith agreed?',
    ]);
  });

  it('returns UTF-16 offsets that slice the text, emoji included', () => {
    const text = '🙂🙂 Great onboarding. 👍 Pricing hurt — sehr teuer.\nNext line';
    for (const s of splitSentences(text)) expect(text.slice(s.start, s.end)).toBe(s.text);
    expect(splitSentences(text)).toHaveLength(3);
  });

  it('gives nothing for empty or blank text', () => {
    expect(splitSentences('')).toEqual([]);
    expect(splitSentences('  \n ')).toEqual([]);
  });
});

describe('TF-IDF', () => {
  it('scores documents on the same topic closer than documents on another', () => {
    const docs = [
      'the price is too high',
      'pricing and cost of the plan',
      'we hired two engineers',
      'hiring is slow',
    ].map((d) => tokenize(d));
    const model = new TfIdfModel(docs);
    const q = model.vector(tokenize('the prices are high'));
    expect(cosine(q, model.vector(docs[0]!))).toBeGreaterThan(cosine(q, model.vector(docs[2]!)));
    expect(cosine(q, model.vector([]))).toBe(0);
  });
});
