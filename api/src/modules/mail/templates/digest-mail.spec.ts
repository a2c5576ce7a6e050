import { type ProjectDigestType } from '../../activity/digest.types';
import { DigestFrequency } from '../digest-schedule';
import { MailLinks } from '../mail-links';
import { digestMail } from './digest-mail';
import { renderHtml, renderText } from './mail-document';

const links = new MailLinks('https://verbatim.example');
const HOSTILE_TITLE = '<script>alert("title")</script> & more';
const HOSTILE_TAG = '<img src=x onerror=alert(1)>';

function digest(overrides: Partial<ProjectDigestType> = {}): ProjectDigestType {
  return {
    since: new Date('2027-01-10T19:00:00Z'),
    sinceLastSeen: false,
    newTranscripts: {
      count: 3,
      items: [
        { id: 't1', title: HOSTILE_TITLE },
        { id: 't2', title: 'Call with Bo' },
      ],
    },
    newHighlights: {
      count: 4,
      byTag: [
        { tag: { id: 'g1', name: HOSTILE_TAG }, count: 3 },
        { tag: { id: 'g2', name: 'Pricing' }, count: 1 },
      ],
    },
    newComments: { count: 2 },
    mentions: { count: 1 },
    newInsights: { count: 0, items: [] },
    boardMoves: { count: 1 },
    ...overrides,
  };
}

const mail = (frequency: DigestFrequency.DAILY | DigestFrequency.WEEKLY = DigestFrequency.DAILY) =>
  digestMail({
    userName: 'Ada',
    frequency,
    hour: 8,
    timeZone: 'Pacific/Auckland',
    since: new Date('2027-01-10T19:00:00Z'),
    changes: [
      {
        project: { id: 'p1', name: 'Onboarding <study>', workspaceName: 'Research' },
        digest: digest(),
      },
      {
        project: { id: 'p2', name: 'Pricing', workspaceName: 'Research' },
        digest: digest({ newTranscripts: { count: 0, items: [] } }),
      },
    ],
    links,
    unsubscribeUrl: 'https://verbatim.example/api/mail/unsubscribe/digest.x.y',
  });

describe('digestMail', () => {
  it('names the first project and counts the others in the subject', () => {
    expect(mail().subject).toBe(
      'Daily digest: what’s new in “Onboarding <study>” and 1 other project',
    );
    expect(mail(DigestFrequency.WEEKLY).subject).toMatch(/^Weekly digest: /);
  });

  it('tells each project’s news in plain text, with links into the app', () => {
    const text = renderText(mail());
    expect(text).toContain(
      'Hello Ada, here is what others did in your projects since Monday 11 January at 08:00.',
    );
    expect(text).toContain(
      `3 new transcripts: “${HOSTILE_TITLE}” <https://verbatim.example/t/t1>, “Call with Bo” <https://verbatim.example/t/t2> and 1 more`,
    );
    expect(text).toContain(`4 new highlights: ${HOSTILE_TAG} (3), Pricing (1)`);
    expect(text).toContain('2 new comments, 1 mentioning you');
    expect(text).toContain('1 card moved on boards');
    expect(text).toContain('Open “Pricing” <https://verbatim.example/p/p2>');
    expect(text).toContain('You get this digest every day at 08:00 (Pacific/Auckland).');
    expect(text).toContain(
      'unsubscribe <https://verbatim.example/api/mail/unsubscribe/digest.x.y>',
    );
  });

  it('shows hostile titles and tag names as text in the HTML part, never as markup', () => {
    const html = renderHtml(mail());
    expect(html).not.toContain('<script>');
    expect(html).not.toContain('<img');
    expect(html).toContain('&lt;script&gt;alert(&quot;title&quot;)&lt;/script&gt; &amp; more');
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt; (3)');
    expect(html).toContain(
      '<title>Daily digest: what’s new in “Onboarding &lt;study&gt;” and 1 other project</title>',
    );
    expect(html).toContain('<a href="https://verbatim.example/t/t1"');
  });
});
