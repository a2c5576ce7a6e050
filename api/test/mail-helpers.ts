import { jest } from '@jest/globals';
import { Clock } from '../src/common/clock';
import { DigestScheduler } from '../src/modules/mail/digest-scheduler';
import { type SmtpSink } from './smtp-sink';
import { TestApp, type TestUser } from './test-app';

/** An api that sends e-mail to `sink`, retrying fast, whose digest check only the test runs. */
export function startMailApp(sink: SmtpSink, env: Record<string, string> = {}): Promise<TestApp> {
  return TestApp.start({
    SMTP_URL: sink.url,
    MAIL_FROM: 'Verbatim <verbatim@example.com>',
    PUBLIC_URL: 'https://verbatim.example',
    MAIL_DIGEST_INTERVAL: 'off',
    MAIL_SEND_BACKOFF_MS: '10',
    ...env,
  });
}

export interface Settings {
  timeZone: string;
  digestHour: number;
  digest: 'DAILY' | 'WEEKLY' | 'OFF';
  mentionsByEmail: boolean;
}

export const SETTINGS = `timeZone digestHour digest mentionsByEmail emailConfigured`;

export async function saveSettings(t: TestApp, user: TestUser, settings: Partial<Settings>) {
  const input: Settings = {
    timeZone: 'UTC',
    digestHour: 8,
    digest: 'OFF',
    mentionsByEmail: false,
    ...settings,
  };
  return (
    await t.ok<{ updateNotificationSettings: Settings & { emailConfigured: boolean } }>(
      `mutation($i: UpdateNotificationSettingsInput!) { updateNotificationSettings(input: $i) { ${SETTINGS} } }`,
      { i: input },
      user.token,
    )
  ).updateNotificationSettings;
}

/** Sets the api's clock: the digest check decides with it. */
export function setClock(t: TestApp, iso: string): void {
  jest.spyOn(t.app.get(Clock), 'now').mockReturnValue(new Date(iso));
}

/** Runs the digest check at `iso`, as the scheduled job does, and waits for the e-mails it queued. */
export async function checkDigestsAt(t: TestApp, iso: string): Promise<number> {
  setClock(t, iso);
  const claimed = await t.app.get(DigestScheduler).check();
  await t.jobs.idle();
  return claimed;
}

/** Imports a short interview under this title, as `user`, and waits until it is read. */
export async function interview(t: TestApp, projectId: string, user: TestUser, title: string) {
  const { importTranscript } = await t.ok<{ importTranscript: { id: string } }>(
    `mutation($i: ImportTranscriptInput!) { importTranscript(input: $i) { id } }`,
    {
      i: {
        projectId,
        filename: 'interview.txt',
        title,
        // The title in the text: the same file twice in a project is refused as a duplicate.
        content: `Interviewer: How was ${title}?\nAna: The setup wizard kept asking for the invite code.\n`,
      },
    },
    user.token,
  );
  return t.waitForTranscript(importTranscript.id, user.token);
}
