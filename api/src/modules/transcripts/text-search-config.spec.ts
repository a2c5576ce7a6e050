import { isConfigName, textSearchConfigFor } from './text-search-config';

describe('textSearchConfigFor', () => {
  it.each([
    ['en', 'english'],
    ['en-GB', 'english'],
    ['EN_us', 'english'],
    ['eng', 'english'],
    ['English', 'english'],
    ['de-DE', 'german'],
    ['Deutsch', 'german'],
    ['pt-BR', 'portuguese'],
    ['nb', 'norwegian'],
    ['fr', 'french'],
    ['es-419', 'spanish'],
    ['ru', 'russian'],
    ['tr', 'turkish'],
  ])('maps %s to %s', (language, config) => {
    expect(textSearchConfigFor(language)).toBe(config);
  });

  it.each([null, undefined, '', '  ', 'ja', 'zh-Hans', 'klingon', 'x-private'])(
    'falls back to simple for %p',
    (language) => {
      expect(textSearchConfigFor(language)).toBe('simple');
    },
  );

  it('only accepts plain identifiers as configuration names', () => {
    expect(isConfigName('english')).toBe(true);
    expect(isConfigName("english'); DROP TABLE segment; --")).toBe(false);
  });
});
