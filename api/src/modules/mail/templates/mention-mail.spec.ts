import { commentAsText } from './mention-mail';

describe('a comment quoted in a mention e-mail', () => {
  it('reads as words: mentions by name, links as their words, emphasis marks gone', () => {
    expect(
      commentAsText(
        '[@Ana Lima](mention:5f0c) look at **this** and _that_ in `pricing_v2`\r\n> quoted\n\n\n\n# Heading',
      ),
    ).toBe('@Ana Lima look at this and that in pricing_v2\nquoted\n\nHeading');
  });

  it('leaves underscores inside words alone', () => {
    expect(commentAsText('see file_name_final and a*b*c')).toBe('see file_name_final and a*b*c');
  });

  it('is cut on a word boundary past 1,000 characters, with an ellipsis', () => {
    const text = commentAsText('word '.repeat(400));
    expect(text.length).toBeLessThanOrEqual(1_001);
    expect(text.endsWith('word…')).toBe(true);
  });
});
