import { randomUUID } from 'node:crypto';
import { interview, saveSettings, SETTINGS, startMailApp } from '../../../test/mail-helpers';
import { SmtpSink } from '../../../test/smtp-sink';
import { type TestApp, type TestUser } from '../../../test/test-app';

// Mentions e-mailed at once to who wants them, and invitations e-mailed to the invited address,
// through a real SMTP server on loopback.

describe('mention and invitation e-mails', () => {
  let sink: SmtpSink;
  let t: TestApp;

  beforeAll(async () => {
    sink = await SmtpSink.start();
    t = await startMailApp(sink);
  });
  afterAll(async () => {
    await t?.close();
    await sink?.close();
  });

  const mentions = (user: TestUser) =>
    sink.to(user.email).filter((m) => / mentioned you /.test(m.parsed.subject ?? ''));

  async function mention(
    author: TestUser,
    transcriptId: string,
    mentioned: TestUser[],
    body = 'Have a look at this',
  ) {
    await t.ok(
      `mutation($i: AddCommentInput!) { addComment(input: $i) { id } }`,
      {
        i: {
          targetType: 'TRANSCRIPT',
          targetId: transcriptId,
          body,
          mentionIds: mentioned.map((u) => u.id),
        },
      },
      author.token,
    );
    await t.jobs.idle();
  }

  it('e-mails a mention at once to who asked for it, and only to them; both find it in the inbox', async () => {
    const { user: olga, workspaceId, projectId } = await t.newProject();
    const bo = await t.join(olga, workspaceId, 'EDITOR', 'Bo Editor');
    const ada = await t.join(olga, workspaceId, 'EDITOR', 'Ada');
    const lee = await t.join(olga, workspaceId, 'EDITOR', 'Lee');
    await saveSettings(t, ada, { mentionsByEmail: true });
    await saveSettings(t, lee, { mentionsByEmail: false });
    const call = await interview(t, projectId, olga, 'Pricing call');

    await mention(
      bo,
      call.id,
      [ada, lee],
      `[@Ada](mention:${ada.id}), is **this** the <b>pricing</b> quote from the_call_notes?\nSee [the board](https://example.com)`,
    );
    expect(mentions(lee)).toHaveLength(0);
    const [mail] = mentions(ada);
    expect(mail!.to).toEqual([ada.email]);
    expect(mail!.parsed.subject).toBe(
      'Bo Editor mentioned you in a comment on a transcript in “Pricing call”',
    );
    expect(mail!.parsed.text).toContain('in the project “Onboarding study”');
    expect(mail!.parsed.text).toContain(
      `Open it in Verbatim <https://verbatim.example/t/${call.id}>`,
    );
    // The comment itself, as words: the mention by name, Markdown marks gone, HTML as typed.
    expect(mail!.parsed.text).toContain(
      '> @Ada, is this the <b>pricing</b> quote from the_call_notes?\n> See the board',
    );
    expect(String(mail!.parsed.html)).toContain(
      '@Ada, is this the &lt;b&gt;pricing&lt;/b&gt; quote from the_call_notes?',
    );
    expect(String(mail!.parsed.html)).not.toContain('<b>pricing');
    expect(mail!.unsubscribeUrl).toMatch(
      new RegExp(`/api/mail/unsubscribe/mentions\\.${ada.id}\\.`),
    );
    for (const user of [ada, lee]) {
      const { unreadNotificationCount } = await t.ok<{ unreadNotificationCount: number }>(
        `{ unreadNotificationCount }`,
        {},
        user.token,
      );
      expect(unreadNotificationCount).toBe(1);
    }
  });

  it('stops mention e-mails from the link in one, without logging in', async () => {
    const { user: olga, workspaceId, projectId } = await t.newProject();
    const bo = await t.join(olga, workspaceId, 'EDITOR', 'Bo Editor');
    const ada = await t.join(olga, workspaceId, 'EDITOR', 'Ada');
    await saveSettings(t, ada, { mentionsByEmail: true, digest: 'DAILY' });
    try {
      const call = await interview(t, projectId, olga, 'Churn call');
      await mention(bo, call.id, [ada]);
      const link = mentions(ada)[0]!.unsubscribeUrl!.replace('https://verbatim.example', t.baseUrl);

      expect(await (await fetch(link)).text()).toContain('Unsubscribe from mention e-mails?');
      const res = await fetch(link, { method: 'POST' });
      expect(res.status).toBe(200);
      expect(await res.text()).toContain('You are unsubscribed from mention e-mails');
      const { notificationSettings } = await t.ok<{
        notificationSettings: { mentionsByEmail: boolean; digest: string };
      }>(`{ notificationSettings { ${SETTINGS} } }`, {}, ada.token);
      // Only mention e-mails: the digest stays as it was.
      expect(notificationSettings).toMatchObject({ mentionsByEmail: false, digest: 'DAILY' });
      await mention(bo, call.id, [ada]);
      expect(mentions(ada)).toHaveLength(1);
    } finally {
      // Other files share the database: no digest left on.
      await saveSettings(t, ada, { digest: 'OFF' });
    }
  });

  it('e-mails an invitation with the link the inviter is shown, and the link works', async () => {
    const { user: olga, workspaceId } = await t.newProject();
    const email = `newcomer-${randomUUID()}@example.com`;
    const { inviteMember } = await t.ok<{ inviteMember: { token: string } }>(
      `mutation($i: InviteMemberInput!) { inviteMember(input: $i) { token } }`,
      { i: { workspaceId, email, role: 'COMMENTER' } },
      olga.token,
    );
    await t.jobs.idle();

    const [mail] = sink.to(email);
    expect(mail!.parsed.subject).toBe('Ada Researcher invited you to “Research team” on Verbatim');
    expect(mail!.parsed.text).toContain(
      `Ada Researcher (${olga.email}) invited you to join the workspace “Research team” on Verbatim, as a commenter.`,
    );
    const link = `https://verbatim.example/invitations/${inviteMember.token}`;
    expect(mail!.parsed.text).toContain(`Accept the invitation <${link}>`);
    expect(String(mail!.parsed.html)).toContain(`href="${link}"`);
    expect(mail!.unsubscribeUrl).toBeNull();

    const { signUp } = await t.ok<{ signUp: { token: string } }>(
      `mutation($i: SignUpInput!) { signUp(input: $i) { token } }`,
      { i: { email, password: 'correct horse battery staple', name: 'Newcomer' } },
    );
    // The link as the e-mail gives it.
    const mailed = /<https:\/\/verbatim\.example\/invitations\/([^>]+)>/.exec(
      mail!.parsed.text ?? '',
    );
    const token = decodeURIComponent(mailed![1]!);
    const { acceptInvitation } = await t.ok<{ acceptInvitation: { id: string } }>(
      `mutation($t: String!) { acceptInvitation(token: $t) { id } }`,
      { t: token },
      signUp.token,
    );
    expect(acceptInvitation.id).toBe(workspaceId);
  });
});
