import { describe, expect, it } from 'vitest';
import { isSafeHref, renderMarkdown } from './markdown';

/** The rendered HTML as a DOM, to look at what a browser would make of it. */
function dom(markdown: string): HTMLElement {
  const host = document.createElement('div');
  host.innerHTML = renderMarkdown(markdown);
  return host;
}

describe('renderMarkdown', () => {
  it('renders the Markdown an insight uses', () => {
    const html = renderMarkdown(
      '# Finding\n\nTeams **stall** at _setup_.\n\n- one\n- two\n\n> said twice\n\n`code`',
    );
    expect(html).toContain('<h3>Finding</h3>');
    expect(html).toContain('<strong>stall</strong>');
    expect(html).toContain('<em>setup</em>');
    expect(html).toContain('<li>one</li>');
    expect(html).toContain('<blockquote>');
    expect(html).toContain('<code>code</code>');
  });

  it('shows an HTML image with an onerror handler as text, not as an element', () => {
    const host = dom('<img src=x onerror=alert(1)>');
    expect(host.querySelector('img')).toBeNull();
    expect(host.querySelector('[onerror]')).toBeNull();
    expect(host.textContent).toContain('<img src=x onerror=alert(1)>');
  });

  it('never lets a script, iframe, style or event handler through', () => {
    const host = dom(
      [
        '<script>alert(1)</script>',
        '<iframe src="https://evil.example"></iframe>',
        '<svg onload=alert(1)><circle /></svg>',
        '<a href="https://ok.example" onclick="alert(1)">x</a>',
        '<style>body{display:none}</style>',
        'text <span onmouseover="alert(1)">hover</span>',
      ].join('\n\n'),
    );
    for (const selector of ['script', 'iframe', 'svg', 'style', 'span', '[onclick]', '[onload]'])
      expect(host.querySelector(selector)).toBeNull();
  });

  it('keeps the words of a javascript: link and drops its address', () => {
    for (const href of [
      'javascript:alert(1)',
      'JaVaScRiPt:alert(1)',
      ' javascript:alert(1)',
      'java\tscript:alert(1)',
      'data:text/html,<script>alert(1)</script>',
      'vbscript:msgbox(1)',
    ]) {
      const host = dom(`[x](${href})`);
      expect(host.querySelector('a')).toBeNull();
      expect(host.querySelector('[href]')).toBeNull();
      expect(host.textContent).toContain('x');
    }
    expect(dom('[x](javascript:alert(1))').textContent?.trim()).toBe('x');
    expect(dom('<javascript:alert(1)>').querySelector('a')).toBeNull();
  });

  it('opens links to other sites in a new tab without an opener or referrer', () => {
    const link = dom('[guide](https://example.com/a?b=1 "The guide")').querySelector('a')!;
    expect(link.getAttribute('href')).toBe('https://example.com/a?b=1');
    expect(link.getAttribute('rel')).toBe('noopener noreferrer');
    expect(link.getAttribute('target')).toBe('_blank');
    expect(link.getAttribute('title')).toBe('The guide');
    const auto = dom('see https://example.com/x').querySelector('a')!;
    expect(auto.getAttribute('rel')).toBe('noopener noreferrer');
  });

  it('keeps links within the app in the same tab', () => {
    const link = dom('[the board](/p/1/boards/2)').querySelector('a')!;
    expect(link.getAttribute('href')).toBe('/p/1/boards/2');
    expect(link.getAttribute('target')).toBeNull();
    expect(link.getAttribute('rel')).toBe('noopener noreferrer');
  });

  it('shows images as their alt text and loads nothing', () => {
    const host = dom('![a chart](https://tracker.example/pixel.png)');
    expect(host.querySelector('img')).toBeNull();
    expect(host.textContent?.trim()).toBe('a chart');
  });

  it('renders nothing for an empty body', () => {
    expect(renderMarkdown('  \n ')).toBe('');
  });

  it('accepts only http(s), mailto and in-app addresses', () => {
    expect(isSafeHref('https://a.example')).toBe(true);
    expect(isSafeHref('mailto:a@b.example')).toBe(true);
    expect(isSafeHref('/p/1')).toBe(true);
    expect(isSafeHref('#part')).toBe(true);
    expect(isSafeHref('//evil.example')).toBe(false);
    expect(isSafeHref('javascript:alert(1)')).toBe(false);
    expect(isSafeHref('\u0000javascript:alert(1)')).toBe(false);
  });
});
