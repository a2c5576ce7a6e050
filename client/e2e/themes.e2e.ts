import { makeSyntheticTranscript } from '@verbatim/transcript';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, openPage, visible } from './support/browser';
import { type Person, createProject, importText, logIn, signUp } from './support/seed';

// A theme the offline tagger proposes is a draft code: the reviewer renames and redefines it
// before accepting, and the codebook gets the reviewed name and definition.

describe('reviewing proposed themes', () => {
  const email = `theo+${Date.now()}@example.com`;
  let browser: Browser;
  let page: Page;
  let owner: Person;
  let projectId = '';
  let runId = '';

  beforeAll(async () => {
    owner = await signUp(email, 'Theo Themes');
    ({ projectId } = await createProject(owner, 'Screens'));
    const ids: string[] = [];
    for (const seed of [11, 12]) {
      const content = makeSyntheticTranscript({ format: 'TEXT', minutes: 20, seed });
      ids.push((await importText(owner, projectId, `Interview ${seed}`, content)).transcriptId);
    }
    const { startAnalysis } = await owner.call<{ startAnalysis: { id: string } }>(
      `mutation ($i: StartAnalysisInput!) { startAnalysis(input: $i) { id } }`,
      { i: { projectId, transcriptIds: ids, mode: 'INDUCTIVE' } },
    );
    runId = startAnalysis.id;
    for (let i = 0; i < 240; i++) {
      const { analysisRun } = await owner.call<{ analysisRun: { status: string } }>(
        `query ($id: ID!) { analysisRun(id: $id) { status } }`,
        { id: runId },
      );
      if (analysisRun.status === 'COMPLETED') break;
      await new Promise((r) => setTimeout(r, 250));
    }
    browser = await launchBrowser();
    ({ page } = await openPage(browser));
    await logIn(page, email);
  });

  afterAll(async () => {
    await browser?.close();
  });

  it('renames and redefines a theme, and accepting a quote creates that tag', async () => {
    await page.goto(`/p/${projectId}/analysis/${runId}`);
    const edit = await visible(page.getByRole('button', { name: /^Edit theme / }));
    const before = ((await edit.getAttribute('aria-label')) ?? '').replace('Edit theme ', '');
    await edit.click();
    await page.getByLabel('Theme name').fill('Slow screens');
    await page.getByLabel('Definition').fill('Waiting for screens to load.');
    await page.getByRole('button', { name: 'Save theme' }).click();
    await visible(page.getByRole('button', { name: 'Edit theme Slow screens' }));
    expect(await page.getByRole('button', { name: `Edit theme ${before}` }).count()).toBe(0);

    const item = page.locator('li.suggestion', { hasText: 'Slow screens' }).first();
    await visible(item);
    await item.getByRole('button', { name: 'Accept' }).click();
    let names: { name: string; description: string | null }[] = [];
    for (let i = 0; i < 40 && !names.some((t) => t.name === 'Slow screens'); i++) {
      ({ tags: names } = await owner.call<{ tags: { name: string; description: string | null }[] }>(
        `query ($p: ID!) { tags(projectId: $p) { name description } }`,
        { p: projectId },
      ));
      await new Promise((r) => setTimeout(r, 250));
    }
    expect(names).toContainEqual({
      name: 'Slow screens',
      description: 'Waiting for screens to load.',
    });
  });
});
