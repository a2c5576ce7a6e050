import { TestApp, type TestUser } from '../../../test/test-app';

// Review reads a run's suggestions most confident first, or in transcript order; pages follow
// each other without a gap or a repeat in both.

const FIRST = `Interviewer: Tell me about the price.
Ana: The subscription price is far too expensive for a small team like ours.
Interviewer: And the budget?
Ana: Honestly the monthly cost made our finance lead nervous about the budget.
Interviewer: And getting started?
Ana: Onboarding took ages, the setup wizard kept asking for the same invite code.
`;
const SECOND = `Interviewer: How did the pricing feel to you?
Ben: We almost cancelled because the price per seat is too expensive for our budget.
Interviewer: And since then?
Ben: The yearly plan costs more than our whole tooling budget, so we pay monthly.
Interviewer: What about the first days with the product?
Ben: The setup wizard was confusing and onboarding took most of a week.
`;

interface Page {
  totalCount: number;
  edges: { node: Node }[];
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
}

interface Node {
  id: string;
  confidence: number;
  startIndex: number;
  transcript: { title: string };
}

describe('the order of suggestions in review', () => {
  let t: TestApp;
  let owner: TestUser;
  let runId: string;
  beforeAll(async () => {
    t = await TestApp.start();
    const p = await t.newProject();
    owner = p.user;
    const ids: string[] = [];
    for (const [name, bytes] of [
      ['ana.txt', FIRST],
      ['ben.txt', SECOND],
    ] as const) {
      const up = await t.upload(p.projectId, owner.token, { name, bytes });
      ids.push(up.body['id'] as string);
      await t.waitForTranscript(up.body['id'] as string, owner.token);
    }
    const pricing = await t.ok<{ createTag: { id: string } }>(
      `mutation($i: CreateTagInput!) { createTag(input: $i) { id } }`,
      { i: { projectId: p.projectId, name: 'Pricing', description: 'Price, cost and budget.' } },
      owner.token,
    );
    const onboarding = await t.ok<{ createTag: { id: string } }>(
      `mutation($i: CreateTagInput!) { createTag(input: $i) { id } }`,
      { i: { projectId: p.projectId, name: 'Onboarding', description: 'Setup and invites.' } },
      owner.token,
    );
    expect(pricing.createTag.id && onboarding.createTag.id).toBeTruthy();
    const started = await t.ok<{ startAnalysis: { id: string } }>(
      `mutation($i: StartAnalysisInput!) { startAnalysis(input: $i) { id } }`,
      { i: { projectId: p.projectId, transcriptIds: ids, mode: 'DEDUCTIVE' } },
      owner.token,
    );
    runId = started.startAnalysis.id;
    for (let i = 0; i < 200; i++) {
      await t.jobs.idle();
      const { analysisRun } = await t.ok<{ analysisRun: { status: string } }>(
        `query($id: ID!) { analysisRun(id: $id) { status } }`,
        { id: runId },
        owner.token,
      );
      if (analysisRun.status === 'COMPLETED') break;
      await new Promise((r) => setTimeout(r, 50));
    }
  });
  afterAll(() => t.close());

  const pages = async (orderBy: string | null) => {
    const all: Node[] = [];
    let after: string | null = null;
    for (let i = 0; i < 50; i++) {
      const { suggestions }: { suggestions: Page } = await t.ok<{ suggestions: Page }>(
        `query($f: SuggestionFilter!, $after: String, $o: SuggestionOrder) {
          suggestions(filter: $f, first: 2, after: $after, orderBy: $o) {
            totalCount edges { node { id confidence startIndex transcript { title } } }
            pageInfo { hasNextPage endCursor } } }`,
        { f: { runId }, after, o: orderBy },
        owner.token,
      );
      all.push(...suggestions.edges.map((e) => e.node));
      if (!suggestions.pageInfo.hasNextPage) return { all, total: suggestions.totalCount, after };
      after = suggestions.pageInfo.endCursor;
    }
    throw new Error('too many pages');
  };

  it('lists the most confident first, page after page, without gaps or repeats', async () => {
    const { all, total } = await pages('CONFIDENCE');
    expect(total).toBeGreaterThan(2);
    expect(all).toHaveLength(total);
    expect(new Set(all.map((n) => n.id)).size).toBe(total);
    const confidences = all.map((n) => n.confidence);
    expect(confidences).toEqual([...confidences].sort((a, b) => b - a));
  });

  it('lists in transcript order by default, and refuses a cursor of the other order', async () => {
    const { all, total } = await pages(null);
    expect(all).toHaveLength(total);
    const positions = all.map((n) => `${n.transcript.title}|${String(n.startIndex).padStart(5)}`);
    expect(positions).toEqual([...positions].sort());

    const { suggestions } = await t.ok<{ suggestions: { pageInfo: { endCursor: string } } }>(
      `query($f: SuggestionFilter!) { suggestions(filter: $f, first: 1, orderBy: CONFIDENCE) { pageInfo { endCursor } } }`,
      { f: { runId } },
      owner.token,
    );
    const mixed = await t.gql(
      `query($f: SuggestionFilter!, $after: String) { suggestions(filter: $f, first: 1, after: $after, orderBy: TRANSCRIPT) { totalCount } }`,
      { f: { runId }, after: suggestions.pageInfo.endCursor },
      owner.token,
    );
    expect(mixed.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });
});
