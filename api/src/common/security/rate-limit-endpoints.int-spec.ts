import { randomUUID } from 'node:crypto';
import { type GqlResult, TestApp } from '../../../test/test-app';

// The @RateLimit buckets as applied by the feature modules: uploads and invitation acceptance.

const codeOf = (r: GqlResult<unknown>) => r.errors?.[0]?.extensions?.code;

function expectTooMany(r: GqlResult<unknown>, windowSeconds: number): void {
  expect(codeOf(r)).toBe('TOO_MANY_REQUESTS');
  const seconds = r.errors?.[0]?.extensions?.['retryAfterSeconds'] as number;
  expect(seconds).toBeGreaterThanOrEqual(1);
  expect(seconds).toBeLessThanOrEqual(windowSeconds);
}

describe('rate limits: uploads and invitations', () => {
  let t: TestApp;
  beforeAll(
    async () =>
      (t = await TestApp.start({ RATE_LIMIT_UPLOAD: '2/1m', RATE_LIMIT_INVITATION: '2/1m' })),
  );
  afterAll(() => t.close());

  it('limits uploads and imports per user: 429 with Retry-After on REST, TOO_MANY_REQUESTS in GraphQL', async () => {
    const { user, projectId } = await t.newProject();
    for (let i = 0; i < 2; i++) {
      const ok = await t.upload(projectId, user.token, {
        name: `t${i}.txt`,
        bytes: `Ann: hello ${i}\nBob: hi\n`,
      });
      expect(ok.status).toBe(201);
    }
    const form = new FormData();
    form.append('file', new Blob(['Ann: one more\n']), 'late.txt');
    const res = await fetch(`${t.baseUrl}/api/projects/${projectId}/transcripts`, {
      method: 'POST',
      headers: { authorization: `Bearer ${user.token}` },
      body: form,
    });
    expect(res.status).toBe(429);
    const body = (await res.json()) as { code: string; retryAfterSeconds: number };
    expect(body.code).toBe('TOO_MANY_REQUESTS');
    expect(Number(res.headers.get('retry-after'))).toBe(body.retryAfterSeconds);
    const imported = await t.gql(
      `mutation($i: ImportTranscriptInput!) { importTranscript(input: $i) { id } }`,
      { i: { projectId, filename: 'pasted.txt', content: 'Ann: pasted\n' } },
      user.token,
    );
    expectTooMany(imported, 60);
    // Another user is not affected.
    const other = await t.newProject();
    expect(
      (await t.upload(other.projectId, other.user.token, { name: 'o.txt', bytes: 'Ann: mine\n' }))
        .status,
    ).toBe(201);
  });

  it('limits guesses at invitation tokens', async () => {
    const user = await t.signUp();
    const accept = () =>
      t.gql(
        `mutation($t: String!) { acceptInvitation(token: $t) { id } }`,
        { t: randomUUID() },
        user.token,
      );
    for (let i = 0; i < 2; i++) expect(codeOf(await accept())).not.toBe('TOO_MANY_REQUESTS');
    expectTooMany(await accept(), 60);
  });
});
