import { makeSyntheticTranscript } from '@verbatim/transcript';
import { TestApp, type TestUser } from '../../../test/test-app';

// A theme the tagger proposed is reviewed like a draft code: renamed and redefined before it is
// accepted, and the tag an accept creates has the reviewed name and definition.

interface Theme {
  name: string;
  definition: string | null;
  suggestionCount: number;
}

const UPDATE = `mutation($i: UpdateProposedThemeInput!) { updateProposedTheme(input: $i) { name definition suggestionCount } }`;

describe('editing a proposed theme before accepting it', () => {
  let t: TestApp;
  let owner: TestUser;
  let projectId: string;
  let runId: string;
  let themes: Theme[];

  beforeAll(async () => {
    t = await TestApp.start();
    ({ user: owner, projectId } = await t.newProject());
    const ids: string[] = [];
    for (const seed of [11, 12]) {
      const up = await t.upload(projectId, owner.token, {
        name: `synthetic-${seed}.txt`,
        bytes: makeSyntheticTranscript({ format: 'TEXT', minutes: 20, seed }),
      });
      await t.waitForTranscript(up.body['id'] as string, owner.token);
      ids.push(up.body['id'] as string);
    }
    const started = await t.ok<{ startAnalysis: { id: string } }>(
      `mutation($i: StartAnalysisInput!) { startAnalysis(input: $i) { id } }`,
      { i: { projectId, transcriptIds: ids, mode: 'INDUCTIVE' } },
      owner.token,
    );
    runId = started.startAnalysis.id;
    for (let i = 0; i < 200; i++) {
      await t.jobs.idle();
      const { analysisRun } = await t.ok<{ analysisRun: { status: string; themes: Theme[] } }>(
        `query($id: ID!) { analysisRun(id: $id) { status themes { name definition suggestionCount } } }`,
        { id: runId },
        owner.token,
      );
      if (analysisRun.status === 'COMPLETED') {
        themes = analysisRun.themes;
        break;
      }
      await new Promise((r) => setTimeout(r, 50));
    }
    expect(themes.length).toBeGreaterThan(1);
  });
  afterAll(() => t.close());

  it('renames and redefines a theme; accepting one of its quotes makes a tag of that name', async () => {
    const theme = themes[0]!;
    const { updateProposedTheme } = await t.ok<{ updateProposedTheme: Theme }>(
      UPDATE,
      {
        i: {
          runId,
          name: theme.name,
          newName: '  Screens feel slow  ',
          definition: 'Waiting on screens to load or respond.',
        },
      },
      owner.token,
    );
    expect(updateProposedTheme).toEqual({
      name: 'Screens feel slow',
      definition: 'Waiting on screens to load or respond.',
      suggestionCount: theme.suggestionCount,
    });

    const { suggestions } = await t.ok<{ suggestions: { edges: { node: { id: string } }[] } }>(
      `query($f: SuggestionFilter!) { suggestions(filter: $f, first: 100) { edges { node { id themeName } } } }`,
      { f: { runId } },
      owner.token,
    );
    const { acceptSuggestion } = await t.ok<{ acceptSuggestion: { themeName: string } }>(
      `mutation($id: ID!) { acceptSuggestion(id: $id) { themeName } }`,
      {
        id: suggestions.edges.find(
          (e) => (e.node as { themeName?: string }).themeName === 'Screens feel slow',
        )!.node.id,
      },
      owner.token,
    );
    expect(acceptSuggestion.themeName).toBe('Screens feel slow');
    const { tags } = await t.ok<{ tags: { name: string; description: string | null }[] }>(
      `query($p: ID!) { tags(projectId: $p) { name description } }`,
      { p: projectId },
      owner.token,
    );
    expect(tags).toContainEqual({
      name: 'Screens feel slow',
      description: 'Waiting on screens to load or respond.',
    });
  });

  it('refuses an empty name, an unknown theme, and a viewer', async () => {
    const theme = themes[1]!;
    const empty = await t.gql(
      UPDATE,
      { i: { runId, name: theme.name, newName: '   ' } },
      owner.token,
    );
    expect(empty.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const unknown = await t.gql(
      UPDATE,
      { i: { runId, name: 'No such theme', newName: 'X' } },
      owner.token,
    );
    expect(unknown.errors?.[0]?.message).toBe(
      'No pending suggestion of this run has the theme “No such theme”.',
    );
    const stranger = await t.signUp();
    const refused = await t.gql(
      UPDATE,
      { i: { runId, name: theme.name, newName: 'Mine' } },
      stranger.token,
    );
    expect(refused.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    const { analysisRun } = await t.ok<{ analysisRun: { themes: Theme[] } }>(
      `query($id: ID!) { analysisRun(id: $id) { themes { name definition suggestionCount } } }`,
      { id: runId },
      owner.token,
    );
    expect(analysisRun.themes).toContainEqual(theme);
  });
});
