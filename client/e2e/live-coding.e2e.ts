import type { Browser, Page } from 'playwright-core';
import { launchBrowser, openPage, visible } from './support/browser';
import {
  type Person,
  type Segment,
  createProject,
  createTag,
  highlightWords,
  importText,
  logIn,
  signUp,
} from './support/seed';

// Two colleagues in the same transcript: each sees the other's highlights, tag changes and
// codebook edits as they happen, without reloading.

const INTERVIEW = [
  'Interviewer: Where did you look for the export?',
  'Mia: The export button is hidden behind the settings menu, I only found it by accident.',
  'Interviewer: And then?',
  'Mia: The file it gave me had every date in the wrong format for our spreadsheets.',
].join('\n');

describe('live coding with a colleague', () => {
  const stamp = Date.now();
  let browser: Browser;
  let ana: Person;
  let ben: Person;
  let anaPage: Page;
  let benPage: Page;
  let transcriptId = '';
  let tagId = '';
  let segments: Segment[] = [];
  const anaEmail = `ana+${stamp}@example.com`;
  const benEmail = `ben+${stamp}@example.com`;

  beforeAll(async () => {
    ana = await signUp(anaEmail, 'Ana Lyst');
    ben = await signUp(benEmail, 'Ben Coder');
    const { workspaceId, projectId } = await createProject(ana, 'Export study');
    const { inviteMember } = await ana.call<{ inviteMember: { token: string } }>(
      `mutation ($i: InviteMemberInput!) { inviteMember(input: $i) { token } }`,
      { i: { workspaceId, email: benEmail, role: 'EDITOR' } },
    );
    await ben.call(`mutation ($t: String!) { acceptInvitation(token: $t) { id } }`, {
      t: inviteMember.token,
    });
    ({ transcriptId, segments } = await importText(ana, projectId, 'Mia', INTERVIEW));
    tagId = await createTag(ana, projectId, 'Findability');
    browser = await launchBrowser();
    ({ page: anaPage } = await openPage(browser));
    ({ page: benPage } = await openPage(browser));
    await logIn(anaPage, anaEmail);
    await logIn(benPage, benEmail);
    for (const page of [anaPage, benPage]) {
      await page.goto(`/t/${transcriptId}`);
      await page.locator('[data-highlights-loaded="true"]').waitFor();
    }
  });

  afterAll(async () => {
    await browser?.close();
  });

  it("shows Ana the highlight Ben makes, and Ben's later tag rename, without a reload", async () => {
    const answer = segments.find((s) => s.text.includes('export button'))!;
    const id = await highlightWords(ben, transcriptId, segments, 'export button is hidden', [
      tagId,
    ]);
    // The reader subscribes as it opens: until its subscription is surely in place, Ben's next
    // change (a note) brings the highlight too.
    const shown = anaPage.locator(`[data-h~="${id}"]`);
    for (let attempt = 0; attempt < 10 && !(await shown.count()); attempt++) {
      await shown
        .first()
        .waitFor({ timeout: 1500 })
        .catch(() => undefined);
      if (!(await shown.count()))
        await ben.call(
          `mutation ($i: UpdateHighlightInput!) { updateHighlight(input: $i) { id } }`,
          {
            i: { id, note: `Seen ${attempt}` },
          },
        );
    }
    await visible(shown);
    expect(await anaPage.locator(`article[data-index="${answer.index}"] .run--hl`).count()).toBe(1);

    await shown.first().click();
    const panel = await visible(anaPage.getByRole('complementary', { name: 'Highlight' }));
    await visible(panel.getByText('Findability'));
    await ben.call(`mutation ($i: UpdateTagInput!) { updateTag(input: $i) { id } }`, {
      i: { id: tagId, name: 'Discoverability' },
    });
    await visible(panel.getByText('Discoverability'));

    await ben.call(`mutation ($id: ID!) { deleteHighlight(id: $id) }`, { id });
    await panel.waitFor({ state: 'detached' });
    await shown.first().waitFor({ state: 'detached' });
  });

  it('shows Ben the highlight Ana tags in her reader', async () => {
    const answer = segments.find((s) => s.text.includes('wrong format'))!;
    await anaPage.locator(`article[data-index="${answer.index}"] [data-turn-text]`).click();
    await anaPage.keyboard.press('h');
    await visible(anaPage.getByRole('combobox', { name: 'Tag this highlight' }));
    await anaPage.keyboard.type('Date formats');
    await visible(anaPage.getByRole('option', { name: 'Create tag “Date formats”' }));
    await anaPage.keyboard.press('Enter');
    await anaPage.getByRole('combobox').waitFor({ state: 'detached' });

    const run = benPage.locator(`article[data-index="${answer.index}"] .run--hl`);
    await visible(run);
    await run.first().click();
    const panel = await visible(benPage.getByRole('complementary', { name: 'Highlight' }));
    await visible(panel.getByText('Date formats'));
    await visible(panel.getByText('Ana Lyst'));
  });

  it('shows Ana the turn Ben splits and merges back, in place, without a reload', async () => {
    const turn = segments.find((s) => s.text.includes('I only found'))!;
    const text = (page: Page, index: number) =>
      page.locator(`article[data-index="${index}"] [data-turn-text]`);
    const split = await ben.call<{
      splitSegment: { first: { id: string }; second: { id: string } };
    }>(
      `mutation ($i: SplitSegmentInput!) { splitSegment(input: $i) { first { id } second { id } } }`,
      { i: { segmentId: turn.id, offset: turn.text.indexOf('I only found') } },
    );
    await visible(
      text(anaPage, turn.index + 1).filter({ hasText: /^I only found it by accident\.$/ }),
    );
    expect(await text(anaPage, turn.index).textContent()).toBe(
      'The export button is hidden behind the settings menu,',
    );
    // The turns after it moved down by one.
    expect(await text(anaPage, turn.index + 2).textContent()).toBe('And then?');

    await ben.call(
      `mutation ($i: MergeSegmentsInput!) { mergeSegments(input: $i) { segment { id } } }`,
      {
        i: {
          firstSegmentId: split.splitSegment.first.id,
          secondSegmentId: split.splitSegment.second.id,
        },
      },
    );
    await visible(text(anaPage, turn.index).filter({ hasText: turn.text }));
    expect(await text(anaPage, turn.index + 1).textContent()).toBe('And then?');
  });
});
