import type { Browser, Page } from 'playwright-core';
import { launchBrowser, openPage, visible } from './support/browser';
import { type Person, createProject, importText, logIn, signUp } from './support/seed';

// Fixing what an import got wrong or never knew: the title, the interview day, and what the
// team knows about a participant.

const INTERVIEW = [
  'Interviewer: How do you plan your week?',
  'Mia: Mostly on Monday mornings, with the board open next to the calendar.',
  'Interviewer: Who else looks at the board?',
  'Mia: The whole team, but only I move the cards between the columns.',
  'Interviewer: And when something slips?',
  'Mia: Then I move it to next week and tell the people who waited for it.',
].join('\n');

describe('fixing an import', () => {
  const email = `iris+${Date.now()}@example.com`;
  let browser: Browser;
  let page: Page;
  let owner: Person;
  let projectId = '';
  let transcriptId = '';

  beforeAll(async () => {
    owner = await signUp(email, 'Iris Importer');
    ({ projectId } = await createProject(owner, 'Planning'));
    ({ transcriptId } = await importText(owner, projectId, 'zoom_0412', INTERVIEW));
    browser = await launchBrowser();
    ({ page } = await openPage(browser));
    await logIn(page, email);
  });

  afterAll(async () => {
    await browser?.close();
  });

  it('renames the transcript and records the interview day from the reader', async () => {
    await page.goto(`/t/${transcriptId}`);
    await visible(page.getByRole('heading', { name: 'zoom_0412', level: 1 }));
    await page
      .getByRole('button', { name: 'Edit details: title and interview date of zoom_0412' })
      .click();
    const title = page.getByLabel('Title');
    await title.fill('Mia, team lead');
    await page.getByLabel('Interview date').fill('2026-02-28');
    await page.getByRole('button', { name: 'Save' }).click();

    await visible(page.getByRole('heading', { name: 'Mia, team lead', level: 1 }));
    await visible(page.getByText('Interviewed 28 Feb 2026'));
    expect(await page.title()).toBe('Mia, team lead · Verbatim');
    const { transcript } = await owner.call<{
      transcript: { title: string; interviewDate: string };
    }>(`query ($id: ID!) { transcript(id: $id) { title interviewDate } }`, { id: transcriptId });
    expect(transcript).toEqual({ title: 'Mia, team lead', interviewDate: '2026-02-28' });
  });

  it('records a participant’s role and company on the project page, and removes one', async () => {
    await page.goto(`/p/${projectId}`);
    const panel = page.locator('vb-participants-panel');
    const mia = panel.locator('li.participant', { has: page.getByLabel('Display name for Mia') });
    await visible(mia);
    for (const [key, value] of [
      ['role', 'Team lead'],
      ['company', 'Acme'],
    ] as const) {
      await mia.getByLabel('Attribute of Mia').fill(key);
      await mia.getByLabel('Value').fill(value);
      await mia.getByRole('button', { name: 'Add' }).click();
      await visible(mia.getByRole('listitem').filter({ hasText: value }));
    }
    await mia.getByRole('button', { name: 'Remove company of Mia' }).click();
    await mia.getByRole('listitem').filter({ hasText: 'Acme' }).waitFor({ state: 'detached' });

    const { participants } = await owner.call<{
      participants: { label: string; attributes: { key: string; value: string }[] }[];
    }>(`query ($p: ID!) { participants(projectId: $p) { label attributes { key value } } }`, {
      p: projectId,
    });
    expect(participants.find((p) => p.label === 'Mia')?.attributes).toEqual([
      { key: 'role', value: 'Team lead' },
    ]);
  });
});
