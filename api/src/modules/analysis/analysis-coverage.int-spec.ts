import { TestApp } from '../../../test/test-app';

// What a new analysis run defaults to: the transcripts no completed DEDUCTIVE run covered since
// the codebook last changed.

const INTERVIEW = `Interviewer: Tell me about the price.
Ann: The price was too expensive for our small team.
Interviewer: And the setup?
Ann: The onboarding checklist helped us invite everyone.`;

const COVERAGE = `query($p: ID!) { analysisCoverage(projectId: $p) {
  codebookChangedAt transcripts { transcriptId deductiveAt inductiveAt } } }`;

interface Coverage {
  codebookChangedAt: string | null;
  transcripts: { transcriptId: string; deductiveAt: string | null; inductiveAt: string | null }[];
}

describe('analysis coverage', () => {
  let t: TestApp;
  beforeAll(async () => (t = await TestApp.start()));
  afterAll(() => t.close());

  it('tells which transcripts were analysed with the current codebook', async () => {
    const { user, projectId } = await t.newProject();
    const ids: string[] = [];
    for (const name of ['ann.txt', 'bob.txt']) {
      const up = await t.upload(projectId, user.token, {
        name,
        bytes: INTERVIEW.replaceAll('Ann', name === 'ann.txt' ? 'Ann' : 'Bob'),
      });
      ids.push(up.body['id'] as string);
      await t.waitForTranscript(up.body['id'] as string, user.token);
    }
    const coverage = async () =>
      (await t.ok<{ analysisCoverage: Coverage }>(COVERAGE, { p: projectId }, user.token))
        .analysisCoverage;
    expect(await coverage()).toEqual({ codebookChangedAt: null, transcripts: [] });

    const { createTag } = await t.ok<{ createTag: { id: string } }>(
      `mutation($i: CreateTagInput!) { createTag(input: $i) { id } }`,
      { i: { projectId, name: 'Pricing', description: 'What people say about the price.' } },
      user.token,
    );
    const run = async (mode: string) => {
      await t.ok(
        `mutation($i: StartAnalysisInput!) { startAnalysis(input: $i) { id } }`,
        { i: { projectId, transcriptIds: [ids[0]], mode } },
        user.token,
      );
      for (let i = 0; i < 100 && !(await coverage()).transcripts.length; i++) await t.jobs.idle();
    };
    await run('DEDUCTIVE');
    const analysed = await coverage();
    expect(analysed.transcripts).toEqual([
      { transcriptId: ids[0], deductiveAt: expect.any(String) as unknown, inductiveAt: null },
    ]);
    const deductiveAt = Date.parse(analysed.transcripts[0]!.deductiveAt!);
    expect(deductiveAt).toBeGreaterThanOrEqual(Date.parse(analysed.codebookChangedAt!));

    await t.ok(
      `mutation($i: UpdateTagInput!) { updateTag(input: $i) { id } }`,
      { i: { id: createTag.id, description: 'Price, plans, and what the product costs.' } },
      user.token,
    );
    const changed = await coverage();
    expect(Date.parse(changed.codebookChangedAt!)).toBeGreaterThan(deductiveAt);

    const stranger = await t.signUp();
    const refused = await t.gql(COVERAGE, { p: projectId }, stranger.token);
    expect(refused.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
  });
});
