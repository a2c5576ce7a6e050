import type { Browser, Page } from 'playwright-core';
import { graphql, launchBrowser, openPage, screenshot, visible } from './support/browser';
import { highlightAt, type Call, type Segment, waitUntilReady } from './support/seed';

// AI-assisted tagging with the offline tagger: a run started from the Analysis page, its
// progress followed live, two suggestions reviewed from the keyboard, and the accepted one read
// back in the tag view. Setup (people, transcript, codebook, human highlights) goes through the api.

const PASSWORD = 'correct horse battery';

const INTERVIEW = [
  'Interviewer: Tell me about the price of the product.',
  'Mia: The price was too expensive for our small team, the monthly plan cost too much.',
  'Interviewer: How did the first days go?',
  'Mia: The onboarding checklist helped, the setup guide walked us through inviting the team.',
  'Interviewer: What about billing?',
  'Mia: Honestly the subscription price is expensive, the yearly plan costs more than our budget.',
  'Interviewer: And getting started?',
  'Mia: Onboarding was smooth, the setup guide and the checklist made inviting people easy.',
  'Interviewer: Anything on cost you would change?',
  'Mia: A cheaper plan, because the price per seat is too expensive for a team of our size.',
  'Interviewer: Did your colleagues get set up?',
  'Mia: Yes, the setup checklist and the onboarding guide got every new colleague started quickly.',
].join('\n');

/** The review list's item that has keyboard focus: its suggestion id and quote. */
/**
 * The suggestion that has keyboard focus, once one has (other than `previous`): the page moves
 * focus after its next render, so the test waits for it rather than reading at once.
 */
async function focusedItem(
  page: Page,
  previous: string | null = null,
): Promise<{ id: string; quote: string; status: string } | null> {
  await page
    .waitForFunction(
      (not) => {
        const id = document.activeElement
          ?.closest('[data-suggestion-id]')
          ?.getAttribute('data-suggestion-id');
        return !!id && id !== not;
      },
      previous,
      { timeout: 5_000 },
    )
    .catch(() => undefined);
  return page.evaluate(() => {
    const el = document.activeElement?.closest('[data-suggestion-id]');
    if (!el) return null;
    return {
      id: el.getAttribute('data-suggestion-id') ?? '',
      status: el.getAttribute('data-status') ?? '',
      quote: el.querySelector('[data-testid="suggestion-quote"]')?.textContent ?? '',
    };
  });
}

/** An on-screen point inside the character at `offset` of turn `index`'s text (as in highlights.e2e.ts). */
function charPoint(page: Page, index: number, offset: number): Promise<{ x: number; y: number }> {
  return page.evaluate(
    ([i, at]) => {
      const text = document.querySelector(`article[data-index="${i}"] [data-turn-text]`)!;
      const walker = document.createTreeWalker(text, NodeFilter.SHOW_TEXT);
      let left = at;
      for (
        let node = walker.nextNode() as Text | null;
        node;
        node = walker.nextNode() as Text | null
      ) {
        if (left < node.data.length) {
          const range = document.createRange();
          range.setStart(node, left);
          range.setEnd(node, left + 1);
          const r = range.getBoundingClientRect();
          return { x: Math.round(r.left + r.width / 4), y: Math.round(r.top + r.height / 2) };
        }
        left -= node.data.length;
      }
      throw new Error(`no character ${at} in turn ${i}`);
    },
    [index, offset] as const,
  );
}

/** Drags the real mouse over `words` in turn `index`, as a reader selects text. */
async function selectWords(page: Page, index: number, text: string, words: string): Promise<void> {
  const start = text.indexOf(words);
  if (start < 0) throw new Error(`"${words}" is not in turn ${index}`);
  const a = await charPoint(page, index, start);
  const b = await charPoint(page, index, start + words.length - 1);
  await page.mouse.move(a.x, a.y);
  await page.mouse.down();
  await page.mouse.move(b.x + 6, b.y, { steps: 12 });
  await page.mouse.up();
}

interface HighlightRow {
  quote: string;
  tags: { name: string; source?: string }[];
}

describe('AI-assisted tagging', () => {
  const email = `ana+${Date.now()}@example.com`;
  let browser: Browser;
  let page: Page;
  let pageErrors: string[];
  let call: Call;
  let projectId = '';
  let transcriptId = '';
  let accepted = { id: '', quote: '' };
  let segments: Segment[] = [];
  const highlights = async () => {
    const { highlights } = await call<{ highlights: { edges: { node: HighlightRow }[] } }>(
      `query ($projectId: ID!, $transcriptId: ID!) {
        highlights(filter: { projectId: $projectId, transcriptId: $transcriptId }, first: 50) {
          edges { node { quote tags { name } } }
        }
      }`,
      { projectId, transcriptId },
    );
    return highlights.edges.map((e) => e.node);
  };

  const tags: Record<string, string> = {};

  beforeAll(async () => {
    const { signUp } = await graphql<{ signUp: { token: string } }>(
      `
        mutation ($input: SignUpInput!) {
          signUp(input: $input) {
            token
          }
        }
      `,
      { input: { email, password: PASSWORD, name: 'Ana Analyst' } },
    );
    call = (query, variables = {}) => graphql(query, variables, signUp.token);
    const { createWorkspace } = await call<{ createWorkspace: { id: string } }>(
      `mutation ($input: CreateWorkspaceInput!) { createWorkspace(input: $input) { id } }`,
      { input: { name: 'Tagging lab' } },
    );
    const { createProject } = await call<{ createProject: { id: string } }>(
      `mutation ($input: CreateProjectInput!) { createProject(input: $input) { id } }`,
      { input: { workspaceId: createWorkspace.id, name: 'Pricing and onboarding' } },
    );
    projectId = createProject.id;
    const { importTranscript } = await call<{ importTranscript: { id: string } }>(
      `mutation ($input: ImportTranscriptInput!) { importTranscript(input: $input) { id } }`,
      {
        input: { projectId, filename: 'mia.txt', title: 'Interview with Mia', content: INTERVIEW },
      },
    );
    transcriptId = importTranscript.id;
    segments = await waitUntilReady(call, transcriptId);

    for (const [name, description] of [
      ['Pricing', 'What people say about the price, plans and what the product costs.'],
      ['Onboarding', 'Getting started: setup, the checklist and inviting the team.'],
    ] as const) {
      const { createTag } = await call<{ createTag: { id: string } }>(
        `mutation ($input: CreateTagInput!) { createTag(input: $input) { id } }`,
        { input: { projectId, name, description } },
      );
      tags[name] = createTag.id;
    }
    // People coded the first answer on each topic; the tagger should find the later ones.
    await highlightAt(
      call,
      transcriptId,
      segments,
      1,
      'The price was too expensive for our small team',
      [tags['Pricing']!],
    );
    await highlightAt(call, transcriptId, segments, 3, 'The onboarding checklist helped', [
      tags['Onboarding']!,
    ]);

    browser = await launchBrowser();
    ({ page, pageErrors } = await openPage(browser));
    await page.goto('/login');
    await page.getByLabel('Email').fill(email);
    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Log in' }).click();
    await page.waitForURL('**/workspaces');
  });

  afterAll(async () => {
    await browser?.close();
  });

  it('runs a DEDUCTIVE analysis with the offline tagger and follows its progress', async () => {
    await page.goto(`/p/${projectId}`);
    const nav = await visible(page.getByRole('navigation', { name: 'Project views' }));
    await nav.getByRole('link', { name: 'Analysis' }).click();
    await page.waitForURL(`**/p/${projectId}/analysis`);
    await visible(page.getByRole('heading', { name: 'Analysis', level: 1 }));

    await visible(page.getByText('Offline tagger: learns from the highlights your team has'));
    await visible(page.getByRole('checkbox', { name: 'Interview with Mia' }));
    expect(await page.getByRole('checkbox', { name: 'Interview with Mia' }).isChecked()).toBe(true);
    expect(await page.getByRole('radio', { name: /Apply the codebook/ }).isChecked()).toBe(true);
    await screenshot(page, 'analysis-start.png', true);

    await page.getByRole('button', { name: 'Start analysis' }).click();
    const run = await visible(page.locator('li.run'));
    const bar = run.getByRole('progressbar');
    await visible(bar);
    await page.waitForFunction(
      () => {
        const el = document.querySelector('li.run');
        return (
          el?.getAttribute('data-status') === 'COMPLETED' &&
          el.querySelector('[role="progressbar"]')?.getAttribute('aria-valuenow') === '100'
        );
      },
      undefined,
      { timeout: 90_000 },
    );
    expect(await run.getByTestId('run-summary').textContent()).toMatch(/\d+ suggestions?: /);
    await screenshot(page, 'analysis-runs.png', true);
  });

  it('accepts one suggestion and rejects another from the keyboard', async () => {
    await page
      .locator('li.run')
      .getByRole('link', { name: /Review/ })
      .click();
    await page.waitForURL(new RegExp(`/p/${projectId}/analysis/[^/]+$`));
    await visible(page.getByRole('heading', { name: 'Review suggestions', level: 1 }));
    await visible(page.getByText(/ungrounded suggestions? dropped/));
    const items = page.locator('li.suggestion');
    await visible(items);
    expect(await items.count()).toBeGreaterThanOrEqual(2);

    // j focuses the first suggestion; a accepts it and focus moves on to the next pending one.
    await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    await page.keyboard.press('j');
    const first = await focusedItem(page);
    expect(first?.status).toBe('PENDING');
    await page.keyboard.press('a');
    await page.waitForSelector(`li[data-suggestion-id="${first!.id}"][data-status="ACCEPTED"]`);
    accepted = { id: first!.id, quote: first!.quote };
    expect(accepted.quote.length).toBeGreaterThan(0);

    const second = await focusedItem(page, first!.id);
    expect(second?.id).not.toBe(first!.id);
    expect(second?.status).toBe('PENDING');
    // r asks for a reason; Enter rejects with it.
    await page.keyboard.press('r');
    // The reason field takes focus: typing goes straight into it.
    await visible(page.getByLabel('Reason (optional)'));
    await page.waitForFunction(() => document.activeElement?.id.startsWith('reason-'));
    await page.keyboard.type('Not about the product');
    await page.keyboard.press('Enter');
    await page.waitForSelector(`li[data-suggestion-id="${second!.id}"][data-status="REJECTED"]`);

    // e edits the tags of the next one: type to find a tag, Enter adds it, Escape closes the
    // picker, and a accepts with both tags.
    const third = await focusedItem(page, second!.id);
    expect(third?.status).toBe('PENDING');
    const thirdItem = page.locator(`li[data-suggestion-id="${third!.id}"]`);
    const before = await thirdItem.locator('.tag').allTextContents();
    const other = before.some((t) => t.includes('Pricing')) ? 'Onboarding' : 'Pricing';
    await page.keyboard.press('e');
    await visible(thirdItem.getByRole('combobox'));
    await page.keyboard.type(other.slice(0, 5));
    await page.keyboard.press('Enter');
    await visible(thirdItem.locator('.tag', { hasText: other }));
    await page.keyboard.press('Escape');
    await page.waitForFunction(
      (id) => document.activeElement?.getAttribute('data-suggestion-id') === id,
      third!.id,
    );
    await page.keyboard.press('a');
    await page.waitForSelector(`li[data-suggestion-id="${third!.id}"][data-status="ACCEPTED"]`);
    const edited = (await highlights()).find((h) => h.quote === third!.quote);
    expect(edited?.tags.map((t) => t.name).sort()).toEqual(['Onboarding', 'Pricing']);

    const counts = page.getByTestId('run-counts');
    await page.waitForFunction(() => {
      const text = document.querySelector('[data-testid="run-counts"]')?.textContent ?? '';
      return /Accepted\s*2/.test(text) && /Rejected\s*1/.test(text);
    });
    expect(await counts.textContent()).toMatch(/Pending\s*\d/);
    await page.evaluate(() => window.scrollTo(0, 0));
    await screenshot(page, 'analysis-review.png', true);

    const { suggestions } = await call<{
      suggestions: {
        edges: { node: { id: string; status: string; rejectReason: string | null } }[];
      };
    }>(
      `query ($filter: SuggestionFilter!) { suggestions(filter: $filter, first: 100) { edges { node { id status rejectReason } } } }`,
      { filter: { transcriptId } },
    );
    const byId = new Map(suggestions.edges.map((e) => [e.node.id, e.node]));
    expect(byId.get(first!.id)?.status).toBe('ACCEPTED');
    expect(byId.get(second!.id)).toMatchObject({
      status: 'REJECTED',
      rejectReason: 'Not about the product',
    });

    // The filter lives in the address: a reload (or a shared link) shows the same view.
    await page.getByLabel('Status').selectOption('REJECTED');
    await page.waitForURL(/[?&]status=rejected\b/);
    await page.reload();
    await visible(page.locator(`li[data-suggestion-id="${second!.id}"][data-status="REJECTED"]`));
    expect(await page.locator('li.suggestion').count()).toBe(1);
    expect(await page.getByLabel('Status').inputValue()).toBe('REJECTED');
    await page.getByLabel('Status').selectOption('PENDING');
    await page.waitForURL((url) => !url.search.includes('status='));
  });

  it('reviews suggestions in the reader: outlined, accepted in place, or put on other words', async () => {
    await page.goto(`/t/${transcriptId}`);
    await visible(page.locator('[data-highlights-loaded="true"]'));
    const outlined = page.locator('.run--suggestion');
    await visible(outlined);
    const pendingBefore = await outlined.count();
    expect(pendingBefore).toBeGreaterThanOrEqual(2);
    await screenshot(page, 'analysis-reader.png');

    // Accept: the dashed outline becomes a filled highlight, without loading the page again.
    await page.evaluate(() => ((window as { __sameDocument?: boolean }).__sameDocument = true));
    const first = outlined.first();
    const quote = (await first.textContent()) ?? '';
    await first.click();
    const panel = await visible(page.getByRole('complementary', { name: 'Suggestion' }));
    expect(await panel.locator('blockquote').textContent()).toBe(quote);
    await panel.getByRole('button', { name: 'Accept' }).click();
    await page.waitForFunction(
      (text) =>
        Array.from(document.querySelectorAll('.run--hl:not(.run--suggestion)')).some(
          (el) => el.textContent === text,
        ),
      quote,
    );
    expect(await outlined.count()).toBeLessThan(pendingBefore);
    expect(await page.evaluate(() => (window as { __sameDocument?: boolean }).__sameDocument)).toBe(
      true,
    );

    // Adjust words: the next selection becomes the highlight's words.
    const next = outlined.first();
    const index = Number(
      await next.evaluate((el) => el.closest('article[data-index]')?.getAttribute('data-index')),
    );
    const turn = segments.find((s) => s.index === index)!;
    const words = turn.text.split(' ').slice(1, 5).join(' ');
    await next.click();
    await (await visible(page.getByRole('complementary', { name: 'Suggestion' })))
      .getByRole('button', { name: 'Adjust words' })
      .click();
    await visible(page.getByText('Select the words this suggestion should quote'));
    await selectWords(page, index, turn.text, words);
    await page.waitForFunction(
      (text) =>
        Array.from(document.querySelectorAll('.run--hl:not(.run--suggestion)')).some(
          (el) => el.textContent === text,
        ),
      words,
    );
    expect((await highlights()).some((h) => h.quote === words)).toBe(true);
    await screenshot(page, 'analysis-reader-accepted.png');
  });

  it('hides pending suggestions for this reader only, remembers it, and never hides highlights', async () => {
    await page.goto(`/t/${transcriptId}`);
    await visible(page.locator('[data-highlights-loaded="true"]'));
    const outlined = page.locator('.run--suggestion');
    const highlighted = page.locator('.run--hl:not(.run--suggestion)');
    await visible(outlined);
    const people = await highlighted.count();
    expect(people).toBeGreaterThan(0);

    const toggle = page.getByRole('checkbox', { name: /Show \d+ pending suggestions?/ });
    expect(await toggle.isChecked()).toBe(true);
    await toggle.uncheck();
    await outlined.first().waitFor({ state: 'detached' });
    expect(await highlighted.count()).toBe(people);

    await page.reload();
    await visible(page.locator('[data-highlights-loaded="true"]'));
    await visible(highlighted);
    expect(await page.getByRole('checkbox', { name: /pending suggestion/ }).isChecked()).toBe(
      false,
    );
    expect(await outlined.count()).toBe(0);

    await page.getByRole('checkbox', { name: /pending suggestion/ }).check();
    await visible(outlined);
  });

  it('accepts the rest above a confidence after saying how many, and shows what was sent', async () => {
    await page.goto(`/p/${projectId}/analysis`);
    await page
      .locator('li.run')
      .getByRole('link', { name: /Review/ })
      .click();
    await visible(page.getByRole('heading', { name: 'Review suggestions', level: 1 }));
    const pending = Number(
      (await page.getByTestId('run-counts').textContent())?.match(/Pending\s*(\d+)/)?.[1],
    );
    expect(pending).toBeGreaterThan(0);
    await page.getByLabel('Confidence threshold for accepting all, in percent').fill('1');
    await page.getByRole('button', { name: 'Accept all…' }).click();
    await visible(
      page.getByText(
        new RegExp(`Accept ${pending} pending suggestions? with a confidence of 1% or more`),
      ),
    );
    await page.getByRole('button', { name: `Accept ${pending}` }).click();
    await visible(page.getByText(new RegExp(`${pending} suggestions? accepted`)));
    await page.waitForFunction(() =>
      /Pending\s*0/.test(document.querySelector('[data-testid="run-counts"]')?.textContent ?? ''),
    );

    await page.getByText('What was sent').click();
    await visible(page.getByText('The offline tagger ran on this server; nothing was sent'));
  });

  it('shows the accepted quote in the tag view', async () => {
    await page.goto(`/p/${projectId}/evidence`);
    await visible(page.getByRole('heading', { name: 'Tag view', level: 1 }));
    const quotes = page.locator('li.quote blockquote');
    await visible(quotes);
    expect(accepted.quote).not.toBe('');
    const texts = await quotes.allTextContents();
    expect(texts.some((t) => t.includes(accepted.quote))).toBe(true);
    expect(pageErrors).toEqual([]);
  });

  it('reviews the most confident suggestions first, or in transcript order', async () => {
    await page.goto(`/p/${projectId}/analysis`);
    await page
      .locator('li.run')
      .getByRole('link', { name: /Review/ })
      .click();
    await page.getByLabel('Status').selectOption('');
    const confidences = page.locator('li.suggestion [data-testid="confidence"]');
    await visible(confidences);
    const shown = (await confidences.allTextContents()).map((text) => parseInt(text, 10));
    expect(shown.length).toBeGreaterThan(1);
    expect(shown).toEqual([...shown].sort((a, b) => b - a));

    await page.getByLabel('Order').selectOption('TRANSCRIPT');
    await page.waitForURL(/order=transcript/);
    await visible(confidences);
    expect(await page.getByLabel('Order').inputValue()).toBe('TRANSCRIPT');
  });

  it('defaults a new run to the transcripts not yet analysed with the current codebook', async () => {
    await page.goto(`/p/${projectId}/analysis`);
    const mia = page.getByRole('checkbox', { name: /Interview with Mia/ });
    await visible(mia);
    // The form re-selects after its next render: wait for the box to show the state.
    const checked = (on: boolean) =>
      page.waitForFunction(
        (want) =>
          Array.from(document.querySelectorAll<HTMLInputElement>('.transcripts input')).some(
            (box) =>
              box.closest('label')?.textContent?.includes('Interview with Mia') &&
              box.checked === want,
          ),
        on,
      );
    await checked(false);
    await visible(page.getByText(/Interview with Mia — analysed (just now|\d+ minutes? ago)$/));
    await visible(
      page.getByText(/Every transcript was already analysed with the current codebook/),
    );

    // Looking for themes is another kind of run: nothing looked for themes in Mia's interview yet.
    await page.getByRole('radio', { name: /themes/i }).check();
    await checked(true);
    await page.getByRole('radio', { name: /Apply the codebook/ }).check();
    await checked(false);

    // A change of the codebook makes the interview due again.
    await call(`mutation ($i: UpdateTagInput!) { updateTag(input: $i) { id } }`, {
      i: { id: tags['Pricing'], description: 'Price, plans, seats and what the product costs.' },
    });
    await page.reload();
    await visible(page.getByText(/analysed .*, before the codebook changed/));
    await checked(true);
  });
});
