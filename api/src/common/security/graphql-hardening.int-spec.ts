import { getIntrospectionQuery } from 'graphql';
import { createClient } from 'graphql-ws';
import jwt from 'jsonwebtoken';
import { randomUUID } from 'node:crypto';
import WebSocket from 'ws';
import { type GqlResult, TestApp, type TestUser } from '../../../test/test-app';
import { wsClient, wsRequest } from '../../../test/ws-client';

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
    expect(literal.errors?.[0]?.message).toMatch(
      /^Query is too complex: cost \d+, maximum 70000\./,
    );
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
    const created = await t.uploadAndWait(projectId, user.token, {
      name: 'a.txt',
      bytes: 'Ann: hello\nBob: hi\n',
    });
    const reader = await t.gql(
      `query($id: ID!) { transcript(id: $id) { id participants { id label } segments(from: 0, limit: 2000) { id index speaker startMs endMs text participant { id displayName color } } } }`,
      { id: created.id },
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

  it('answers GraphiQL’s introspection query but not introspection lists nested past it, on both transports', async () => {
    const full = await t.gql(getIntrospectionQuery());
    expect(full.errors).toBeUndefined();
    expect((await wsRequest(t, getIntrospectionQuery())).errors).toBeUndefined();
    const bomb = `{ __schema { types { fields { type { fields { type { fields { name } } } } } } } }`;
    for (const res of [await t.gql(bomb), await wsRequest(t, bomb)]) {
      expect(codeOf(res)).toBe('BAD_USER_INPUT');
      expect(res.errors?.[0]?.message).toMatch(/Maximum introspection depth exceeded/);
    }
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
    expect(res.errors?.[0]?.message).toMatch(/introspection has been disabled/i);
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

/**
 * The same hostile documents over HTTP and over graphql-ws get the same refusal: one gate (parse
 * limits, standard validation first, then depth, aliases, cost with the variables, refused
 * text), one authentication and one error format on both transports.
 */
describe('the same refusal over HTTP and graphql-ws (production)', () => {
  let t: TestApp;
  let user: TestUser;
  beforeAll(async () => {
    t = await TestApp.start({ NODE_ENV: 'production', GRAPHQL_MAX_DEPTH: '4' });
    user = await t.signUp();
  });
  afterAll(() => t.close());

  const windows = (n: number, fields: string) =>
    Array.from({ length: n }, (_, i) => `w${i}: segments(limit: 5000) { ${fields} }`).join(' ');
  const fanOut = (levels: number) =>
    `query { me { ...F0 } } ` +
    Array.from({ length: levels }, (_, i) =>
      i === levels - 1
        ? `fragment F${i} on User { id name email }`
        : `fragment F${i} on User { ...F${i + 1} ... on User { ...F${i + 1} } }`,
    ).join(' ');
  const expiredToken = () => {
    const claims = jwt.decode(user.token) as Record<string, unknown>;
    return jwt.sign(
      { sub: claims['sub'], sid: claims['sid'], email: claims['email'], name: claims['name'] },
      t.config.auth.secret,
      { algorithm: 'HS256', issuer: 'verbatim', expiresIn: -60 },
    );
  };

  interface Hostile {
    query: string;
    variables?: Record<string, unknown>;
    who: 'anonymous' | 'user' | 'expired';
    code: string;
    message?: RegExp;
  }
  const HOSTILE: Record<string, () => Hostile> = {
    'many aliases (anonymous invitation lookups)': () => ({
      who: 'anonymous',
      query: `{ ${Array.from({ length: 500 }, (_, i) => `a${i}: invitation(token: "x") { workspaceName }`).join(' ')} }`,
      code: 'BAD_USER_INPUT',
      message: /uses 500 aliases; at most 15 are allowed/,
    }),
    'deep nesting': () => ({
      who: 'user',
      query: `query Deep($p: ID!) { transcripts(projectId: $p) { edges { node { participants { attributes { key } } } } } }`,
      variables: { p: randomUUID() },
      code: 'BAD_USER_INPUT',
      message: /'Deep' exceeds maximum operation depth of 4/,
    }),
    'a fragment cycle': () => ({
      who: 'user',
      query: `query { me { ...A } } fragment A on User { id ...B } fragment B on User { name ...A }`,
      code: 'BAD_USER_INPUT',
      message: /Cannot spread fragment "A" within itself via "B"/,
    }),
    'fragments spread exponentially': () => ({
      who: 'user',
      query: fanOut(40),
      code: 'BAD_USER_INPUT',
    }),
    'huge segments windows': () => ({
      who: 'user',
      query: `query($id: ID!) { transcript(id: $id) { ${windows(3, 'id index speaker startMs endMs text')} } }`,
      variables: { id: randomUUID() },
      code: 'BAD_USER_INPUT',
      message: /^Query is too complex: cost \d+, maximum 70000\./,
    }),
    'windows of every transcript of a page': () => ({
      who: 'user',
      query: `query($p: ID!, $n: Int) { transcripts(projectId: $p, first: $n) { edges { node { segments { text } } } } }`,
      variables: { p: randomUUID(), n: 100 },
      code: 'BAD_USER_INPUT',
      message: /^Query is too complex/,
    }),
    'NUL in an argument': () => ({
      who: 'user',
      query: `mutation { createWorkspace(input: { name: "Research\\u0000team" }) { id } }`,
      code: 'BAD_USER_INPUT',
      message: /NUL character \(U\+0000\); remove it from argument input\.name/,
    }),
    'NUL in a variable': () => ({
      who: 'user',
      query: `mutation($i: CreateWorkspaceInput!) { createWorkspace(input: $i) { id } }`,
      variables: { i: { name: 'Research\u0000team' } },
      code: 'BAD_USER_INPUT',
      message: /NUL character \(U\+0000\); remove it from \$i\.name/,
    }),
    'introspection in production': () => ({
      who: 'anonymous',
      query: `{ __schema { queryType { name } } }`,
      code: 'BAD_USER_INPUT',
      message: /introspection has been disabled/,
    }),
    'a misspelled field in production': () => ({
      who: 'user',
      query: `{ me { nme } }`,
      code: 'BAD_USER_INPUT',
      message: /^Cannot query field "nme" on type "User"\.$/,
    }),
    'a misspelled input field in production': () => ({
      who: 'user',
      query: `mutation($i: CreateWorkspaceInput!) { createWorkspace(input: $i) { id } }`,
      variables: { i: { nme: 'x' } },
      code: 'BAD_USER_INPUT',
    }),
    'a variable of the wrong type': () => ({
      who: 'user',
      query: `query($n: Int) { workspaces(first: $n) { totalCount } }`,
      variables: { n: 'ten' },
      code: 'BAD_USER_INPUT',
    }),
    'a syntax error': () => ({ who: 'user', query: `{ me { id }`, code: 'BAD_USER_INPUT' }),
    'more than 10,000 tokens': () => ({
      who: 'user',
      query: `{ ${'me { id } '.repeat(3000)} }`,
      code: 'BAD_USER_INPUT',
      message: /more tha[nt] 10000 tokens/,
    }),
    'an anonymous protected query': () => ({
      who: 'anonymous',
      query: `{ me { id } }`,
      code: 'UNAUTHENTICATED',
    }),
    'an expired token': () => ({
      who: 'expired',
      query: `{ me { id } }`,
      code: 'UNAUTHENTICATED',
    }),
  };

  it.each(Object.keys(HOSTILE))('%s', async (name) => {
    const h = HOSTILE[name]!();
    const token = h.who === 'user' ? user.token : h.who === 'expired' ? expiredToken() : undefined;
    const http = await t.gql(h.query, h.variables ?? {}, token);
    const ws = await wsRequest(t, h.query, h.variables ?? {}, token);
    for (const [transport, res] of [
      ['HTTP', http],
      ['graphql-ws', ws],
    ] as const) {
      expect({ transport, code: codeOf(res), data: res.data ?? null }).toEqual({
        transport,
        code: h.code,
        data: null,
      });
      const message = res.errors?.[0]?.message ?? '';
      if (h.message) expect(message).toMatch(h.message);
      expect(message).not.toMatch(/Did you mean|stack|RangeError|at .*\.js/);
    }
    expect(ws.errors?.[0]?.message).toBe(http.errors?.[0]?.message);
    if (h.code === 'BAD_USER_INPUT') expect(http.status).toBe(400);
  });

  it('answers a NUL that reaches PostgreSQL through REST with 400 BAD_USER_INPUT, not 500', async () => {
    const { user, projectId } = await t.newProject();
    const res = await t.upload(projectId, user.token, {
      name: 'nul.txt',
      title: 'Kick-off\u0000call',
      bytes: 'Ann: hello\nBob: hi\n',
    });
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ code: 'BAD_USER_INPUT' });
    expect(JSON.stringify(res.body)).toMatch(/NUL character/);
  });

  it('stores nothing when a refusal is for NUL, and maps a NUL that reaches PostgreSQL to BAD_USER_INPUT', async () => {
    const { refusedTextError } = await import('../errors/domain-error');
    const mapped = refusedTextError({ driverError: { code: '22021' } });
    expect(mapped?.kind).toBe('BAD_USER_INPUT');
    expect(refusedTextError({ code: '22P05' })?.kind).toBe('BAD_USER_INPUT');
    expect(refusedTextError({ code: '23505' })).toBeNull();
    const before = await t.ok<{ workspaces: { totalCount: number } }>(
      `{ workspaces { totalCount } }`,
      {},
      user.token,
    );
    await t.gql(
      `mutation($i: CreateWorkspaceInput!) { createWorkspace(input: $i) { id } }`,
      { i: { name: 'a\u0000b' } },
      user.token,
    );
    const after = await t.ok<{ workspaces: { totalCount: number } }>(
      `{ workspaces { totalCount } }`,
      {},
      user.token,
    );
    expect(after.workspaces.totalCount).toBe(before.workspaces.totalCount);
  });
});

describe('guards and interceptors over graphql-ws', () => {
  let t: TestApp;
  beforeAll(async () => (t = await TestApp.start({ RATE_LIMIT_LOGIN: '2/1m' })));
  afterAll(() => t.close());

  it('applies the PolicyGuard to queries and mutations on the socket', async () => {
    const { user, projectId } = await t.newProject();
    const outsider = await t.signUp();
    const query = `query($id: ID!) { project(id: $id) { id name } }`;
    expect((await wsRequest(t, query, { id: projectId }, user.token)).errors).toBeUndefined();
    const refused = await wsRequest(t, query, { id: projectId }, outsider.token);
    expect(codeOf(refused)).toBe('NOT_FOUND');
    expect(refused.data ?? null).toBeNull();
    const rename = await wsRequest(
      t,
      `mutation($i: CreateProjectInput!) { createProject(input: $i) { id } }`,
      { i: { workspaceId: (await t.newProject()).workspaceId, name: 'Not mine' } },
      outsider.token,
    );
    expect(codeOf(rename)).toBe('NOT_FOUND');
  });

  it('runs at most 100 operations at once on one connection', async () => {
    const { user, projectId } = await t.newProject();
    const client = wsClient(t, user.token);
    const refusals: unknown[] = [];
    const stops: (() => void)[] = [];
    try {
      for (let i = 0; i < 101; i++)
        stops.push(
          client.subscribe(
            {
              query: `subscription($p: ID!) { transcriptUpdated(projectId: $p) { id } }`,
              variables: { p: projectId },
            },
            { next: () => undefined, error: (e) => refusals.push(e), complete: () => undefined },
          ),
        );
      for (let i = 0; i < 100 && !refusals.length; i++) await new Promise((r) => setTimeout(r, 50));
      expect(refusals).toHaveLength(1);
      expect(JSON.stringify(refusals[0])).toMatch(
        /At most 100 operations may run at once.*BAD_USER_INPUT/,
      );
    } finally {
      stops.forEach((stop) => stop());
      await client.dispose();
    }
  });

  it('counts failed log-ins on the socket and over HTTP against the same limit', async () => {
    const user = await t.signUp();
    const LOG_IN = `mutation($i: LogInInput!) { logIn(input: $i) { token } }`;
    const wrong = { i: { email: user.email, password: 'not the password' } };
    expect(codeOf(await wsRequest(t, LOG_IN, wrong))).toBe('UNAUTHENTICATED');
    expect(codeOf(await t.gql(LOG_IN, wrong))).toBe('UNAUTHENTICATED');
    const limited = await wsRequest(t, LOG_IN, {
      i: { email: user.email, password: 'correct horse battery staple' },
    });
    expect(codeOf(limited)).toBe('TOO_MANY_REQUESTS');
    expect(limited.errors?.[0]?.extensions?.['retryAfterSeconds']).toBeGreaterThan(0);
  });
});
