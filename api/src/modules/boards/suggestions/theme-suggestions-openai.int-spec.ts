import { type FakeChatRequest, type FakeOpenAi, startFakeOpenAi } from '@verbatim/analysis/testing';
import { extractBlock } from '@verbatim/analysis';
import { DataSource } from 'typeorm';
import { TestApp, type TestUser } from '../../../../test/test-app';
import { AiAuditRetention } from '../../../common/ai-audit/ai-audit-retention';
import { type JobQueue } from '../../../jobs/job-queue';

// Theme suggestions through the OpenAI-compatible provider: embeddings as the clustering's
// vectors and the model's titles, against a real HTTP server on loopback speaking the OpenAI API.

const TURNS: [string, string][] = [
  ['Maria Lopez', 'The per seat pricing gets expensive once the team grows.'],
  ['Ben Okafor', 'Per seat pricing punishes us for sharing research, Maria Lopez agrees.'],
  [
    'Maria Lopez',
    'The annual plan price went up again, write to maria.lopez@example.com about it.',
  ],
  ['Ben Okafor', 'Honestly the annual plan price is why we look at other tools.'],
  ['Maria Lopez', 'I never found the export button, it is hidden in a menu.'],
  ['Ben Okafor', 'The PDF export breaks the layout of long quotes.'],
  ['Maria Lopez', 'The export button only exports the current page of highlights.'],
  ['Ben Okafor', 'Stakeholders want a PDF export they can forward by email.'],
  ['Maria Lopez', 'Onboarding took two weeks because the setup guide was out of date.'],
  ['Ben Okafor', 'I gave up on the setup guide and asked a colleague.'],
  ['Maria Lopez', 'The setup guide skipped inviting teammates to the workspace.'],
  ['Ben Okafor', 'An onboarding video would have replaced the setup guide.'],
];

const RUN = `id status progress error notes provider proposals { title description highlightIds cohesion }`;

interface Run {
  id: string;
  status: string;
  progress: number;
  error: string | null;
  notes: string[];
  provider: string;
  proposals: { title: string; description: string; highlightIds: string[]; cohesion: number }[];
}

/** The first pseudonym ("Participant B") in the highlights of a titles request. */
function pseudonymIn(request: FakeChatRequest): string {
  const found = /Participant [A-Z]/.exec(
    groupsOf(request)
      .flatMap((g) => g.texts)
      .join('\n'),
  );
  if (!found) throw new Error('no pseudonym in the request');
  return found[0];
}

/** The groups of a titles request: each group's highlight labels ("H3") and texts. */
function groupsOf(request: FakeChatRequest): { labels: string[]; texts: string[] }[] {
  const user = (request.body.messages ?? []).find((m) => m.role === 'user');
  const block = extractBlock(typeof user?.content === 'string' ? user.content : '', 'HIGHLIGHTS');
  return (block ?? '')
    .split(/\n\n/)
    .filter((g) => g.startsWith('Group '))
    .map((g) => {
      const lines = g.split('\n').slice(1);
      return {
        labels: lines.map((l) => /^\[(H\d+)\]/.exec(l)![1]!),
        texts: lines.map((l) => l.replace(/^\[H\d+\] /, '')),
      };
    });
}

describe('theme suggestions through an OpenAI-compatible endpoint', () => {
  let t: TestApp;
  let fake: FakeOpenAi;
  let owner: TestUser;
  let projectId: string;
  let workspaceId: string;
  let highlightIds: string[];

  /** Asks for suggestions on a new board of the project; the run as the mutation returns it. */
  const ask = async (project: { projectId: string; highlightIds: string[] }) => {
    const boardId = (
      await t.ok<{ createBoard: { id: string } }>(
        `mutation($i: CreateBoardInput!) { createBoard(input: $i) { id } }`,
        { i: { projectId: project.projectId, name: 'Synthesis' } },
        owner.token,
      )
    ).createBoard.id;
    return (
      await t.ok<{ suggestThemes: Run }>(
        `mutation($i: SuggestThemesInput!) { suggestThemes(input: $i) { ${RUN} } }`,
        { i: { boardId, highlightIds: project.highlightIds } },
        owner.token,
      )
    ).suggestThemes;
  };
  const finished = async (runId: string) => {
    for (let i = 0; i < 400; i++) {
      await t.jobs.idle();
      const run = (
        await t.ok<{ themeSuggestionRun: Run }>(
          `query($id: ID!) { themeSuggestionRun(id: $id) { ${RUN} } }`,
          { id: runId },
          owner.token,
        )
      ).themeSuggestionRun;
      if (run.status === 'READY' || run.status === 'FAILED') return run;
      await new Promise((r) => setTimeout(r, 50));
    }
    throw new Error('the run never finished');
  };
  const suggest = async (project: { projectId: string; highlightIds: string[] }) =>
    finished((await ask(project)).id);
  const embeddingRequests = () => fake.requests.filter((r) => r.path === '/v1/embeddings');
  const audit = (runId: string) =>
    t.app
      .get(DataSource)
      .query<
        { purpose: string; model: string; request: string; response: string | null }[]
      >(`SELECT purpose, model, request, response FROM theme_suggestion_exchange WHERE run_id = $1 ORDER BY created_at`, [runId]);
  /** A project whose interviews are TURNS, with one highlight per participant turn. */
  const newProject = async () => {
    const p = await t.newProject();
    const text = TURNS.map(([who, said]) => `Interviewer: Tell me more.\n\n${who}: ${said}\n`).join(
      '\n',
    );
    const res = await t.upload(p.projectId, p.user.token, { name: 'interviews.txt', bytes: text });
    const transcript = await t.waitForTranscript(res.body['id'] as string, p.user.token);
    const ids: string[] = [];
    for (const turn of transcript.segments.filter((s) => s.speaker !== 'Interviewer')) {
      const h = await t.ok<{ createHighlight: { id: string } }>(
        `mutation($i: CreateHighlightInput!) { createHighlight(input: $i) { id } }`,
        {
          i: {
            transcriptId: transcript.id,
            start: { segmentId: turn.id, offset: 0 },
            end: { segmentId: turn.id, offset: turn.text.length },
          },
        },
        p.user.token,
      );
      ids.push(h.createHighlight.id);
    }
    return { ...p, highlightIds: ids };
  };

  beforeAll(async () => {
    fake = await startFakeOpenAi();
    t = await TestApp.start({
      OPENAI_API_KEY: 'sk-test-key',
      OPENAI_BASE_URL: fake.url,
      LLM_TIMEOUT: '2s',
      LLM_MAX_RETRIES: '1',
    });
    const p = await newProject();
    owner = p.user;
    projectId = p.projectId;
    workspaceId = p.workspaceId;
    highlightIds = p.highlightIds;
    expect(highlightIds).toHaveLength(TURNS.length);
  }, 120_000);
  afterAll(async () => {
    await t.close();
    await fake.close();
  });
  beforeEach(() => fake.reset());

  /** The project's audit rows of one purpose: HTTP status and error of each request. */
  const audited = async (runId: string, purpose: string) =>
    (
      await t.app
        .get(DataSource)
        .query<
          { status: number | null; error: string | null }[]
        >(`SELECT status, error FROM theme_suggestion_exchange WHERE run_id = $1 AND purpose = $2 ORDER BY created_at`, [runId, purpose])
    ).map((r) => ({ status: r.status, error: r.error }));

  it('stays offline, sending nothing, for a project that does not allow AI', async () => {
    const run = await suggest({ projectId, highlightIds });
    expect(run.status).toBe('READY');
    expect(run.proposals.length).toBeGreaterThanOrEqual(2);
    expect(fake.requests).toHaveLength(0);
    expect(await audit(run.id)).toHaveLength(0);
  });

  it('groups by embeddings and titles by the model, citing highlights; a title citing another group’s is discarded', async () => {
    await t.allowAi(projectId, owner.token);
    fake.respondWith((request) => {
      const groups = groupsOf(request);
      return {
        json: {
          themes: groups.map((g, i) => ({
            group: i + 1,
            title: `Model title ${i + 1}`,
            description: `What ${pseudonymIn(request)} and others say about group ${i + 1}.`,
            // The second group cites a highlight of the first: not its own, so discarded.
            highlightIds: i === 1 ? [groups[0]!.labels[0]!] : g.labels.slice(0, 2),
          })),
        },
      };
    });
    const run = await suggest({ projectId, highlightIds });
    expect(run).toMatchObject({ status: 'READY', progress: 1, error: null });
    expect(run.proposals.length).toBeGreaterThanOrEqual(2);
    expect(run.proposals[0]!.title).toBe('Model title 1');
    // The pseudonym the model used is restored in the description.
    expect(run.proposals[0]!.description).toMatch(/^What (Maria Lopez|Ben Okafor) and others/);
    // The second title cited a highlight outside its group: the offline label, a phrase of its quotes.
    expect(run.proposals[1]!.title).not.toMatch(/Model title/);
    expect(run.proposals[1]!.title.split(' ').length).toBeGreaterThanOrEqual(2);
    for (const p of run.proposals.slice(2)) expect(p.title).toMatch(/^Model title \d+$/);

    // What was sent: embeddings of every highlight with the embedding model, then one titles
    // request with the chat model; names and addresses redacted in both.
    const embeddings = fake.requests.filter((r) => r.path === '/v1/embeddings');
    const inputs = embeddings.flatMap((r) => (r.body as { input: string[] }).input);
    expect(inputs).toHaveLength(TURNS.length);
    expect(
      embeddings.every((r) => (r.body as { model: string }).model === 'text-embedding-3-small'),
    ).toBe(true);
    const chats = fake.chatRequests();
    expect(chats).toHaveLength(1);
    expect((chats[0]!.body as { model: string }).model).toBe('gpt-4o-mini');
    const sent = JSON.stringify([...embeddings, ...chats].map((r) => r.body));
    expect(sent).not.toMatch(/Maria|Lopez|Okafor|maria\.lopez@example\.com/);
    expect(sent).toMatch(/Participant [AB]/);
    expect(sent).toContain('[EMAIL_1]');

    // The audit holds each request as sent (redacted), as analysis runs keep theirs.
    const rows = await audit(run.id);
    expect(rows.map((r) => r.purpose).sort()).toEqual([
      ...embeddings.map(() => 'EMBEDDINGS'),
      'TITLES',
    ]);
    expect(rows.find((r) => r.purpose === 'EMBEDDINGS')!.model).toBe('text-embedding-3-small');
    expect(rows.find((r) => r.purpose === 'TITLES')!.model).toBe('gpt-4o-mini');
    for (const row of rows) {
      expect(row.request).not.toMatch(/Maria|Lopez|Okafor|maria\.lopez@example\.com/);
      expect(row.response).not.toBeNull();
    }
    expect(rows.find((r) => r.purpose === 'TITLES')!.request).toMatch(/Participant [AB]/);
    // Vectors are not kept in the audit, only their count.
    expect(rows.find((r) => r.purpose === 'EMBEDDINGS')!.response).toMatch(/\d+ embeddings of/);
  });

  it('keeps the offline label for a title naming a participant, and the offline titles when the model fails', async () => {
    fake.respondWith((request) => ({
      json: {
        themes: groupsOf(request).map((g, i) => ({
          group: i + 1,
          title: i === 0 ? `What ${pseudonymIn(request)} wants` : `Model title ${i + 1}`,
          description: 'One sentence.',
          highlightIds: g.labels.slice(0, 1),
        })),
      },
    }));
    const named = await suggest({ projectId, highlightIds });
    expect(named.status).toBe('READY');
    expect(named.proposals[0]!.title).not.toMatch(/Participant|Maria|Ben|Model title|wants/);
    expect(named.proposals[1]!.title).toBe('Model title 2');

    fake.respondWith(() => ({ status: 500 }));
    const failed = await suggest({ projectId, highlightIds });
    expect(failed).toMatchObject({ status: 'READY', error: null });
    expect(failed.proposals.length).toBeGreaterThanOrEqual(2);
    expect(failed.proposals.every((p) => !/Model title/.test(p.title))).toBe(true);
    expect(failed.notes).toEqual([
      'The AI provider did not write the titles (HTTP 500 after 2 tries); each title is a phrase of its quotes.',
    ]);
    // The failed requests are audited too.
    const rows = await audit(failed.id);
    expect(rows.filter((r) => r.purpose === 'TITLES').length).toBeGreaterThanOrEqual(1);
  });

  it('groups offline and says so when the embeddings endpoint keeps answering 500, after a bounded number of tries', async () => {
    await t.allowAi(projectId, owner.token);
    fake.respondToEmbeddingsWith(() => ({ status: 500 }));
    const run = await suggest({ projectId, highlightIds });
    expect(run).toMatchObject({ status: 'READY', error: null, provider: 'OPENAI' });
    expect(run.proposals.length).toBeGreaterThanOrEqual(2);
    expect(run.notes).toEqual([
      "The AI provider's embeddings failed (HTTP 500 after 2 tries), so these highlights were grouped on this server instead.",
    ]);
    // LLM_MAX_RETRIES=1: one request and one retry, then the run goes on offline at once (the
    // job is not retried for it); the titles are still asked for, once.
    expect(embeddingRequests()).toHaveLength(2);
    expect(fake.chatRequests()).toHaveLength(1);
    const rows = await audited(run.id, 'EMBEDDINGS');
    expect(rows.map((r) => r.status)).toEqual([500, 500]);
    expect(rows.every((r) => r.error)).toBe(true);
  });

  it('groups offline and says so when the embeddings endpoint never answers, after a bounded number of tries', async () => {
    fake.respondToEmbeddingsWith(() => ({ hang: true }));
    const run = await suggest({ projectId, highlightIds });
    expect(run).toMatchObject({ status: 'READY', error: null });
    expect(run.proposals.length).toBeGreaterThanOrEqual(2);
    expect(run.notes).toEqual([
      "The AI provider's embeddings failed (no answer in time after 2 tries), so these highlights were grouped on this server instead.",
    ]);
    expect(embeddingRequests()).toHaveLength(2);
    expect(fake.chatRequests()).toHaveLength(1);
    expect(await audited(run.id, 'EMBEDDINGS')).toEqual([
      { status: null, error: 'timeout after 2000 ms' },
      { status: null, error: 'timeout after 2000 ms' },
    ]);
  }, 30_000);

  it('sends nothing when AI is switched off after the suggestions were asked for, and says why they are offline', async () => {
    await t.allowAi(projectId, owner.token);
    // Hold the job the mutation queues, switch AI off, then let the job run.
    const held: Parameters<JobQueue['enqueue']>[] = [];
    const enqueue = jest
      .spyOn(t.jobs, 'enqueue')
      .mockImplementation((...args: Parameters<JobQueue['enqueue']>) => {
        held.push(args);
        return Promise.resolve();
      });
    let queued: Run;
    try {
      queued = await ask({ projectId, highlightIds });
    } finally {
      enqueue.mockRestore();
    }
    expect(queued).toMatchObject({ status: 'QUEUED', provider: 'OPENAI' });
    expect(held).toHaveLength(1);
    await t.ok(
      `mutation($i: UpdateProjectAiSettingsInput!) { updateProjectAiSettings(input: $i) { aiAllowed } }`,
      { i: { projectId, aiAllowed: false } },
      owner.token,
    );
    for (const args of held) await t.jobs.enqueue(...args);
    const run = await finished(queued.id);
    expect(run).toMatchObject({ status: 'READY', error: null, provider: 'OFFLINE' });
    expect(run.proposals.length).toBeGreaterThanOrEqual(2);
    expect(run.notes).toEqual([
      'AI was switched off for this project after these suggestions were asked for: nothing was sent to the AI provider, and the highlights were grouped on this server.',
    ]);
    expect(fake.requests).toHaveLength(0);
    expect(await audit(run.id)).toHaveLength(0);
  });

  it('deletes its audit after the retention period (30 days by default) in the same sweep as analysis runs, and keeps the run', async () => {
    await t.allowAi(projectId, owner.token);
    const old = await suggest({ projectId, highlightIds });
    const recent = await suggest({ projectId, highlightIds });
    const kept = (await audit(recent.id)).length;
    expect(kept).toBeGreaterThanOrEqual(2);
    await t.app
      .get(DataSource)
      .query(
        `UPDATE theme_suggestion_exchange SET created_at = now() - interval '31 days' WHERE run_id = $1`,
        [old.id],
      );
    const expired = (await audit(old.id)).length;
    expect(await t.app.get(AiAuditRetention).sweep()).toBe(expired);
    expect(await audit(old.id)).toHaveLength(0);
    expect(await audit(recent.id)).toHaveLength(kept);
    expect((await finished(old.id)).status).toBe('READY');
  });

  it('shows the audit to owners and editors, through GraphQL and as whole downloads, and to nobody else', async () => {
    await t.allowAi(projectId, owner.token);
    const run = await suggest({ projectId, highlightIds });
    const editor = await t.join(owner, workspaceId, 'EDITOR');
    const viewer = await t.join(owner, workspaceId, 'VIEWER');
    const stranger = await t.signUp('Someone Else');
    const query = `query($id: ID!) { themeSuggestionRun(id: $id) { id exchanges(first: 10) { totalCount
      edges { node { id purpose model endpoint status request requestTruncated response error } } } } }`;
    const seen = (token: string) =>
      t.gql<{
        themeSuggestionRun: {
          exchanges: {
            totalCount: number;
            edges: { node: { id: string; purpose: string; model: string; request: string } }[];
          };
        };
      }>(query, { id: run.id }, token);

    for (const who of [owner, editor]) {
      const { data, errors } = await seen(who.token);
      expect(errors).toBeUndefined();
      const nodes = data!.themeSuggestionRun.exchanges.edges.map((e) => e.node);
      expect(data!.themeSuggestionRun.exchanges.totalCount).toBe(nodes.length);
      // Newest first: the titles request after the embeddings.
      expect(nodes.map((n) => n.purpose)).toEqual([
        'TITLES',
        ...nodes.slice(1).map(() => 'EMBEDDINGS'),
      ]);
      expect(nodes[0]!.model).toBe('gpt-4o-mini');
      expect(nodes[0]!.request).toMatch(/Participant [AB]/);
      expect(nodes[0]!.request).not.toMatch(/Maria|Lopez|Okafor/);
    }
    const viewerSees = await seen(viewer.token);
    expect(viewerSees.errors?.[0]?.extensions?.['code']).toBe('FORBIDDEN');
    expect(JSON.stringify(viewerSees.data ?? null)).not.toContain('Participant');
    const strangerSees = await seen(stranger.token);
    expect(['FORBIDDEN', 'NOT_FOUND']).toContain(strangerSees.errors?.[0]?.extensions?.['code']);

    const titles = (await seen(owner.token)).data!.themeSuggestionRun.exchanges.edges[0]!.node;
    const download = (token: string, part = 'request') =>
      fetch(`${t.baseUrl}/api/theme-suggestion-runs/${run.id}/exchanges/${titles.id}/${part}`, {
        headers: { Authorization: `Bearer ${token}` },
      });
    const whole = await download(editor.token);
    expect(whole.status).toBe(200);
    expect(whole.headers.get('content-disposition')).toMatch(
      /^attachment; filename="themes-[0-9a-f]{8}-titles-[0-9a-f]{8}-request\.json"$/,
    );
    expect(await whole.text()).toBe(titles.request);
    expect((await download(owner.token, 'response')).status).toBe(200);
    expect((await download(viewer.token)).status).toBe(403);
    expect([403, 404]).toContain((await download(stranger.token)).status);
  });
});
