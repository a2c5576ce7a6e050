import { jest } from '@jest/globals';
import {
  checkDigestsAt,
  interview,
  saveSettings,
  SETTINGS,
  type Settings,
  setClock,
  startMailApp,
} from '../../../test/mail-helpers';
import { SmtpSink } from '../../../test/smtp-sink';
import { type TestApp, type TestUser } from '../../../test/test-app';
import { JobReconciler } from '../../jobs/reconciler';
import { DigestScheduler } from './digest-scheduler';

// Digests through a real SMTP server on loopback: each user's at their own local hour, with
// what others did in the projects they can see, once per period whatever happens.

describe('e-mail digests', () => {
  let sink: SmtpSink;
  let t: TestApp;
  /** Users whose digest a test turned on; turned off after it, so later checks skip them. */
  const readers: TestUser[] = [];

  beforeAll(async () => {
    sink = await SmtpSink.start();
    t = await startMailApp(sink, { MAIL_SEND_ATTEMPTS: '3' });
  });
  afterEach(async () => {
    jest.restoreAllMocks();
    for (const reader of readers.splice(0)) await saveSettings(t, reader, { digest: 'OFF' });
  });
  afterAll(async () => {
    await t?.close();
    await sink?.close();
  });

  /** A workspace of Olga's where `name` joins as `role` with these digest settings. */
  async function reader(
    owner: TestUser,
    workspaceId: string,
    name: string,
    settings: Partial<Settings>,
    role = 'EDITOR',
  ): Promise<TestUser> {
    const user = await t.join(owner, workspaceId, role, name);
    await saveSettings(t, user, { digest: 'DAILY', digestHour: 8, ...settings });
    readers.push(user);
    return user;
  }

  /** The digests a user received (joining a workspace e-mails them an invitation too). */
  const digestsTo = (email: string) =>
    sink.to(email).filter((m) => /^(Daily|Weekly) digest: /.test(m.parsed.subject ?? ''));
  const texts = (user: TestUser) => digestsTo(user.email).map((m) => m.parsed.text ?? '');

  it('sends each user their digest at their own local hour: Los Angeles (UTC-8), then Auckland (UTC+13)', async () => {
    const { user: olga, workspaceId, projectId } = await t.newProject();
    const lee = await reader(olga, workspaceId, 'Lee', { timeZone: 'America/Los_Angeles' });
    const ada = await reader(olga, workspaceId, 'Ada', { timeZone: 'Pacific/Auckland' });
    const kickoff = await interview(t, projectId, olga, 'Kickoff call');

    await checkDigestsAt(t, '2027-01-11T15:59:00Z');
    expect([digestsTo(lee.email).length, digestsTo(ada.email).length]).toEqual([0, 0]);
    // 08:00 on Monday 11 January in Los Angeles.
    await checkDigestsAt(t, '2027-01-11T16:00:00Z');
    expect([digestsTo(lee.email).length, digestsTo(ada.email).length]).toEqual([1, 0]);
    await checkDigestsAt(t, '2027-01-11T18:59:00Z');
    expect([digestsTo(lee.email).length, digestsTo(ada.email).length]).toEqual([1, 0]);
    // 08:00 on Tuesday 12 January in Auckland.
    await checkDigestsAt(t, '2027-01-11T19:00:00Z');
    expect([digestsTo(lee.email).length, digestsTo(ada.email).length]).toEqual([1, 1]);

    const [mail] = digestsTo(ada.email);
    expect(mail!.to).toEqual([ada.email]);
    expect(mail!.from).toBe('verbatim@example.com');
    expect(mail!.parsed.subject).toBe('Daily digest: what’s new in “Onboarding study”');
    expect(mail!.parsed.text).toContain(
      `1 new transcript: “Kickoff call” <https://verbatim.example/t/${kickoff.id}>`,
    );
    expect(mail!.parsed.text).toContain(
      'You get this digest every day at 08:00 (Pacific/Auckland)',
    );
    expect(texts(lee)[0]).toContain('every day at 08:00 (America/Los_Angeles)');
  });

  it('tells what others did in the projects the user can still see, with hostile titles escaped', async () => {
    const { user: olga, workspaceId, projectId } = await t.newProject();
    const bo = await t.join(olga, workspaceId, 'EDITOR', 'Bo');
    const ada = await reader(olga, workspaceId, 'Ada', { timeZone: 'UTC' });
    const hostile = await interview(t, projectId, bo, '<script>alert("x")</script> call');
    await interview(t, projectId, ada, 'Ada’s own notes');
    const { createTag } = await t.ok<{ createTag: { id: string } }>(
      `mutation($i: CreateTagInput!) { createTag(input: $i) { id } }`,
      { i: { projectId, name: '<img src=x onerror=alert(1)>' } },
      bo.token,
    );
    const turn = hostile.segments[0]!;
    await t.ok(
      `mutation($i: CreateHighlightInput!) { createHighlight(input: $i) { id } }`,
      {
        i: {
          transcriptId: hostile.id,
          start: { segmentId: turn.id, offset: 0 },
          end: { segmentId: turn.id, offset: 9 },
          tagIds: [createTag.id],
        },
      },
      bo.token,
    );
    await t.ok(
      `mutation($i: AddCommentInput!) { addComment(input: $i) { id } }`,
      {
        i: {
          targetType: 'TRANSCRIPT',
          targetId: hostile.id,
          body: 'Ada, see this',
          mentionIds: [ada.id],
        },
      },
      bo.token,
    );
    // A restricted project Ada is not on: nothing of it reaches her.
    const { createProject } = await t.ok<{ createProject: { id: string } }>(
      `mutation($i: CreateProjectInput!) { createProject(input: $i) { id } }`,
      { i: { workspaceId, name: 'Board-level interviews' } },
      olga.token,
    );
    await t.ok(
      `mutation($i: UpdateProjectAccessInput!) { updateProjectAccess(input: $i) { id } }`,
      { i: { projectId: createProject.id, restricted: true, memberIds: [bo.id] } },
      olga.token,
    );
    await interview(t, createProject.id, bo, 'Budget secrets');

    await checkDigestsAt(t, '2027-01-11T08:00:00Z');
    const [mail] = digestsTo(ada.email);
    expect(mail!.parsed.subject).toBe('Daily digest: what’s new in “Onboarding study”');
    const text = mail!.parsed.text ?? '';
    expect(text).toContain('Onboarding study · Research team');
    expect(text).toContain('1 new transcript: “<script>alert("x")</script> call”');
    expect(text).toContain('1 new highlight: <img src=x onerror=alert(1)> (1)');
    expect(text).toContain('1 new comment, 1 mentioning you');
    expect(text).toContain(`Open “Onboarding study” <https://verbatim.example/p/${projectId}>`);
    expect(text).not.toContain('Ada’s own notes');
    expect(text).not.toContain('Budget secrets');
    expect(text).not.toContain('Board-level interviews');

    const html = String(mail!.parsed.html);
    expect(html).not.toMatch(/<script|<img/);
    expect(html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; call');
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt; (1)');
    expect(html).toContain(`href="https://verbatim.example/t/${hostile.id}"`);
    expect(mail!.unsubscribeUrl).toMatch(
      new RegExp(`^https://verbatim\\.example/api/mail/unsubscribe/digest\\.${ada.id}\\.`),
    );
    expect(mail!.header('List-Unsubscribe-Post')).toBe('List-Unsubscribe=One-Click');
  });

  it('sends nothing to a user with nothing new, and a digest once there is something', async () => {
    const { user: olga, workspaceId, projectId } = await t.newProject();
    const quinn = await reader(olga, workspaceId, 'Quinn', { timeZone: 'UTC' });
    await interview(t, projectId, quinn, 'Quinn’s own call');

    await checkDigestsAt(t, '2027-01-12T08:00:00Z');
    expect(digestsTo(quinn.email)).toHaveLength(0);
    await interview(t, projectId, olga, 'Olga’s call');
    await checkDigestsAt(t, '2027-01-13T08:00:00Z');
    expect(texts(quinn)).toEqual([expect.stringContaining('1 new transcript: “Olga’s call”')]);
  });

  it('keeps the local hour across the daylight-saving change in New York, once a day', async () => {
    const { user: olga, workspaceId, projectId } = await t.newProject();
    const nia = await reader(olga, workspaceId, 'Nia', { timeZone: 'America/New_York' });
    await interview(t, projectId, olga, 'Before the change');

    // Saturday 13 March 2027, 08:00 EST (UTC-5).
    await checkDigestsAt(t, '2027-03-13T12:59:00Z');
    expect(digestsTo(nia.email)).toHaveLength(0);
    await checkDigestsAt(t, '2027-03-13T13:00:00Z');
    expect(digestsTo(nia.email)).toHaveLength(1);
    await interview(t, projectId, olga, 'After the change');
    // Sunday 14 March, 08:00 EDT (UTC-4): an hour earlier in UTC.
    await checkDigestsAt(t, '2027-03-14T11:59:00Z');
    expect(digestsTo(nia.email)).toHaveLength(1);
    await checkDigestsAt(t, '2027-03-14T12:00:00Z');
    expect(digestsTo(nia.email)).toHaveLength(2);
    // 13:00 UTC, the hour it went the day before, is the same day's digest: no second one.
    await checkDigestsAt(t, '2027-03-14T13:00:00Z');
    expect(digestsTo(nia.email)).toHaveLength(2);

    const [before, after] = texts(nia);
    expect(before).toContain('“Before the change”');
    expect(after).toContain('1 new transcript: “After the change”');
    expect(after).not.toContain('Before the change');
  });

  it('sends weekly digests on Mondays at the chosen hour', async () => {
    const { user: olga, workspaceId, projectId } = await t.newProject();
    const wes = await reader(olga, workspaceId, 'Wes', {
      timeZone: 'Europe/Lisbon',
      digest: 'WEEKLY',
      digestHour: 9,
    });
    await interview(t, projectId, olga, 'Weekly call');
    await checkDigestsAt(t, '2027-01-17T09:00:00Z'); // a Sunday
    expect(digestsTo(wes.email)).toHaveLength(0);
    await checkDigestsAt(t, '2027-01-18T09:00:00Z'); // Monday, 09:00 in Lisbon (UTC+0)
    expect(digestsTo(wes.email).map((m) => m.parsed.subject)).toEqual([
      'Weekly digest: what’s new in “Onboarding study”',
    ]);
  });

  it('checks by itself every MAIL_DIGEST_INTERVAL, on the scheduled job', async () => {
    const { user: olga, workspaceId, projectId } = await t.newProject();
    const kai = await reader(olga, workspaceId, 'Kai', {
      timeZone: 'Asia/Kolkata',
      digestHour: 13,
    });
    await interview(t, projectId, olga, 'Scheduled call');
    const scheduled = await startMailApp(sink, { MAIL_DIGEST_INTERVAL: '1s' });
    try {
      const arrived = sink.next(kai.email);
      // 13:00 in Kolkata (UTC+05:30); no test calls the check: the schedule does.
      setClock(scheduled, '2027-01-26T07:30:00Z');
      expect((await arrived).parsed.subject).toBe('Daily digest: what’s new in “Onboarding study”');
    } finally {
      await scheduled.close();
    }
  });

  it('tries again when the SMTP server refuses a digest, and delivers it once', async () => {
    const { user: olga, workspaceId, projectId } = await t.newProject();
    const rita = await reader(olga, workspaceId, 'Rita', { timeZone: 'UTC' });
    await interview(t, projectId, olga, 'Retried call');
    sink.refuse(rita.email, 2);

    await checkDigestsAt(t, '2027-01-14T08:00:00Z');
    expect(sink.refused.get(rita.email)).toBe(2);
    expect(digestsTo(rita.email)).toHaveLength(1);
    await checkDigestsAt(t, '2027-01-14T08:30:00Z');
    expect(digestsTo(rita.email)).toHaveLength(1);
  });

  it('gives up after MAIL_SEND_ATTEMPTS refusals; the next digest tells what that one would have', async () => {
    const { user: olga, workspaceId, projectId } = await t.newProject();
    const sam = await reader(olga, workspaceId, 'Sam', { timeZone: 'UTC' });
    await interview(t, projectId, olga, 'Lost in the outage');
    sink.refuse(sam.email, 3);

    await checkDigestsAt(t, '2027-01-15T08:00:00Z');
    expect(digestsTo(sam.email)).toHaveLength(0);
    await interview(t, projectId, olga, 'The day after');
    await checkDigestsAt(t, '2027-01-16T08:00:00Z');
    expect(texts(sam)).toEqual([
      expect.stringMatching(/2 new transcripts: “The day after” <[^>]+>, “Lost in the outage”/),
    ]);
  });

  it('sends a digest whose job was lost once, after a restart, and never again', async () => {
    const { user: olga, workspaceId, projectId } = await t.newProject();
    const tom = await reader(olga, workspaceId, 'Tom', { timeZone: 'UTC' });
    await interview(t, projectId, olga, 'Before the restart');

    // The first server claims Tom's digest, then loses its job (as a restart loses in-process jobs).
    const first = await startMailApp(sink);
    jest.spyOn(first.jobs, 'enqueue').mockResolvedValue(undefined);
    expect(await checkDigestsAt(first, '2027-01-20T08:00:00Z')).toBeGreaterThanOrEqual(1);
    await first.close();
    expect(digestsTo(tom.email)).toHaveLength(0);

    const second = await startMailApp(sink);
    try {
      // At start the reconciler finds the digest owed without a job and queues it again.
      await second.app.get(JobReconciler).runOnce(0);
      await second.jobs.idle();
      expect(digestsTo(tom.email)).toHaveLength(1);
      // The restarted server checks the same period: it is claimed already.
      expect(await checkDigestsAt(second, '2027-01-20T08:00:00Z')).toBe(0);
      await checkDigestsAt(second, '2027-01-20T09:00:00Z');
      expect(digestsTo(tom.email)).toHaveLength(1);
    } finally {
      await second.close();
    }
  });

  it('turns the digest off from the link in it, without logging in, once asked; a tampered link is refused', async () => {
    const { user: olga, workspaceId, projectId } = await t.newProject();
    const una = await reader(olga, workspaceId, 'Una', { timeZone: 'UTC' });
    await interview(t, projectId, olga, 'Unsubscribe call');
    await checkDigestsAt(t, '2027-01-21T08:00:00Z');
    const link = digestsTo(una.email)[0]!.unsubscribeUrl!;
    const local = link.replace('https://verbatim.example', t.baseUrl);
    const settings = async () =>
      (
        await t.ok<{ notificationSettings: Settings }>(
          `{ notificationSettings { ${SETTINGS} } }`,
          {},
          una.token,
        )
      ).notificationSettings;

    const token = local.slice(local.lastIndexOf('/') + 1);
    const [scope, userId, signature] = token.split('.');
    const tampered = [
      `${scope}.${userId}.${signature!.slice(0, -1)}${signature!.endsWith('A') ? 'B' : 'A'}`,
      `${scope}.${olga.id}.${signature}`,
      `mentions.${userId}.${signature}`,
    ];
    for (const bad of tampered) {
      const res = await fetch(`${t.baseUrl}/api/mail/unsubscribe/${bad}`);
      expect(res.status).toBe(400);
      expect(await res.text()).toContain('This unsubscribe link is not valid');
    }
    expect((await settings()).digest).toBe('DAILY');

    // Opening the link only asks: mail scanners and link previews open every link in an e-mail.
    const asked = await fetch(local);
    expect(asked.status).toBe(200);
    expect(asked.headers.get('content-type')).toMatch(/^text\/html/);
    const question = await asked.text();
    expect(question).toContain('Unsubscribe from the digest?');
    expect(question).toMatch(
      /<form method="post"><button type="submit">Unsubscribe from the digest</,
    );
    expect((await settings()).digest).toBe('DAILY');

    // The page's button posts the form back to the same address.
    const res = await fetch(local, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: '',
    });
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('You are unsubscribed from the digest');
    expect(await settings()).toMatchObject({ digest: 'OFF', timeZone: 'UTC', digestHour: 8 });

    await interview(t, projectId, olga, 'After unsubscribing');
    await checkDigestsAt(t, '2027-01-22T08:00:00Z');
    expect(digestsTo(una.email)).toHaveLength(1);
  });

  it('answers the one-click unsubscribe (RFC 8058) that mail programs POST', async () => {
    const { user: olga, workspaceId, projectId } = await t.newProject();
    const vic = await reader(olga, workspaceId, 'Vic', { timeZone: 'UTC' });
    await interview(t, projectId, olga, 'One-click call');
    await checkDigestsAt(t, '2027-01-23T08:00:00Z');
    const link = digestsTo(vic.email)[0]!.unsubscribeUrl!;
    const res = await fetch(link.replace('https://verbatim.example', t.baseUrl), {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'List-Unsubscribe=One-Click',
    });
    expect(res.status).toBe(200);
    const { notificationSettings } = await t.ok<{ notificationSettings: Settings }>(
      `{ notificationSettings { digest } }`,
      {},
      vic.token,
    );
    expect(notificationSettings.digest).toBe('OFF');
  });

  (process.env.DATABASE_URL ? it : it.skip)(
    'sends each digest once when two workers check at the same moment (PostgreSQL only: PGlite serves one connection)',
    async () => {
      const { user: olga, workspaceId, projectId } = await t.newProject();
      const many: TestUser[] = [];
      for (const name of ['Ann', 'Ben', 'Cat', 'Dan', 'Eve'])
        many.push(await reader(olga, workspaceId, name, { timeZone: 'Europe/Lisbon' }));
      await interview(t, projectId, olga, 'Raced call');
      // A second worker of the same deployment: one database, one Redis queue prefix. (With a
      // prefix of its own, its start-up reconciler would take t's in-flight sends for lost ones.)
      const other = await startMailApp(sink, { QUEUE_PREFIX: t.config.redis.queuePrefix });
      try {
        const at = '2027-01-25T08:00:00Z';
        setClock(t, at);
        setClock(other, at);
        await Promise.all([
          t.app.get(DigestScheduler).check(),
          other.app.get(DigestScheduler).check(),
        ]);
        await Promise.all([t.jobs.idle(), other.jobs.idle()]);
        for (const user of many) expect(digestsTo(user.email)).toHaveLength(1);
      } finally {
        await other.close();
      }
    },
  );
});
