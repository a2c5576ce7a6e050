import { expect } from '@jest/globals';
import { TestApp } from '../../../test/test-app';

// Two people giving the same transcript to the same colleague at the same moment end with one
// assignment, and the colleague is told once. On PostgreSQL the two calls run in two
// connections at once, and the unique index decides (the embedded server runs them in turn).

const INTERVIEW = `Interviewer: How did the trial go?
Nina: The trial ended before we had invited the whole team.
`;
const ROUNDS = 8;

describe('assigning at the same moment', () => {
  let t: TestApp;
  beforeAll(async () => (t = await TestApp.start()));
  afterAll(() => t.close());

  it('leaves one assignment and one notification, and both callers get it', async () => {
    const { user: olga, workspaceId, projectId } = await t.newProject();
    const eve = await t.join(olga, workspaceId, 'EDITOR', 'Eve Editor');
    const vera = await t.join(olga, workspaceId, 'EDITOR', 'Vera Editor');
    for (let round = 0; round < ROUNDS; round++) {
      const transcript = await t.importText(
        projectId,
        olga.token,
        `round-${round}.txt`,
        `${INTERVIEW}Interviewer: Round ${round}?\n`,
      );
      const results = await Promise.all(
        [olga, eve].map((by, i) =>
          t.gql<{ assign: { id: string } }>(
            `mutation($i: AssignInput!) { assign(input: $i) { id } }`,
            {
              i: {
                targetType: 'TRANSCRIPT',
                targetId: transcript.id,
                assigneeId: vera.id,
                note: `from caller ${i}`,
              },
            },
            by.token,
          ),
        ),
      );
      expect(results.map((r) => r.errors)).toEqual([undefined, undefined]);
      const [a, b] = results.map((r) => r.data!.assign.id);
      expect(a).toBe(b);
      const { transcript: read } = await t.ok<{ transcript: { assignments: { id: string }[] } }>(
        `query($id: ID!) { transcript(id: $id) { assignments { id } } }`,
        { id: transcript.id },
        olga.token,
      );
      expect(read.assignments.map((x) => x.id)).toEqual([a]);
    }
    const { notifications } = await t.ok<{ notifications: { totalCount: number } }>(
      `{ notifications(first: 1) { totalCount } }`,
      {},
      vera.token,
    );
    expect(notifications.totalCount).toBe(ROUNDS);
    const { myWork } = await t.ok<{ myWork: { totalCount: number } }>(
      `{ myWork { totalCount } }`,
      {},
      vera.token,
    );
    expect(myWork.totalCount).toBe(ROUNDS);
  });
});
