import { discoverThemes, type ThemeDoc } from './themes';

const pricing = [
  'The price of the premium plan is far too high for us.',
  'We compared the cost with other tools and the price was double.',
  'Budget approval for the subscription price took months.',
  'The price per seat makes the cost grow with every hire.',
  'Our budget could not cover the yearly price increase.',
];
const search = [
  'Search never finds the document I need, search results are random.',
  'I gave up on search and scroll through folders instead.',
  'The search filters reset whenever I open a result.',
  'Search is slow and the results miss obvious documents.',
  'Better search results would save me an hour a day.',
];
const noise = ['Hello there.', 'Thanks, bye!', 'The weather was nice on Tuesday.'];

const docs: ThemeDoc[] = [...pricing, ...search, ...noise].map((text, i) => ({ key: `t${i}`, text, speaker: `p${i % 4}` }));

describe('discoverThemes', () => {
  it('finds the pricing and search themes, named by their keywords', () => {
    const themes = discoverThemes(docs);
    const names = themes.map((t) => t.name.toLowerCase());
    expect(names.some((n) => n.includes('price'))).toBe(true);
    expect(names.some((n) => n.includes('search'))).toBe(true);
    const priceTheme = themes.find((t) => t.name.toLowerCase().includes('price'))!;
    expect(priceTheme.members.every((m) => Number(m.key.slice(1)) < pricing.length)).toBe(true);
    expect(priceTheme.definition).toMatch(/quotes from \d speakers/);
  });

  it('member offsets slice the quoted sentence from the doc', () => {
    const emojiDocs = docs.map((d) => ({ ...d, text: `🙂 Ok. ${d.text}` }));
    for (const theme of discoverThemes(emojiDocs)) {
      for (const m of theme.members) {
        const text = emojiDocs.find((d) => d.key === m.key)!.text;
        const quote = text.slice(m.start, m.end);
        expect(quote.length).toBeGreaterThan(0);
        expect(text.includes(quote)).toBe(true);
        expect(m.score).toBeGreaterThanOrEqual(0);
        expect(m.score).toBeLessThanOrEqual(1);
      }
    }
  });

  it('is deterministic', () => {
    expect(discoverThemes([...docs])).toEqual(discoverThemes(docs));
  });

  it('gives nothing for empty or tiny input', () => {
    expect(discoverThemes([])).toEqual([]);
    expect(discoverThemes(docs.slice(0, 2))).toEqual([]);
  });
});
