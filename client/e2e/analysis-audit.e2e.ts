import { type FakeOpenAi, startFakeOpenAi } from '@verbatim/analysis/testing';
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Browser, type Page, chromium } from 'playwright-core';
import { CHROMIUM_ARGS, screenshot, visible } from './support/browser';
import { workspaceRoot } from './support/server';

// The audit of an OpenAI-compatible run in the browser: entries a page at a time ("Load more"),
// long bodies cut short, and the whole of an answer that passed the response limit downloaded
// with the session's token. This file starts an api of its own, pointed at the fake OpenAI server.

const PASSWORD = 'correct horse battery';

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('port')),
      );
    });
  });
}

describe('the audit of a run sent to an OpenAI-compatible provider', () => {
  let fake: FakeOpenAi;
  let api: ChildProcess;
  let dataDir: string;
  let baseUrl: string;
  let browser: Browser;
  let page: Page;
  const pageErrors: string[] = [];
  let projectId = '';
  let runId = '';
  let token = '';
  let transcriptId = '';

  const gql = async <T>(query: string, variables: object, token?: string): Promise<T> => {
    const res = await fetch(`${baseUrl}/graphql`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        ...(token ? { authorization: `Bearer ${token}` } : {}),
      },
      body: JSON.stringify({ query, variables }),
    });
    const body = (await res.json()) as { data?: T; errors?: unknown };
    if (!body.data || body.errors) throw new Error(JSON.stringify(body.errors));
    return body.data;
  };
  const until = async (what: string, condition: () => Promise<boolean>) => {
    for (let i = 0; i < 600; i++) {
      if (await condition()) return;
      await new Promise((r) => setTimeout(r, 200));
    }
    throw new Error(`timed out waiting for ${what}`);
  };

  beforeAll(async () => {
    fake = await startFakeOpenAi();
    dataDir = mkdtempSync(join(tmpdir(), 'verbatim-e2e-audit-'));
    const port = await freePort();
    baseUrl = `http://127.0.0.1:${port}`;
    const env: NodeJS.ProcessEnv = {
      PATH: process.env['PATH'],
      PORT: String(port),
      DATA_DIR: dataDir,
      OPENAI_API_KEY: 'sk-e2e',
      OPENAI_BASE_URL: fake.url,
      LLM_CHUNK_TOKENS: '200',
      LLM_CHUNK_OVERLAP_TOKENS: '0',
      LLM_MAX_RESPONSE_BYTES: '64kb',
      ANALYSIS_JOB_BACKOFF_MS: '100',
      LOG_LEVEL: 'warn',
    };
    api = spawn(process.execPath, ['dist/api/main.js'], {
      cwd: workspaceRoot,
      env,
      stdio: 'ignore',
    });
    await until('the api', async () => {
      if (api.exitCode !== null) throw new Error(`api exited with ${api.exitCode}`);
      return fetch(`${baseUrl}/health`).then(
        (r) => r.status === 200,
        () => false,
      );
    });

    const email = `audit+${Date.now()}@example.com`;
    const { signUp } = await gql<{ signUp: { token: string } }>(
      `mutation ($i: SignUpInput!) { signUp(input: $i) { token } }`,
      { i: { email, password: PASSWORD, name: 'Ada Auditor' } },
    );
    token = signUp.token;
    const { createWorkspace } = await gql<{ createWorkspace: { id: string } }>(
      `mutation ($i: CreateWorkspaceInput!) { createWorkspace(input: $i) { id } }`,
      { i: { name: 'Audit lab' } },
      token,
    );
    const { createProject } = await gql<{ createProject: { id: string } }>(
      `mutation ($i: CreateProjectInput!) { createProject(input: $i) { id } }`,
      { i: { workspaceId: createWorkspace.id, name: 'Pricing study' } },
      token,
    );
    projectId = createProject.id;
    await gql(
      `mutation ($i: CreateTagInput!) { createTag(input: $i) { id } }`,
      { i: { projectId, name: 'Pricing', description: 'Price and cost.' } },
      token,
    );
    await gql(
      `mutation ($i: UpdateProjectAiSettingsInput!) { updateProjectAiSettings(input: $i) { aiAllowed } }`,
      { i: { projectId, aiAllowed: true } },
      token,
    );
    const content = Array.from({ length: 120 }, (_, i) =>
      i % 2
        ? `Mia: Point ${i}: the price of the plan is too high for our budget in quarter ${i}.`
        : `Interviewer: Question ${i}?`,
    ).join('\n');
    const { importTranscript } = await gql<{ importTranscript: { id: string } }>(
      `mutation ($i: ImportTranscriptInput!) { importTranscript(input: $i) { id } }`,
      { i: { projectId, filename: 'mia.txt', content } },
      token,
    );
    transcriptId = importTranscript.id;
    await until('the transcript', async () => {
      const { transcript } = await gql<{ transcript: { status: string } }>(
        `query ($id: ID!) { transcript(id: $id) { status } }`,
        { id: importTranscript.id },
        token,
      );
      return transcript.status === 'READY';
    });
    // The first answer runs away: it is cut at 64 kB and its part is asked again.
    fake.script({ hugeAnswer: { bytes: 5 * 1024 * 1024, chunkBytes: 16 * 1024 } });
    const { startAnalysis } = await gql<{ startAnalysis: { id: string } }>(
      `mutation ($i: StartAnalysisInput!) { startAnalysis(input: $i) { id } }`,
      { i: { projectId, transcriptIds: [importTranscript.id], mode: 'DEDUCTIVE' } },
      token,
    );
    runId = startAnalysis.id;
    await until('the run', async () => {
      const { analysisRun } = await gql<{ analysisRun: { status: string } }>(
        `query ($id: ID!) { analysisRun(id: $id) { status } }`,
        { id: runId },
        token,
      );
      return analysisRun.status === 'COMPLETED';
    });
    expect(fake.chatRequests().length).toBeGreaterThan(10);

    browser = await chromium.launch({
      executablePath: process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium',
      headless: true,
      args: CHROMIUM_ARGS,
    });
    const context = await browser.newContext({
      baseURL: baseUrl,
      viewport: { width: 1360, height: 900 },
      acceptDownloads: true,
    });
    page = await context.newPage();
    page.setDefaultTimeout(20_000);
    page.on('pageerror', (error) => pageErrors.push(error.message));
    await page.goto('/login');
    await page.getByLabel('Email').fill(email);
    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Log in' }).click();
    await page.waitForURL('**/workspaces');
  }, 240_000);

  afterAll(async () => {
    await browser?.close();
    if (api && api.exitCode === null) {
      const exited = new Promise((r) => api.once('exit', r));
      api.kill('SIGTERM');
      const timer = setTimeout(() => api.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(timer);
    }
    await fake?.close();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  it('pages the audit and downloads the whole of an answer that was cut short', async () => {
    await page.goto(`/p/${projectId}/analysis/${runId}`);
    await page.getByText('What was sent').click();
    const entries = page.locator('section.exchange');
    await visible(entries);
    expect(await entries.count()).toBe(10);
    const total = fake.chatRequests().length;
    await visible(page.getByText(`Showing 10 of ${total} requests.`));

    while (await page.getByRole('button', { name: 'Load more' }).isVisible()) {
      const before = await entries.count();
      await page.getByRole('button', { name: 'Load more' }).click();
      await page.waitForFunction(
        (n) => document.querySelectorAll('section.exchange').length > n,
        before,
      );
    }
    expect(await entries.count()).toBe(total);
    await visible(page.getByText(`Showing ${total} of ${total} requests.`));

    // The oldest entry is the runaway answer: cut short, with its beginning kept.
    const cut = entries.filter({ hasText: 'The answer was larger than the server reads' });
    expect(await cut.count()).toBe(1);
    await cut.scrollIntoViewIfNeeded();
    await screenshot(page, 'analysis-audit.png');
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      cut.getByRole('button', { name: 'Download full response' }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(
      /^analysis-[0-9a-f]{8}-part-\d+-[0-9a-f]{8}-response-incomplete\.txt$/,
    );
    const saved = readFileSync(await download.path(), 'utf8');
    expect(Buffer.byteLength(saved)).toBe(64 * 1024);
    expect(saved.startsWith('{"id":"chatcmpl-fake')).toBe(true);

    const [request] = await Promise.all([
      page.waitForEvent('download'),
      cut.getByRole('button', { name: 'Download full request' }).click(),
    ]);
    const body = JSON.parse(readFileSync(await request.path(), 'utf8')) as { model: string };
    expect(body.model).toBe('gpt-4o-mini');
    expect(pageErrors).toEqual([]);
  });

  it('says on the board when the provider’s embeddings failed, and shows what was sent', async () => {
    const { transcript } = await gql<{ transcript: { segments: { id: string; text: string }[] } }>(
      `query ($id: ID!) { transcript(id: $id) { segments(limit: 60) { id text } } }`,
      { id: transcriptId },
      token,
    );
    const highlightIds: string[] = [];
    for (const turn of transcript.segments.filter((s) => s.text.startsWith('Point')).slice(0, 8)) {
      const { createHighlight } = await gql<{ createHighlight: { id: string } }>(
        `mutation ($i: CreateHighlightInput!) { createHighlight(input: $i) { id } }`,
        {
          i: {
            transcriptId,
            start: { segmentId: turn.id, offset: 0 },
            end: { segmentId: turn.id, offset: turn.text.length },
          },
        },
        token,
      );
      highlightIds.push(createHighlight.id);
    }
    const { createBoard } = await gql<{ createBoard: { id: string } }>(
      `mutation ($i: CreateBoardInput!) { createBoard(input: $i) { id } }`,
      { i: { projectId, name: 'Price' } },
      token,
    );
    await gql(
      `mutation ($i: AddCardsInput!) { addCards(input: $i) { id } }`,
      { i: { boardId: createBoard.id, highlightIds, themeId: null } },
      token,
    );
    fake.reset();
    fake.respondToEmbeddingsWith(() => ({ status: 500 }));
    try {
      await page.goto(`/p/${projectId}/boards/${createBoard.id}`);
      await page.getByRole('button', { name: 'Suggest themes…' }).click();
      const panel = page.getByTestId('theme-suggestions');
      await panel.getByRole('button', { name: 'Suggest themes' }).click();
      const note = panel.getByTestId('suggestion-note');
      await visible(note, 60_000);
      expect(await note.first().textContent()).toMatch(
        /The AI provider's embeddings failed \(HTTP 500 after \d+ tries\), so these highlights were grouped on this server instead\./,
      );

      await panel.getByText('What was sent to the AI provider').click();
      const embeddings = panel.getByRole('region', { name: 'Request for embeddings' });
      await visible(embeddings.first());
      // Every try is in the audit, the failed embeddings and the titles asked for afterwards.
      const sent = fake.requests.filter((r) => r.method === 'POST').length;
      expect(fake.requests.some((r) => r.path.endsWith('/embeddings'))).toBe(true);
      await visible(panel.getByText(`Showing ${Math.min(10, sent)} of ${sent} requests.`));
      await visible(embeddings.first().getByText('HTTP 500'));
      await screenshot(page, 'board-suggestions-audit.png');
      expect(pageErrors).toEqual([]);
    } finally {
      fake.respondToEmbeddingsWith(null);
    }
  });
});
