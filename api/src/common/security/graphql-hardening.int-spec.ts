import { createClient } from 'graphql-ws';
import WebSocket from 'ws';
import { type GqlResult, TestApp } from '../../../test/test-app';

const codeOf = (r: GqlResult<unknown>) => r.errors?.[0]?.extensions?.code;
const INTROSPECTION = `{ __schema { queryType { name } } __type(name: "Query") { name } }`;

function post(t: TestApp, body: string, headers: Record<string, string>) {
  return fetch(`${t.baseUrl}/graphql`, { method: 'POST', headers, body });
}

describe('GraphQL limits', () => {
  let t: TestApp;
  beforeAll(async () => (t = await TestApp.start()));
  afterAll(() => t.close());

  it('refuses a query whose page sizes multiply past GRAPHQL_MAX_COMPLEXITY, literal or from variables', async () => {
    const { user, projectId } = await t.newProject();
    const literal = await t.gql(
      `query($p: ID!) { transcripts(projectId: $p, first: 500) { edges { node { segments(limit: 5000) { participant { id } } } } } }`,
      { p: projectId },
      user.token,
    );
    expect(codeOf(literal)).toBe('BAD_USER_INPUT');
    expect(literal.errors?.[0]?.message).toMatch(/^Query is too complex: cost \d+, maximum 5000\./);
    expect(literal.data ?? null).toBeNull();
    const viaVariables = await t.gql(
      `query($p: ID!, $n: Int, $l: Int!) { transcripts(projectId: $p, first: $n) { edges { node { segments(limit: $l) { participant { id } } } } } }`,
      { p: projectId, n: 100, l: 2000 },
      user.token,
    );
    expect(codeOf(viaVariables)).toBe('BAD_USER_INPUT');
    expect(viaVariables.status).toBe(400);
  });

  it('lets the reader’s largest window and ordinary pages through', async () => {
    const { user, projectId } = await t.newProject();
    const res = await t.gql(
      `query($p: ID!) { transcripts(projectId: $p, first: 50) { totalCount edges { node { id title participants { id displayName } } } } }`,
      { p: projectId },
      user.token,
    );
    expect(res.errors).toBeUndefined();
    const created = await t.upload(projectId, user.token, {
      name: 'a.txt',
      bytes: 'Ann: hello\nBob: hi\n',
    });
    await t.waitForTranscript(created.body['id'] as string, user.token);
    const reader = await t.gql(
      `query($id: ID!) { transcript(id: $id) { id participants { id label } segments(from: 0, limit: 2000) { id index speaker startMs endMs text participant { id displayName color } } } }`,
      { id: created.body['id'] },
      user.token,
    );
    expect(reader.errors).toBeUndefined();
  });

  it('refuses documents with more than 10,000 tokens before parsing them fully', async () => {
    const user = await t.signUp();
    const res = await t.gql(
      `{ ${Array.from({ length: 6000 }, (_, i) => `a${i}: me { id }`).join(' ')} }`,
      {},
      user.token,
    );
    expect(codeOf(res)).toBe('BAD_USER_INPUT');
    expect(res.errors?.[0]?.message).toMatch(/contains more tha[nt] 10000 tokens/);
  });

  it('has CSRF prevention on: simple cross-site requests are refused', async () => {
    const asForm = await post(t, 'query={__typename}', {
      'content-type': 'application/x-www-form-urlencoded',
    });
    expect(asForm.status).toBe(400);
    const asText = await post(t, JSON.stringify({ query: '{ __typename }' }), {
      'content-type': 'text/plain',
    });
    expect(asText.status).toBe(400);
    const get = await fetch(`${t.baseUrl}/graphql?query=${encodeURIComponent('{ __typename }')}`);
    expect(get.status).toBe(400);
    expect(await get.text()).toMatch(/CSRF/);
    const preflighted = await fetch(
      `${t.baseUrl}/graphql?query=${encodeURIComponent('{ __typename }')}`,
      {
        headers: { 'apollo-require-preflight': 'true' },
      },
    );
    expect(preflighted.status).toBe(200);
  });

  it('sends security headers with a CSP on the client, GraphQL, REST and health', async () => {
    for (const res of [
      await fetch(`${t.baseUrl}/`),
      await post(t, JSON.stringify({ query: '{ __typename }' }), {
        'content-type': 'application/json',
      }),
      await fetch(`${t.baseUrl}/health`),
      await fetch(`${t.baseUrl}/api/projects/x/transcripts`, { method: 'POST' }),
    ]) {
      const csp = res.headers.get('content-security-policy') ?? '';
      expect(csp).toContain("default-src 'self'");
      expect(csp).toContain("script-src 'self';");
      expect(csp).toContain("frame-ancestors 'none'");
      expect(csp).toContain("object-src 'none'");
      expect(csp).not.toMatch(/script-src[^;]*'unsafe-inline'/);
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
      expect(res.headers.get('x-frame-options')).toBe('SAMEORIGIN');
      expect(res.headers.get('referrer-policy')).toBe('no-referrer');
      expect(res.headers.get('x-powered-by')).toBeNull();
    }
  });

  it('answers other origins without any CORS grant by default', async () => {
    const preflight = await fetch(`${t.baseUrl}/graphql`, {
      method: 'OPTIONS',
      headers: {
        origin: 'https://evil.example',
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'content-type,authorization',
      },
    });
    expect(preflight.headers.get('access-control-allow-origin')).toBeNull();
    const simple = await post(t, JSON.stringify({ query: '{ __typename }' }), {
      'content-type': 'application/json',
      origin: 'https://evil.example',
    });
    expect(simple.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('allows introspection outside production', async () => {
    expect((await t.gql(INTROSPECTION)).errors).toBeUndefined();
  });
});

describe('GraphQL depth limit', () => {
  let t: TestApp;
  beforeAll(async () => (t = await TestApp.start({ GRAPHQL_MAX_DEPTH: '2' })));
  afterAll(() => t.close());

  it('refuses operations nested deeper than GRAPHQL_MAX_DEPTH, over HTTP and graphql-ws', async () => {
    const user = await t.signUp();
    const shallow = `{ workspaces { edges { cursor } } }`;
    const deep = `query Deep { workspaces { edges { node { id } } } }`;
    expect((await t.gql(shallow, {}, user.token)).errors).toBeUndefined();
    const res = await t.gql(deep, {}, user.token);
    expect(codeOf(res)).toBe('BAD_USER_INPUT');
    expect(res.errors?.[0]?.message).toMatch(/'Deep' exceeds maximum operation depth of 2/);

    const client = createClient({
      url: `${t.baseUrl.replace('http', 'ws')}/graphql`,
      webSocketImpl: WebSocket,
      connectionParams: { authorization: `Bearer ${user.token}` },
      retryAttempts: 0,
    });
    try {
      const errors = await new Promise<unknown>((resolve) => {
        client.subscribe(
          { query: deep },
          { next: () => undefined, error: resolve, complete: () => resolve(null) },
        );
      });
      expect(JSON.stringify(errors)).toMatch(
        /exceeds maximum operation depth of 2.*BAD_USER_INPUT/,
      );
    } finally {
      await client.dispose();
    }
  });
});

describe('production', () => {
  let t: TestApp;
  afterEach(() => t.close());

  it('turns introspection and GraphiQL off unless GRAPHQL_INTROSPECTION=true, and sends HSTS', async () => {
    t = await TestApp.start({ NODE_ENV: 'production' });
    const res = await t.gql(INTROSPECTION);
    expect(codeOf(res)).toBe('BAD_USER_INPUT');
    expect(res.errors?.[0]?.message).toMatch(/introspection is not allowed/i);
    expect(res.data ?? null).toBeNull();
    const page = await fetch(`${t.baseUrl}/graphql`, { headers: { accept: 'text/html' } });
    expect(await page.text()).not.toMatch(/graphiql/i);
    expect(page.headers.get('strict-transport-security')).toMatch(/max-age=\d+/);
    // Ordinary operations still work.
    expect((await t.gql(`{ __typename }`)).errors).toBeUndefined();
  });

  it('serves introspection and GraphiQL when GRAPHQL_INTROSPECTION=true', async () => {
    t = await TestApp.start({ NODE_ENV: 'production', GRAPHQL_INTROSPECTION: 'true' });
    expect((await t.gql(INTROSPECTION)).errors).toBeUndefined();
    const page = await fetch(`${t.baseUrl}/graphql`, { headers: { accept: 'text/html' } });
    expect(await page.text()).toMatch(/graphiql/i);
    expect(page.headers.get('content-security-policy')).toContain('https://unpkg.com');
  });

  it('grants CORS to the origins in CORS_ORIGINS only', async () => {
    t = await TestApp.start({
      NODE_ENV: 'production',
      CORS_ORIGINS: 'https://app.example.com, https://other.example.com',
    });
    const preflight = (origin: string) =>
      fetch(`${t.baseUrl}/graphql`, {
        method: 'OPTIONS',
        headers: {
          origin,
          'access-control-request-method': 'POST',
          'access-control-request-headers': 'content-type,authorization',
        },
      });
    const allowed = await preflight('https://app.example.com');
    expect(allowed.headers.get('access-control-allow-origin')).toBe('https://app.example.com');
    expect(allowed.headers.get('access-control-allow-headers')).toMatch(/authorization/);
    expect(
      (await preflight('https://evil.example')).headers.get('access-control-allow-origin'),
    ).toBeNull();
  });
});
