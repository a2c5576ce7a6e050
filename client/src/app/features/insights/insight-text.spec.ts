import { describe, expect, it } from 'vitest';
import { evidenceLine, excerpt, insightCount } from './insight-text';

describe('excerpt of an insight body', () => {
  it('drops Markdown marks and keeps the words', () => {
    const body = [
      '## Why teams stall',
      '',
      'New teams **stall** at _setup_: see [the guide](https://example.com/guide) and',
      '![a chart](chart.png) `setup.yml`.',
      '',
      '- first point',
      '> a quote',
      '1. numbered',
    ].join('\n');
    expect(excerpt(body)).toBe(
      'Why teams stall New teams stall at setup: see the guide and a chart setup.yml. first point a quote numbered',
    );
  });

  it('shows HTML written in the body as words, never as markup', () => {
    expect(excerpt('Hello <img src=x onerror=alert(1)> <b>world</b>')).toBe('Hello world');
  });

  it('cuts long text at a word boundary with an ellipsis', () => {
    const body = 'onboarding '.repeat(40);
    const text = excerpt(body, 50);
    expect(text.length).toBeLessThanOrEqual(51);
    expect(text.endsWith('onboarding…')).toBe(true);
  });

  it('cuts a single long word where it must', () => {
    expect(excerpt('a'.repeat(30), 10)).toBe(`${'a'.repeat(10)}…`);
  });

  it('leaves short text and empty bodies alone', () => {
    expect(excerpt('Short.')).toBe('Short.');
    expect(excerpt('')).toBe('');
  });

  it('keeps snake_case and multiplication intact', () => {
    expect(excerpt('use snake_case_names and 2 * 3 * 4')).toBe(
      'use snake_case_names and 2 * 3 * 4',
    );
  });
});

describe('evidence line', () => {
  it('counts highlights, participants and interviews', () => {
    expect(evidenceLine({ highlights: 1, participants: 2, transcripts: 0 })).toBe(
      '1 highlight · 2 participants · 0 interviews',
    );
  });
});

describe('count of a list of insights', () => {
  it('says how many insights or matches there are', () => {
    expect(insightCount(1, false, false)).toBe('1 insight');
    expect(insightCount(4190, false, false)).toBe('4,190 insights');
    expect(insightCount(1, false, true)).toBe('1 match');
    expect(insightCount(0, false, true)).toBe('0 matches');
  });

  it('says "1,000+" when the count stopped at its cap', () => {
    expect(insightCount(1000, true, false)).toBe('1,000+ insights');
    expect(insightCount(1000, true, true)).toBe('1,000+ matches');
  });
});
