import { describe, expect, it } from 'vitest';
import { refusalPage, withoutAppLinks } from './share-refusal';

describe('share link refusals', () => {
  it('says an expired link has expired', () => {
    expect(
      refusalPage({ code: 'NOT_FOUND', message: 'x', details: { reason: 'EXPIRED' } })?.title,
    ).toBe('This link has expired');
  });

  it('says a revoked link was turned off', () => {
    expect(
      refusalPage({ code: 'NOT_FOUND', message: 'x', details: { reason: 'REVOKED' } })?.title,
    ).toBe('This link was turned off');
  });

  it('says an unknown token, or one without a reason, does not exist', () => {
    expect(
      refusalPage({ code: 'NOT_FOUND', message: 'x', details: { reason: 'UNKNOWN' } })?.title,
    ).toBe('This link does not exist');
    expect(refusalPage({ code: 'NOT_FOUND', message: 'x' })?.title).toBe(
      'This link does not exist',
    );
  });

  it('leaves other errors to the page (a lost connection is not a dead link)', () => {
    expect(refusalPage({ code: 'NETWORK', message: 'offline' })).toBeNull();
    expect(refusalPage({ code: 'UNKNOWN', message: 'boom' })).toBeNull();
  });

  it('drops links into the app from shared text and keeps their words and other links', () => {
    const html =
      '<p><a href="/p/1/insights/2">our insight</a>, <a href="#top">top</a> and ' +
      '<a href="https://example.com/x" rel="noopener">a site</a></p>';
    expect(withoutAppLinks(html)).toBe(
      '<p>our insight, top and <a href="https://example.com/x" rel="noopener">a site</a></p>',
    );
  });
});
