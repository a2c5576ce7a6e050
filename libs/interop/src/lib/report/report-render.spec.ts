import mammoth from 'mammoth';
import { tagFrequencyChart, tagParticipantHeatmap } from './charts';
import { markdownToSafeHtml } from './markdown-html';
import { type ReportDocument } from './model';
import { Pseudonyms, pseudonymLetter } from './pseudonyms';
import { renderReportDocx } from './render-docx';
import { renderReportHtml } from './render-html';
import { renderReportMarkdown } from './render-markdown';

const HOSTILE = `<img src="https://evil.example/x.png" onerror="alert(1)"><script>fetch('https://evil.example')</script>`;

function doc(overrides: Partial<ReportDocument> = {}): ReportDocument {
  return {
    title: `Onboarding study ${HOSTILE}`,
    generatedAt: new Date('2026-12-07T10:00:00Z'),
    pseudonymized: false,
    sections: [
      {
        kind: 'TEXT',
        markdown: `## Summary\n\nPeople **struggle** to start. ${HOSTILE}\n\n[bad](javascript:alert(1)) ![pic](https://evil.example/p.png)`,
      },
      {
        kind: 'INSIGHT',
        title: 'Setup takes too long',
        body: 'Most needed *two weeks*.',
        status: 'PUBLISHED',
        quotes: [
          {
            text: `Onboarding took me two weeks. ${HOSTILE}`,
            speaker: 'Ana Lima',
            transcriptTitle: 'Interview 1',
            startMs: 65_000,
            link: 'https://verbatim.example/t/1?segment=2',
          },
        ],
      },
      { kind: 'THEME', title: 'Pricing', description: 'Seats are confusing.', quotes: [] },
      { kind: 'THEME', title: null, description: '', quotes: [] },
      {
        kind: 'QUOTES',
        quotes: [
          {
            text: 'I never found the export button.',
            speaker: null,
            transcriptTitle: 'Interview 2',
            startMs: null,
            link: null,
          },
        ],
      },
      {
        kind: 'CHART',
        title: 'Tag frequency',
        svg: tagFrequencyChart({
          title: 'Tag frequency',
          bars: [
            { label: `pricing ${HOSTILE}`, count: 3 },
            { label: 'setup', count: 5, color: '#ff0000' },
          ],
        }),
      },
    ],
    ...overrides,
  };
}

describe('report rendering', () => {
  it('writes one self-contained HTML file with hostile strings escaped and nothing to fetch', () => {
    const html = renderReportHtml(doc());
    expect(html).toContain('Content-Security-Policy');
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toMatch(/<img/i);
    expect(html).not.toMatch(/\son\w+="/i);
    expect(html).not.toMatch(/href="javascript:/i);
    // Nothing is loaded: no src, srcset, url() or @import; links are only followed when clicked.
    expect(html).not.toMatch(/\ssrc(set)?="/i);
    expect(html).not.toMatch(/url\(|@import/i);
    expect(html).toContain('&lt;script&gt;');
    expect(html).toContain('break-inside: avoid');
    expect(html).toContain('Ana Lima, Interview 1, 1:05');
    expect(html).toContain('This theme was deleted');
    expect(html).toContain('<svg');
  });

  it('renders Markdown without raw HTML, images or script links', () => {
    const out = markdownToSafeHtml(
      `# Title\n<b onclick="x()">bold</b> [a](javascript:alert(1)) [b](https://ok.example) ![i](https://x.example/i.png)`,
    );
    expect(out).toContain('<h3>Title</h3>');
    expect(out).toContain('&lt;b onclick=&quot;x()&quot;&gt;');
    expect(out).not.toContain('javascript:');
    expect(out).toContain('<a href="https://ok.example"');
    expect(out).not.toContain('<img');
  });

  it('writes Markdown with quotes, citations and the report text', () => {
    const md = renderReportMarkdown(doc());
    expect(md.startsWith('# Onboarding study')).toBe(true);
    expect(md).toContain('> Onboarding took me two weeks.');
    expect(md).toContain('— Ana Lima, Interview 1, 1:05');
    expect(md).toContain('## Setup takes too long');
    expect(md).toContain('\\<script\\>');
  });

  it('escapes hostile tag and participant names in charts and keeps them readable', () => {
    const svg = tagParticipantHeatmap({
      title: 'Tags by participant',
      tags: ['pricing', '<script>x</script>'],
      participants: ['Participant A', 'Ben "B" & co'],
      counts: [
        [1, 0],
        [2, 5],
      ],
    });
    expect(svg).toContain('<title id="t">Tags by participant</title>');
    expect(svg).not.toContain('<script>');
    expect(svg).toContain('&lt;script&gt;');
    expect(svg).toContain('Ben &quot;B&quot; &amp; co');
    expect(svg).toMatch(/>5<\/text>/);
    expect(
      tagFrequencyChart({ title: 't', bars: [{ label: 'a', count: 1, color: 'red;" onload="x' }] }),
    ).not.toContain('onload');
  });

  it('writes a DOCX whose text has the sections, quotes and citations, and the chart as a picture', async () => {
    const png = Uint8Array.from(
      Buffer.from(
        'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
        'base64',
      ),
    );
    const buffer = await renderReportDocx(doc(), { chartPng: () => png });
    const { value } = await mammoth.extractRawText({ buffer });
    expect(value).toContain('Onboarding study');
    expect(value).toContain('Summary');
    expect(value).toContain('Setup takes too long');
    expect(value).toContain('Onboarding took me two weeks.');
    expect(value).toContain('— Ana Lima, Interview 1, 1:05');
    expect(value).toContain('I never found the export button.');
    const html = (await mammoth.convertToHtml({ buffer })).value;
    expect(html).toContain('<img');
    expect(html).toContain('<h2>Setup takes too long</h2>');
  });

  it('gives pseudonyms in reading order and replaces known names inside quotes', () => {
    const p = new Pseudonyms([
      { key: 'nina', names: ['Nina Patel', 'Nina'], isInterviewer: false },
      { key: 'omar', names: ['Omar'], isInterviewer: false },
      { key: 'ivy', names: ['Ivy Interviewer'], isInterviewer: true },
      { key: 'generic', names: ['Speaker 2'], isInterviewer: false },
    ]);
    expect(p.nameOf('omar')).toBe('Participant A');
    expect(p.scrub('As Nina Patel said, and nina patel again; Patel agreed. Omar’s idea.')).toBe(
      'As Participant B said, and Participant B again; Participant B agreed. Participant A’s idea.',
    );
    expect(p.nameOf('nina')).toBe('Participant B');
    expect(p.nameOf('ivy')).toBe('Interviewer');
    expect(p.scrub('The speaker said Ivy was kind')).toBe('The speaker said Interviewer was kind');
    expect(p.scrub('Ninas and Ominous')).toBe('Ninas and Ominous');
    expect(pseudonymLetter(0)).toBe('A');
    expect(pseudonymLetter(25)).toBe('Z');
    expect(pseudonymLetter(26)).toBe('AA');
  });
});
