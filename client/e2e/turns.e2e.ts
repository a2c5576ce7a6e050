import AxeBuilder from '@axe-core/playwright';
import type { Browser, Page } from 'playwright-core';
import { focused, launchBrowser, openPage, screenshot, visible } from './support/browser';
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

// An editor splits a turn that an import joined, from the reader's turn editor with the
// keyboard, checks where its highlights went, and merges the two turns back.

/** WebVTT with times: the split shares the turn's time between its parts. */
const INTERVIEW = `WEBVTT

00:00:01.000 --> 00:00:04.000
<v Interviewer>How does your team plan a research week?

00:00:04.000 --> 00:00:14.000
<v Mia>We plan everything on Mondays. Then the interviews start on Tuesday and run all week.

00:00:14.000 --> 00:00:17.000
<v Interviewer>What would make it easier?

00:00:17.000 --> 00:00:22.000
<v Mia>A shared calendar with everyone's working hours.
`;

const FIRST_PART = 'We plan everything on Mondays.';
const SECOND_PART = 'Then the interviews start on Tuesday and run all week.';

interface StoredHighlight {
  id: string;
  quote: string;
  needsAttention: boolean;
  start: { segmentId: string; offset: number };
  end: { segmentId: string; offset: number };
}

describe('splitting and merging turns in the reader', () => {
  const email = `tess+${Date.now()}@example.com`;
  let browser: Browser;
  let page: Page;
  let pageErrors: string[];
  let owner: Person;
  let projectId: string;
  let transcriptId: string;
  let segments: Segment[];
  let after: string;
  let across: string;

  const stored = async (): Promise<Map<string, StoredHighlight>> => {
    const { highlights } = await owner.call<{
      highlights: { edges: { node: StoredHighlight }[] };
    }>(
      `query ($f: HighlightFilter!) { highlights(filter: $f, first: 50) { edges { node {
        id quote needsAttention start { segmentId offset } end { segmentId offset } } } } }`,
      { f: { projectId, transcriptId } },
    );
    return new Map(highlights.edges.map((e) => [e.node.id, e.node]));
  };
  const turns = async () =>
    (
      await owner.call<{ transcript: { segmentCount: number; segments: Segment[] } }>(
        `query ($id: ID!) { transcript(id: $id) { segmentCount segments { id index text } } }`,
        { id: transcriptId },
      )
    ).transcript;
  const turnText = (index: number) =>
    page.locator(`article[data-index="${index}"] [data-turn-text]`).textContent();

  /** Opens the editor of turn `index`; the focus is in its text. */
  const openEditor = async (index: number) => {
    await page.getByRole('button', { name: `Correct turn ${index + 1}` }).click();
    await focused(page.getByLabel('Turn text'));
  };
  /** Reaches `button` of the editor with the Tab key. */
  const tabTo = async (button: string) => {
    for (let i = 0; i < 6; i++) {
      const name = await page.evaluate(() => document.activeElement?.textContent?.trim());
      if (name === button) return;
      await page.keyboard.press('Tab');
    }
    await focused(page.getByRole('button', { name: button }));
  };

  beforeAll(async () => {
    owner = await signUp(email, 'Tess Turns');
    ({ projectId } = await createProject(owner, 'Planning study'));
    ({ transcriptId, segments } = await importText(owner, projectId, 'Mia', INTERVIEW, 'mia.vtt'));
    const tag = await createTag(owner, projectId, 'Planning');
    after = await highlightWords(owner, transcriptId, segments, 'start on Tuesday', [tag]);
    across = await highlightWords(owner, transcriptId, segments, 'Mondays. Then the', [tag]);
    browser = await launchBrowser();
    ({ page, pageErrors } = await openPage(browser));
    await logIn(page, email);
    await page.goto(`/t/${transcriptId}`);
    await page.locator('[data-highlights-loaded="true"]').waitFor();
  });

  afterAll(async () => {
    await browser?.close();
  });

  it('splits a turn at the cursor; the highlights follow their words into the new turn', async () => {
    const turn = segments[1]!;
    expect(turn.text).toBe(`${FIRST_PART} ${SECOND_PART}`);
    await openEditor(1);
    // The editor with its new buttons passes axe like the rest of the reader.
    const { violations } = await new AxeBuilder({ page }).include('vb-turn-editor').analyze();
    expect(
      violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => v.id),
    ).toEqual([]);
    await screenshot(page, 'turns-editor.png');

    // The cursor to where the second part starts, then Tab to "Split here".
    await page.keyboard.press('Control+Home');
    for (let i = 0; i <= FIRST_PART.length; i++) await page.keyboard.press('ArrowRight');
    await tabTo('Split here');
    await page.keyboard.press('Enter');
    await visible(
      page.getByRole('status').filter({ hasText: 'Turn split: 2 highlights re-anchored.' }),
    );

    const now = await turns();
    expect(now.segmentCount).toBe(5);
    expect(now.segments.map((s) => [s.index, s.text])).toEqual([
      [0, segments[0]!.text],
      [1, FIRST_PART],
      [2, SECOND_PART],
      [3, segments[2]!.text],
      [4, segments[3]!.text],
    ]);
    const second = now.segments[2]!;
    const moved = await stored();
    expect(moved.get(after)).toMatchObject({
      quote: 'start on Tuesday',
      needsAttention: false,
      start: { segmentId: second.id, offset: SECOND_PART.indexOf('start on Tuesday') },
      end: { segmentId: second.id },
    });
    expect(moved.get(across)).toMatchObject({
      quote: 'Mondays.\nThen the',
      needsAttention: false,
      start: { segmentId: turn.id, offset: FIRST_PART.indexOf('Mondays.') },
      end: { segmentId: second.id, offset: 'Then the'.length },
    });

    // The reader shows the two turns, both Mia's, with their highlighted words.
    expect(await turnText(1)).toBe(FIRST_PART);
    expect(await turnText(2)).toBe(SECOND_PART);
    await visible(page.locator('article[data-index="2"] .turn-speaker', { hasText: 'Mia' }));
    await visible(page.locator(`article[data-index="1"] [data-h~="${across}"]`));
    await visible(page.locator(`article[data-index="2"] [data-h~="${across}"]`));
    await visible(page.locator(`article[data-index="2"] [data-h~="${after}"]`));
    expect(await turnText(3)).toBe(segments[2]!.text);
    await visible(page.getByText('5 turns', { exact: true }));
    await screenshot(page, 'turns-split.png');
  });

  it('merges the turn with the next one again, giving back the original turn and highlights', async () => {
    await openEditor(1);
    await tabTo('Merge with next turn');
    await page.keyboard.press('Enter');
    await visible(
      page.getByRole('status').filter({ hasText: 'Turns merged: 2 highlights re-anchored.' }),
    );
    const now = await turns();
    expect(now.segments.map((s) => [s.id, s.index, s.text])).toEqual(
      segments.map((s) => [s.id, s.index, s.text]),
    );
    const back = await stored();
    expect(back.get(across)).toMatchObject({
      quote: 'Mondays. Then the',
      start: { segmentId: segments[1]!.id },
      end: { segmentId: segments[1]!.id },
    });
    expect(back.get(after)).toMatchObject({
      quote: 'start on Tuesday',
      start: {
        segmentId: segments[1]!.id,
        offset: segments[1]!.text.indexOf('start on Tuesday'),
      },
    });
    expect(await turnText(1)).toBe(segments[1]!.text);
    expect(await turnText(2)).toBe(segments[2]!.text);
    await visible(page.locator(`article[data-index="1"] [data-h~="${after}"]`));
    await visible(page.getByText('4 turns', { exact: true }));
    await screenshot(page, 'turns-merged.png');
    expect(pageErrors).toEqual([]);
  });

  it("refuses to save over a colleague's correction made meanwhile, shows it, and saves on a second try", async () => {
    const turn = (await turns()).segments[3]!;
    await openEditor(3);
    await page.getByLabel('Turn text').fill('A shared calendar with working hours.');
    // Meanwhile a colleague (the same account, through the api) corrects the same turn.
    const theirs = "A shared calendar with everyone's working hours and holidays.";
    await owner.call(
      `mutation ($i: CorrectSegmentInput!) { correctSegment(input: $i) { segment { id } } }`,
      { i: { segmentId: turn.id, text: theirs, expectedText: turn.text } },
    );
    await page.getByRole('button', { name: 'Save correction' }).click();
    const alert = page.getByRole('alert').filter({ hasText: 'Someone changed this turn' });
    await visible(alert);
    expect(await alert.textContent()).toContain(theirs);
    expect((await turns()).segments[3]!.text).toBe(theirs);
    await screenshot(page, 'turn-correction-conflict.png');

    // Knowing what they wrote, the editor saves again: now it replaces theirs.
    await page.getByRole('button', { name: 'Save correction' }).click();
    await visible(
      page.locator('article[data-index="3"] [data-turn-text]').filter({
        hasText: 'A shared calendar with working hours.',
      }),
    );
    expect((await turns()).segments[3]!.text).toBe('A shared calendar with working hours.');
    expect(pageErrors).toEqual([]);
  });
});
