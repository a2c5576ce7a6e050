import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { saveSettings, SETTINGS } from '../../../test/mail-helpers';
import { TestApp, type TestUser } from '../../../test/test-app';

// Each user's e-mail settings, on a server without SMTP_URL: they are kept, nothing is owed or
// sent, and the inbox works as before.

describe('notification settings without SMTP_URL', () => {
  let t: TestApp;
  /** Users whose digest a test turned on: off again after it (other files share the database). */
  const touched: TestUser[] = [];
  const save = (user: TestUser, settings: Parameters<typeof saveSettings>[2]) => {
    touched.push(user);
    return saveSettings(t, user, settings);
  };
  beforeAll(async () => (t = await TestApp.start()));
  afterEach(async () => {
    for (const user of touched.splice(0)) await saveSettings(t, user, { digest: 'OFF' });
  });
  afterAll(() => t.close());

  const read = async (user: TestUser) =>
    (
      await t.ok<{ notificationSettings: unknown }>(
        `{ notificationSettings { ${SETTINGS} } }`,
        {},
        user.token,
      )
    ).notificationSettings;
  const update = (user: TestUser, input: Record<string, unknown>) =>
    t.gql(
      `mutation($i: UpdateNotificationSettingsInput!) { updateNotificationSettings(input: $i) { ${SETTINGS} } }`,
      { i: input },
      user.token,
    );

  it('answers the defaults until saved: no time zone yet, nothing e-mailed', async () => {
    const ada = await t.signUp();
    expect(await read(ada)).toEqual({
      timeZone: null,
      digestHour: 8,
      digest: 'OFF',
      mentionsByEmail: false,
      emailConfigured: false,
    });
  });

  it('saves the settings, spelling the time zone as the tz database does, though no e-mail is sent', async () => {
    const ada = await t.signUp();
    const saved = await save(ada, {
      timeZone: 'pacific/auckland',
      digestHour: 7,
      digest: 'WEEKLY',
      mentionsByEmail: true,
    });
    const expected = {
      timeZone: 'Pacific/Auckland',
      digestHour: 7,
      digest: 'WEEKLY',
      mentionsByEmail: true,
      emailConfigured: false,
    };
    expect(saved).toEqual(expected);
    expect(await read(ada)).toEqual(expected);
    // Each user has their own.
    expect(await read(await t.signUp())).toMatchObject({ timeZone: null, digest: 'OFF' });
  });

  it('refuses a time zone that is not an IANA name, and an hour out of range, changing nothing', async () => {
    const ada = await t.signUp();
    await save(ada, { timeZone: 'Europe/Lisbon', digest: 'DAILY' });
    const valid = {
      timeZone: 'Europe/Lisbon',
      digestHour: 9,
      digest: 'DAILY',
      mentionsByEmail: false,
    };

    for (const timeZone of ['Mars/Olympus_Mons', '+13:00', 'GMT+13:00']) {
      const res = await update(ada, { ...valid, timeZone });
      expect(res.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
      expect(res.errors?.[0]?.message).toBe(
        `“${timeZone}” is not a time zone: use a name of the IANA time zone database, such as Europe/Lisbon or America/New_York.`,
      );
    }
    for (const digestHour of [24, -1]) {
      const res = await update(ada, { ...valid, digestHour });
      expect(res.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
      expect(res.errors?.[0]?.message).toContain('digestHour must be a whole hour from 0 to 23');
    }
    expect(await read(ada)).toMatchObject({ timeZone: 'Europe/Lisbon', digestHour: 8 });
  });

  it('owes and sends nothing: mentions reach the inbox, invitations are made', async () => {
    const { user: olga, workspaceId, projectId } = await t.newProject();
    const bo = await t.join(olga, workspaceId, 'EDITOR', 'Bo');
    await save(bo, { mentionsByEmail: true, digest: 'DAILY' });
    const call = await t.importText(
      projectId,
      olga.token,
      'call.txt',
      'Interviewer: Hi?\nAna: Hello.\n',
    );
    await t.ok(
      `mutation($i: AddCommentInput!) { addComment(input: $i) { id } }`,
      { i: { targetType: 'TRANSCRIPT', targetId: call.id, body: 'Bo?', mentionIds: [bo.id] } },
      olga.token,
    );
    await t.ok(
      `mutation($i: InviteMemberInput!) { inviteMember(input: $i) { token } }`,
      { i: { workspaceId, email: `later-${randomUUID()}@example.com`, role: 'VIEWER' } },
      olga.token,
    );
    const { unreadNotificationCount } = await t.ok<{ unreadNotificationCount: number }>(
      `{ unreadNotificationCount }`,
      {},
      bo.token,
    );
    expect(unreadNotificationCount).toBe(1);
    const [owed] = await t.app
      .get(DataSource)
      .query<
        { n: number }[]
      >(`SELECT count(*)::int AS n FROM mail_outbox WHERE user_id = $1 OR recipient LIKE 'later-%'`, [bo.id]);
    expect(owed!.n).toBe(0);
  });
});
