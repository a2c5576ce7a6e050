import { describe, expect, it } from 'vitest';
import { languageLabel, languageName, withCurrent } from './language-names';

const KNOWN = [
  { code: 'de', name: 'German' },
  { code: 'en', name: 'English' },
];

describe('language names', () => {
  it('says where a language comes from', () => {
    expect(languageLabel('de', 'DETECTED', KNOWN)).toBe('Detected: German');
    expect(languageLabel('en', 'FILE', KNOWN)).toBe('From the file: English');
    expect(languageLabel('de', 'MANUAL', KNOWN)).toBe('Set by hand: German');
    expect(languageLabel('de', 'PROJECT', KNOWN)).toBe('Project default: German');
    expect(languageLabel(null, null, KNOWN)).toBe('No language (search does not stem)');
  });

  it('names languages the server does not list by the browser, else by their tag', () => {
    expect(languageName('DE', KNOWN)).toBe('German');
    expect(languageName('ja')).toBe('Japanese');
    expect(languageName('not a tag')).toBe('not a tag');
  });

  it('offers the current language even when search cannot stem it', () => {
    expect(withCurrent(KNOWN, 'de')).toEqual(KNOWN);
    expect(withCurrent(KNOWN, 'ja')).toEqual([...KNOWN, { code: 'ja', name: 'Japanese' }]);
  });
});
