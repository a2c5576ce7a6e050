import { describe, expect, it } from 'vitest';
import { excerpt } from './excerpt';

describe('excerpt of a Markdown body', () => {
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
