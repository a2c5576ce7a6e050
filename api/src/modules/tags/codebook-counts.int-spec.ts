import { TestApp } from '../../../test/test-app';

// A parent tag in the codebook counts the highlights of its sub-tags too, each highlight once.

describe('codebook counts', () => {
  let t: TestApp;
  beforeAll(async () => (t = await TestApp.start()));
  afterAll(() => t.close());

  it('rolls sub-tags up into their parents without counting a highlight twice', async () => {
    const { user, projectId } = await t.newProject();
    const transcript = await t.uploadAndWait(projectId, user.token, {
      name: 'ann.txt',
      bytes: 'Ann: The price was too high and the plans were confusing.\nBob: Why?\n',
    });
    const tag = async (name: string, parentId: string | null = null) =>
      (
        await t.ok<{ createTag: { id: string } }>(
          `mutation($i: CreateTagInput!) { createTag(input: $i) { id } }`,
          { i: { projectId, name, parentId } },
          user.token,
        )
      ).createTag.id;
    const pricing = await tag('Pricing');
    const plans = await tag('Plans', pricing);
    const confusing = await tag('Confusing plans', plans);
    const turn = transcript.segments[0]!;
    const highlight = async (words: string, tagIds: string[]) => {
      const offset = turn.text.indexOf(words);
      await t.ok(
        `mutation($i: CreateHighlightInput!) { createHighlight(input: $i) { id } }`,
        {
          i: {
            transcriptId: transcript.id,
            start: { segmentId: turn.id, offset },
            end: { segmentId: turn.id, offset: offset + words.length },
            tagIds,
          },
        },
        user.token,
      );
    };
    await highlight('The price was too high', [pricing, plans]);
    await highlight('the plans were confusing', [confusing]);

    const { tags } = await t.ok<{
      tags: { name: string; usageCount: number; highlightCount: number }[];
    }>(
      `query($p: ID!) { tags(projectId: $p) { name usageCount highlightCount } }`,
      { p: projectId },
      user.token,
    );
    expect(tags).toEqual([
      { name: 'Confusing plans', usageCount: 1, highlightCount: 1 },
      { name: 'Plans', usageCount: 1, highlightCount: 2 },
      { name: 'Pricing', usageCount: 1, highlightCount: 2 },
    ]);
  });
});
