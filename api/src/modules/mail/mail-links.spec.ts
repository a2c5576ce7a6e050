import { MailLinks, type NotificationPlace } from './mail-links';

const links = new MailLinks('https://verbatim.example');
const place = (p: Partial<NotificationPlace>): NotificationPlace => ({
  projectId: 'p1',
  targetType: 'TRANSCRIPT',
  targetId: 't1',
  transcriptId: null,
  boardId: null,
  ...p,
});

describe('links from e-mails', () => {
  it('open each place where the inbox opens it', () => {
    expect(
      links.notification(place({ targetType: 'SEGMENT', targetId: 's1', transcriptId: 't1' })),
    ).toBe('https://verbatim.example/t/t1?segment=s1');
    expect(
      links.notification(place({ targetType: 'HIGHLIGHT', targetId: 'h1', transcriptId: 't1' })),
    ).toBe('https://verbatim.example/t/t1?highlight=h1');
    expect(links.notification(place({ targetType: 'EXPORT', targetId: 'e1' }))).toBe(
      'https://verbatim.example/p/p1?export=e1',
    );
  });

  it('open a theme or an insight at its discussion when the e-mail is about a comment', () => {
    const theme = place({ targetType: 'THEME', targetId: 'th1', boardId: 'b1' });
    expect(links.notification(theme, true)).toBe(
      'https://verbatim.example/p/p1/boards/b1?comments=th1',
    );
    expect(links.notification(theme)).toBe('https://verbatim.example/p/p1/boards/b1?theme=th1');
    expect(links.notification(place({ targetType: 'INSIGHT', targetId: 'i1' }), true)).toBe(
      'https://verbatim.example/p/p1/insights/i1?comments=i1',
    );
  });
});
