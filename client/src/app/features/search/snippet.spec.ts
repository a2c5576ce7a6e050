import { describe, expect, it } from 'vitest';
import { snippetParts } from './snippet';

describe('snippetParts', () => {
  it('splits marked and unmarked runs', () => {
    expect(snippetParts('the <mark>export</mark> step was <mark>slow</mark>')).toEqual([
      { text: 'the ', marked: false },
      { text: 'export', marked: true },
      { text: ' step was ', marked: false },
      { text: 'slow', marked: true },
    ]);
  });

  it('decodes the api’s escaping once, so text shows as it was said', () => {
    expect(snippetParts('R&amp;D said &lt;b&gt; is &quot;bold&quot;')).toEqual([
      { text: 'R&D said <b> is "bold"', marked: false },
    ]);
  });

  it('never turns any other markup into elements: it stays literal text', () => {
    const parts = snippetParts('<img src=x onerror=alert(1)><mark>hit</mark><script>x</script>');
    expect(parts).toEqual([
      { text: '<img src=x onerror=alert(1)>', marked: false },
      { text: 'hit', marked: true },
      { text: '<script>x</script>', marked: false },
    ]);
  });

  it('does not let an escaped mark tag become a mark', () => {
    expect(snippetParts('&lt;mark&gt;not a match&lt;/mark&gt;')).toEqual([
      { text: '<mark>not a match</mark>', marked: false },
    ]);
  });

  it('ends an unclosed mark with the snippet and joins adjacent runs', () => {
    expect(snippetParts('a <mark>b<mark>c')).toEqual([
      { text: 'a ', marked: false },
      { text: 'bc', marked: true },
    ]);
    expect(snippetParts('')).toEqual([]);
  });
});
