import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import {
  baseUrl,
  focused,
  graphql,
  launchBrowser,
  openPage,
  screenshot,
  visible,
} from './support/browser';
import { logIn, PASSWORD } from './support/seed';

const ZOOM_VTT = join(__dirname, 'fixtures/GMT20240124-202901_Recording.transcript.vtt');

const SIGN_UP = `mutation ($input: SignUpInput!) { signUp(input: $input) { token } }`;
const TRANSCRIPT = `query ($id: ID!) { transcript(id: $id) { status segments(limit: 500) { id index text } } }`;
const HIGHLIGHTS = `query ($projectId: ID!, $transcriptId: ID!) {
  highlights(filter: { projectId: $projectId, transcriptId: $transcriptId }, first: 50) {
    edges { node { id quote note needsAttention start { segmentId offset } tags { name } } }
  }
}`;

interface Seg {
  id: string;
  index: number;
  text: string;
}

interface Hl {
  id: string;
  quote: string;
  note: string | null;
  needsAttention: boolean;
  start: { segmentId: string; offset: number };
  tags: { name: string }[];
}

/** Sets up an owner with a project holding the Zoom transcript, straight through the api. */
async function seedOwner(email: string) {
  const { signUp } = await graphql<{ signUp: { token: string } }>(SIGN_UP, {
    input: { email, password: PASSWORD, name: 'Hana Highlighter' },
  });
  const token = signUp.token;
  const ws = await graphql<{ createWorkspace: { id: string } }>(
    `
      mutation {
        createWorkspace(input: { name: "Highlights lab" }) {
          id
        }
      }
    `,
    {},
    token,
  );
  const project = await graphql<{ createProject: { id: string } }>(
    `
      mutation ($i: CreateProjectInput!) {
        createProject(input: $i) {
          id
        }
      }
    `,
    { i: { workspaceId: ws.createWorkspace.id, name: 'Classroom study' } },
    token,
  );
  const projectId = project.createProject.id;
  const form = new FormData();
  form.append('file', new Blob([readFileSync(ZOOM_VTT)]), 'zoom-class.vtt');
  const response = await fetch(`${baseUrl()}/api/projects/${projectId}/transcripts`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}` },
    body: form,
  });
  const { id: transcriptId } = (await response.json()) as { id: string };
  for (let i = 0; i < 240; i++) {
    const { transcript } = await graphql<{ transcript: { status: string; segments: Seg[] } }>(
      TRANSCRIPT,
      { id: transcriptId },
      token,
    );
    if (transcript.status === 'READY')
      return {
        token,
        projectId,
        workspaceId: ws.createWorkspace.id,
        transcriptId,
        segments: transcript.segments,
      };
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error('transcript did not become READY');
}

/** An on-screen point inside the character at `offset` of turn `index`'s text. */
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
          // A quarter into the character, in whole pixels as a real mouse reports: Chromium does
          // not start a drag selection from a press exactly on a glyph's midpoint (a subpixel tie
          // between the caret before and after it), which only synthetic events can hit.
          return { x: Math.round(r.left + r.width / 4), y: Math.round(r.top + r.height / 2) };
        }
        left -= node.data.length;
      }
      throw new Error(`no character ${at} in turn ${i}`);
    },
    [index, offset] as const,
  );
}

/** Drags the real mouse from one character to another, as a reader selects text. */
async function drag(page: Page, from: [number, number], to: [number, number]): Promise<void> {
  await page.evaluate(
    (i) =>
      document.querySelector(`article[data-index="${i}"]`)!.scrollIntoView({ block: 'center' }),
    from[0],
  );
  const a = await charPoint(page, ...from);
  const b = await charPoint(page, ...to);
  await page.mouse.move(a.x, a.y);
  await page.mouse.down();
  await page.mouse.move(b.x, b.y, { steps: 12 });
  await page.mouse.up();
}

async function openReader(page: Page, path: string): Promise<void> {
  await page.goto(path);
  await page.locator('[data-highlights-loaded="true"]').waitFor();
}

describe('highlighting in the reader', () => {
  const stamp = Date.now();
  const ownerEmail = `hana+${stamp}@example.com`;
  const viewerEmail = `vera+${stamp}@example.com`;
  let browser: Browser;
  let page: Page;
  let pageErrors: string[];
  let seed: Awaited<ReturnType<typeof seedOwner>>;
  let readerPath = '';
  const highlights = async () =>
    (
      await graphql<{ highlights: { edges: { node: Hl }[] } }>(
        HIGHLIGHTS,
        { projectId: seed.projectId, transcriptId: seed.transcriptId },
        seed.token,
      )
    ).highlights.edges.map((e) => e.node);
  const seg = (needle: string) => {
    const found = seed.segments.find((s) => s.text.includes(needle));
    if (!found) throw new Error(`no turn with "${needle}"`);
    return found;
  };

  beforeAll(async () => {
    seed = await seedOwner(ownerEmail);
    readerPath = `/t/${seed.transcriptId}`;
    browser = await launchBrowser();
    ({ page, pageErrors } = await openPage(browser));
    await logIn(page, ownerEmail);
  });

  afterAll(async () => {
    await browser?.close();
  });

  it('tags a selection across two turns with a new tag made in the picker', async () => {
    await openReader(page, readerPath);
    const first = seg('for the nerds among us');
    const second = seed.segments.find((s) => s.index === first.index + 1)!;
    const start = first.text.indexOf('nerds') + 2;
    await drag(page, [first.index, start], [second.index, Math.min(1, second.text.length - 1)]);

    const picker = await visible(page.getByRole('combobox', { name: 'Tag this highlight' }));
    await focused(picker);
    await page.keyboard.type('Tool confusion');
    await visible(page.getByRole('option', { name: 'Create tag “Tool confusion”' }));
    await page.keyboard.press('Enter');
    await picker.waitFor({ state: 'detached' });

    const runs = page.locator(`article[data-index="${first.index}"] .run--hl`);
    await visible(runs);
    await visible(page.locator(`article[data-index="${second.index}"] .run--hl`));
    const [created] = await highlights();
    const secondWord = second.text.match(/^[\p{L}'’]+/u)![0];
    expect(created!.quote).toBe(`${first.text.slice(first.text.indexOf('nerds'))}\n${secondWord}`);
    expect(created!.tags.map((t) => t.name)).toEqual(['Tool confusion']);
  });

  it('stacks overlapping highlights legibly and asks which one was clicked', async () => {
    const turn = seg('does anybody have any questions');
    // h on the current turn highlights all of it; 1 applies the most recent tag.
    await page.locator(`article[data-index="${turn.index}"] [data-turn-text]`).click();
    await page.keyboard.press('h');
    await visible(page.getByRole('combobox', { name: 'Tag this highlight' }));
    await page.keyboard.press('1');
    await page.getByRole('combobox', { name: 'Tag this highlight' }).waitFor({ state: 'detached' });

    const words = turn.text.indexOf('walkthrough');
    await drag(page, [turn.index, words + 1], [turn.index, turn.text.indexOf('questions') + 3]);
    await visible(page.getByRole('combobox', { name: 'Tag this highlight' }));
    await page.keyboard.type('Curiosity');
    await page.keyboard.press('Enter');
    await page.getByRole('combobox').waitFor({ state: 'detached' });

    await drag(
      page,
      [turn.index, turn.text.indexOf('anybody') + 1],
      [turn.index, turn.text.indexOf('seeing') + 2],
    );
    await visible(page.getByRole('combobox', { name: 'Tag this highlight' }));
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    await page.getByRole('combobox').waitFor({ state: 'detached' });

    const triple = page.locator(`article[data-index="${turn.index}"] .run--hl[data-h*=" "]`);
    await visible(triple);
    const lanes = await triple.evaluateAll((els) =>
      Math.max(...els.map((el) => (el.getAttribute('data-h') ?? '').split(' ').length)),
    );
    expect(lanes).toBe(3);
    await page.mouse.move(0, 0);
    await screenshot(page, 'reader-overlapping-highlights.png');

    const mostLayered = await triple.evaluateAll((els) =>
      els.findIndex((el) => (el.getAttribute('data-h') ?? '').split(' ').length === 3),
    );
    // Click inside the run's first line box: a run that wraps has a bounding box whose centre
    // can lie over a neighbouring run.
    const box = await triple.nth(mostLayered).evaluate((el) => {
      const r = el.getClientRects()[0]!;
      return {
        x: Math.round(r.left + Math.min(r.width / 2, 20)),
        y: Math.round(r.top + r.height / 2),
      };
    });
    await page.mouse.click(box.x, box.y);
    const chooser = await visible(page.getByRole('menu', { name: 'Highlights here' }));
    expect(await chooser.getByRole('menuitem').count()).toBe(3);
    await chooser.getByRole('menuitem', { name: /Curiosity/ }).click();
    const panel = await visible(page.getByRole('complementary', { name: 'Highlight' }));
    await visible(panel.getByText('Curiosity'));
  });

  it('keeps the keyboard in the highlight panel after adding or removing a tag there', async () => {
    const panel = page.getByRole('complementary', { name: 'Highlight' });
    const addTag = panel.getByRole('button', { name: 'Add tag' });
    await addTag.click();
    await focused(page.getByRole('combobox', { name: 'Add a tag' }));
    await page.keyboard.type('Follow-up');
    await visible(page.getByRole('option', { name: 'Create tag “Follow-up”' }));
    await page.keyboard.press('Enter');
    await visible(panel.getByRole('button', { name: 'Remove tag Follow-up' }));
    await focused(addTag);

    // Enter on the focused button opens the picker again; Escape gives the focus back.
    await page.keyboard.press('Enter');
    await focused(page.getByRole('combobox', { name: 'Add a tag' }));
    await page.keyboard.press('Escape');
    await focused(addTag);

    await panel.getByRole('button', { name: 'Remove tag Follow-up' }).click();
    await panel
      .getByRole('button', { name: 'Remove tag Follow-up' })
      .waitFor({ state: 'detached' });
    await focused(addTag);
  });

  it('edits the note, deletes the highlight, and brings it back with Undo', async () => {
    const panel = page.getByRole('complementary', { name: 'Highlight' });
    await panel.getByLabel('Note').fill('Students ask when the tool is unfamiliar');
    await panel.getByRole('button', { name: 'Save note' }).click();
    await panel.getByRole('button', { name: 'Save note' }).waitFor({ state: 'detached' });
    const noted = (await highlights()).find((h) => h.tags.some((t) => t.name === 'Curiosity'))!;
    expect(noted.note).toBe('Students ask when the tool is unfamiliar');

    await panel.getByRole('button', { name: 'Delete highlight' }).click();
    await panel.waitFor({ state: 'detached' });
    const toast = await visible(page.getByRole('status').filter({ hasText: 'Highlight deleted.' }));
    expect((await highlights()).some((h) => h.id === noted.id)).toBe(false);
    await toast.getByRole('button', { name: 'Undo' }).click();
    await toast.waitFor({ state: 'detached' });
    let restored: Hl | undefined;
    for (let tries = 0; !restored && tries < 80; tries++) {
      restored = (await highlights()).find((h) => h.tags.some((t) => t.name === 'Curiosity'));
      if (!restored) await new Promise((r) => setTimeout(r, 250));
    }
    if (!restored) throw new Error('Undo did not bring the highlight back');
    expect(restored.id).not.toBe(noted.id);
    expect(restored.quote).toBe(noted.quote);
    expect(restored.note).toBe(noted.note);
  });

  it('lets an editor correct a turn; its highlight follows the text', async () => {
    const turn = seg('for the nerds among us');
    const before = (await highlights()).find((h) => h.start.segmentId === turn.id)!;
    await page.getByRole('button', { name: `Correct turn ${turn.index + 1}` }).click();
    const field = page.getByLabel('Turn text');
    // Outside the highlighted words: a word in front, and a fix before the quote starts.
    await field.fill(`Right. ${turn.text.replace('Okay?', 'Okay.')}`);
    await page.getByRole('button', { name: 'Save correction' }).click();
    await visible(
      page.getByRole('status').filter({ hasText: /Turn corrected: 1 highlight re-anchored/ }),
    );

    const after = (await highlights()).find((h) => h.id === before.id)!;
    expect(after.needsAttention).toBe(false);
    expect(after.start.offset).toBe(before.start.offset + 'Right. '.length);
    expect(after.quote).toBe(before.quote);
    await visible(page.locator(`article[data-index="${turn.index}"] .run--hl`));
    await visible(
      page.locator(`article[data-index="${turn.index}"]`, {
        hasText: `Right. ${turn.text.slice(0, 30)}`,
      }),
    );
  });

  it('moves a highlight that a correction left needing attention onto newly selected words', async () => {
    const turn = seg('Hello! Hello! Hello!');
    const { createHighlight } = await graphql<{ createHighlight: { id: string } }>(
      `
        mutation ($i: CreateHighlightInput!) {
          createHighlight(input: $i) {
            id
          }
        }
      `,
      {
        i: {
          transcriptId: seed.transcriptId,
          start: { segmentId: turn.id, offset: 0 },
          end: { segmentId: turn.id, offset: 6 },
        },
      },
      seed.token,
    );
    // The correction removes every quoted word, so the highlight cannot follow.
    await graphql(
      `
        mutation ($i: CorrectSegmentInput!) {
          correctSegment(input: $i) {
            reanchoredCount
          }
        }
      `,
      { i: { segmentId: turn.id, text: 'Good morning everyone, can you see my screen?' } },
      seed.token,
    );
    await openReader(page, `${readerPath}?turn=${turn.index}&highlight=${createHighlight.id}`);
    const panel = await visible(page.getByRole('complementary', { name: 'Highlight' }));
    await visible(panel.getByText(/Needs attention/));

    await panel.getByRole('button', { name: 'Move to other words' }).click();
    await visible(
      page.getByRole('status').filter({ hasText: 'Select the words this highlight should quote' }),
    );
    const text = 'Good morning everyone, can you see my screen?';
    await drag(
      page,
      [turn.index, text.indexOf('Good') + 1],
      [turn.index, text.indexOf('everyone') + 3],
    );
    await panel.getByText(/Needs attention/).waitFor({ state: 'detached' });
    expect(await page.getByRole('combobox', { name: 'Tag this highlight' }).count()).toBe(0);
    const moved = (await highlights()).find((h) => h.id === createHighlight.id)!;
    expect(moved).toMatchObject({ quote: 'Good morning everyone', needsAttention: false });
  });

  it('opens a deep link at the turn with the query words marked', async () => {
    const turn = seg('qualitative element');
    await page.goto(
      `${readerPath}?turn=${turn.index}&q=${encodeURIComponent('"qualitative" tracking -zoom')}`,
    );
    const marks = page.locator(`article[data-index="${turn.index}"] mark.run--match`);
    await visible(marks);
    expect(await marks.allTextContents()).toEqual(['qualitative', 'track']);
    await page.waitForFunction((i) => {
      const v = document.querySelector('cdk-virtual-scroll-viewport')!.getBoundingClientRect();
      const r = document.querySelector(`article[data-index="${i}"]`)?.getBoundingClientRect();
      return !!r && r.top >= v.top - 2 && r.top < v.top + v.height / 2;
    }, turn.index);
    expect(
      await page.locator(`article[data-index="${turn.index}"]`).getAttribute('class'),
    ).toContain('turn--current');
    await screenshot(page, 'reader-deep-link.png');
    expect(pageErrors).toEqual([]);
  });

  it('stores the dragged words when the drag starts while a new highlight still flashes', async () => {
    await openReader(page, readerPath);
    const turn = seg('This as a nerd is the window');
    await drag(page, [turn.index, 1], [turn.index, turn.text.indexOf('nerd') + 2]);
    await visible(page.getByRole('combobox', { name: 'Tag this highlight' }));
    await page.keyboard.press('1');
    await page.getByRole('combobox').waitFor({ state: 'detached' });

    // Press inside the turn while the new highlight flashes; move on only once the flash is over,
    // as a reader who starts the next selection straight away does.
    const flashing = page.locator(`article[data-index="${turn.index}"] .run--flash`);
    await visible(flashing);
    const from = await charPoint(page, turn.index, turn.text.indexOf('window') + 1);
    const to = await charPoint(page, turn.index, turn.text.indexOf('write') + 2);
    await page.mouse.move(from.x, from.y);
    await page.mouse.down();
    expect(await flashing.count()).toBe(1);
    await page.mouse.move(from.x + 8, from.y, { steps: 2 });
    await flashing.waitFor({ state: 'detached' });
    await page.mouse.move(to.x, to.y, { steps: 12 });
    await page.mouse.up();

    await visible(page.getByRole('combobox', { name: 'Tag this highlight' }));
    await page.keyboard.type('Tooling');
    await page.keyboard.press('Enter');
    await page.getByRole('combobox').waitFor({ state: 'detached' });
    let stored: Hl | undefined;
    for (let tries = 0; !stored && tries < 40; tries++) {
      stored = (await highlights()).find((h) => h.tags.some((t) => t.name === 'Tooling'));
      if (!stored) await new Promise((r) => setTimeout(r, 250));
    }
    expect(stored?.quote).toBe('window that we use to write');
  });

  it('shows a viewer the highlights without offering to change them', async () => {
    const { inviteMember } = await graphql<{ inviteMember: { token: string } }>(
      `
        mutation ($i: InviteMemberInput!) {
          inviteMember(input: $i) {
            token
          }
        }
      `,
      { i: { workspaceId: seed.workspaceId, email: viewerEmail, role: 'VIEWER' } },
      seed.token,
    );
    const { signUp } = await graphql<{ signUp: { token: string } }>(SIGN_UP, {
      input: { email: viewerEmail, password: PASSWORD, name: 'Vera Viewer' },
    });
    await graphql(
      `
        mutation ($t: String!) {
          acceptInvitation(token: $t) {
            id
          }
        }
      `,
      { t: inviteMember.token },
      signUp.token,
    );
    const { page: viewer } = await openPage(browser);
    await logIn(viewer, viewerEmail);
    await openReader(viewer, readerPath);
    const turn = seg('does anybody have any questions');
    await visible(viewer.locator(`article[data-index="${turn.index}"] .run--hl`));
    await drag(viewer, [turn.index, 2], [turn.index, 20]);
    await viewer.keyboard.press('h');
    expect(await viewer.getByRole('combobox').count()).toBe(0);
    expect(await viewer.getByRole('button', { name: /Correct turn/ }).count()).toBe(0);
    await viewer.context().close();
  });
});
