import { GENERIC_SPOKEN_WORDS } from './generic-words';
import { discoverThemes, type ThemeDoc } from './themes';

// Turns with enough content words to be quoted (six or more besides stop words and generic words).
const pricing = [
  'The price of the premium plan is far too high for our small design agency.',
  'We compared the cost with other tools and the price was double what the finance team expected.',
  'Budget approval for the subscription price took months with procurement and legal.',
  'The price per seat makes the cost grow with every hire in the sales department.',
  'Our budget could not cover the yearly price increase announced in the renewal email.',
];
const search = [
  'Search never finds the document I need, search results are random and outdated.',
  'I gave up on search and scroll through folders instead, clicking every subfolder by hand.',
  'The search filters reset whenever I open a result and go back to the list.',
  'Search is slow and the results miss obvious documents like contracts and reports.',
  'Better search results would save me an hour a day of digging through the wiki.',
];
const noise = ['Hello there.', 'Thanks, bye!', 'The weather was nice on Tuesday.'];

const docs: ThemeDoc[] = [...pricing, ...search, ...noise].map((text, i) => ({
  key: `t${i}`,
  text,
  speaker: `p${i % 4}`,
}));

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

  it('names a theme by the pair of words its passages use ("Computer Science", "Web Security")', () => {
    const cs = [
      'Our computer science committee met every month to plan the new curriculum.',
      'The computer science committee asked teachers what the curriculum should cover.',
      'Before the committee, computer science meant one elective course at the high school.',
      'Parents on the committee wanted computer science in every elementary classroom.',
      'The committee wrote a computer science plan for the district board.',
    ];
    const web = [
      'Web security starts with validating every input the browser sends to the server.',
      'Developers skip web security when a deadline is close and ship the form anyway.',
      'Cross site scripting is the web security hole developers meet first.',
      'A web security review found passwords stored in plain text by the developers.',
      'Web security training for developers covers cookies, sessions and scripting attacks.',
    ];
    const themes = discoverThemes([...cs, ...web].map((text, i) => ({ key: `d${i}`, text })));
    const names = themes.map((t) => t.name);
    expect(names.some((n) => n.includes('Computer Science'))).toBe(true);
    expect(names.some((n) => n.includes('Web Security'))).toBe(true);
  });

  describe('on talk full of generic spoken words', () => {
    const filler = [
      'Thank you.',
      'Yeah, sure.',
      'Okay, thank you so much.',
      'Right, right.',
      'I want to make sure people look at it.',
    ];
    const talk: ThemeDoc[] = [];
    for (let i = 0; i < 12; i++) {
      talk.push({
        key: `p${i}`,
        text: `Thank you, I want to make sure people still look at the invoice and the price of the plan every year, you know. ${pricing[i % pricing.length]}`,
      });
      talk.push({
        key: `s${i}`,
        text: `Yeah, people want to make sure, thank you, they still use the search every year, really. ${search[i % search.length]}`,
      });
      talk.push({ key: `f${i}`, text: filler[i % filler.length] as string });
    }
    const themes = discoverThemes(talk, { maxQuotesPerTheme: 5 });
    const generic = new Set(GENERIC_SPOKEN_WORDS);

    it('still finds the themes', () => {
      expect(themes.length).toBeGreaterThanOrEqual(2);
    });

    it('never names a theme with a generic word', () => {
      for (const theme of themes) {
        for (const word of theme.name
          .toLowerCase()
          .split(/[\s·]+/)
          .filter(Boolean))
          expect(generic.has(word)).toBe(false);
        expect(
          theme.keywords.some((k) =>
            ['thank', 'people', 'want', 'make', 'sure', 'look', 'still', 'year', 'use'].includes(k),
          ),
        ).toBe(false);
      }
    });

    it('quotes at most maxQuotesPerTheme turns, the most representative first, one quote per turn', () => {
      for (const theme of themes) {
        expect(theme.members.length).toBeLessThanOrEqual(5);
        const scores = theme.members.map((m) => m.score);
        expect(scores).toEqual([...scores].sort((a, b) => b - a));
        expect(new Set(theme.members.map((m) => m.key)).size).toBe(theme.members.length);
      }
      expect(discoverThemes(talk).every((t) => t.members.length <= 8)).toBe(true);
    });

    it('never quotes a short turn like "Thank you."', () => {
      const quoted = themes.flatMap((t) => t.members.map((m) => m.key));
      expect(quoted.length).toBeGreaterThan(0);
      expect(quoted.some((k) => k.startsWith('f'))).toBe(false);
    });

    it('is deterministic', () => {
      expect(discoverThemes([...talk], { maxQuotesPerTheme: 5 })).toEqual(themes);
    });
  });

  it('gives nothing when no turn has enough content', () => {
    const short = Array.from({ length: 40 }, (_, i) => ({
      key: `k${i}`,
      text: ['Thank you.', 'Yeah, sure, I know.', 'Okay, great, thanks!', 'Right.'][
        i % 4
      ] as string,
    }));
    expect(discoverThemes(short)).toEqual([]);
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
