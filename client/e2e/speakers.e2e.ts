import type { Browser, Page } from 'playwright-core';
import { graphql, launchBrowser, openPage, screenshot, visible } from './support/browser';
import { logIn, PASSWORD } from './support/seed';

const INTERVIEW_1 = `Interviewer: How did onboarding go?
Maria Lopez: It was slow, the export step confused everyone.
Interviewer: What would you change?
Maria Lopez: One checklist for the whole team.
`;

/** What a transcription service writes: nobody is named. */
const INTERVIEW_3 = `Interviewer: Tell me about your first week?
Speaker 1: Honestly the export step confused me for days.
Interviewer: And your colleague?
Speaker 2: I never found the settings page.
Interviewer: Anything else?
Speaker 1: The checklist helped once I found it.
Speaker 2: Same here.
`;

interface Turn {
  id: string;
  speaker: string | null;
  text: string;
  participant: { id: string; displayName: string } | null;
}

async function seed(email: string) {
  const { signUp } = await graphql<{ signUp: { token: string } }>(
    `
      mutation ($input: SignUpInput!) {
        signUp(input: $input) {
          token
        }
      }
    `,
    { input: { email, password: PASSWORD, name: 'Sam Speakers' } },
  );
  const token = signUp.token;
  const { createWorkspace } = await graphql<{ createWorkspace: { id: string } }>(
    `
      mutation {
        createWorkspace(input: { name: "Speaker lab" }) {
          id
        }
      }
    `,
    {},
    token,
  );
  const { createProject } = await graphql<{ createProject: { id: string } }>(
    `
      mutation ($i: CreateProjectInput!) {
        createProject(input: $i) {
          id
        }
      }
    `,
    { i: { workspaceId: createWorkspace.id, name: 'Onboarding interviews' } },
    token,
  );
  const projectId = createProject.id;
  const imported = async (filename: string, content: string) => {
    const { importTranscript } = await graphql<{ importTranscript: { id: string } }>(
      `
        mutation ($i: ImportTranscriptInput!) {
          importTranscript(input: $i) {
            id
          }
        }
      `,
      { i: { projectId, filename, content } },
      token,
    );
    for (let i = 0; i < 240; i++) {
      const { transcript } = await graphql<{ transcript: { status: string; segments: Turn[] } }>(
        `
          query ($id: ID!) {
            transcript(id: $id) {
              status
              segments {
                id
                speaker
                text
                participant {
                  id
                  displayName
                }
              }
            }
          }
        `,
        { id: importTranscript.id },
        token,
      );
      if (transcript.status === 'READY')
        return { id: importTranscript.id, turns: transcript.segments };
      await new Promise((r) => setTimeout(r, 250));
    }
    throw new Error(`${filename} did not become READY`);
  };
  const first = await imported('interview-1.txt', INTERVIEW_1);
  const third = await imported('interview-3.txt', INTERVIEW_3);
  const { createTag } = await graphql<{ createTag: { id: string } }>(
    `
      mutation ($i: CreateTagInput!) {
        createTag(input: $i) {
          id
        }
      }
    `,
    { i: { projectId, name: 'Export pain' } },
    token,
  );
  const said = third.turns.find((t) => t.text.startsWith('Honestly'))!;
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
        transcriptId: third.id,
        start: { segmentId: said.id, offset: 9 },
        end: { segmentId: said.id, offset: 31 },
        tagIds: [createTag.id],
      },
    },
    token,
  );
  return {
    token,
    projectId,
    first,
    third,
    highlightId: createHighlight.id,
    maria: first.turns.find((t) => t.speaker === 'Maria Lopez')!.participant!.id,
    speaker1: said.participant!.id,
  };
}

/** The speaker names the reader shows, turn by turn. */
function shownSpeakers(page: Page): Promise<string[]> {
  return page.locator('article.turn .turn-speaker').allTextContents();
}

async function waitForSpeakers(page: Page, expected: string[]): Promise<void> {
  const deadline = Date.now() + 15_000;
  let shown: string[] = [];
  while (Date.now() < deadline) {
    shown = (await shownSpeakers(page)).map((s) => s.trim());
    if (JSON.stringify(shown) === JSON.stringify(expected)) return;
    await page.waitForTimeout(100);
  }
  expect(shown).toEqual(expected);
}

describe('speakers: rename, "This is…", undo', () => {
  const email = `sam+${Date.now()}@example.com`;
  let browser: Browser;
  let page: Page;
  let pageErrors: string[];
  let s: Awaited<ReturnType<typeof seed>>;
  const attributedTo = async () => {
    const { highlights } = await graphql<{
      highlights: { edges: { node: { id: string; participant: { id: string } } }[] };
    }>(
      `
        query ($f: HighlightFilter!) {
          highlights(filter: $f) {
            edges {
              node {
                id
                participant {
                  id
                }
              }
            }
          }
        }
      `,
      { f: { projectId: s.projectId } },
      s.token,
    );
    return highlights.edges.find((e) => e.node.id === s.highlightId)!.node.participant.id;
  };

  beforeAll(async () => {
    s = await seed(email);
    browser = await launchBrowser();
    ({ page, pageErrors } = await openPage(browser));
    await logIn(page, email);
  });

  afterAll(async () => {
    await browser?.close();
  });

  it('renames a generic speaker of one transcript from the reader', async () => {
    await page.goto(`/t/${s.third.id}`);
    await page.getByRole('button', { name: 'Speakers' }).click();
    const panel = page.getByRole('region', { name: 'Speakers of this transcript' });
    await visible(panel.getByText('“Speaker 2” in this transcript only'));
    await panel.getByLabel('Name of Speaker 2').fill('Jonas');
    await panel.getByLabel('Name of Speaker 2').press('Enter');
    await waitForSpeakers(page, [
      'Interviewer',
      'Speaker 1',
      'Interviewer',
      'Jonas',
      'Interviewer',
      'Speaker 1',
      'Jonas',
    ]);
  });

  it('says "Speaker 1" is Maria Lopez, found by typing, and the highlight follows', async () => {
    const panel = page.getByRole('region', { name: 'Speakers of this transcript' });
    await panel
      .locator(`li[data-participant-id="${s.speaker1}"]`)
      .getByRole('button', { name: 'This is…' })
      .click();
    await panel.getByLabel('Who is Speaker 1?').fill('lop');
    await panel.getByRole('button', { name: /Maria Lopez/ }).click();
    await waitForSpeakers(page, [
      'Interviewer',
      'Maria Lopez',
      'Interviewer',
      'Jonas',
      'Interviewer',
      'Maria Lopez',
      'Jonas',
    ]);
    await visible(panel.getByText('“Speaker 1” is Maria Lopez'));
    await screenshot(page, 'speakers-mapped.png');
    expect(await attributedTo()).toBe(s.maria);
  });

  it('shows the mapped participant in the heatmap', async () => {
    await page.goto(`/p/${s.projectId}/heatmap`);
    const heatmap = await visible(page.getByTestId('heatmap'));
    await visible(heatmap.locator('[data-column="Maria Lopez"]'));
    expect(await heatmap.locator('.column-label title').allTextContents()).toEqual(['Maria Lopez']);
  });

  it('undoes the mapping from the reader', async () => {
    await page.goto(`/t/${s.third.id}`);
    await page.getByRole('button', { name: 'Speakers' }).click();
    const panel = page.getByRole('region', { name: 'Speakers of this transcript' });
    await panel.getByRole('button', { name: 'Undo: “Speaker 1” is Maria Lopez' }).click();
    await waitForSpeakers(page, [
      'Interviewer',
      'Speaker 1',
      'Interviewer',
      'Jonas',
      'Interviewer',
      'Speaker 1',
      'Jonas',
    ]);
    expect(await attributedTo()).toBe(s.speaker1);
  });

  it('undoes a mapping from the project page too', async () => {
    await graphql(
      `
        mutation ($i: MapSpeakerInput!) {
          mapSpeaker(input: $i) {
            id
          }
        }
      `,
      { i: { transcriptId: s.third.id, participantId: s.speaker1, targetParticipantId: s.maria } },
      s.token,
    );
    await page.goto(`/p/${s.projectId}`);
    const undo = page.getByRole('button', {
      name: 'Undo: “Speaker 1” in interview-3 is Maria Lopez',
    });
    await visible(undo);
    await screenshot(page, 'speakers-project-mappings.png', true);
    await undo.click();
    await undo.waitFor({ state: 'detached' });
    expect(await attributedTo()).toBe(s.speaker1);
    expect(pageErrors).toEqual([]);
  });

  it('keeps an accented, CJK and emoji file name as the title of an upload', async () => {
    await page.getByTestId('file-input').setInputFiles({
      name: 'Entrevista José – 北京 🎤.txt',
      mimeType: 'text/plain',
      buffer: Buffer.from('Interviewer: ¿Qué tal?\nJosé: Bien.\nInterviewer: ¿Y?\nJosé: Nada.\n'),
    });
    await visible(page.locator('tr[data-transcript-id]', { hasText: 'Entrevista José – 北京 🎤' }));
  });

  it('shows why a file over the upload limit was refused', async () => {
    // Built in the page, so that 50 MB need not cross the DevTools protocol.
    await page.evaluate(() => {
      const input = document.querySelector<HTMLInputElement>('[data-testid="file-input"]')!;
      const transfer = new DataTransfer();
      transfer.items.add(new File([new Uint8Array(50 * 1024 * 1024 + 4096)], 'recording.vtt'));
      input.files = transfer.files;
      input.dispatchEvent(new Event('change', { bubbles: true }));
    });
    const reason = page
      .locator('.queue-item', { hasText: 'recording.vtt' })
      .locator('[role=alert]');
    await visible(reason, 60_000);
    expect(await reason.textContent()).toContain('larger than the upload limit of 50 MB');
    await screenshot(page, 'upload-too-large.png');
  });
});
